import type { AnnualReport, PublishedReport } from '@samenspel/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cast, createTestApp, newCase, type TestApp, testEngine } from '../../testing/index.js';
import { reportPdf } from './annual-reports.pdf.js';

/** The PDF read back as a reader would: its outline, its text, its PDF/A claim. */
async function readPdf(bytes: Uint8Array) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  const outline = (await doc.getOutline()) ?? [];
  const titles = (items: typeof outline): string[] =>
    items.flatMap((i) => [i.title, ...titles(i.items ?? [])]);
  let text = '';
  for (let n = 1; n <= doc.numPages; n += 1) {
    const content = await (await doc.getPage(n)).getTextContent();
    text += `${content.items.map((i) => ('str' in i ? i.str : '')).join(' ')}\n`;
  }
  const { metadata } = await doc.getMetadata();
  return { pages: doc.numPages, outline: titles(outline), text, pdfa: metadata?.get('pdfaid:part') ?? null };
}

/**
 * The annual report from draft to publication, on a year of its own (2017): sections written by
 * their owners and approved, the whole frozen, and the published report unchanged after the
 * cases behind it are gone.
 */
let t: TestApp;
let cast: Cast;
const api = '/api/v1/annual-reports';

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

describe(`the annual report on ${testEngine()}`, () => {
  it('goes from draft to published, section by section, and stays as published', async () => {
    const manager = await cast.manager();
    const analyst = await cast.analyst();
    for (const d of ['02-01', '03-01', '04-01']) await newCase(cast, { startedOn: `2017-${d}` });
    await cast.ok(manager, 'POST', '/api/v1/programmes', {
      year: 2017,
      kind: 'district',
      districtId: 'utrecht-stad',
      name: 'Districtsplan Utrecht-Stad 2017',
    });
    await cast.ok(manager, 'PUT', '/api/v1/finance/2017', {
      lines: [
        { line: 'justice-contribution', budget: 1_000_000, realisation: 1_000_000 },
        { line: 'personnel', budget: 1_000_000, realisation: 990_000 },
      ],
    });
    // Places: six inspections in Utrecht in 2017, four of them integral.
    for (const [i, integral] of [true, true, true, true, false, false].entries()) {
      const held = `2017-0${i + 3}-10`;
      const inspection = await cast.ok<{ id: string }>(analyst, 'POST', '/api/v1/inspections', {
        municipalityCode: 'GM0344',
        integral,
        plannedOn: held,
        organisationIds: [await cast.org('politie')],
      });
      await cast.ok(analyst, 'POST', `/api/v1/inspections/${inspection.id}/steps`, {
        type: 'held',
        happenedOn: held,
      });
    }
    // Places: seven risk locations flagged in Utrecht in 2017.
    for (let i = 0; i < 7; i++)
      await cast.ok(analyst, 'POST', '/api/v1/locations', {
        kind: 'business-unit',
        municipalityCode: 'GM0344',
        address: { street: 'Industrieweg', houseNumber: 200 + i, postcode: '3542 AD', place: 'Utrecht' },
        happenedOn: `2017-0${i + 1}-15`,
      });
    let report = await cast.ok<AnnualReport>(manager, 'POST', api, { year: 2017 });
    expect(report.items.map((s) => s.key)).toEqual([
      'regio',
      'districten',
      'district-utrecht-stad',
      'programmas',
      'financien',
      'verantwoording',
    ]);
    // The small-numbers rule: three cases are "< 5" in the district table, exact in the national one.
    const table = (r: AnnualReport, key: string) => r.items.find((s) => s.key === key)?.tables[0];
    const stad = table(report, 'districten')?.rows.find((r) => r.label === 'Utrecht-Stad');
    // None and a few look the same: zero is below the minimum too.
    expect(stad?.cells.map((c) => c.display)).toEqual(['< 5', '< 5', '< 5']);
    expect(table(report, 'verantwoording')?.rows.find((r) => r.label.startsWith('2a'))?.cells[0]).toEqual({
      value: 3,
      display: '3',
    });
    expect(table(report, 'financien')?.rows.find((r) => r.label === 'Totaal lasten')?.cells[1]?.display).toBe(
      '990',
    );
    // The map of Places: every municipality of the region at the year's end in the table (38 of
    // today's 39: Vijfheerenlanden began in 2019), Utrecht's seven risk locations and six
    // inspections shown, none addressed; on the map one municipality coloured, the others white.
    const map = table(report, 'regio');
    expect(map?.rows).toHaveLength(38);
    expect(map?.rows.map((r) => r.label)).not.toContain('Vijfheerenlanden');
    expect(map?.rows.find((r) => r.label === 'Utrecht')?.cells).toEqual([
      { value: 7, display: '7' },
      { value: null, display: '< 5' },
      { value: 6, display: '6' },
    ]);
    expect(map?.rows.find((r) => r.label === 'Almere')?.cells[0]).toEqual({ value: null, display: '< 5' });
    expect(map?.graphic?.kind).toBe('map');
    const fills = [...(map?.graphic?.svg.matchAll(/<path d="[^"]+" fill="(#[0-9a-f]{6})"/g) ?? [])].map(
      (m) => m[1],
    );
    expect(fills).toHaveLength(38);
    expect(fills.filter((f) => f !== '#ffffff')).toEqual(['#c6dbef']); // 7 lies in the first class, 5 to 10
    expect(map?.graphic?.description).toContain('37 gemeenten met geen of minder dan 5 risicolocaties');
    // The districts' chart draws a bar only for a published count.
    expect(table(report, 'districten')?.graphic?.kind).toBe('chart');

    // The manager gives the region's section to the analyst, who writes and submits it; partner
    // staff write no report and cannot be chosen.
    const regio = report.items[0];
    const staffMember = await cast.staff('GM0344');
    const { items: owners } = await cast.ok<{ items: Array<{ id: string }> }>(
      manager,
      'GET',
      `${api}/${report.id}/possible-owners`,
    );
    expect(owners.map((o) => o.id)).toEqual(expect.arrayContaining([analyst.user.id, manager.user.id]));
    expect(owners.map((o) => o.id)).not.toContain(staffMember.user.id);
    const notAWriter = await cast.call(manager, 'PUT', `${api}/${report.id}/sections/${regio?.id}/owner`, {
      ownerId: staffMember.user.id,
    });
    expect(notAWriter.json().invalidParams[0].code).toBe('not_a_writer');
    report = await cast.ok(manager, 'PUT', `${api}/${report.id}/sections/${regio?.id}/owner`, {
      ownerId: analyst.user.id,
    });
    const section = `${api}/${report.id}/sections/${regio?.id}`;
    await cast.ok(analyst, 'PUT', `${section}/prose`, { prose: 'Een jaar van samenwerking.' });
    await cast.ok(analyst, 'PUT', `${section}/prose`, { prose: 'Een jaar van goede samenwerking.' });
    report = await cast.ok(analyst, 'POST', `${section}/steps`, { type: 'submit' });
    expect(report.items[0]).toMatchObject({ status: 'submitted', prose: 'Een jaar van goede samenwerking.' });
    // Submitted: the owner cannot change it, nor approve it.
    const locked = await cast.call(analyst, 'PUT', `${section}/prose`, { prose: 'Anders' });
    expect(locked.json().invalidParams[0].code).toBe('not_a_draft');
    expect((await cast.call(analyst, 'POST', `${section}/steps`, { type: 'approve' })).statusCode).toBe(404);
    // Returned with a note, changed, submitted again and approved.
    await cast.ok(manager, 'POST', `${section}/steps`, { type: 'return', note: 'Noem de districten.' });
    await cast.ok(analyst, 'PUT', `${section}/prose`, {
      prose: 'Een jaar van goede samenwerking in vijf districten.',
    });
    await cast.ok(analyst, 'POST', `${section}/steps`, { type: 'submit' });
    report = await cast.ok(manager, 'POST', `${section}/steps`, { type: 'approve' });
    expect(report.items[0]?.history.map((h) => h.status)).toEqual([
      'approved',
      'submitted',
      'draft',
      'returned',
      'submitted',
      'draft',
      'draft',
    ]);
    // Someone who does not own a section cannot write it, and nobody learns more than "not found".
    const other = report.items[1];
    expect(
      (await cast.call(analyst, 'PUT', `${api}/${report.id}/sections/${other?.id}/prose`, { prose: 'x' }))
        .statusCode,
    ).toBe(404);

    // Publishing waits for every section, and names each one still open.
    const early = await cast.call(manager, 'POST', `${api}/${report.id}/publication`);
    expect(early.statusCode).toBe(400);
    expect(early.json().invalidParams).toHaveLength(5);
    for (const s of report.items.slice(1)) {
      const url = `${api}/${report.id}/sections/${s.id}`;
      await cast.ok(manager, 'PUT', `${url}/prose`, { prose: `Tekst van ${s.title}.` });
      await cast.ok(manager, 'POST', `${url}/steps`, { type: 'submit' });
      await cast.ok(manager, 'POST', `${url}/steps`, { type: 'approve' });
    }
    const published = await cast.ok<PublishedReport>(manager, 'POST', `${api}/${report.id}/publication`);
    expect(published.sections.map((s) => [s.key, s.level])).toEqual([
      ['regio', 1],
      ['districten', 1],
      ['district-utrecht-stad', 2],
      ['programmas', 1],
      ['financien', 1],
      ['verantwoording', 1],
    ]);
    expect(published.sha256).toMatch(/^[0-9a-f]{64}$/);

    // The archival PDF: the sections are its outline, every page numbered, PDF/A-2b, and the
    // same frozen report gives the same bytes.
    const download = await cast.call(manager, 'GET', `${api}/${report.id}/publication.pdf`);
    expect(download.headers['content-type']).toBe('application/pdf');
    const pdf = await readPdf(download.rawPayload);
    expect(pdf.outline).toEqual([
      '1 Regio Midden-Nederland',
      '2 Districten',
      '2.1 District Utrecht-Stad',
      "3 Regionale programma's",
      '4 Financiën',
      '5 Landelijke verantwoordingstabel',
      'Definities van de indicatoren',
    ]);
    expect(pdf.text).toContain('cases.handled');
    expect(pdf.text).toContain(`Pagina 1 van ${pdf.pages}`);
    expect(pdf.text.replace(/\s+/g, ' ')).toContain('Een jaar van goede samenwerking in vijf districten.');
    expect(pdf.text).toContain(published.sha256);
    expect(pdf.pdfa).toBe('2');
    // The map and the chart are in the PDF with the legend's text.
    expect(pdf.text).toContain('geen of minder dan 5');
    expect(pdf.text).toContain('Risicolocaties en controles per gemeente, 2017');
    expect(Buffer.compare(reportPdf(published), download.rawPayload)).toBe(0);

    // Every signed-in user of the region reads it; the draft view stays with those who wrote it.
    const staff = await cast.staff('GM0344');
    const read = await cast.ok<PublishedReport>(staff, 'GET', `${api}/${report.id}/publication`);
    expect(read).toEqual(published);
    expect((await cast.call(staff, 'GET', `${api}/${report.id}`)).statusCode).toBe(404);
    const csv = await cast.call(staff, 'GET', `${api}/${report.id}/publication/tables/casussen-per-district`);
    expect(csv.body).toContain('"Utrecht-Stad";"< 5";"< 5";"< 5"');
    // Published means frozen: no more changes.
    expect((await cast.call(manager, 'POST', `${api}/${report.id}/publication`)).statusCode).toBe(400);

    // Retention deletes the cases of 2017: the published report reads exactly the same.
    await sql`delete from cases where started_on between '2017-01-01' and '2017-12-31'`.execute(
      t.database.db,
    );
    const after = await cast.ok<PublishedReport>(staff, 'GET', `${api}/${report.id}/publication`);
    expect(after).toEqual(published);
    const live = await cast.ok<AnnualReport>(manager, 'GET', `${api}/${report.id}`);
    expect(table(live, 'verantwoording')?.rows.find((r) => r.label.startsWith('2a'))?.cells[0]?.value).toBe(
      0,
    );
  });

  it('refuses a second report for a year, and lets only programme managers start one', async () => {
    const manager = await cast.manager();
    await cast.ok(manager, 'POST', api, { year: 2018 });
    const twice = await cast.call(manager, 'POST', api, { year: 2018 });
    expect(twice.json().invalidParams[0].code).toBe('report_exists');
    expect((await cast.call(await cast.analyst(), 'POST', api, { year: 2019 })).statusCode).toBe(403);
    // A draft is not listed for partner staff; it is for the manager.
    const staff = await cast.staff('GM0344');
    const { items } = (await cast.call(staff, 'GET', api)).json();
    expect(items.some((r: { year: number }) => r.year === 2018)).toBe(false);
  });
});
