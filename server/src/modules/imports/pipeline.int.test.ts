import type { FinanceYear, ImportKindView, ImportReport } from '@samenspel/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cast, createTestApp, type TestApp, testEngine } from '../../testing/index.js';

/**
 * The import pipeline, with the finance kind: a dry run reports every row; a commit writes every
 * accepted row or none; the same file again adds nothing; a file that is not one is refused.
 * Each test has a year of its own (the tests run in any order).
 */
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

type Member = Awaited<ReturnType<Cast['manager']>>;

async function upload(
  who: Member,
  body: Buffer | string,
  query: Record<string, string>,
  type = 'text/csv',
): Promise<{
  status: number;
  json: ImportReport & { invalidParams?: Array<{ code: string; reason: string }> };
}> {
  const url = `/api/v1/imports/finance?${new URLSearchParams({ mode: 'dry-run', ...query })}`;
  const response = await cast.call(who, 'POST', url, body, { 'content-type': type });
  return { status: response.statusCode, json: response.json() };
}

const finance = async (who: Member, year: number) =>
  cast.ok<FinanceYear>(who, 'GET', `/api/v1/finance/${year}`);
const line = (f: FinanceYear, code: string) => f.lines.find((l) => l.line === code);

describe(`importing spreadsheets on ${testEngine()}`, () => {
  it('reports every refused row with its line, column, value and a Dutch reason, and writes nothing while one is refused', async () => {
    const manager = await cast.manager();
    // Windows-1252 (Excel's CSV on Windows: "Financiën", "€"), semicolons, Dutch amounts.
    const csv = [
      'Jaar;Regel;Begroting;Realisatie;Opmerking',
      '2011;Bijdragen gemeenten;€ 291.000;312000;',
      '2011;Personele lasten;-5;1.000,00;negatief',
      '2011;Huur;100;100;geen regel',
      'twintig;Bijdragen provincies;1;1;',
      '2011;Beheerlasten;1.234,56;;centen',
      '2011;Bijdragen gemeenten;€ 291.000;312000;dezelfde rij nog eens',
      '2011;Bijdragen provincies;10;;',
      '2011;Bijdragen provincies;20;;dezelfde regel, ander bedrag',
      '2011;Politie;1,25;1,5;fte',
    ].join('\r\n');
    const windows1252 = Buffer.from(csv.replaceAll('€', '\x80'), 'latin1');
    const dry = await upload(manager, windows1252, { fileName: 'financiën 2011.csv' });
    expect(dry.status).toBe(200);
    const report = dry.json;
    expect(report).toMatchObject({
      mode: 'dry-run',
      status: 'checked',
      format: 'csv',
      encoding: 'windows-1252',
      separator: ';',
      rows: 9,
      accepted: 3,
      rejected: 5,
      skipped: 1,
      written: 0,
    });
    expect(report.rows).toBe(report.accepted + report.rejected + report.skipped);
    // The extra column is read and left out; the others found by their headings.
    expect(report.mapping).toEqual([
      { column: 'Jaar', field: 'year', label: 'Jaar' },
      { column: 'Regel', field: 'line', label: 'Regel' },
      { column: 'Begroting', field: 'budget', label: 'Begroting' },
      { column: 'Realisatie', field: 'realisation', label: 'Realisatie' },
      { column: 'Opmerking', field: null, label: null },
    ]);
    expect(report.problems.map((p) => [p.line, p.column, p.value, p.code])).toEqual([
      [3, 'Begroting', '-5', 'negative'],
      [4, 'Regel', 'Huur', 'unknown_line'],
      [5, 'Jaar', 'twintig', 'not_a_year'],
      [6, 'Begroting', '1.234,56', 'precision'],
      [9, null, null, 'duplicate_row'],
    ]);
    expect(report.problems[0]?.reason).toBe("Een bedrag op 'Personele lasten' kan niet negatief zijn.");
    expect(report.skippedRows).toEqual([{ line: 7, reason: 'Dezelfde rij als regel 2.' }]);

    // A commit with refused rows writes nothing at all.
    const refused = await upload(manager, windows1252, { fileName: 'f.csv', mode: 'commit' });
    expect(refused.json).toMatchObject({ status: 'refused', written: 0, rejected: 5 });
    expect(line(await finance(manager, 2011), 'municipalities')?.budget).toBeNull();

    // The error file: the refused rows as they were, with what is wrong, to fix and upload again.
    const errors = await cast.call(manager, 'GET', `/api/v1/imports/${report.id}/errors.csv`);
    expect(errors.headers['content-disposition']).toContain('financi%C3%ABn%202011-fouten.csv');
    const lines = errors.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      '"Jaar";"Regel";"Begroting";"Realisatie";"Opmerking";"Regel in het bestand";"Fout"',
    );
    expect(lines).toHaveLength(6);
    expect(lines[2]).toContain('"Huur"');
    expect(lines[2]).toContain('Regel: Dit is geen regel van het exploitatieoverzicht.');
  });

  it('commits a corrected file in one go, and the same file again adds nothing', async () => {
    const manager = await cast.manager();
    const csv = [
      'jaar,regel,begroting,realisatie',
      '2012,justice-contribution,"1,336,000",1336000',
      '2012,Personele lasten,1000000,990000',
      '2012,Politie,"1.5",',
    ].join('\n');
    const done = await upload(manager, csv, { fileName: 'f.csv', mode: 'commit' });
    expect(done.json).toMatchObject({ status: 'committed', separator: ',', encoding: 'utf-8', written: 3 });
    const year = await finance(manager, 2012);
    expect(line(year, 'justice-contribution')).toMatchObject({ budget: 1_336_000, realisation: 1_336_000 });
    expect(line(year, 'fte-police')).toMatchObject({ budget: 1.5, realisation: null });
    const again = await upload(manager, csv, { fileName: 'f.csv', mode: 'commit' });
    expect(again.json).toMatchObject({ status: 'committed', accepted: 0, skipped: 3, written: 0 });
    expect(again.json.skippedRows[0]).toEqual({ line: 2, reason: 'Staat al zo in Samenspel.' });
    // A corrected figure is new: only that row is written; a file without a realisation column
    // leaves the recorded realisations as they are.
    const corrected = await upload(
      manager,
      'jaar;regel;begroting\n2012;Personele lasten;1000500\n2012;Politie;1,5\n',
      { fileName: 'f.csv', mode: 'commit' },
    );
    expect(corrected.json).toMatchObject({ accepted: 1, skipped: 1, written: 1 });
    expect(line(await finance(manager, 2012), 'personnel')).toMatchObject({
      budget: 1_000_500,
      realisation: 990_000,
    });
    // Every run is kept, newest first, with the file's fingerprint.
    const { items } = await cast.ok<{ items: ImportReport[] }>(manager, 'GET', '/api/v1/imports');
    expect(items.slice(0, 3).map((i) => i.written)).toEqual([1, 0, 3]);
    expect(items[0]?.fileSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads a chosen sheet of a workbook with Excel dates, numbers and formulas, and a mapping of odd headings', async () => {
    const manager = await cast.manager();
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Toelichting').addRow(['Dit blad is uitleg.']);
    const sheet = workbook.addWorksheet('Cijfers');
    sheet.addRow(['Boekjaar', 'Post', 'Plan (€)', 'Stand (€)']);
    sheet.addRow([2013, 'Bijdragen gemeenten', 291000, 312000]);
    sheet.addRow([2013, 'Beheerlasten', 50000, { formula: 'C3*2', result: 100000 }]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    // Without a mapping, two headings are not known: the figure columns are left out.
    const unmapped = await upload(manager, bytes, { fileName: 'begroting.xlsx', sheet: 'Cijfers' }, type);
    expect(unmapped.json).toMatchObject({
      rows: 2,
      accepted: 2,
      mapping: [
        { column: 'Boekjaar', field: 'year', label: 'Jaar' },
        { column: 'Post', field: 'line', label: 'Regel' },
        { column: 'Plan (€)', field: null, label: null },
        { column: 'Stand (€)', field: null, label: null },
      ],
    });
    const mapping = JSON.stringify({
      Boekjaar: 'year',
      Post: 'line',
      'Plan (€)': 'budget',
      'Stand (€)': 'realisation',
    });
    const mapped = await upload(
      manager,
      bytes,
      { fileName: 'begroting.xlsx', sheet: 'Cijfers', mapping },
      type,
    );
    expect(mapped.json).toMatchObject({
      format: 'xlsx',
      sheet: 'Cijfers',
      sheets: ['Toelichting', 'Cijfers'],
    });
    expect(mapped.json.problems).toEqual([
      {
        line: 3,
        column: 'Stand (€)',
        value: '=C3*2',
        code: 'formula',
        reason: 'Deze cel bevat een formule. Zet er de waarde in (in Excel: kopiëren, plakken als waarde).',
      },
    ]);
    // Once committed, the organisation's mapping is offered the next time.
    sheet.getRow(3).getCell(4).value = 100000;
    const fixed = Buffer.from(await workbook.xlsx.writeBuffer());
    const committed = await upload(
      manager,
      fixed,
      { fileName: 'begroting.xlsx', sheet: 'Cijfers', mapping, mode: 'commit' },
      type,
    );
    expect(committed.json).toMatchObject({ status: 'committed', written: 2 });
    const { items } = await cast.ok<{ items: ImportKindView[] }>(manager, 'GET', '/api/v1/import-kinds');
    expect(items[0]?.savedMapping).toMatchObject({ 'Plan (€)': 'budget' });
    const next = await upload(manager, fixed, { fileName: 'begroting.xlsx', sheet: 'Cijfers' }, type);
    expect(next.json).toMatchObject({ accepted: 0, skipped: 2 });
  });

  it('refuses a file that is not what it says, empty, or without a needed column, with a Dutch reason', async () => {
    const manager = await cast.manager();
    const refusal = async (body: Buffer | string, fileName: string, query: Record<string, string> = {}) => {
      const r = await upload(manager, body, { fileName, ...query });
      expect(r.status).toBe(400);
      return r.json.invalidParams?.[0]?.code;
    };
    expect(await refusal('', 'leeg.csv')).toBe('file_empty');
    expect(await refusal('\uFEFF\r\n\r\n', 'leeg.csv')).toBe('file_empty');
    expect(await refusal('Jaar;Regel\n2014;Beheerlasten', 'f.xlsx')).toBe('not_xlsx');
    expect(await refusal(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'f.csv')).toBe('not_csv');
    expect(await refusal(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), 'oud.xls')).toBe(
      'xls_not_supported',
    );
    expect(await refusal(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'foto.csv')).toBe('not_text');
    expect(await refusal('Begroting;Realisatie\n1;2', 'f.csv')).toBe('columns_missing');
    expect(
      await refusal('Jaar;Regel\n2014;Beheerlasten', 'f.csv', { mapping: '{"Jaar":"year","Niet":"line"}' }),
    ).toBe('no_such_column');
    // Nothing of these was kept as an import.
    const { items } = await cast.ok<{ items: ImportReport[] }>(manager, 'GET', '/api/v1/imports');
    expect(items.some((i) => i.fileName === 'leeg.csv' || i.fileName === 'oud.xls')).toBe(false);
  });

  it('lets only those who may record finance import it, and shows an import only to its organisation', async () => {
    const manager = await cast.manager();
    const analyst = await cast.analyst();
    const csv = 'Jaar;Regel;Begroting\n2015;Beheerlasten;1000\n';
    expect((await upload(analyst, csv, { fileName: 'f.csv' })).status).toBe(403);
    const mine = await upload(manager, csv, { fileName: 'f.csv' });
    expect((await cast.call(analyst, 'GET', `/api/v1/imports/${mine.json.id}`)).statusCode).toBe(404);
    // A programme manager of another organisation does not see it either.
    const other = await cast.member(['programme_manager'], 'politie', { totp: false });
    expect((await cast.call(other, 'GET', `/api/v1/imports/${mine.json.id}`)).statusCode).toBe(404);
    expect((await cast.call(other, 'GET', `/api/v1/imports/${mine.json.id}/errors.csv`)).statusCode).toBe(
      404,
    );
    expect((await cast.ok<{ items: ImportReport[] }>(other, 'GET', '/api/v1/imports')).items).toEqual([]);
    expect((await cast.call(manager, 'GET', `/api/v1/imports/${mine.json.id}`)).statusCode).toBe(200);
  });
  it("imports activities: kinds, municipalities and partners by their names, the API's rules for each row, nothing twice", async () => {
    const analyst = await cast.analyst();
    const csv = [
      'Soort;Titel;Datum;Gemeente;Partner;Deelnemers',
      'Bibob-ondersteuning;Advies horecavergunning;14-03-2019;Utrecht;politie;3',
      'Training;Training signalen herkennen;2019-04-02;GM0307;;25',
      'Koffie;Kennismaking;2019-04-03;;;',
      'Training;Nog een training;31-12-2099;;;',
      'Training;Training in Parijs;2019-05-01;Parijs;;',
      'Training;Te veel;2019-05-02;;;veel',
    ].join('\n');
    const post = (mode: string) =>
      cast.call(analyst, 'POST', `/api/v1/imports/activities?mode=${mode}&fileName=activiteiten.csv`, csv, {
        'content-type': 'text/csv',
      });
    const dry = (await post('dry-run')).json() as ImportReport;
    expect(dry).toMatchObject({ rows: 6, accepted: 2, rejected: 4, skipped: 0 });
    expect(dry.problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [4, 'Soort', 'unknown_activity_kind'],
      [5, 'Datum', 'in_the_future'],
      [6, 'Gemeente', 'unknown_municipality'],
      [7, 'Deelnemers', 'not_a_number'],
    ]);
    // Without the refused rows: committed, and the same file again adds nothing.
    const clean = csv.split('\n').slice(0, 3).join('\n');
    const send = (mode: string) =>
      cast.call(analyst, 'POST', `/api/v1/imports/activities?mode=${mode}&fileName=a.csv`, clean, {
        'content-type': 'text/csv',
      });
    expect((await send('commit')).json()).toMatchObject({ status: 'committed', written: 2 });
    expect((await send('commit')).json()).toMatchObject({ status: 'committed', written: 0, skipped: 2 });
    const { items } = await cast.ok<{
      items: Array<{
        title: string;
        municipality: { name: string } | null;
        partner: { name: string } | null;
        participants: number | null;
      }>;
    }>(analyst, 'GET', '/api/v1/activities?from=2019-01-01&to=2019-12-31');
    expect(items.find((a) => a.title === 'Advies horecavergunning')).toMatchObject({
      municipality: { name: 'Utrecht' },
      partner: { name: 'Politie eenheid Midden-Nederland' },
      participants: 3,
    });
    // The analyst may import activities, not finance.
    const kinds = await cast.ok<{ items: ImportKindView[] }>(analyst, 'GET', '/api/v1/import-kinds');
    expect(kinds.items.map((k) => k.kind)).toEqual([
      'activities',
      'case-history',
      'risk-locations',
      'signals',
      'inspections',
      'subjects',
    ]);
  });
});
