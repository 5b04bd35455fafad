import { describe, expect, it } from 'vitest';
import { newCase } from '../server/src/testing/factories.ts';
import { axeViolations } from './src/axe.ts';
import { screenshot } from './src/browser.ts';
import { BrowserSpec } from './src/spec.ts';

// With the job runner, as `samenspel serve` has it: the import panel runs its files as background jobs.
const spec = new BrowserSpec({ jobs: true });

describe("a region's earlier cases and their subjects from a spreadsheet, in the browser", () => {
  it('the analyst checks a case history, sees the refused case on every row, and imports the corrected file, by keyboard', async () => {
    const analyst = await spec.cast.analyst();
    const page = await spec.visitors.page(analyst);
    await page.goto(`${spec.samenspel.url}/casussen`);
    await page.getByRole('link', { name: 'Casushistorie importeren' }).click();
    await page.getByRole('heading', { level: 1, name: 'Casushistorie importeren' }).waitFor();
    await page
      .getByRole('listitem')
      .filter({ hasText: /^Stap \(verplicht\): Wat er gebeurde/ })
      .waitFor();
    const header =
      'Casus;Stap;Datum;Soort;Partner;Bedrag;Omschrijving;Werknaam;Gemeenten;Thema’s;Herkomst;Deelnemers';
    const start = (key: string, place: string) =>
      `${key};Start;03-02-2009;;;;;Oud ${key};${place};Vastgoed;Gemeente Utrecht;Politie eenheid Midden-Nederland`;
    const csv = (place: string) => ({
      name: 'historie-2009.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        [
          header,
          start('2009-001', place),
          '2009-001;Advies;10-03-2009;Bibob;Gemeente Utrecht;;Bibob-toets bij de vergunning;;;;;',
          '2009-001;Resultaat;01-06-2009;Afpakken;Belastingdienst;€ 25.000;;;;;;',
          '2009-001;Sluiting;01-12-2009;;;;;;;;;',
        ].join('\r\n'),
      ),
    });
    const file = page.getByLabel('Bestand (CSV of Excel)');
    await file.setInputFiles(csv('Atlantis'));
    await page.getByRole('button', { name: 'Controleren' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('historie-2009.csv: 4 rijen — 0 goed, 4 geweigerd, 0 overgeslagen.').waitFor();
    const refused = page.getByRole('table', { name: 'Geweigerde rijen' });
    expect(await refused.getByRole('row', { name: /^2 / }).getByRole('cell').allTextContents()).toEqual([
      'Gemeenten',
      'Atlantis',
      expect.stringMatching(/^De gemeente 'Atlantis' hoort niet bij uw regio\./),
    ]);
    await refused
      .getByRole('row', { name: /^3 / })
      .getByText('Casus 2009-001 wordt niet ingelezen: regel 2 is geweigerd.', { exact: false })
      .waitFor();
    expect(await page.getByRole('link', { name: 'Foutenbestand downloaden (CSV)' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Importeren' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'case-history-import-refused');

    await file.setInputFiles(csv('Utrecht'));
    await page.getByRole('button', { name: 'Controleren' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Geen rij geweigerd. Klik op Importeren om 4 rijen vast te leggen.').waitFor();
    await page.getByRole('button', { name: 'Importeren' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Geïmporteerd: 4 rijen vastgelegd.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'case-history-import');

    await page.goto(`${spec.samenspel.url}/casussen?van=2009-02-03&tot=2009-02-03`);
    await page.getByRole('link', { name: 'Oud 2009-001' }).click();
    await page.getByRole('heading', { level: 1, name: /Oud 2009-001/ }).waitFor();
    await screenshot(page, 'case-history-imported-case');
  });

  it('the director imports the subjects of a case with their relations, mends a refused row, and sees the network', async () => {
    const director = await spec.cast.director();
    const kase = await newCase(spec.cast, { director });
    const page = await spec.visitors.page(director);
    await page.goto(`${spec.samenspel.url}/casussen`);
    await page.getByRole('link', { name: 'Betrokkenen importeren' }).click();
    await page.getByRole('heading', { level: 1, name: 'Betrokkenen importeren' }).waitFor();
    const header =
      'Casus;Kenmerk betrokkene;Rol;Voornamen;Achternaam;Geboortedatum;Bedrijfsnaam;KvK-nummer;Relatie met;Soort relatie';
    const csv = (relation: string) => ({
      name: 'betrokkenen.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        [
          header,
          `${kase.reference};B1;Hoofdsubject;Karel;Visser;12-05-1971;;;B2;${relation}`,
          `${kase.reference};B2;Facilitator;;;;Visser Beheer B.V.;;;`,
        ].join('\r\n'),
      ),
    });
    const file = page.getByLabel('Bestand (CSV of Excel)');
    await file.setInputFiles(csv('buurman van'));
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByText('betrokkenen.csv: 2 rijen — 1 goed, 1 geweigerd, 0 overgeslagen.').waitFor();
    const refused = page.getByRole('table', { name: 'Geweigerde rijen' });
    expect(await refused.getByRole('row', { name: /^2 / }).getByRole('cell').allTextContents()).toEqual([
      'Soort relatie',
      'buurman van',
      expect.stringMatching(/^Deze soort relatie kent Samenspel niet\./),
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'subjects-import-refused');

    await file.setInputFiles(csv('bestuurder van'));
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByText('Geen rij geweigerd. Klik op Importeren om 2 rijen vast te leggen.').waitFor();
    await page.getByRole('button', { name: 'Importeren' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Geïmporteerd: 2 rijen vastgelegd.').waitFor();
    await screenshot(page, 'subjects-import');

    await page.goto(`${spec.samenspel.url}/casussen/${kase.id}/betrokkenen`);
    const relations = page.getByRole('table', { name: 'Relaties' });
    await relations.getByRole('row', { name: /Karel Visser/ }).waitFor();
    expect(
      await relations
        .getByRole('row', { name: /Karel Visser/ })
        .getByRole('cell')
        .allTextContents(),
    ).toEqual([
      expect.stringContaining('Karel Visser'),
      'bestuurder van',
      expect.stringContaining('Visser Beheer B.V.'),
      expect.any(String),
      expect.any(String),
    ]);
    await screenshot(page, 'subjects-imported-case');
  });
});
