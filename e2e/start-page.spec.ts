import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './src/axe.ts';
import { screenshot } from './src/browser.ts';
import { BrowserSpec } from './src/spec.ts';

const spec = new BrowserSpec();

/** A municipality employee's page, signed in. */
async function employeePage(): Promise<Page> {
  return spec.visitors.page(await spec.cast.staff('GM0344'));
}

/** The start page, once its map has drawn the region's municipalities. */
async function startPage(): Promise<Page> {
  const page = await employeePage();
  await page.goto(spec.samenspel.url);
  await page.getByRole('heading', { level: 1, name: 'RIEC Midden-Nederland' }).waitFor();
  await page
    .getByRole('region', { name: /^Kaart van de 39 gemeenten/ })
    .locator('svg path')
    .first()
    .waitFor({ state: 'attached' });
  return page;
}

describe('start page', () => {
  it('shows the region, its five districts and the map of its 39 municipalities', async () => {
    const page = await employeePage();
    await page.goto(spec.samenspel.url);
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

    const file = await screenshot(page, 'start-page');
    expect(file).toMatch(/start-page\.png$/);
  });

  it('has no accessibility violations (axe-core, WCAG 2.1 AA)', async () => {
    const page = await startPage();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('works by keyboard: skip link first, then into the map and its zoom buttons', async () => {
    const page = await employeePage();
    await page.goto(spec.samenspel.url);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Naar de inhoud' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('inhoud');

    const zoomIn = page.getByRole('button', { name: 'Inzoomen' });
    await zoomIn.waitFor();
    let reached = false;
    for (let i = 0; i < 10 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await zoomIn.evaluate((el) => el === document.activeElement);
    }
    expect(reached).toBe(true);
  });

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
