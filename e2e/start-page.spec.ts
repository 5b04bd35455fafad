import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dutchDate } from '../server/src/shared/dates.ts';
import {
  dutchDay,
  newAcceptedSignal,
  newCase,
  newMeeting,
  newRound,
  newSignal,
} from '../server/src/testing/factories.ts';
import { axeViolations } from './src/axe.ts';
import { screenshot } from './src/browser.ts';
import { BrowserSpec } from './src/spec.ts';

const spec = new BrowserSpec();

/** A municipality employee's page, signed in. */
async function employeePage(): Promise<Page> {
  return spec.visitors.page(await spec.cast.staff('GM0344'));
}

/** The region page, once its map has drawn the region's municipalities. */
async function regionPage(): Promise<Page> {
  const page = await employeePage();
  await page.goto(`${spec.samenspel.url}/regio`);
  await page.getByRole('heading', { level: 1, name: 'RIEC Midden-Nederland' }).waitFor();
  await page
    .getByRole('region', { name: /^Kaart van de 39 gemeenten/ })
    .locator('svg path')
    .first()
    .waitFor({ state: 'attached' });
  return page;
}

/** Both widths the issue asks to look at: a laptop and a phone. */
async function bothWidths(page: Page, name: string) {
  await screenshot(page, `${name}-1366`);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1366, height: 900 });
}

