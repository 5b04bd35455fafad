import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TIMEOUT } from '../server/src/testing/database.ts';
import { createUser } from '../server/src/testing/identity.ts';
import { axeViolations } from './src/axe.ts';
import { launchBrowser, screenshot } from './src/browser.ts';
import { signInThroughApi, startSamenspel } from './src/server.ts';

let samenspel: Awaited<ReturnType<typeof startSamenspel>>;
let browser: Browser;
let page: Page;
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
  const manager = await createUser(db, samenspel.keys, { roles: ['programme_manager'] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
  await signInThroughApi(context, samenspel, manager);
  page = await context.newPage();
}, DEMO_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await samenspel?.close();
});

const row = (label: string) => page.locator('table.samenspel-accountability tr', { hasText: label }).first();
/** Text as a reader sees it: the non-breaking space of € 1.336.000 as a space. */
const textOf = async (label: string) => ((await row(label).textContent()) ?? '').replace(/\u00a0/g, ' ');

describe('the accountability dashboard', () => {
  it('shows the demo region’s 2021 table as the annual plan has it, without personal data', async () => {
    await page.goto(`${samenspel.url}/verantwoording?jaar=2021`);
    await page.getByRole('heading', { name: 'Landelijke verantwoordingstabel' }).waitFor();
    await page.getByText('Midden-Nederland, 1 januari 2021 tot en met 31 december 2021').waitFor();
    expect(await row('Casussen behandeld').textContent()).toContain('129');
    expect(await row('waarvan gestart in de periode').textContent()).toContain('39');
    expect(await row('signaal van de politie').textContent()).toContain('83');
    expect(await row('Witwassen en financiële malversaties').textContent()).toContain('75');
    expect(await row('Bestuurlijk').textContent()).toContain('21');
    expect(await textOf('Afpakbedragen integraal opgelegd')).toContain('€ 1.336.000');
    expect(await textOf('waarvan geïnd of verrekend')).toContain('€ 286.000');
    const oost = page.locator('.samenspel-district-card', { hasText: 'Oost-Utrecht' });
    expect((await oost.locator('dd').allTextContents()).map(Number)).toEqual([36, 11, 18]);
    const flevoland = page.locator('.samenspel-district-card', { hasText: 'Flevoland' });
    expect(await flevoland.textContent()).toContain('Beoogd 12–15 behandeld: boven de bandbreedte (23)');

    // Aggregates only: no name, no code name, no reference, no link into a case or signal.
    const text = (await page.locator('main').textContent()) ?? '';
    const leaks = personal.filter((p) => text.includes(p));
    expect(leaks).toEqual([]);
    expect(await page.locator('main a[href*="/casussen/"], main a[href*="/signalen/"]').count()).toBe(0);

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-2021');
  });

  it('changes year and district by keyboard, and shows 2020', async () => {
    await page.getByLabel('Jaar').focus();
    await page.keyboard.type('2020');
    await page.waitForURL(/jaar=2020/);
    await row('Casussen behandeld').getByText('119').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Oost');
    await page.waitForURL(/district=oost-utrecht/);
    await row('Casussen behandeld').getByText('31').waitFor();
    expect(await page.locator('.samenspel-district-card').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('sets a district target, and refuses a range that runs backwards in Dutch', async () => {
    await page.goto(`${samenspel.url}/verantwoording?jaar=2021&district=west-utrecht`);
    const card = page.locator('.samenspel-district-card', { hasText: 'West-Utrecht' });
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
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('verantwoording-west-utrecht-2021.xlsx');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.samenspel-filters').isVisible()).toBe(false);
    await screenshot(page, 'dashboard-print');
    await page.emulateMedia({ media: 'screen' });
  });
});
