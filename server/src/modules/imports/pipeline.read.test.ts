import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { collectSheets, readSpreadsheet, streamedSheets, wholeSheets } from './pipeline.read.js';
import { readDate, readNumber } from './pipeline.values.js';

describe('reading a spreadsheet for an import', () => {
  it('gives each CSV row the line it starts on, after blank lines and values with a line break', async () => {
    const file = await readSpreadsheet(
      Buffer.from('Jaar,Toelichting\r\n2021,"twee\r\nregels"\r\n\r\n2022,een\r\n'),
      'f.csv',
    );
    expect(file.rows.map((r) => [r.line, r.cells[0]])).toEqual([
      [2, '2021'],
      [5, '2022'],
    ]);
  });

  it('reads a workbook whole as the streaming reader does, for the files that reader trips over', async () => {
    // exceljs writes the workbook part last in the zip; its streaming reader sometimes loses it
    // (exceljs #3064) and the file is then read whole: the same sheets, rows, lines and values.
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Toelichting').addRow(['Dit blad is uitleg.']);
    const sheet = workbook.addWorksheet('Cijfers');
    sheet.addRow(['Boekjaar', 'Post', 'Datum', 'Stand']);
    sheet.addRow([]);
    sheet.addRow([2013, 'Beheerlasten', new Date(Date.UTC(2013, 4, 1)), { formula: 'A3*2', result: 4026 }]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const streamed = await collectSheets(streamedSheets(bytes), 'Cijfers');
    expect(await collectSheets(wholeSheets(bytes), 'Cijfers')).toEqual(streamed);
    expect(streamed.sheets).toEqual(['Toelichting', 'Cijfers']);
    expect(streamed.chosen?.header).toEqual(['Boekjaar', 'Post', 'Datum', 'Stand']);
    expect(streamed.chosen?.rows.map((r) => r.line)).toEqual([3]);
  });

  it('reads amounts and dates the way Dutch spreadsheets write them', () => {
    expect(readNumber('€ 1.234.567')).toEqual({ ok: true, value: 1_234_567 });
    expect(readNumber('1.234,56')).toEqual({ ok: true, value: 1234.56 });
    expect(readNumber('1,234.56')).toEqual({ ok: true, value: 1234.56 });
    expect(readNumber('(21)')).toEqual({ ok: true, value: -21 });
    expect(readNumber('1.234,567')).toMatchObject({ ok: false, code: 'precision' });
    expect(readNumber('veel')).toMatchObject({ ok: false, code: 'not_a_number' });
    expect(readDate('31-12-2021')).toEqual({ ok: true, value: '2021-12-31' });
    expect(readDate('2021-12-31')).toEqual({ ok: true, value: '2021-12-31' });
    expect(readDate(44561)).toEqual({ ok: true, value: '2021-12-31' });
    expect(readDate(new Date(Date.UTC(2021, 11, 31)))).toEqual({ ok: true, value: '2021-12-31' });
    expect(readDate('31-02-2021')).toMatchObject({ ok: false, code: 'no_such_date' });
    expect(readDate('eind december')).toMatchObject({ ok: false, code: 'not_a_date' });
    expect(readDate({ formula: 'TODAY()' })).toMatchObject({ ok: false, code: 'formula' });
  });
});
