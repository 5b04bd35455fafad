import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TIMEOUT } from '../server/src/testing/database.ts';
import { Cast } from '../server/src/testing/factories.ts';
import { axeViolations } from './src/axe.ts';
import { launchBrowser, screenshot } from './src/browser.ts';
import { type Samenspel, startSamenspel } from './src/server.ts';
import { Visitors } from './src/visitors.ts';

let samenspel: Samenspel;
let browser: Browser;
let cast: Cast;
let visitors: Visitors;
/** Everything in the demo region that names or points at a person, a company or a case. */
let personal: string[] = [];

beforeAll(async () => {
  // The demo region as `samenspel seed --demo` built it once for this run.
  samenspel = await startSamenspel({ demo: true });
  const db = samenspel.database.db;
  const subjects = await db.selectFrom('caseSubjects').select('label').execute();
  const signalSubjects = await db.selectFrom('signalSubjects').select('label').execute();
  const cases = await db.selectFrom('cases').select(['reference', 'codeName']).execute();
  const signals = await db.selectFrom('signals').select('reference').execute();
  personal = [
    ...subjects.map((s) => s.label),
    ...signalSubjects.map((s) => s.label),
    ...cases.flatMap((c) => [c.reference, c.codeName]),
    ...signals.map((s) => s.reference),
  ];
  browser = await launchBrowser();
  cast = new Cast(samenspel);
  visitors = new Visitors(browser, samenspel);
}, DEMO_TIMEOUT);

afterEach(async () => {
  await visitors.close();
});

afterAll(async () => {
  await browser?.close();
  await samenspel?.close();
});

/** The programme manager on the dashboard at `query`, once the national table is shown. */
async function dashboard(query: string): Promise<Page> {
  const page = await visitors.page(await cast.manager());
  await page.goto(`${samenspel.url}/verantwoording?${query}`);
  await page.getByRole('heading', { name: 'Landelijke verantwoordingstabel' }).waitFor();
  return page;
}

/** A line of the national table, by (part of) its label. */
const row = (page: Page, label: string) =>
  page
    .getByRole('region', { name: 'Landelijke verantwoordingstabel' })
    .getByRole('table')
    .getByRole('row', { name: label })
    .first();
/** Text as a reader sees it: the non-breaking space of € 1.336.000 as a space. */
const textOf = async (page: Page, label: string) =>
  ((await row(page, label).textContent()) ?? '').replace(/\u00a0/g, ' ');
/** The district cards, each a region named by its district. */
const districtCards = (page: Page) =>
  page.getByRole('region', { name: 'Districten: doel en resultaat' }).getByRole('region');
const districtCard = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

describe('the accountability dashboard', () => {
  it('shows the demo region’s 2021 table as the annual plan has it, without personal data', async () => {
    const page = await dashboard('jaar=2021');
    await page.getByText('Midden-Nederland, 1 januari 2021 tot en met 31 december 2021').waitFor();
    expect(await row(page, 'Casussen behandeld').textContent()).toContain('129');
    expect(await row(page, 'waarvan gestart in de periode').textContent()).toContain('39');
    expect(await row(page, 'signaal van de politie').textContent()).toContain('83');
    expect(await row(page, 'Witwassen en financiële malversaties').textContent()).toContain('75');
    expect(await row(page, 'Bestuurlijk').textContent()).toContain('21');
    expect(await textOf(page, 'Afpakbedragen integraal opgelegd')).toContain('€ 1.336.000');
    expect(await textOf(page, 'waarvan geïnd of verrekend')).toContain('€ 286.000');
    const oost = districtCard(page, 'Oost-Utrecht');
    expect((await oost.getByRole('definition').allTextContents()).map(Number)).toEqual([36, 11, 18]);
    const flevoland = districtCard(page, 'Flevoland');
    expect(await flevoland.textContent()).toContain('Beoogd 12–15 behandeld: boven de bandbreedte (23)');

    // Aggregates only: no name, no code name, no reference, no link into a case or signal.
    const main = page.getByRole('main');
    const text = (await main.textContent()) ?? '';
    const leaks = personal.filter((p) => text.includes(p));
    expect(leaks).toEqual([]);
    const targets = await main
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(targets.filter((href) => href.includes('/casussen/') || href.includes('/signalen/'))).toEqual([]);

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-2021');
  });

  it('changes year and district by keyboard, and shows 2020', async () => {
    const page = await dashboard('jaar=2021');
    await row(page, 'Casussen behandeld').getByText('129').waitFor();
    await page.getByLabel('Jaar').focus();
    await page.keyboard.type('2020');
    await page.waitForURL(/jaar=2020/);
    await row(page, 'Casussen behandeld').getByText('119').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Oost');
    await page.waitForURL(/district=oost-utrecht/);
    await row(page, 'Casussen behandeld').getByText('31').waitFor();
    expect(await districtCards(page).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('sets a district target, and refuses a range that runs backwards in Dutch', async () => {
    const page = await dashboard('jaar=2021&district=west-utrecht');
    const card = districtCard(page, 'West-Utrecht');
    await card.getByText('Beoogd 20 behandeld: niet gehaald (17)').waitFor();
    await card.getByText('Doelen voor 2021 vastleggen').click();
    await card.getByLabel('Minimaal').nth(1).fill('9');
    await card.getByLabel('Maximaal (bij een bandbreedte)').nth(1).fill('6');
    await card.getByRole('button', { name: 'Doelen opslaan' }).click();
    await card.getByText('Het maximum is kleiner dan het minimum.').waitFor();
    await card.getByLabel('Maximaal (bij een bandbreedte)').nth(1).fill('');
    await card.getByLabel('Minimaal').nth(1).fill('6');
    await card.getByRole('button', { name: 'Doelen opslaan' }).click();
    await card.getByText('De doelen zijn opgeslagen.').waitFor();
    await card.getByText('Beoogd 6 nieuw').waitFor();
    expect(await card.textContent()).toContain('gehaald (7)');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-targets');
  });

  it('downloads the table as Excel and prints it', async () => {
    const page = await dashboard('jaar=2021&district=west-utrecht');
    await districtCard(page, 'West-Utrecht').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('verantwoording-west-utrecht-2021.xlsx');
    // The filters are for the screen; the printout has the figures only.
    const filters = ['Jaar', 'Kwartaal', 'District'].map((label) => page.getByLabel(label, { exact: true }));
    for (const filter of filters) expect(await filter.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    for (const filter of filters) expect(await filter.isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: 'Download Excel' }).isVisible()).toBe(false);
    await screenshot(page, 'dashboard-print');
    await page.emulateMedia({ media: 'screen' });
  });
});
