import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../server/src/testing/identity.ts';
import { axeViolations } from './src/axe.ts';
import { launchBrowser, screenshot } from './src/browser.ts';
import { signInThroughApi, startSamenspel } from './src/server.ts';

let samenspel: Awaited<ReturnType<typeof startSamenspel>>;
let browser: Browser;
const pages = new Map<string, { context: BrowserContext; page: Page }>();
let caseUrl = '';
let signalReference = '';

async function pageFor(name: string, options: Parameters<typeof createUser>[2]): Promise<Page> {
  const user = await createUser(samenspel.database.db, samenspel.keys, options);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
  await signInThroughApi(context, samenspel, user);
  const page = await context.newPage();
  pages.set(name, { context, page });
  return page;
}

function page(name: string): Page {
  const found = pages.get(name);
  if (!found) throw new Error(name);
  return found.page;
}

async function api(name: string, method: 'POST', url: string, data: object) {
  const p = page(name);
  const me = await (await p.request.get(`${samenspel.url}/api/v1/me`)).json();
  const response = await p.request.fetch(`${samenspel.url}${url}`, {
    method,
    headers: { 'x-csrf-token': me.session.csrfToken },
    data,
  });
  if (response.status() >= 300) throw new Error(`${url}: ${response.status()} ${await response.text()}`);
  return response.json();
}

beforeAll(async () => {
  samenspel = await startSamenspel();
  browser = await launchBrowser();
  await pageFor('gemeente', { roles: ['partner_staff'], organisationCode: 'GM0344' });
  await pageFor('analist', { roles: ['riec_analyst'] });
  await pageFor('regisseur', { roles: ['case_director'] });
  await pageFor('voorzitter', { roles: ['meeting_chair'], organisationCode: 'politie' });
  await pageFor('politie', { roles: ['partner_staff'], organisationCode: 'politie' });
  await pageFor('belastingdienst', { roles: ['partner_staff'], organisationCode: 'belastingdienst' });
  await pageFor('amersfoort', { roles: ['partner_staff'], organisationCode: 'GM0307' });

  // An accepted signal, through the API (the signals test walks this path in the browser).
  const me = await (await page('gemeente').request.get(`${samenspel.url}/api/v1/me`)).json();
  const theme = await samenspel.database.db
    .selectFrom('themes')
    .select('id')
    .where('scope', '=', 'national')
    .executeTakeFirstOrThrow();
  const signal = await api('gemeente', 'POST', '/api/v1/signals', {
    submit: true,
    submittingOrganisationIds: [me.organisation.id],
    source: 'partner',
    description: 'Kapsalon met veel contante omzet en wisselende huurders.',
    municipalityCode: 'GM0344',
    themeIds: [theme.id],
    urgency: 'high',
    subjects: [{ kind: 'person', firstNames: 'Jan', surname: 'Berg', dateOfBirth: '1980-04-12' }],
  });
  signalReference = signal.reference;
  const step = (who: string, body: object) =>
    api(who, 'POST', `/api/v1/signals/${signal.id}/transitions`, body);
  await step('analist', { type: 'discussed' });
  const police = await samenspel.database.db
    .selectFrom('partnerOrganisations')
    .select('id')
    .where('code', '=', 'politie')
    .executeTakeFirstOrThrow();
  await step('analist', {
    type: 'substantiated',
    note: 'Samen',
    organisationIds: [me.organisation.id, police.id],
  });
  await step('analist', { type: 'triaged', route: 'quick', reason: 'Duidelijk' });
  await step('voorzitter', { type: 'decided', decision: 'accepted' });
});

afterAll(async () => {
  for (const { context } of pages.values()) await context.close();
  await browser?.close();
  await samenspel?.close();
});

