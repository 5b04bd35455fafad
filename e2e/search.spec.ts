import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newBsn, newPerson, newSignal, uniqueSurname } from '../server/src/testing/factories.ts';
import { axeViolations } from './src/axe.ts';
import { screenshot } from './src/browser.ts';
import { BrowserSpec } from './src/spec.ts';

const spec = new BrowserSpec();

/** What a user does, counted: every fill, key press and click is one action. */
class Actions {
  count = 0;
  constructor(private readonly page: Page) {}
  async type(label: string, text: string) {
    this.count += 1;
    await this.page.getByRole('searchbox', { name: label }).fill(text);
  }
  async press(key: string) {
    this.count += 1;
    await this.page.keyboard.press(key);
  }
  async click(name: string) {
    this.count += 1;
    await this.page.getByRole('link', { name, exact: true }).click();
  }
}

describe('search, lists and the processing log', () => {
  it('lets an analyst find a person by BSN from the header in three actions, on a wide and a narrow screen', async () => {
    const bsn = newBsn();
    const surname = uniqueSurname();
    const name = `Karel ${surname}`;
    const signal = await newSignal(spec.cast, {
      subjects: [newPerson({ firstNames: 'Karel', surname, dateOfBirth: '1979-03-14', bsn })],
    });
    for (const width of [1366, 390]) {
      const p = await spec.visitors.page(await spec.cast.analyst(), { viewport: { width, height: 900 } });
      await p.goto(spec.samenspel.url);
      await p.getByRole('heading', { level: 1 }).waitFor();
      const actions = new Actions(p);
      await actions.type('Zoeken in Samenspel', bsn);
      await actions.press('Enter');
      const result = p.getByRole('link', { name, exact: true });
      await result.waitFor();
      await p.getByRole('heading', { level: 2, name: '1 resultaat' }).waitFor();
      await p.getByText('Gezocht op BSN (of RSIN).').waitFor();
      await p.getByText('Persoon · geboren 14 maart 1979').waitFor();
      await p.getByRole('link', { name: `Signaal ${signal.reference}` }).waitFor();
      // The BSN is personal data: never in the address.
      expect(p.url()).toBe(`${spec.samenspel.url}/zoeken`);
      expect(await axeViolations(p)).toEqual([]);
      await screenshot(p, `search-results-${width}`);
      await actions.click(name);
      await p.getByRole('heading', { level: 1, name: new RegExp(`^${name}`) }).waitFor();
      expect(actions.count).toBeLessThanOrEqual(3);
      expect(await axeViolations(p)).toEqual([]);
      await screenshot(p, `search-subject-${width}`);
    }
  });

  it('filters, sorts and pages the signals list by keyboard, the filter kept in the address', async () => {
    // More than a page (50) of open signals in Dronten, and one decided elsewhere.
    const made = await Promise.all(
      Array.from({ length: 51 }, () =>
        newSignal(spec.cast, { by: 'GM0303', submitters: ['GM0303'], municipalityCode: 'GM0303' }),
      ),
    );
    const references = made.map((m) => m.reference).sort();
    const p = await spec.visitors.page(await spec.cast.analyst(), { viewport: { width: 1366, height: 900 } });
    await p.goto(`${spec.samenspel.url}/signalen`);
    const municipality = p.getByLabel('Gemeente', { exact: true });
    await municipality.locator('option', { hasText: 'Dronten' }).waitFor({ state: 'attached' });
    await municipality.focus();
    // Typing an option's name chooses it, as on any select.
    await p.keyboard.type('Dronten');
    await p.getByRole('button', { name: 'Filteren' }).focus();
    await p.keyboard.press('Enter');
    await p.getByText('51 signalen gevonden').waitFor();
    expect(new URL(p.url()).searchParams.get('gemeente')).toBe('GM0303');
    const table = p.getByRole('table', { name: /^Signalen 1–50 van 51$/ });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBe(51);
    expect((await table.getByRole('row').allInnerTexts()).slice(1).every((r) => r.includes('Dronten'))).toBe(
      true,
    );
    // Sorted by reference, ascending, with the header saying so.
    await p.getByRole('button', { name: 'Kenmerk' }).focus();
    await p.keyboard.press('Enter');
    await p
      .getByRole('columnheader', { name: 'Kenmerk' })
      .and(p.locator('[aria-sort="ascending"]'))
      .waitFor();
    // The header says so at once; the rows follow when the sorted page has come.
    await table.getByRole('row').nth(1).filter({ hasText: references[0] }).waitFor();
    // The second page holds the rest, by keyboard.
    await p.getByRole('button', { name: 'Volgende pagina' }).focus();
    await p.keyboard.press('Enter');
    await p.getByText('Pagina 2 van 2').waitFor();
    const second = p.getByRole('table', { name: /^Signalen 51–51 van 51$/ });
    await second.waitFor();
    await second.getByRole('row').nth(1).filter({ hasText: references[50] }).waitFor();
    const address = new URL(p.url()).searchParams;
    expect([address.get('gemeente'), address.get('sorteer'), address.get('pagina')]).toEqual([
      'GM0303',
      'reference',
      '2',
    ]);
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, 'signals-list-filtered');
    // Back: the first page again, as the address had it.
    await p.goBack();
    await p.getByText('Pagina 1 van 2').waitFor();
  });

  it('shows the privacy officer every log entry about a person found by name and date of birth', async () => {
    const surname = uniqueSurname();
    // Two persons: the read gives each a record of its own, and the filter shows only hers.
    const other = newPerson();
    const signal = await newSignal(spec.cast, {
      subjects: [newPerson({ firstNames: 'Mila', surname, dateOfBirth: '1985-06-30', bsn: newBsn() }), other],
    });
    await spec.cast.ok(await spec.cast.analyst(), 'GET', `/api/v1/signals/${signal.id}`);
    const p = await spec.visitors.page(await spec.cast.member(['privacy_officer']), {
      viewport: { width: 1366, height: 900 },
    });
    await p.goto(`${spec.samenspel.url}/verwerkingslog`);
    await p.getByRole('heading', { level: 1, name: 'Verwerkingslog' }).waitFor();
    const byName = p.getByRole('group', { name: 'Persoon op naam en geboortedatum' });
    await byName.getByLabel('Achternaam').fill(surname);
    await byName.getByLabel('Geboortedatum').fill('1985-06-30');
    await p.getByRole('button', { name: 'Zoeken' }).click();
    await p.getByText('Gevonden als 1 persoon in het register.').waitFor();
    const table = p.getByRole('table', { name: /logregels/ });
    const reading = table.getByRole('row').filter({ hasText: 'Betrokkene in een signaal ingezien' });
    await reading.first().waitFor();
    expect(await reading.first().textContent()).toContain(signal.reference);
    expect(await reading.first().textContent()).toContain('onderdeel van: Signaal ingezien');
    // Strict: one reading of the signal, hers, not the other person's beside it.
    expect(await reading.count()).toBe(1);
    // Neither the name nor the date of birth is in the address.
    expect(p.url()).not.toContain(surname);
    expect(p.url()).not.toContain('1985');
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, 'audit-log-by-name');
  });
});