describe('Mijn werk, the start page of each role', () => {
  it('shows a partner the requests waiting for an answer, the drafts and their signals with what became of them', async () => {
    const draft = await newSignal(spec.cast, {
      by: 'belastingdienst',
      submitters: ['belastingdienst'],
      stage: 'draft',
    });
    const own = await newSignal(spec.cast, {
      by: 'belastingdienst',
      submitters: ['belastingdienst', 'politie'],
    });
    await newRound(spec.cast, { organisations: ['belastingdienst'], deadlineInDays: 1 });
    const page = await spec.visitors.page(await spec.cast.staff('belastingdienst'), {
      viewport: { width: 1366, height: 900 },
    });
    await page.goto(spec.samenspel.url);
    await page.getByRole('heading', { level: 1, name: 'Mijn werk' }).waitFor();
    const requests = page.getByRole('region', { name: /^Hit\/no-hit-verzoeken die op uw antwoord wachten/ });
    await requests
      .getByText(`uiterlijk ${dutchDate(dutchDay(1))}`, { exact: false })
      .first()
      .waitFor();
    await requests.getByText('Bijna verlopen').first().waitFor();
    const drafts = page.getByRole('region', { name: /^Concepten/ });
    await drafts.getByRole('link', { name: draft.reference }).waitFor();
    const signals = page.getByRole('region', { name: 'Signalen van Belastingdienst' });
    await signals
      .getByRole('listitem')
      .filter({ hasText: own.reference })
      .filter({ hasText: 'Ontvangen' })
      .waitFor();
    // Nothing on the start page names a person.
    expect(await page.getByRole('main').textContent()).not.toContain(own.subjects[0]?.label ?? '—');
    expect(await axeViolations(page)).toEqual([]);
    await bothWidths(page, 'work-partner');
    // The draft opens where it can be finished.
    await drafts.getByRole('link', { name: draft.reference }).click();
    await page.getByRole('heading', { level: 1, name: `Concept ${draft.reference}` }).waitFor();
  });

  it('shows the analyst the queue per stage and the rounds past their deadline', async () => {
    const discussed = await newSignal(spec.cast, { stage: 'discussed' });
    const { signal, roundId } = await newRound(spec.cast, { organisations: ['belastingdienst'] });
    await spec.samenspel.database.db
      .updateTable('hitcheckRounds')
      .set({ deadline: dutchDay(-2) })
      .where('id', '=', roundId)
      .execute();
    const page = await spec.visitors.page(await spec.cast.analyst(), {
      viewport: { width: 1366, height: 900 },
    });
    await page.goto(spec.samenspel.url);
    const stages = page.getByRole('region', { name: 'Werkvoorraad per fase' });
    await stages.getByRole('link', { name: /Besproken in LOO$/ }).waitFor();
    const late = page.getByRole('region', { name: /^Hit\/no-hit-rondes over de termijn/ });
    await late
      .getByRole('listitem')
      .filter({ hasText: signal.reference })
      .filter({ hasText: 'nog geen antwoord van Belastingdienst' })
      .waitFor();
    // The queue comes first; an analyst who directs no case is not told so.
    const headings = await page.getByRole('main').getByRole('heading', { level: 2 }).allTextContents();
    expect(headings[0]).toBe('Werkvoorraad per fase');
    expect(headings.some((h) => h.startsWith('Mijn casussen'))).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    await bothWidths(page, 'work-analyst');
    await late.getByRole('link', { name: signal.reference }).click();
    await page.getByRole('heading', { level: 1, name: signal.reference }).waitFor();
    expect(discussed.stage).toBe('discussed');
  });

  it('shows the chair the signals waiting for a decision and the next meetings', async () => {
    const waiting = await newSignal(spec.cast, { stage: 'triaged', route: 'quick' });
    const meeting = await newMeeting(spec.cast, { kind: 'dto', date: dutchDay(5), signalIds: [waiting.id] });
    const page = await spec.visitors.page(await spec.cast.chair(), {
      viewport: { width: 1366, height: 900 },
    });
    await page.goto(spec.samenspel.url);
    const decisions = page.getByRole('region', { name: /^Wachten op een besluit/ });
    await decisions.getByRole('link', { name: waiting.reference }).waitFor();
    const meetings = page.getByRole('region', { name: 'Volgende overleggen' });
    await meetings.getByRole('link', { name: `DTO Utrecht-Stad, ${dutchDate(meeting.date)}` }).waitFor();
    await meetings.getByText('1 signaal op de agenda').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await bothWidths(page, 'work-chair');
  });

  it('shows the case director their cases with the next action, and accepted signals still without a case', async () => {
    const accepted = await newAcceptedSignal(spec.cast);
    const c = await newCase(spec.cast, { codeName: 'Werkvoorraad', participants: ['politie'] });
    const page = await spec.visitors.page(await spec.cast.director(), {
      viewport: { width: 1366, height: 900 },
    });
    await page.goto(spec.samenspel.url);
    const mine = page.getByRole('region', { name: /^Mijn casussen/ });
    const line = mine.getByRole('listitem').filter({ hasText: c.reference });
    await line.getByRole('link', { name: 'Doel en strategie vastleggen' }).waitFor();
    const startable = page.getByRole('region', { name: /^Geaccepteerde signalen zonder casus/ });
    await startable.getByRole('link', { name: accepted.reference }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await bothWidths(page, 'work-director');
    await line.getByRole('link', { name: 'Doel en strategie vastleggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor();
  });

  it('folds the menu behind a button on a small screen, and folds it again after a choice', async () => {
    const page = await spec.visitors.page(await spec.cast.analyst(), {
      viewport: { width: 390, height: 844 },
    });
    await page.goto(spec.samenspel.url);
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
    const toggle = menu.getByRole('button', { name: 'Menu' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await menu.getByRole('link', { name: 'Signalen' }).isVisible()).toBe(false);
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await menu.getByRole('link', { name: 'Signalen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Signalen' }).waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    // The list's filters are folded too, so that the list is in view; they open on request.
    const stage = page.getByLabel('Fase', { exact: true });
    expect(await stage.isVisible()).toBe(false);
    await page.getByText('Filters', { exact: true }).click();
    expect(await stage.isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('the region page', () => {
  it('shows the region, its five districts and the map of its 39 municipalities', async () => {
    const page = await employeePage();
    await page.goto(spec.samenspel.url);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Regio' }).click();
    await page.getByRole('heading', { level: 1, name: 'RIEC Midden-Nederland' }).waitFor();

    const districts = page.getByRole('region', { name: 'Districten' }).getByRole('listitem');
    await districts.first().waitFor();
    expect(await districts.allInnerTexts()).toEqual([
      'West-Utrecht\n10 gemeenten',
      'Oost-Utrecht\n15 gemeenten',
      'Utrecht-Stad\n1 gemeente',
      'Flevoland\n6 gemeenten',
      'Gooi en Vechtstreek\n6 gemeenten',
    ]);

    const map = page.getByRole('region', { name: /Kaart van de 39 gemeenten van Midden-Nederland/ });
    await map.waitFor();
    // One drawn shape per municipality (the shapes are hidden from assistive technology).
    await map.locator('svg path').first().waitFor({ state: 'attached' });
    expect(await map.locator('svg path').count()).toBe(39);
    expect(await page.getByText('Gemeentegrenzen: CBS, Kadaster').isVisible()).toBe(true);

    const table = page.getByRole('table', { name: 'Gemeenten per district' });
    expect(await table.getByRole('row').count()).toBe(1 + 39);
    expect(await table.getByRole('rowheader', { name: 'Weesp (tot 24 maart 2022)' }).count()).toBe(1);

    const file = await screenshot(page, 'region-page');
    expect(file).toMatch(/region-page\.png$/);
  });

  it('has no accessibility violations (axe-core, WCAG 2.1 AA)', async () => {
    const page = await regionPage();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('works by keyboard: skip link first, then into the map and its zoom buttons', async () => {
    const page = await employeePage();
    await page.goto(`${spec.samenspel.url}/regio`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Naar de inhoud' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('inhoud');

    const zoomIn = page.getByRole('button', { name: 'Inzoomen' });
    await zoomIn.waitFor();
    let reached = false;
    for (let i = 0; i < 12 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await zoomIn.evaluate((el) => el === document.activeElement);
    }
    expect(reached).toBe(true);
  });
});

describe('the pages everyone meets', () => {
  it('shows its own page for an unknown address', async () => {
    const page = await employeePage();
    await page.goto(`${spec.samenspel.url}/bestaat-niet`);
    await page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows a Dutch error page with a way back when a page breaks, never a stack trace', async () => {
    const page = await employeePage();
    // A page that cannot read its data (here: a signal without its fields) breaks while drawing.
    await page.route('**/api/v1/signals', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: '{"items":[{"id":"x"}]}' }),
    );
    await page.goto(`${spec.samenspel.url}/signalen`);
    await page.getByRole('heading', { level: 1, name: 'Er ging iets mis' }).waitFor();
    await page.getByRole('link', { name: 'Opnieuw proberen' }).waitFor();
    await page.getByRole('link', { name: 'Naar de startpagina' }).waitFor();
    // The layout stays: the user can navigate on.
    await page.getByRole('banner').waitFor();
    const text = (await page.textContent('body')) ?? '';
    expect(text).not.toContain('Unexpected Application Error');
    expect(text).not.toMatch(/TypeError|at \S+ \(/);
    expect(await axeViolations(page)).toEqual([]);
  });
});