describe('a case from accepted signal to closure, in the browser', () => {
  it('the analyst starts a case from the accepted signal', async () => {
    const p = page('analist');
    await p.goto(samenspel.url);
    await p.getByRole('link', { name: 'Casussen' }).click();
    await p.getByRole('link', { name: 'Nieuwe casus' }).click();
    await p.getByRole('heading', { level: 1, name: 'Nieuwe casus' }).waitFor();
    await p.getByLabel(new RegExp(`^${signalReference}`)).check();
    await p.getByLabel('Codenaam').fill('Schaar');
    await p.getByLabel('District').selectOption({ label: 'Utrecht-Stad' });
    await p.getByRole('group', { name: 'Gemeenten' }).getByLabel('Utrecht').check();
    await p.getByRole('group', { name: 'Deelnemende partners' }).getByLabel('Gemeente Utrecht').check();
    await p.getByRole('group', { name: "Thema's" }).getByRole('checkbox').first().check();
    expect(await axeViolations(p)).toEqual([]);
    await p.getByRole('button', { name: 'Casus starten' }).click();
    await p.getByRole('heading', { level: 1, name: 'Schaar' }).waitFor();
    caseUrl = p.url();
  });

  it('the director records goal and strategy, moves on and brings in the police and the Tax Administration', async () => {
    const p = page('regisseur');
    await p.goto(caseUrl);
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
    for (const [who, basis] of [
      ['politie', 'Wet politiegegevens, art. 16 lid 1 sub c (samenwerkingsverband)'],
      ['belastingdienst', 'Algemene wet inzake rijksbelastingen, art. 43c'],
    ] as const) {
      const p = page(who);
      await p.goto(caseUrl);
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
    }
    expect(await axeViolations(page('belastingdienst'))).toEqual([]);
    // A municipality that does not take part cannot tell the case exists.
    const outsider = page('amersfoort');
    await outsider.goto(caseUrl);
    await outsider.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' }).waitFor();
  });

  it('the director takes over the subject, fills the matrix and records communication; the police attach a file; the chair prioritises', async () => {
    const director = page('regisseur');
    await director.goto(caseUrl);
    const subject = director.getByRole('form', { name: 'Betrokkene toevoegen' });
    await subject.getByLabel('Rol').selectOption({ label: 'Hoofdsubject' });
    await subject.getByLabel('Uit een signaal').selectOption({ label: 'Jan Berg (1980-04-12)' });
    await subject.getByRole('button', { name: 'Toevoegen' }).click();
    await director.getByText('Hoofdsubject: Jan Berg (1980-04-12)').waitFor();
    const matrix = director.getByRole('form', { name: 'Regel in de matrix' });
    await matrix.getByLabel('Barrière of kans').fill('Contante omzet zonder administratie');
    await matrix.getByLabel('Interventie').selectOption({ label: 'Fiscaal: Boekenonderzoek' });
    await matrix.getByLabel('Organisatie').selectOption({ label: 'Belastingdienst' });
    await matrix.getByLabel('Gekozen in de strategie').selectOption({ label: 'Ja' });
    await matrix.getByRole('button', { name: 'Toevoegen' }).click();
    await director
      .getByText('Contante omzet zonder administratie: Boekenonderzoek (Belastingdienst) — gekozen')
      .waitFor();
    const communication = director.getByRole('form', { name: 'Communicatie vastleggen' });
    await communication.getByLabel('Kanaal').fill('Bewonersbrief');
    await communication.getByLabel('Omschrijving').fill('Buurt geïnformeerd over de aanpak');
    await communication.getByRole('button', { name: 'Toevoegen' }).click();
    await director.getByText('Bewonersbrief: Buurt geïnformeerd over de aanpak', { exact: false }).waitFor();

    const police = page('politie');
    await police.goto(caseUrl);
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
    const download = await police.request.get(`${samenspel.url}${await link.getAttribute('href')}`);
    expect(download.status()).toBe(200);
    expect(Buffer.compare(await download.body(), pdf)).toBe(0);

    const chair = page('voorzitter');
    await chair.goto(caseUrl);
    const priority = chair.getByRole('form', { name: 'Prioriteit zetten (DTO)' });
    await priority.getByLabel('Prioriteit').selectOption('1');
    await priority.getByRole('button', { name: 'Vastleggen' }).click();
    await chair.getByText('Prioriteit dit kwartaal: 1').waitFor();
  });

  it('an advice becomes an intervention with a confiscation result', async () => {
    const director = page('regisseur');
    await director.goto(caseUrl);
    const advice = director.getByRole('form', { name: 'Advies geven' });
    await advice.getByLabel('Soort').selectOption({ label: 'Fiscaal' });
    await advice.getByLabel('Organisatie').selectOption({ label: 'Belastingdienst' });
    await advice.getByLabel('Omschrijving').fill('Boekenonderzoek en navordering');
    await advice.getByRole('button', { name: 'Toevoegen' }).click();
    await director.getByText('Boekenonderzoek en navordering (gegeven)', { exact: false }).waitFor();
    await director.getByRole('button', { name: 'Naar fase Analyse' }).click();
    await director.getByRole('button', { name: 'Naar fase Interventie' }).click();
    await director.getByRole('button', { name: 'Naar fase Evaluatie' }).waitFor();

    const tax = page('belastingdienst');
    await tax.goto(caseUrl);
    const intervention = tax.getByRole('form', { name: 'Interventie vastleggen' });
    await intervention
      .getByLabel('Op advies')
      .selectOption({ label: 'Fiscaal: Boekenonderzoek en navordering' });
    await intervention.getByLabel('Soort').selectOption({ label: 'Fiscaal' });
    await intervention.getByLabel('Omschrijving').fill('Navorderingsaanslag opgelegd');
    await intervention.getByRole('button', { name: 'Toevoegen' }).click();
    await tax.getByText('Navorderingsaanslag opgelegd', { exact: false }).first().waitFor();
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
    const p = page('regisseur');
    await p.goto(caseUrl);
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

    await p.goto(`${samenspel.url}/casussen`);
    const row = p.getByRole('row', { name: /Schaar/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Gesloten');
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, 'cases');
  });
});
