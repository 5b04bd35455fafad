import { readFile } from 'node:fs/promises';
import type { Inspection, LocationDetail, LocationProject } from '@samenspel/contracts';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './src/axe.ts';
import { screenshot } from './src/browser.ts';
import { BrowserSpec } from './src/spec.ts';

const spec = new BrowserSpec();

let serial = 0;
/** A project of the test's own, with a baseline. */
async function project(): Promise<LocationProject> {
  serial += 1;
  return spec.cast.ok<LocationProject>(await spec.cast.analyst(), 'POST', '/api/v1/location-projects', {
    name: `Bedrijventerreinen ${serial} ${Math.random().toString(36).slice(2, 6)}`,
    districtId: 'utrecht-stad',
    baselineOn: '2020-01-31',
  });
}

describe('places: risk locations and inspections', () => {
  it('the analyst flags a location by keyboard, sees it on its own page and records the next step with its date', async () => {
    const p = await project();
    const page = await spec.visitors.page(await spec.cast.analyst());
    await page.goto(spec.samenspel.url);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Risicolocaties' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Risicolocaties' }).waitFor();
    await page.getByLabel('Project').first().selectOption({ label: p.name });
    const form = page.getByRole('region', { name: 'Locatie signaleren' });
    // Keyboard only: each field is reached with Tab from the one before it.
    await form.getByLabel('Soort locatie').focus();
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('locatie-gemeente');
    await form.getByLabel('Gemeente').selectOption({ label: 'Utrecht' });
    await form.getByLabel('Straat').fill('Proeflaan');
    await form.getByLabel('Huisnummer').fill('12');
    await form.getByLabel('Plaats').fill('Utrecht');
    expect(await axeViolations(page)).toEqual([]);
    await form.getByLabel('Straat').press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Proeflaan 12, Utrecht' }).waitFor();
    expect(await page.getByText(p.name).isVisible()).toBe(true);
    // The next step, dated in the future first: refused next to the date, in Dutch.
    await page.getByLabel('Datum van de stap').fill('01-01-2099');
    await page.getByRole('button', { name: 'Stap vastleggen' }).click();
    await page.getByText('Deze datum ligt in de toekomst.').waitFor();
    await page.getByLabel('Datum van de stap').fill('');
    await page
      .getByLabel('Datum van de stap')
      .pressSequentially(new Date().toLocaleDateString('nl-NL', { timeZone: 'Europe/Amsterdam' }));
    await page.getByLabel('Toelichting (optioneel)').fill('Gemeente en politie keken samen.');
    await page.getByRole('button', { name: 'Stap vastleggen' }).click();
    await page.getByRole('listitem').filter({ hasText: 'Gemeente en politie keken samen.' }).waitFor();
    expect(
      await page
        .getByRole('listitem')
        .filter({ hasText: /^Onderzocht/ })
        .count(),
    ).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'location');
  });

  it('a partner records that an inspection was held and its own finding', async () => {
    const analyst = await spec.cast.analyst();
    const location = await spec.cast.ok<LocationDetail>(analyst, 'POST', '/api/v1/locations', {
      kind: 'shed',
      municipalityCode: 'GM0344',
      address: { street: 'Schuurpad', houseNumber: 3, place: 'Utrecht' },
    });
    const inspection = await spec.cast.ok<Inspection>(analyst, 'POST', '/api/v1/inspections', {
      municipalityCode: 'GM0344',
      integral: true,
      plannedOn: '2026-01-05',
      organisationIds: [await spec.cast.org('politie')],
      locationIds: [location.id],
    });
    const page = await spec.visitors.page(await spec.cast.staff('politie'));
    await page.goto(`${spec.samenspel.url}/controles/${inspection.id}`);
    await page.getByRole('heading', { level: 1, name: 'Integrale controle in Utrecht' }).waitFor();
    // The police take part in the inspection but may not see the RIEC's location in Utrecht.
    await page.getByText('Er zijn geen bezochte locaties die u mag zien.').waitFor();
    await page.getByRole('button', { name: 'Vastleggen dat de controle is gehouden' }).click();
    const finding = page.getByRole('form', { name: 'Bevinding vastleggen' });
    await finding.waitFor();
    expect(await finding.getByLabel('Partner').inputValue()).toBe(await spec.cast.org('politie'));
    await finding.getByLabel('Soort bevinding').selectOption({ label: 'Drugs' });
    await finding.getByLabel('Omschrijving').fill('Hennepkwekerij van 400 planten');
    await finding.getByLabel('Aantal (optioneel)').fill('400');
    await finding.getByRole('button', { name: 'Bevinding vastleggen' }).click();
    await page.getByRole('listitem').filter({ hasText: 'Hennepkwekerij van 400 planten' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'inspection');
  });

  it('the programme manager sees the figures, rounded per municipality, and no location', async () => {
    const p = await project();
    const analyst = await spec.cast.analyst();
    for (let i = 0; i < 6; i += 1)
      await spec.cast.ok(analyst, 'POST', '/api/v1/locations', {
        kind: 'business-unit',
        municipalityCode: 'GM0344',
        name: `Unit ${i}`,
        projectId: p.id,
        inBaseline: true,
        happenedOn: '2020-01-10',
      });
    const layer = `Gelegenheidskaart Utrecht ${p.name}`;
    await spec.cast.ok(analyst, 'POST', '/api/v1/map-layers', {
      kind: 'opportunity',
      name: layer,
      municipalityCode: 'GM0344',
      madeOn: '2021-06-01',
      csv: 'latitude;longitude;indicator\n52.09;5.11;bedrijventerrein\n52.1;5.05;leegstand\n',
    });
    const page = await spec.visitors.page(await spec.cast.manager());
    await page.goto(`${spec.samenspel.url}/risicolocaties?project=${p.id}&jaar=2021`);
    const figures = page.getByRole('table', { name: `${p.name}: cijfers over 2021` });
    await figures.waitFor();
    expect(await figures.getByRole('row', { name: /waarvan in de nulmeting/ }).textContent()).toContain('6');
    await page.getByText('Per gemeente ziet u afgeronde aantallen').waitFor();
    // The map: the region's boundaries with its layers, switched by keyboard in the layer control.
    await page.getByRole('region', { name: `Kaart van ${p.name}, 2021` }).waitFor();
    const hotspots = page.getByRole('checkbox', { name: 'Hotspots (Gi*)' });
    expect(await hotspots.isChecked()).toBe(true);
    await hotspots.focus();
    await page.keyboard.press('Space');
    expect(await hotspots.isChecked()).toBe(false);
    await page.getByText(/De kaart toont 0 locaties die u mag openen/).waitFor();
    // The district's opportunity map is a layer to switch on, and listed with its indicators.
    const opportunity = page.getByRole('checkbox', { name: layer });
    expect(await opportunity.isChecked()).toBe(false);
    await opportunity.focus();
    await page.keyboard.press('Space');
    expect(await opportunity.isChecked()).toBe(true);
    const row = page
      .getByRole('table', { name: /Kaarten van de regio/ })
      .getByRole('row', { name: new RegExp(layer) });
    expect(await row.textContent()).toContain('bedrijventerrein, leegstand');
    expect(await page.getByRole('heading', { name: 'Locaties', exact: true }).count()).toBe(0);
    // Both downloads of the map: GeoJSON, and a PNG of what is drawn.
    const [geojson] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Kaart downloaden als GeoJSON' }).click(),
    ]);
    expect(geojson.suggestedFilename()).toBe(`${p.name} 2021.geojson`);
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Kaart downloaden als afbeelding (PNG)' }).click(),
    ]);
    const bytes = await readFile(await png.path());
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'places-figures');
  });
});
