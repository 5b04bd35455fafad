import { describe, expect, it } from 'vitest';
import { dutchDay, newCase } from '../server/src/testing/factories.ts';
import { axeViolations } from './src/axe.ts';
import { screenshot } from './src/browser.ts';
import { BrowserSpec } from './src/spec.ts';

const spec = new BrowserSpec();

describe('the register of processing: the FG reads every activity, its versions and the sharing between partners', () => {
  it('shows the version in force and the earlier ones, and draws who provides to whom, with the same figures in a table', async () => {
    // The police provide twice to Utrecht in a case they share.
    const c = await newCase(spec.cast, { participants: ['politie', 'GM0344'] });
    const configuration = await spec.cast.ok<{ legalBases: Array<{ id: string; name: string }> }>(
      await spec.cast.director(),
      'GET',
      '/api/v1/case-configuration',
    );
    for (const title of ['Proces-verbaal', 'Mutaties'])
      await spec.cast.ok(await spec.cast.staff('politie'), 'POST', `/api/v1/cases/${c.id}/provisions`, {
        providedOn: dutchDay(),
        legalBasisId: configuration.legalBases[0]?.id,
        classification: 'intern',
        title,
        body: 'Inhoud',
      });

    const page = await spec.visitors.page(await spec.cast.member(['privacy_officer']));
    await page.goto(spec.samenspel.url);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Verwerkingsregister' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Register van verwerkingen' }).waitFor();
    const requests = page.getByRole('article', { name: 'Signalen: ontvangst, weging en besluit' });
    await requests.getByText('2, geldig vanaf 7 december 2026').waitFor();
    await requests.getByText('de partner die het signaal indient', { exact: true }).waitFor();
    // The earlier version, by keyboard: recorded before recipients were.
    await requests.getByText('Eerdere versies (1)').focus();
    await page.keyboard.press('Enter');
    await requests.getByRole('heading', { name: /^Versie 1, geldig vanaf/ }).waitFor();
    expect(await requests.getByText('niet vastgelegd in deze versie').count()).toBeGreaterThan(0);

    // The sharing matrix of this year: the picture and the table say the same.
    await page.getByLabel('Jaar').selectOption(dutchDay().slice(0, 4));
    const picture = page.getByRole('img', {
      name: /^Gegevensdeling tussen partners in \d{4}: 2 verstrekkingen/,
    });
    await picture.waitFor();
    const table = page.getByRole('table', { name: 'Verstrekkingen per partner en grondslag' });
    const row = table
      .getByRole('row')
      .filter({ hasText: 'Gemeente Utrecht' })
      .filter({ hasText: /^Politie/ });
    expect(await row.getByRole('cell').allTextContents()).toEqual(
      expect.arrayContaining([configuration.legalBases[0]?.name, '2', '1']),
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'processing-register');
  });
});
