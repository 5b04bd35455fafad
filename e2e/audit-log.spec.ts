import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../server/src/testing/identity.ts';
import { axeViolations } from './src/axe.ts';
import { launchBrowser, screenshot } from './src/browser.ts';
import { signInThroughApi, startSamenspel } from './src/server.ts';

let samenspel: Awaited<ReturnType<typeof startSamenspel>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let admin: TestUser;
let colleague: TestUser;

beforeAll(async () => {
  samenspel = await startSamenspel();
  browser = await launchBrowser();
  const db = samenspel.database.db;
  admin = await createUser(db, samenspel.keys, { roles: ['administrator'] });
  colleague = await createUser(db, samenspel.keys, {
    roles: ['partner_staff'],
    organisationCode: 'belastingdienst',
  });
  const officer = await createUser(db, samenspel.keys, { roles: ['privacy_officer'] });

  // The administrator looks up a colleague: a read of personal data, so a log line.
  const adminContext = await browser.newContext();
  await signInThroughApi(adminContext, samenspel, admin);
  const read = await adminContext.request.get(`${samenspel.url}/api/v1/users/${colleague.id}`);
  expect(read.status()).toBe(200);
  await adminContext.close();

  context = await browser.newContext({
    viewport: { width: 1400, height: 1000 },
    locale: 'nl-NL',
    acceptDownloads: true,
  });
  page = await context.newPage();
  await signInThroughApi(context, samenspel, officer);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await samenspel?.close();
});

describe('processing log viewer', () => {
  it('shows the privacy officer every processing, newest first, reachable from the menu', async () => {
    await page.goto(samenspel.url);
    await page.getByRole('link', { name: 'Verwerkingslog' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verwerkingslog' }).waitFor();
    const table = page.getByRole('table', { name: /logregels, nieuwste eerst/ });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBeGreaterThan(3);
    expect(await table.getByText('user.read').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'audit-log');
  });

  it('finds the records about one person by their e-mail address, pseudonymised the same way', async () => {
    await page.getByLabel('E-mailadres (medewerker)').fill(colleague.email);
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByText('Gefilterd op een betrokkene.').waitFor();
    const table = page.getByRole('table', { name: /logregels/ });
    await table.getByText('user.read').first().waitFor();
    const rows = await table.getByRole('row').allInnerTexts();
    expect(rows.slice(1).every((r) => /user\.read|audit/.test(r))).toBe(true);
    expect(rows.some((r) => r.includes('Medewerker'))).toBe(true);
    // The identifier never lands in the address bar.
    expect(page.url()).not.toContain(encodeURIComponent(colleague.email));
    expect(page.url()).not.toContain(colleague.email);
    await screenshot(page, 'audit-log-by-subject');
  });

  it("narrows to one user's actions and exports them as CSV", async () => {
    await page.getByRole('button', { name: 'Filter op betrokkene wissen' }).click();
    await page
      .getByRole('button', { name: /Alleen logregels van Test administrator/ })
      .first()
      .click();
    await page.getByText('Gefilterd op één gebruiker.').waitFor();
    const table = page.getByRole('table', { name: /logregels/ });
    await table.waitFor();
    const rows = await table.getByRole('row').allInnerTexts();
    expect(rows.slice(1).every((r) => r.includes('Test administrator'))).toBe(true);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Exporteren als CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('verwerkingslog.csv');
    const path = await file.path();
    const { readFile } = await import('node:fs/promises');
    const csv = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/^"volgnummer",/);
    expect(lines.slice(1).every((l) => l.includes(admin.id))).toBe(true);
  });

  it('is a page only the privacy officer finds', async () => {
    const other = await browser.newContext({ locale: 'nl-NL' });
    const otherPage = await other.newPage();
    await signInThroughApi(other, samenspel, admin);
    await otherPage.goto(`${samenspel.url}/verwerkingslog`);
    await otherPage.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' }).waitFor();
    expect(await otherPage.getByRole('link', { name: 'Verwerkingslog' }).count()).toBe(0);
    await other.close();
  });
});
