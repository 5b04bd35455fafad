import type { CaseProgress, Programme } from '@samenspel/contracts';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dutchDay, newCase, uniqueSurname } from '../server/src/testing/factories.ts';
import { axeViolations } from './src/axe.ts';
import { screenshot } from './src/browser.ts';
import { BrowserSpec } from './src/spec.ts';

const spec = new BrowserSpec();
const today = dutchDay();
const year = Number(today.slice(0, 4));

/** A programme of this year, started by the programme manager through the API. */
async function programme(body: { kind: 'programme' | 'district'; districtId?: string; name: string }) {
  return spec.cast.ok<Programme>(await spec.cast.manager(), 'POST', '/api/v1/programmes', { year, ...body });
}

async function addGoal(p: Programme, goal: object): Promise<Programme> {
  return spec.cast.ok<Programme>(await spec.cast.manager(), 'POST', `/api/v1/programmes/${p.id}/goals`, goal);
}

/** A goal's row in the programme's "Beoogd / Gerealiseerd" table, by its text. */
const goalRow = (page: Page, text: string) =>
  page.getByRole('table', { name: /beoogd en gerealiseerd/ }).getByRole('row', { name: new RegExp(text) });

describe('programmes, the activity register and case progress', () => {
  it('a programme page reads target | result: computed figures link to their definition, a hand result shows its source and is recorded by keyboard', async () => {
    await newCase(spec.cast, { codeName: `Plan ${uniqueSurname()}` });
    let plan = await programme({
      kind: 'district',
      districtId: 'utrecht-stad',
      name: 'Districtsplan Utrecht-Stad',
    });
    plan = await addGoal(plan, {
      text: 'Integrale casussen behandelen',
      scope: { kind: 'district', districtId: 'utrecht-stad' },
      target: { kind: 'number', minimum: 20 },
      result: {
        kind: 'computed',
        indicators: [
          { indicator: 'cases.handled' },
          { indicator: 'cases.new' },
          { indicator: 'cases.closed' },
        ],
      },
    });
    plan = await addGoal(plan, {
      text: 'Structurele lokale ondermijningsoverleggen',
      scope: { kind: 'district', districtId: 'utrecht-stad' },
      target: { kind: 'range', minimum: 8, maximum: 10 },
      result: { kind: 'recorded' },
    });
    plan = await addGoal(plan, {
      text: 'Ondermijningsbeeld actualiseren',
      scope: { kind: 'region' },
      target: { kind: 'qualitative', text: 'Een actueel ondermijningsbeeld' },
      result: { kind: 'recorded' },
    });
    const [, loo, picture] = plan.items;
    if (!loo || !picture) throw new Error('goals missing');
    const manager = await spec.cast.manager();
    await spec.cast.ok(manager, 'POST', `/api/v1/programmes/${plan.id}/goals/${loo.id}/results`, {
      value: 7,
      source: 'Kwartaalrapportage',
      recordedOn: today,
    });
    await spec.cast.ok(manager, 'POST', `/api/v1/programmes/${plan.id}/goals/${picture.id}/results`, {
      text: 'Beeld opgeleverd aan de stuurgroep',
      source: 'Verslag stuurgroep',
      recordedOn: today,
    });
    const handled = plan.items[0]?.figures[0]?.value ?? -1;

    // From the main menu to the year's district plans, then to the plan.
    const page = await spec.visitors.page(manager);
    await page.goto(spec.samenspel.url);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: "Programma's" })
      .click();
    const plans = page.getByRole('table', {
      name: `Districtsplannen ${year} en hoeveel doelen behaald zijn`,
    });
    await plans
      .getByRole('row', { name: /Districtsplan Utrecht-Stad/ })
      .getByText('0 van 3 doelen behaald')
      .waitFor();
    await plans.getByRole('link', { name: 'Districtsplan Utrecht-Stad' }).click();
    await page.getByRole('heading', { level: 1, name: 'Districtsplan Utrecht-Stad' }).waitFor();

    const table = page.getByRole('table', {
      name: `Districtsplan Utrecht-Stad ${year}: beoogd en gerealiseerd`,
    });
    expect(await table.getByRole('columnheader').allTextContents()).toEqual([
      'Doel',
      'Beoogd',
      'Gerealiseerd',
      'Status',
      'Wijzigen',
    ]);
    // Computed: the figures, each linked to its definition; the status in words; no hand result.
    const cases = goalRow(page, 'Integrale casussen behandelen');
    expect(await cases.getByRole('cell').first().textContent()).toBe('20');
    const definition = cases.getByRole('link', { name: 'Casussen behandeld' });
    expect(await definition.getAttribute('href')).toBe('/programmas/indicatoren#cases.handled');
    expect(await cases.textContent()).toContain(`${handled} Casussen behandeld`);
    await cases.getByRole('link', { name: 'Afgesloten casussen' }).waitFor();
    await cases.getByText('Niet behaald').waitFor();
    expect(await cases.getByRole('button', { name: /Resultaat vastleggen/ }).count()).toBe(0);
    // Recorded: the value with its source and date; qualitative: the text.
    const looRow = goalRow(page, 'Structurele lokale');
    expect(await looRow.getByRole('cell').first().textContent()).toBe('8–10');
    await looRow.getByText(/^Bron: Kwartaalrapportage, \d+ \w+ \d{4}$/).waitFor();
    await goalRow(page, 'Ondermijningsbeeld').getByText('Beeld opgeleverd aan de stuurgroep').waitFor();
    await goalRow(page, 'Ondermijningsbeeld').getByText('Kwalitatief').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'programme-page');

    // A hand result by keyboard: the source is required, said next to the field.
    await looRow.getByRole('button', { name: /Resultaat vastleggen/ }).focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: /^Resultaat vastleggen: Structurele/ });
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.tagName), { timeout: 10_000 })
      .toBe('H2');
    await page.keyboard.press('Tab');
    await page.keyboard.type('9');
    await form.getByRole('button', { name: 'Resultaat vastleggen' }).press('Enter');
    await form.getByText('Vermeld de bron van dit resultaat.').waitFor();
    expect(await form.getByLabel('Bron').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'programme-record-result');
    await form.getByLabel('Bron').fill('Verslag districtsoverleg');
    await form.getByLabel('Bron').press('Enter');
    await page.getByText('Het resultaat is vastgelegd.').waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent), { timeout: 10_000 })
      .toBe('Het resultaat is vastgelegd.');
    await looRow.getByText(/^Bron: Verslag districtsoverleg/).waitFor();
    await looRow.getByText('Behaald', { exact: true }).waitFor();
    await looRow.getByText('1 eerder resultaat').click();
    await looRow.getByText(/^7 \(Bron: Kwartaalrapportage/).waitFor();
    await page.getByText('1 van 3 doelen behaald').waitFor();

    // The figure's link leads to its definition, brought into view and focused.
    await definition.click();
    await page.getByRole('heading', { level: 1, name: 'Indicatoren en hun definities' }).waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 10_000 })
      .toBe('cases.handled');
    expect(await page.locator('#cases\\.handled').textContent()).toContain(
      'open perioden overlapt de periode',
    );
    expect(await axeViolations(page)).toEqual([]);
  });

  it('the programme manager adds a computed goal, hears what is missing next to the fields, and is offered no hand result for it', async () => {
    const p = await programme({ kind: 'programme', name: `Weerbaarheid ${uniqueSurname()}` });
    const page = await spec.visitors.page(await spec.cast.manager());
    await page.goto(`${spec.samenspel.url}/programmas/${p.id}`);
    await page.getByText('Dit programma heeft nog geen doelen.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Doel toevoegen' }).click();
    const form = page.getByRole('form', { name: 'Doel toevoegen' });
    await form.getByRole('button', { name: 'Doel toevoegen' }).click();
    // Every problem of the request at once, each next to its field.
    await form.getByText('Beschrijf het doel.').waitFor();
    await form.getByText('Kies een indicator.').waitFor();
    expect(await form.getByLabel('Doel', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'programme-goal-form');

    await form.getByLabel('Doel', { exact: true }).fill('Webinars over Bibob voor gemeenten');
    await form.getByLabel('Aantal', { exact: true }).fill('11');
    await form.getByLabel('Indicator 1: vergeleken met het doel').selectOption({ label: 'Activiteiten' });
    await form.getByLabel('Soort activiteit voor indicator 1').selectOption({ label: 'Webinar' });
    await form.getByRole('button', { name: 'Indicator toevoegen' }).click();
    await form.getByLabel('Indicator 2: toelichting').selectOption({ label: 'Deelnemers aan activiteiten' });
    await form.getByRole('button', { name: 'Doel toevoegen' }).click();
    await page.getByText('Het doel is toegevoegd.').waitFor();
    const row = goalRow(page, 'Webinars over Bibob');
    expect(await row.getByRole('link', { name: 'Activiteiten (Webinar)' }).getAttribute('href')).toBe(
      '/programmas/indicatoren#activities.count',
    );
    await row.getByRole('link', { name: 'Deelnemers aan activiteiten' }).waitFor();
    await row.getByText('Regio Midden-Nederland').waitFor();
    expect(await row.getByRole('button', { name: /Resultaat vastleggen/ }).count()).toBe(0);
    // Changing it starts from the goal as it is; cancelling returns to the button.
    await row.getByRole('button', { name: /^Wijzigen: Webinars/ }).click();
    const edit = page.getByRole('form', { name: /^Doel wijzigen: Webinars/ });
    expect(await edit.getByLabel('Aantal', { exact: true }).inputValue()).toBe('11');
    expect(await edit.getByLabel('De hele regio').isChecked()).toBe(true);
    expect(await edit.getByLabel('Soort activiteit voor indicator 1').inputValue()).toBe('webinar');
    expect(await edit.getByLabel('Soort activiteit voor indicator 2').inputValue()).toBe('');
    expect(await edit.getByLabel('Indicator 2: toelichting').inputValue()).toBe('activities.participants');
    await edit.getByRole('button', { name: 'Annuleren' }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')), {
        timeout: 10_000,
      })
      .toMatch(/^Wijzigen: Webinars/);
  });

  it('the activity register filters by kind, totals what it shows, exports that selection and records an activity', async () => {
    const analyst = await spec.cast.analyst();
    const tag = uniqueSurname();
    for (const activity of [
      { kind: 'webinar', title: `Webinar Bibob ${tag}`, municipalityCode: 'GM0344', participants: 40 },
      { kind: 'school-programme', title: `Kapot Sterk ${tag}`, municipalityCode: 'GM0307', pupils: 210 },
    ])
      await spec.cast.ok(analyst, 'POST', '/api/v1/activities', { heldOn: today, ...activity });
    const page = await spec.visitors.page(analyst);
    await page.goto(`${spec.samenspel.url}/activiteiten`);
    await page.getByRole('heading', { level: 1, name: 'Activiteitenregister' }).waitFor();
    const table = page.getByRole('table', { name: /, met het totaal$/ });
    await table.getByRole('rowheader', { name: `Kapot Sterk ${tag}` }).waitFor();

    await page.getByLabel('Soort activiteit').first().selectOption({ label: 'Webinar' });
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.waitForURL(/soort=webinar/);
    await table.getByRole('rowheader', { name: `Kapot Sterk ${tag}` }).waitFor({ state: 'detached' });
    const webinars = await table.getByRole('row').count();
    expect(await table.getByRole('rowheader', { name: /^Totaal: / }).textContent()).toBe(
      `Totaal: ${webinars - 2} activiteit${webinars - 2 === 1 ? '' : 'en'}`,
    );
    expect(
      await table.getByRole('row', { name: new RegExp(`Webinar Bibob ${tag}`) }).textContent(),
    ).toContain('40');

    // The export asks for exactly the filtered selection.
    const exported = page.waitForRequest(/\/api\/v1\/activities\.xlsx\?kind=webinar$/);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exporteren naar Excel' }).click();
    expect((await exported).url()).toContain('kind=webinar');
    expect((await download).suggestedFilename()).toBe('activiteiten.xlsx');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'activities');

    // A new webinar, recorded below the register, shows in it at once.
    const form = page.getByRole('form', { name: 'Activiteit vastleggen' });
    await form.getByRole('button', { name: 'Activiteit vastleggen' }).click();
    await form.getByText('Kies een soort activiteit.').waitFor();
    await form.getByLabel('Soort activiteit').selectOption({ label: 'Webinar' });
    await form.getByLabel('Titel').fill(`Q-webinar ondermijning ${tag}`);
    await form.getByLabel('Gemeente').selectOption({ label: 'Utrecht' });
    await form.getByLabel('Deelnemers').fill('125');
    await form.getByRole('button', { name: 'Activiteit vastleggen' }).click();
    await page.getByText(`Vastgelegd: Q-webinar ondermijning ${tag}`, { exact: false }).waitFor();
    await table.getByRole('rowheader', { name: `Q-webinar ondermijning ${tag}` }).waitFor();
  });

  it('case progress per district: exact for the RIEC analyst, through the disclosure gate for a partner', async () => {
    await newCase(spec.cast, { codeName: `Voortgang ${uniqueSurname()}` });
    const exact = await spec.cast.ok<CaseProgress>(
      await spec.cast.analyst(),
      'GET',
      `/api/v1/case-progress?year=${year}&districtId=utrecht-stad`,
    );
    const analyst = await spec.visitors.page(await spec.cast.analyst());
    await analyst.goto(`${spec.samenspel.url}/voortgang-casussen?jaar=${year}`);
    const cases = analyst.getByRole('table', { name: `Integrale casussen per district in ${year}` });
    await cases.waitFor();
    expect(await cases.getByRole('columnheader').allTextContents()).toEqual([
      'Casussen',
      'West-Utrecht',
      'Oost-Utrecht',
      'Utrecht-Stad',
      'Flevoland',
      'Gooi en Vechtstreek',
    ]);
    const handled = exact.districts[0]?.handled;
    expect(
      await cases
        .getByRole('row', { name: /^Behandeld/ })
        .getByRole('cell')
        .nth(2)
        .textContent(),
    ).toBe(String(handled));
    expect(await analyst.getByText(/Afgerond op vijf/).count()).toBe(0);

    // A municipality's staff: rounded, small counts left out, and told so.
    const partner = await spec.visitors.page(await spec.cast.staff('GM0344'));
    await partner.goto(spec.samenspel.url);
    await partner
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Voortgang casussen' })
      .click();
    await partner.getByRole('heading', { level: 1, name: 'Voortgang casussen' }).waitFor();
    await partner.getByText(/^Afgerond op vijf; aantallen onder de 5 worden niet getoond/).waitFor();
    // By keyboard: from the year to the district, and one keystroke chooses Utrecht-Stad.
    await partner.getByLabel('Jaar').focus();
    await partner.keyboard.press('Tab');
    await partner.keyboard.press('U');
    await partner.waitForURL(/district=utrecht-stad/);
    const gated = partner.getByRole('table', { name: `Integrale casussen per district in ${year}` });
    await expect
      .poll(() => gated.getByRole('columnheader').allTextContents(), { timeout: 15_000 })
      .toEqual(['Casussen', 'Utrecht-Stad']);
    expect(
      await gated
        .getByRole('row', { name: /^Behandeld/ })
        .getByRole('cell')
        .textContent(),
    ).toBe('< 5');
    expect(await axeViolations(partner)).toEqual([]);
    await screenshot(partner, 'case-progress');
  });
});
