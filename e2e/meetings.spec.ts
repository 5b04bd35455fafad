import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newSignal } from '../server/src/testing/factories.ts';
import { axeViolations } from './src/axe.ts';
import { screenshot } from './src/browser.ts';
import { BrowserSpec } from './src/spec.ts';

const spec = new BrowserSpec();

/** Two signals of Utrecht, submitted by the municipality and received: the test's own agenda. */
async function twoSignals(): Promise<string[]> {
  return [(await newSignal(spec.cast)).reference, (await newSignal(spec.cast)).reference];
}

/** The agenda's checkbox for a signal, by its reference. */
const onAgenda = (agenda: Locator, reference: string) =>
  agenda.getByRole('checkbox', { name: new RegExp(`^${reference} `) });

describe('LOO and DTO meetings', () => {
  it('the chair plans an LOO with the open signals and records an outcome, which marks the signal discussed', async () => {
    const references = await twoSignals();
    const page = await spec.visitors.page(await spec.cast.chair());
    await page.goto(spec.samenspel.url);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Overleggen' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Overleggen' }).waitFor();
    await page.getByLabel('District').selectOption({ label: 'Utrecht-Stad' });
    // The open signals of the district are on the agenda, this test's two among them.
    const agenda = page.getByRole('group', { name: 'Agenda' });
    for (const reference of references) expect(await onAgenda(agenda, reference).isChecked()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Overleg vastleggen' }).click();
    await page.getByRole('heading', { level: 1, name: /^LOO Utrecht-Stad/ }).waitFor();
    const first = references[0] ?? '';
    await page.getByLabel(`Uitkomst voor ${first}`).fill('Gemeente en politie onderbouwen samen');
    await page.getByRole('button', { name: `Uitkomst opslaan voor ${first}` }).click();
    await page.getByRole('status').filter({ hasText: 'Vastgelegd.' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'meeting-loo');
    await page.getByRole('link', { name: first }).click();
    await page.getByRole('listitem').filter({ hasText: 'Besproken in het LOO' }).waitFor();
  });

  it('the chair plans a DTO and orders its priority list by keyboard', async () => {
    const references = await twoSignals();
    const page = await spec.visitors.page(await spec.cast.chair());
    await page.goto(`${spec.samenspel.url}/overleggen`);
    await page.getByLabel('Soort').selectOption({ label: 'DTO' });
    await page.getByLabel('District').selectOption({ label: 'Utrecht-Stad' });
    // On the agenda: this test's two signals, not the other open signals of the district.
    const agenda = page.getByRole('group', { name: 'Agenda' });
    await onAgenda(agenda, references[0] ?? '').waitFor();
    for (const signal of await agenda.getByRole('checkbox').all()) await signal.uncheck();
    for (const reference of references) await onAgenda(agenda, reference).check();
    await page.getByRole('button', { name: 'Overleg vastleggen' }).click();
    await page.getByRole('heading', { level: 2, name: 'Prioriteiten van dit kwartaal' }).waitFor();
    const second = references[1] ?? '';
    const list = page.getByRole('region', { name: 'Prioriteiten van dit kwartaal' }).getByRole('listitem');
    const before = await list.allTextContents();
    const lower = before[0]?.startsWith(second) ? references[0] : second;
    await page.getByRole('button', { name: `${lower} hoger` }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Prioriteiten opslaan' }).click();
    await page.getByText('De prioriteiten zijn opgeslagen.').waitFor();
    expect((await list.allTextContents())[0]).toContain(lower);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'meeting-dto');
    const meeting = await (
      await page.request.get(page.url().replace('/overleggen/', '/api/v1/meetings/'))
    ).json();
    expect(meeting.priorities.map((p: { reference: string }) => p.reference)[0]).toBe(lower);
  });
});
