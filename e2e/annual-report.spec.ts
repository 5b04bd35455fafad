import type { AnnualReport, Programme } from '@samenspel/contracts';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newCase } from '../server/src/testing/factories.ts';
import { axeViolations } from './src/axe.ts';
import { screenshot } from './src/browser.ts';
import { BrowserSpec } from './src/spec.ts';

// With the job runner, as `samenspel serve` has it: the import panel runs its files as background jobs.
const spec = new BrowserSpec({ jobs: true });
const api = '/api/v1/annual-reports';

/** The element that has focus: its tag, id and text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const e = document.activeElement;
    return { tag: e?.tagName ?? '', id: e?.id ?? '', text: e?.textContent?.trim() ?? '' };
  });

describe('the annual report', () => {
  it('a section is written, submitted and approved by keyboard, the report published, and its publication read by its table of contents', async () => {
    // A year of its own: two cases, a district plan with a computed goal, the finances.
    const year = 2016;
    const manager = await spec.cast.manager();
    for (const d of ['02-01', '03-01']) await newCase(spec.cast, { startedOn: `${year}-${d}` });
    const plan = await spec.cast.ok<Programme>(manager, 'POST', '/api/v1/programmes', {
      year,
      kind: 'district',
      districtId: 'utrecht-stad',
      name: `Districtsplan Utrecht-Stad ${year}`,
    });
    await spec.cast.ok(manager, 'POST', `/api/v1/programmes/${plan.id}/goals`, {
      text: 'Integrale casussen behandelen',
      scope: { kind: 'district', districtId: 'utrecht-stad' },
      target: { kind: 'number', minimum: 20 },
      result: { kind: 'computed', indicators: [{ indicator: 'cases.handled' }, { indicator: 'cases.new' }] },
    });
    await spec.cast.ok(manager, 'PUT', `/api/v1/finance/${year}`, {
      lines: [
        { line: 'justice-contribution', budget: 1_000_000, realisation: 1_000_000 },
        { line: 'personnel', budget: 1_000_000, realisation: 990_000 },
      ],
    });
    const report = await spec.cast.ok<AnnualReport>(manager, 'POST', api, { year });
    // Every section but the region's is approved through the API.
    const [regio, ...others] = report.items;
    if (!regio) throw new Error('no sections');
    for (const s of others) {
      const url = `${api}/${report.id}/sections/${s.id}`;
      await spec.cast.ok(manager, 'PUT', `${url}/prose`, { prose: `Tekst van ${s.title}.` });
      await spec.cast.ok(manager, 'POST', `${url}/steps`, { type: 'submit' });
      await spec.cast.ok(manager, 'POST', `${url}/steps`, { type: 'approve' });
    }

    // From the main menu to the list, and to the draft.
    const page = await spec.visitors.page(manager);
    await page.goto(spec.samenspel.url);
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Jaarverslag' })
      .click();
    const row = page
      .getByRole('table', { name: /^Jaarverslagen per jaar/ })
      .getByRole('row', { name: new RegExp(`^${year}`) });
    await row.getByText('5 van 6 hoofdstukken goedgekeurd').waitFor();
    await row.getByText('Concept').waitFor();
    await row.getByRole('link', { name: report.title }).click();
    await page.getByRole('heading', { level: 1, name: report.title }).waitFor();

    // Publishing too early: refused, with the section still open named.
    await page.getByRole('button', { name: 'Publiceren' }).click();
    await page.getByRole('button', { name: 'Ja, publiceren' }).click();
    const refusal = page.getByRole('alert');
    await refusal.getByText('Het jaarverslag kan nog niet worden gepubliceerd:').waitFor();
    expect(await refusal.getByRole('listitem').allTextContents()).toEqual([
      `Het hoofdstuk '${regio.title}' is nog niet goedgekeurd.`,
    ]);

    // The region's section by keyboard: written in two paragraphs, saved, submitted.
    const section = page.getByRole('region', { name: regio.title });
    await section.getByText('Concept', { exact: true }).waitFor();
    await section.getByLabel(`Tekst van ${regio.title}`).focus();
    await page.keyboard.type('Een jaar van goede samenwerking.');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('In vijf districten.');
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('Tekst opslaan');
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await focused(page)).text, { timeout: 10_000 })
      .toBe('De tekst is opgeslagen.');
    await section.getByRole('button', { name: `Indienen: ${regio.title}` }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await focused(page)).text, { timeout: 10_000 })
      .toBe('Het hoofdstuk is ingediend.');
    await section.getByText('Ingediend', { exact: true }).first().waitFor();
    // Submitted: no more editing; the text reads as paragraphs.
    expect(await section.getByLabel(`Tekst van ${regio.title}`).count()).toBe(0);
    await section.getByText('In vijf districten.', { exact: true }).waitFor();

    // Returning asks for a note, said next to the field; cancelled here.
    await section.getByRole('button', { name: `Terugsturen: ${regio.title}` }).focus();
    await page.keyboard.press('Enter');
    const returning = page.getByRole('form', { name: `${regio.title} terugsturen naar de eigenaar` });
    await returning.getByRole('button', { name: 'Terugsturen' }).press('Enter');
    await returning.getByText('Zeg wat er nog moet gebeuren.').waitFor();
    expect(await returning.getByLabel('Wat moet er nog gebeuren?').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await returning.getByRole('button', { name: 'Annuleren' }).press('Enter');

    await section.getByRole('button', { name: `Goedkeuren: ${regio.title}` }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await focused(page)).text, { timeout: 10_000 })
      .toBe('Het hoofdstuk is goedgekeurd.');
    await section.getByText('Goedgekeurd', { exact: true }).first().waitFor();
    await section.getByText(/^Geschiedenis \(3 stappen\)$/).click();
    // The history's steps (the section's table has its footnotes as a list too).
    expect(await section.getByRole('listitem').filter({ hasText: / · / }).allTextContents()).toEqual([
      expect.stringMatching(/^Goedgekeurd · /),
      expect.stringMatching(/^Ingediend · /),
      expect.stringMatching(/^Tekst opgeslagen · /),
    ]);
    await page.getByText('6 van 6 hoofdstukken goedgekeurd').waitFor();
    // The refusal named a section that is approved now: it is gone.
    expect(await page.getByRole('alert').count()).toBe(0);
    // The district's computed figures link to their indicators.
    expect(
      await page
        .getByRole('region', { name: 'District Utrecht-Stad' })
        .getByRole('link', { name: 'cases.handled' })
        .getAttribute('href'),
    ).toBe('/programmas/indicatoren#cases.handled');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'annual-report-draft');

    // Published by keyboard; the publication follows.
    await page.getByRole('button', { name: 'Publiceren' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Ja, publiceren' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/jaarverslagen/${report.id}/publicatie$`));
    await page.getByRole('heading', { level: 1, name: report.title }).waitFor();
    await page.getByText(/^Gepubliceerd op \d+ \w+ \d{4}/).waitFor();

    // Sections at their levels under the h1, the prose as paragraphs.
    await page.getByRole('heading', { level: 2, name: 'Districten' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'District Utrecht-Stad' }).waitFor();
    const region = page.getByRole('region', { name: regio.title });
    expect(await region.getByRole('paragraph').allTextContents()).toEqual([
      'Een jaar van goede samenwerking.',
      'In vijf districten.',
    ]);

    // The table of contents by keyboard: Tab to a link, Enter, and the focus is on that section's heading.
    const toc = page.getByRole('navigation', { name: 'Inhoudsopgave' });
    expect(await toc.getByRole('link').allTextContents()).toEqual([
      regio.title,
      'Districten',
      'District Utrecht-Stad',
      "Regionale programma's",
      'Financiën',
      'Landelijke verantwoordingstabel',
      'Definities van de cijfers',
    ]);
    await page.getByRole('link', { name: 'Gegevens (JSON)' }).focus();
    for (let i = 0; i < 6 && (await focused(page)).text !== 'Landelijke verantwoordingstabel'; i++)
      await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'A', text: 'Landelijke verantwoordingstabel' });
    await page.keyboard.press('Enter');
    await expect
      .poll(() => focused(page), { timeout: 10_000 })
      .toEqual({ tag: 'H2', id: 'hoofdstuk-verantwoording', text: 'Landelijke verantwoordingstabel' });
    await page.waitForURL(/#hoofdstuk-verantwoording$/);

    // The national table in full: two cases are two, where the district table says "< 5".
    const national = page.getByRole('table', {
      name: new RegExp(
        `^Cijfermatige resultaten integrale aanpak binnen RIEC-verband, ${year}.*Periode: 1 januari ${year} – 31 december ${year}`,
      ),
    });
    expect(await national.getByRole('row', { name: /^2a / }).getByRole('cell').textContent()).toBe('2');
    const districts = page.getByRole('table', {
      name: new RegExp(`^Integrale casussen per district, ${year}`),
    });
    expect(
      await districts
        .getByRole('row', { name: /^Utrecht-Stad/ })
        .getByRole('cell')
        .allTextContents(),
    ).toEqual(['< 5', '< 5', '< 5']);
    // A chart of the districts and a map of Places: pictures with a text alternative, their
    // figures in the table under each.
    await page
      .getByRole('img', {
        name: new RegExp(`^Staafdiagram van de integrale casussen per district in ${year}`),
      })
      .waitFor();
    await page
      .getByRole('img', {
        name: /^Kaart van de \d+ gemeenten van de regio, gekleurd naar het aantal risicolocaties/,
      })
      .waitFor();
    await page
      .getByRole('table', { name: new RegExp(`^Risicolocaties en controles per gemeente, ${year}`) })
      .waitFor();
    // Its definitions: the national table's named at the end, the programmes' on the indicators' page.
    await page.getByText(/de definities van deze cijfers staan in docs\/accountability\.md\.$/).waitFor();
    const csv = page.getByRole('link', { name: /^CSV van de tabel Cijfermatige resultaten/ });
    expect(await csv.getAttribute('href')).toBe(
      `${api}/${report.id}/publication/tables/verantwoordingstabel`,
    );
    expect(
      await page
        .getByRole('region', { name: 'District Utrecht-Stad' })
        .getByRole('link', { name: /^Definities van de tabel/ })
        .getAttribute('href'),
    ).toBe('#definities');
    // The report explains its own figures: each indicator links to its definition inside it.
    const handled = page
      .getByRole('region', { name: 'District Utrecht-Stad' })
      .getByRole('link', { name: 'cases.handled' });
    expect(await handled.getAttribute('href')).toBe('#definitie-cases-handled');
    expect(await page.locator('#definitie-cases-handled + dd').textContent()).toMatch(
      /^Integrale casussen die op enig moment/,
    );
    expect(await page.getByRole('link', { name: 'Gegevens (JSON)' }).getAttribute('href')).toBe(
      `${api}/${report.id}/publication`,
    );
    const pdf = page.getByRole('link', { name: 'PDF (archiefversie)' });
    expect(await pdf.getAttribute('href')).toBe(`${api}/${report.id}/publication.pdf`);
    const archived = await page.request.get(`${spec.samenspel.url}${api}/${report.id}/publication.pdf`);
    expect(archived.status()).toBe(200);
    expect(archived.headers()['content-type']).toBe('application/pdf');
    expect((await archived.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.getByText(/^Vingerafdruk van deze versie \(SHA-256\): [0-9a-f]{64}$/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'annual-report-publication');
  });

  it('the programme manager starts a year by keyboard and hears when that year already has one; partner staff see only published reports', async () => {
    const year = 2014;
    const page = await spec.visitors.page(await spec.cast.manager());
    await page.goto(`${spec.samenspel.url}/jaarverslagen`);
    const form = page.getByRole('form', { name: 'Jaarverslag starten' });
    await form.getByLabel('Jaar').fill(String(year));
    await form.getByLabel('Jaar').press('Enter');
    await page.getByRole('heading', { level: 1, name: new RegExp(`^Jaarverslag ${year} RIEC `) }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Landelijke verantwoordingstabel' }).waitFor();

    await page.getByRole('link', { name: 'Jaarverslagen', exact: true }).click();
    await form.getByLabel('Jaar').fill(String(year));
    await form.getByRole('button', { name: 'Jaarverslag starten' }).press('Enter');
    await form.getByText(`Er is al een jaarverslag over ${year}.`).waitFor();
    expect(await form.getByLabel('Jaar').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'annual-reports');

    const staff = await spec.visitors.page(await spec.cast.staff('GM0344'));
    await staff.goto(`${spec.samenspel.url}/jaarverslagen`);
    await staff.getByRole('heading', { level: 1, name: 'Jaarverslagen' }).waitFor();
    await staff
      .getByText(/^Er is nog geen jaarverslag\.|^Jaarverslagen per jaar/)
      .first()
      .waitFor();
    expect(await staff.getByRole('link', { name: new RegExp(`^Jaarverslag ${year}`) }).count()).toBe(0);
    expect(await staff.getByRole('form', { name: 'Jaarverslag starten' }).count()).toBe(0);
  });
  it('finance from a spreadsheet: its refused rows shown with what is wrong, the corrected file imported, by keyboard', async () => {
    const year = 2010;
    const manager = await spec.cast.manager();
    const page = await spec.visitors.page(manager);
    await page.goto(`${spec.samenspel.url}/financien?jaar=${year}`);
    await page.getByRole('heading', { level: 2, name: 'Importeren uit een spreadsheet' }).waitFor();
    const file = page.getByLabel('Bestand (CSV of Excel)');
    const csv = (rows: string[]) => ({
      name: `financien-${year}.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from(['Jaar;Regel;Begroting;Realisatie', ...rows].join('\r\n')),
    });
    await file.setInputFiles(csv([`${year};Bijdragen gemeenten;€ 291.000;312.000`, `${year};Huur;5;5`]));
    await page.getByRole('button', { name: 'Controleren' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(`financien-${year}.csv: 2 rijen — 1 goed, 1 geweigerd, 0 overgeslagen.`).waitFor();
    const refused = page.getByRole('table', { name: 'Geweigerde rijen' });
    expect(await refused.getByRole('row', { name: /^3 / }).getByRole('cell').allTextContents()).toEqual([
      'Regel',
      'Huur',
      expect.stringMatching(/^Dit is geen regel van het exploitatieoverzicht\./),
    ]);
    expect(
      await page.getByRole('link', { name: 'Foutenbestand downloaden (CSV)' }).getAttribute('href'),
    ).toMatch(/^\/api\/v1\/imports\/[0-9a-f-]{36}\/errors\.csv$/);
    expect(await page.getByRole('button', { name: 'Importeren' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'finance-import-refused');

    // The corrected file has its budget under another heading: matched by hand, checked again,
    // then imported; the table shows it at once.
    await file.setInputFiles({
      name: `financien-${year}.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from(
        [
          'Jaar;Regel;Plan;Realisatie',
          `${year};Bijdragen gemeenten;€ 291.000;312.000`,
          `${year};Personele lasten;291000;312000`,
        ].join('\r\n'),
      ),
    });
    await page.getByRole('button', { name: 'Controleren' }).focus();
    await page.keyboard.press('Enter');
    const plan = page.getByLabel('Kolom ‘Plan’');
    await plan.waitFor();
    expect(await plan.inputValue()).toBe('');
    await plan.focus();
    await plan.selectOption({ label: 'Begroting' });
    await page.getByRole('button', { name: 'Opnieuw controleren' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(/Plan → Begroting/).waitFor();
    await page.getByText('Geen rij geweigerd. Klik op Importeren om 2 rijen vast te leggen.').waitFor();
    await page.getByRole('button', { name: 'Importeren' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Geïmporteerd: 2 rijen vastgelegd.').waitFor();
    const table = page.getByRole('table', { name: new RegExp(`^Exploitatieoverzicht ${year}`) });
    await expect
      .poll(async () =>
        table
          .getByRole('row', { name: /^Totaal baten/ })
          .getByRole('cell')
          .first()
          .textContent(),
      )
      .toBe('291');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'finance-import');
  });
});
