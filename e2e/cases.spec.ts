import type { CaseDetail } from '@samenspel/contracts';
import { describe, expect, it } from 'vitest';
import {
  dutchDay,
  newAcceptedSignal,
  newCase,
  newPerson,
  uniqueSurname,
} from '../server/src/testing/factories.ts';
import { axeViolations } from './src/axe.ts';
import { screenshot } from './src/browser.ts';
import { BrowserSpec } from './src/spec.ts';

const spec = new BrowserSpec();

const caseUrl = (c: CaseDetail) => `${spec.samenspel.url}/casussen/${c.id}`;
/** The municipality, the police and the Tax Administration take part. */
const partners = ['GM0344', 'politie', 'belastingdienst'];

describe('a case from accepted signal to closure, in the browser', () => {
  it('the analyst starts a case from the accepted signal', async () => {
    const signal = await newAcceptedSignal(spec.cast, { submitters: ['GM0344'] });
    await spec.cast.director(); // the case director the form proposes
    const p = await spec.visitors.page(await spec.cast.analyst());
    await p.goto(spec.samenspel.url);
    await p.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Casussen' }).click();
    await p.getByRole('link', { name: 'Nieuwe casus' }).click();
    await p.getByRole('heading', { level: 1, name: 'Nieuwe casus' }).waitFor();
    await p.getByLabel(new RegExp(`^${signal.reference}`)).check();
    await p.getByLabel('Codenaam').fill('Schaar');
    await p.getByLabel('District').selectOption({ label: 'Utrecht-Stad' });
    await p.getByRole('group', { name: 'Gemeenten' }).getByLabel('Utrecht').check();
    await p.getByRole('group', { name: 'Deelnemende partners' }).getByLabel('Gemeente Utrecht').check();
    await p.getByRole('group', { name: "Thema's" }).getByRole('checkbox').first().check();
    expect(await axeViolations(p)).toEqual([]);
    await p.getByRole('button', { name: 'Casus starten' }).click();
    await p.getByRole('heading', { level: 1, name: 'Schaar' }).waitFor();
  });

  it('the director records goal and strategy, moves on and brings in the police and the Tax Administration', async () => {
    const c = await newCase(spec.cast, { participants: ['GM0344'] });
    const p = await spec.visitors.page(await spec.cast.director());
    await p.goto(caseUrl(c));
    const goal = p.getByRole('form', { name: 'Doel en strategie' });
    await goal.getByLabel('Doel').fill('Criminele inkomsten afpakken en het pand sluiten');
    await goal.getByLabel('Strategie').fill('Fiscaal spoor en bestuurlijke sluiting');
    await goal.getByRole('button', { name: 'Vastleggen' }).click();
    await p.getByRole('button', { name: 'Naar fase Informatie' }).click();
    await p.getByRole('button', { name: 'Naar fase Analyse' }).waitFor();
    const add = p.getByRole('form', { name: 'Partner toevoegen' });
    for (const name of ['Politie eenheid Midden-Nederland', 'Belastingdienst']) {
      await add.getByLabel('Organisatie').selectOption({ label: name });
      await add.getByLabel('Reden').fill('Eigen bevoegdheden nodig');
      await add.getByRole('button', { name: 'Toevoegen' }).click();
      await p
        .getByRole('region', { name: 'Deelnemende partners' })
        .getByText(name, { exact: false })
        .first()
        .waitFor();
    }
  });

  it('the police and the Tax Administration each provide information under a legal basis', async () => {
    const c = await newCase(spec.cast, { phase: 'information', participants: partners });
    for (const [who, basis] of [
      ['politie', 'Wet politiegegevens, art. 16 lid 1 sub c (samenwerkingsverband)'],
      ['belastingdienst', 'Algemene wet inzake rijksbelastingen, art. 43c'],
    ] as const) {
      const p = await spec.visitors.page(await spec.cast.staff(who));
      await p.goto(caseUrl(c));
      const form = p.getByRole('form', { name: 'Informatie verstrekken' });
      await form.getByLabel('Titel').fill(`Gegevens van ${who}`);
      await form.getByLabel('Inhoud').fill('Relevante gegevens voor deze casus.');
      await form.getByRole('button', { name: 'Toevoegen' }).click();
      await form
        .getByText('Kies een grondslag', { exact: false })
        .or(form.getByText('verplicht', { exact: false }))
        .first()
        .waitFor();
      await form.getByLabel('Grondslag').selectOption({ label: basis });
      await form.getByRole('button', { name: 'Toevoegen' }).click();
      await p.getByRole('region', { name: 'Verstrekkingen' }).getByText(`Gegevens van ${who}`).waitFor();
      if (who === 'belastingdienst') expect(await axeViolations(p)).toEqual([]);
    }
  });

  it('keeps the case hidden from a municipality that does not take part', async () => {
    const c = await newCase(spec.cast, { phase: 'information', participants: partners });
    const outsider = await spec.visitors.page(await spec.cast.staff('GM0307'));
    await outsider.goto(caseUrl(c));
    await outsider.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' }).waitFor();
  });

  it('the director takes over a subject from the signal', async () => {
    const surname = uniqueSurname();
    const signal = await newAcceptedSignal(spec.cast, { subjects: [newPerson({ surname })] });
    const c = await newCase(spec.cast, { phase: 'information', participants: partners, fromSignal: signal });
    const label = `Jan ${surname} (1980-04-12)`;
    const director = await spec.visitors.page(await spec.cast.director());
    await director.goto(caseUrl(c));
    const subject = director.getByRole('form', { name: 'Betrokkene toevoegen' });
    await subject.getByLabel('Rol').selectOption({ label: 'Hoofdsubject' });
    await subject.getByLabel('Uit een signaal').selectOption({ label });
    await subject.getByRole('button', { name: 'Toevoegen' }).click();
    await director.getByText(`Hoofdsubject: ${label}`).waitFor();
  });

  it('the director fills the intervention matrix', async () => {
    const c = await newCase(spec.cast, { phase: 'information', participants: partners });
    const director = await spec.visitors.page(await spec.cast.director());
    await director.goto(caseUrl(c));
    const matrix = director.getByRole('form', { name: 'Regel in de matrix' });
    await matrix.getByLabel('Barrière of kans').fill('Contante omzet zonder administratie');
    await matrix.getByLabel('Interventie').selectOption({ label: 'Fiscaal: Boekenonderzoek' });
    await matrix.getByLabel('Organisatie').selectOption({ label: 'Belastingdienst' });
    await matrix.getByLabel('Gekozen in de strategie').selectOption({ label: 'Ja' });
    await matrix.getByRole('button', { name: 'Toevoegen' }).click();
    await director
      .getByText('Contante omzet zonder administratie: Boekenonderzoek (Belastingdienst) — gekozen')
      .waitFor();
  });

  it('the director records communication about the case', async () => {
    const c = await newCase(spec.cast, { phase: 'information', participants: partners });
    const director = await spec.visitors.page(await spec.cast.director());
    await director.goto(caseUrl(c));
    const communication = director.getByRole('form', { name: 'Communicatie vastleggen' });
    await communication.getByLabel('Kanaal').fill('Bewonersbrief');
    await communication.getByLabel('Omschrijving').fill('Buurt geïnformeerd over de aanpak');
    await communication.getByRole('button', { name: 'Toevoegen' }).click();
    await director.getByText('Bewonersbrief: Buurt geïnformeerd over de aanpak', { exact: false }).waitFor();
  });

  it('the police attach a file, after one whose content does not match its type is refused', async () => {
    const c = await newCase(spec.cast, { phase: 'information', participants: partners });
    const police = await spec.visitors.page(await spec.cast.staff('politie'));
    await police.goto(caseUrl(c));
    const upload = police.getByRole('form', { name: 'Bijlage toevoegen' });
    await upload.getByLabel(/^Bestand/).setInputFiles({
      name: 'factuur.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('MZ geen pdf'),
    });
    await upload.getByRole('button', { name: 'Uploaden' }).click();
    await upload.getByText('De inhoud van het bestand past niet bij het bestandstype.').waitFor();
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'),
      Buffer.alloc(200_000, 7),
    ]);
    await upload
      .getByLabel(/^Bestand/)
      .setInputFiles({ name: 'proces-verbaal.pdf', mimeType: 'application/pdf', buffer: pdf });
    await upload.getByRole('button', { name: 'Uploaden' }).click();
    const link = police.getByRole('link', { name: 'proces-verbaal.pdf' });
    await link.waitFor();
    expect(await axeViolations(police)).toEqual([]);
    const download = await police.request.get(`${spec.samenspel.url}${await link.getAttribute('href')}`);
    expect(download.status()).toBe(200);
    expect(Buffer.compare(await download.body(), pdf)).toBe(0);
  });

  it('the chair gives the case a priority for this quarter', async () => {
    const c = await newCase(spec.cast, { phase: 'information', participants: partners });
    const chair = await spec.visitors.page(await spec.cast.chair());
    await chair.goto(caseUrl(c));
    const priority = chair.getByRole('form', { name: 'Prioriteit zetten (DTO)' });
    await priority.getByLabel('Prioriteit').selectOption('1');
    await priority.getByRole('button', { name: 'Vastleggen' }).click();
    await chair.getByText('Prioriteit dit kwartaal: 1').waitFor();
  });

  it('the director gives an advice and moves the case on to the intervention phase', async () => {
    const c = await newCase(spec.cast, { phase: 'information', participants: partners });
    const director = await spec.visitors.page(await spec.cast.director());
    await director.goto(caseUrl(c));
    const advice = director.getByRole('form', { name: 'Advies geven' });
    await advice.getByLabel('Soort').selectOption({ label: 'Fiscaal' });
    await advice.getByLabel('Organisatie').selectOption({ label: 'Belastingdienst' });
    await advice.getByLabel('Omschrijving').fill('Boekenonderzoek en navordering');
    await advice.getByRole('button', { name: 'Toevoegen' }).click();
    await director.getByText('Boekenonderzoek en navordering (gegeven)', { exact: false }).waitFor();
    await director.getByRole('button', { name: 'Naar fase Analyse' }).click();
    await director.getByRole('button', { name: 'Naar fase Interventie' }).click();
    await director.getByRole('button', { name: 'Naar fase Evaluatie' }).waitFor();
  });

  /** A case in the intervention phase with the director's fiscal advice to the Tax Administration. */
  async function caseWithAdvice() {
    const c = await newCase(spec.cast, { phase: 'intervention', participants: partners });
    const detail = await spec.cast.ok<CaseDetail>(
      await spec.cast.director(),
      'POST',
      `/api/v1/cases/${c.id}/advices`,
      {
        kind: 'fiscal',
        organisationId: await spec.cast.org('belastingdienst'),
        givenOn: dutchDay(),
        description: 'Boekenonderzoek en navordering',
      },
    );
    const advice = detail.advices.at(-1);
    if (!advice) throw new Error('no advice given');
    return { c: detail, adviceId: advice.id };
  }

  it('the Tax Administration records an intervention on the advice', async () => {
    const { c } = await caseWithAdvice();
    const tax = await spec.visitors.page(await spec.cast.staff('belastingdienst'));
    await tax.goto(caseUrl(c));
    const intervention = tax.getByRole('form', { name: 'Interventie vastleggen' });
    await intervention
      .getByLabel('Op advies')
      .selectOption({ label: 'Fiscaal: Boekenonderzoek en navordering' });
    await intervention.getByLabel('Soort').selectOption({ label: 'Fiscaal' });
    await intervention.getByLabel('Omschrijving').fill('Navorderingsaanslag opgelegd');
    await intervention.getByRole('button', { name: 'Toevoegen' }).click();
    await tax.getByText('Navorderingsaanslag opgelegd', { exact: false }).first().waitFor();
  });

  it('the Tax Administration records a confiscation result, refusing a negative amount', async () => {
    const { c, adviceId } = await caseWithAdvice();
    await spec.cast.ok(
      await spec.cast.staff('belastingdienst'),
      'POST',
      `/api/v1/cases/${c.id}/interventions`,
      {
        adviceId,
        kind: 'fiscal',
        carriedOutOn: dutchDay(),
        description: 'Navorderingsaanslag opgelegd',
      },
    );
    const tax = await spec.visitors.page(await spec.cast.staff('belastingdienst'));
    await tax.goto(caseUrl(c));
    const result = tax.getByRole('form', { name: 'Resultaat vastleggen' });
    await result.getByLabel('Soort').selectOption({ label: 'Afpakken' });
    await result.getByLabel('Opgelegd bedrag (euro)').fill('-5');
    await result.getByRole('button', { name: 'Toevoegen' }).click();
    await result.getByText('Een bedrag kan niet negatief zijn.').waitFor();
    await result.getByLabel('Opgelegd bedrag (euro)').fill('120.000');
    await result.getByLabel('Geïnd of geschikt bedrag (euro)').fill('30.000');
    await result.getByRole('button', { name: 'Toevoegen' }).click();
    await tax.getByText('Afpakken — Belastingdienst: opgelegd € 120.000, geïnd € 30.000').waitFor();
    expect(await axeViolations(tax)).toEqual([]);
  });

  it('the director evaluates and closes the case, and the list shows its lead times', async () => {
    const c = await newCase(spec.cast, { phase: 'intervention', participants: partners, codeName: 'Schaar' });
    const p = await spec.visitors.page(await spec.cast.director());
    await p.goto(caseUrl(c));
    await p.getByRole('button', { name: 'Naar fase Evaluatie' }).click();
    const form = p.getByRole('form', { name: 'Evalueren' });
    await form.getByLabel('Wat werkte', { exact: true }).fill('Het fiscale spoor');
    await form.getByLabel('Wat werkte niet').fill('De informatie kwam laat');
    await form.getByLabel('Lessen').fill('Eerder de Belastingdienst betrekken');
    await form.getByRole('button', { name: 'Vastleggen' }).click();
    await p.getByText('Het fiscale spoor').first().waitFor();
    await p.getByRole('button', { name: 'Casus sluiten' }).click();
    await p.getByRole('listitem').filter({ hasText: 'Gesloten' }).first().waitFor();
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, 'case-closed');

    await p.goto(`${spec.samenspel.url}/casussen`);
    const row = p.getByRole('row', { name: new RegExp(c.reference) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Schaar');
    expect(await row.textContent()).toContain('Gesloten');
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, 'cases');
  });
});
