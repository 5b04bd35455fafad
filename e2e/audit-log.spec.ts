import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../server/src/testing/identity.ts';
import { axeViolations } from './src/axe.ts';
import { screenshot } from './src/browser.ts';
import { BrowserSpec } from './src/spec.ts';

const spec = new BrowserSpec();

const administrator = () => spec.cast.member(['administrator']);

/** The administrator looks up a new colleague: a read of personal data, so a log line. */
async function colleagueLookedUp(): Promise<TestUser> {
  const colleague = await createUser(spec.samenspel.database.db, spec.samenspel.keys, {
    roles: ['partner_staff'],
    organisationCode: 'belastingdienst',
  });
  await spec.cast.ok(await administrator(), 'GET', `/api/v1/users/${colleague.id}`);
  return colleague;
}

/** The privacy officer on the processing log. */
async function processingLog(): Promise<Page> {
  const page = await spec.visitors.page(await spec.cast.member(['privacy_officer']), {
    viewport: { width: 1400, height: 1000 },
    acceptDownloads: true,
  });
  await page.goto(`${spec.samenspel.url}/verwerkingslog`);
  await page.getByRole('heading', { level: 1, name: 'Verwerkingslog' }).waitFor();
  return page;
}

describe('processing log viewer', () => {
  it('shows the privacy officer every processing, newest first, reachable from the menu', async () => {
    await colleagueLookedUp();
    const page = await spec.visitors.page(await spec.cast.member(['privacy_officer']), {
      viewport: { width: 1400, height: 1000 },
    });
    await page.goto(spec.samenspel.url);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Verwerkingslog' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Verwerkingslog' }).waitFor();
    const table = page.getByRole('table', { name: /logregels, nieuwste eerst/ });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBeGreaterThan(3);
    expect(await table.getByText('user.read').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'audit-log');
  });

  it('finds the records about one person by their e-mail address, pseudonymised the same way', async () => {
    const colleague = await colleagueLookedUp();
    const page = await processingLog();
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
    await page.getByRole('button', { name: 'Filter op betrokkene wissen' }).click();
    await page.getByText('Gefilterd op een betrokkene.').waitFor({ state: 'hidden' });
  });

  it("narrows to one user's actions and exports them as CSV", async () => {
    await colleagueLookedUp();
    const admin = await administrator();
    const page = await processingLog();
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
    const csv = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n');
    // Dutch Excel: semicolons and Dutch headings.
    expect(lines[0]).toMatch(/^"Volgnummer";"Begin";/);
    expect(lines.slice(1).every((l) => l.includes(admin.user.id))).toBe(true);
  });

  it('is a page only the privacy officer finds', async () => {
    const otherPage = await spec.visitors.page(await administrator());
    await otherPage.goto(`${spec.samenspel.url}/verwerkingslog`);
    await otherPage.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' }).waitFor();
    expect(await otherPage.getByRole('link', { name: 'Verwerkingslog' }).count()).toBe(0);
  });
});
