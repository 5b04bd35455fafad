import type { AnnualReport } from '@samenspel/contracts';
import type { DemoClock } from './clock.js';

/**
 * The demo's annual report over 2021, written, approved and published in March 2022: the
 * sections of the annual plan with their figures from the record, and short prose marked as demo
 * text (the real plan's prose is the RIEC's own; the demo does not copy it).
 */
export async function seedDemoAnnualReport(demo: DemoClock): Promise<number> {
  const { as, actorOf } = demo;
  const { annualReports } = demo.services;
  const manager = as(await actorOf('programmamanager@riec-mn.example'));
  const analyst = await actorOf('analist@riec-mn.example');
  if ((await annualReports.list(manager)).some((r) => r.year === 2021)) return 0;
  demo.set(new Date('2022-02-01T09:00:00Z'));
  let report: AnnualReport = await annualReports.create(manager, {
    year: 2021,
    title: 'Jaarverslag 2021 RIEC Midden-Nederland',
  });
  const analystId = analyst.kind === 'user' ? analyst.userId : null;
  for (const [i, section] of report.items.entries()) {
    // The analyst writes the region's chapter; the programme manager the others.
    const writer = i === 0 && analystId ? as(analyst) : manager;
    if (i === 0 && analystId)
      report = await annualReports.setOwner(manager, report.id, section.id, analystId);
    demo.set(new Date(`2022-02-${String(10 + (i % 15)).padStart(2, '0')}T10:00:00Z`));
    await annualReports.writeProse(
      writer,
      report.id,
      section.id,
      `[Demotekst] ${section.title}: wat de partners in 2021 samen deden en wat het opleverde. De cijfers hieronder komen uit Samenspel.\n\n[Demotekst] Een tweede alinea met de lessen voor 2022.`,
    );
    await annualReports.step(writer, report.id, section.id, { type: 'submit' });
    await annualReports.step(manager, report.id, section.id, { type: 'approve' });
  }
  demo.set(new Date('2022-03-15T10:00:00Z'));
  await annualReports.publish(manager, report.id);
  return report.items.length;
}
