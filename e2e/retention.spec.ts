import { describe, expect, it } from 'vitest';
import { DEMO_TIMEOUT } from '../server/src/testing/database.ts';
import { axeViolations } from './src/axe.ts';
import { screenshot } from './src/browser.ts';
import { BrowserSpec } from './src/spec.ts';

// The demo region with the job runner, as `samenspel serve --demo` runs it: its cases closed
// before December 2021 are past the covenant's five years.
const spec = new BrowserSpec({ demo: true, jobs: true }, DEMO_TIMEOUT);

describe('retention: the FG drafts, postpones and submits; a second person approves; the job destroys', () => {
  it(
    'is done by keyboard, refuses bad input in Dutch next to the field, shows the progress and the receipts',
    async () => {
      const fg = await spec.cast.member(['privacy_officer']);
      const page = await spec.visitors.page(fg);
      await page.goto(spec.samenspel.url);
      await page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Bewaartermijnen' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Bewaartermijnen en vernietiging' }).waitFor();

      // A hold on a number that does not exist is refused next to the field.
      await page.getByLabel('Nummer van het signaal of de casus').fill('XX-0000');
      await page.getByLabel('Grond').selectOption('court-case');
      await page.getByRole('region', { name: 'Bewaarplichten' }).getByLabel('Reden').fill('Rechtszaak loopt');
      await page.getByRole('button', { name: 'Bewaarplicht opleggen' }).click();
      await page.getByText('Er is geen signaal of casus met dit nummer in de regio.').waitFor();

      // Today's lists, drawn up by keyboard.
      await page.getByRole('button', { name: 'Lijsten nu opstellen' }).focus();
      await page.keyboard.press('Enter');
      const link = page.getByRole('link', { name: /RIEC-convenant .*, opgesteld/ });
      await link.waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await link.focus();
      await page.keyboard.press('Enter');

      const items = page.getByRole('table', { name: 'Wat op deze lijst staat, per nummer' });
      await items.waitFor();
      const due = await items
        .getByRole('row')
        .filter({ has: page.getByRole('cell', { name: 'Te vernietigen', exact: true }) })
        .count();
      expect(due).toBeGreaterThan(3);

      // A postponement without a real reason is refused next to the field; with one it is kept.
      const form = page.getByRole('form', { name: 'Vernietiging uitstellen' });
      await form.getByLabel('Reden').fill('x');
      await form.getByRole('button', { name: 'Vernietiging uitstellen' }).click();
      await form.getByText('Schrijf op waarom de vernietiging wordt uitgesteld.').waitFor();
      await form.getByLabel('Reden').fill('Het OM beslist binnenkort over vervolging');
      await form.getByRole('button', { name: 'Vernietiging uitstellen' }).click();
      await page.getByText('De vernietiging is uitgesteld.').waitFor();
      const postponed = page.getByRole('cell', { name: 'Uitgesteld', exact: true });
      expect(await items.getByRole('row').filter({ has: postponed }).count()).toBe(1);

      await page.getByRole('button', { name: 'Voordragen voor vernietiging' }).focus();
      await page.keyboard.press('Enter');
      await page.getByText('De lijst is voorgedragen. Een tweede persoon moet haar goedkeuren.').waitFor();
      // Who submitted cannot approve.
      expect(await page.getByRole('button', { name: 'Goedkeuren en vernietigen' }).count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'retention-submitted');
      const listUrl = page.url();

      // The programme manager approves; the job destroys while the page shows how far it is.
      const manager = await spec.visitors.page(await spec.cast.manager());
      await manager.goto(listUrl);
      await manager.getByRole('button', { name: 'Goedkeuren en vernietigen' }).focus();
      await manager.keyboard.press('Enter');
      await manager.getByText('De lijst is goedgekeurd. De vernietiging loopt op de achtergrond.').waitFor();
      await manager.getByText(/^Uitgevoerd ·/).waitFor({ timeout: 60_000 });
      const receipts = manager.getByRole('table', { name: 'Ontvangstbewijzen per partner' });
      await receipts.waitFor();
      expect(await receipts.getByRole('row').count()).toBeGreaterThan(2);
      expect(await axeViolations(manager)).toEqual([]);
      await screenshot(manager, 'retention-executed');

      // The FG sees the two runs of the jobs, and the postponement counted.
      await page.goto(`${spec.samenspel.url}/bewaartermijnen`);
      const runs = page.getByRole('table', { name: 'De laatste uitvoeringen, nieuwste eerst' });
      await runs.getByRole('row', { name: /Vernietigen .*Gelukt/ }).waitFor();
      await runs.getByRole('row', { name: /Vernietigingslijsten opstellen .*Gelukt/ }).waitFor();
      await page
        .getByRole('table', { name: 'Uitgestelde records, vaakst uitgesteld eerst' })
        .getByText('Het OM beslist binnenkort over vervolging')
        .waitFor();
    },
    DEMO_TIMEOUT,
  );
});
