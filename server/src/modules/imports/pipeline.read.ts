import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { decodeTextFile, detectSeparator } from '../../shared/text-files.js';

/**
 * Reading a spreadsheet for the import pipeline: a CSV (`;`, `,` or tab; UTF-8 or Windows-1252,
 * with or without BOM) or one sheet of an XLSX workbook, row by row with the line a person sees
 * in the file (CSV: the line the row starts on; XLSX: the row number on the sheet). Both are read
 * as a stream (csv-parse, exceljs' streaming reader), so a large file does not fill the memory.
 * A file that cannot be read at all is refused as a whole, with a Dutch reason.
 */

/** A cell as read: text from a CSV; from a workbook also numbers, dates, booleans or a formula. */
export type Cell = string | number | boolean | Date | null | { formula: string };

export interface SourceRow {
  line: number;
  cells: Cell[];
}

export interface SourceFile {
  format: 'csv' | 'xlsx';
  encoding: string | null;
  separator: string | null;
  sheets: string[];
  sheet: string | null;
  header: string[];
  rows: SourceRow[];
}

/** The whole file refused: nothing in it can be imported. */
export class FileRefusal extends Error {
  constructor(
    readonly code: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const MAX_ROWS = 200_000;

const zip = [0x50, 0x4b, 0x03, 0x04];
const ole = [0xd0, 0xcf, 0x11, 0xe0];
const starts = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** Reads a CSV or XLSX file; `sheet` chooses a workbook's sheet (the first one with data by default). */
export async function readSpreadsheet(
  bytes: Uint8Array,
  fileName: string,
  sheet?: string,
): Promise<SourceFile> {
  const name = fileName.toLowerCase();
  if (bytes.length > MAX_IMPORT_BYTES)
    throw new FileRefusal(
      'file_too_large',
      `Dit bestand is ${(bytes.length / 1024 / 1024).toFixed(0)} MB; een import is hoogstens ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Splits het in delen.`,
    );
  if (!bytes.length) throw new FileRefusal('file_empty', 'Het bestand is leeg.');
  if (starts(bytes, ole))
    throw new FileRefusal(
      'xls_not_supported',
      'Dit is een Excel-bestand in het oude formaat (.xls). Sla het in Excel op als Excel-werkmap (.xlsx) of als CSV en probeer het opnieuw.',
    );
  const isZip = starts(bytes, zip);
  if (/\.xls[xm]$/.test(name) && !isZip)
    throw new FileRefusal(
      'not_xlsx',
      'Dit bestand heet een Excel-werkmap (.xlsx), maar is het niet. Open het in Excel en sla het op als Excel-werkmap of als CSV.',
    );
  if (isZip && !/\.xls[xm]$/.test(name))
    throw new FileRefusal(
      'not_csv',
      'Dit bestand is een Excel-werkmap of een ander zip-bestand, maar de naam zegt iets anders. Geef een Excel-werkmap de extensie .xlsx, of sla het op als CSV.',
    );
  return isZip ? readXlsx(bytes, sheet) : readCsv(bytes);
}

/**
 * The text in pieces of 256 kB, so that the parser hands the process back between them: a
 * 20 MB file read in one piece kept a background job's progress from being answered for seconds.
 */
function* chunks(text: string, size = 256 * 1024): Generator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function readCsv(bytes: Uint8Array): Promise<SourceFile> {
  // Text has no NUL bytes (UTF-16 aside, which has its BOM): a program, an image or a PDF has.
  const head = bytes.subarray(0, 4096);
  if (!(head[0] === 0xff || head[0] === 0xfe) && head.includes(0))
    throw new FileRefusal(
      'not_text',
      'Dit bestand is geen tekst (CSV) en geen Excel-werkmap. Kies het spreadsheet zelf, opgeslagen als CSV of .xlsx.',
    );
  const { text, encoding } = decodeTextFile(bytes);
  if (!text.trim()) throw new FileRefusal('file_empty', 'Het bestand is leeg.');
  const separator = detectSeparator(text);
  const parser = Readable.from(chunks(text)).pipe(
    parse({ delimiter: separator, relax_column_count: true, skip_empty_lines: false }),
  );
  const records: SourceRow[] = [];
  let header: string[] | null = null;
  let next = 1;
  try {
    // Blank lines come as records too (of one empty value), so counting lines needs no per-record
    // info from the parser (which costs more than the parsing): a record takes one line, and one
    // more for each line break inside a quoted value.
    for await (const record of parser as AsyncIterable<string[]>) {
      const line = next;
      next += 1;
      for (const value of record) if (value.includes('\n')) next += value.split('\n').length - 1;
      if (record.every((v) => !v.trim())) continue;
      if (!header) header = record.map((h) => h.trim());
      else records.push({ line, cells: record });
      if (records.length > MAX_ROWS) throw new FileRefusal('too_many_rows', tooManyRows);
    }
  } catch (error) {
    if (error instanceof FileRefusal) throw error;
    const at = (error as { lines?: number }).lines;
    throw new FileRefusal(
      'csv_unreadable',
      `Het bestand is geen leesbare CSV${at ? ` (regel ${at})` : ''}: controleer de aanhalingstekens. Een waarde met het scheidingsteken erin staat tussen dubbele aanhalingstekens; een aanhalingsteken daarin wordt verdubbeld.`,
    );
  }
  if (!header) throw new FileRefusal('file_empty', 'Het bestand is leeg.');
  return { format: 'csv', encoding, separator, sheets: [], sheet: null, header, rows: records };
}

const tooManyRows = `Dit bestand heeft meer dan ${MAX_ROWS.toLocaleString('nl-NL')} rijen. Splits het in delen.`;

function xlsxCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value)
      return { formula: String((value as { formula?: string }).formula ?? '') };
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

/** A workbook's sheets in order, each with its rows as exceljs reads them. */
type SheetRows = AsyncIterable<{ name: string; rows: AsyncIterable<ExcelJS.Row> | Iterable<ExcelJS.Row> }>;

/** The sheets as the streaming reader gives them: row by row, the workbook never whole in memory. */
export async function* streamedSheets(bytes: Uint8Array): SheetRows {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let index = 0;
  for await (const worksheet of reader) {
    index += 1;
    const name = String((worksheet as unknown as { name?: string }).name ?? `Blad${index}`);
    yield { name, rows: worksheet as unknown as AsyncIterable<ExcelJS.Row> };
  }
}

/**
 * The sheets of a workbook read whole (through the zip's central directory). The streaming
 * reader sometimes fails on a sound workbook when the workbook part comes last in the zip, as
 * exceljs and other tools write it (exceljs issue #3064: a race in its single streaming pass);
 * a file it cannot read is read this way before it is called unreadable.
 */
export async function* wholeSheets(bytes: Uint8Array): SheetRows {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  for (const worksheet of workbook.worksheets) {
    const rows: ExcelJS.Row[] = [];
    worksheet.eachRow((row) => rows.push(row));
    yield { name: worksheet.name, rows };
  }
}

/** The chosen sheet's heading and rows (the first with data, or the one named), and every sheet's name. */
export async function collectSheets(sheetRows: SheetRows, wanted: string | undefined) {
  const sheets: string[] = [];
  let chosen: { name: string; header: string[]; rows: SourceRow[] } | null = null;
  for await (const { name, rows: sheet } of sheetRows) {
    sheets.push(name);
    const take = wanted ? name === wanted : chosen === null;
    let header: string[] | null = null;
    const rows: SourceRow[] = [];
    for await (const row of sheet) {
      if (!take) continue;
      // exceljs gives the values from index 1, as Excel counts columns.
      const values = (Array.isArray(row.values) ? row.values.slice(1) : []).map(xlsxCell);
      if (values.every((v) => v === null || (typeof v === 'string' && !v.trim()))) continue;
      if (!header)
        header = values.map((v) =>
          v === null ? '' : String(typeof v === 'object' && !(v instanceof Date) ? '' : v).trim(),
        );
      else rows.push({ line: row.number, cells: values });
      if (rows.length > MAX_ROWS) throw new FileRefusal('too_many_rows', tooManyRows);
    }
    if (take && header) chosen = { name, header, rows };
  }
  return { sheets, chosen };
}

async function readXlsx(bytes: Uint8Array, wanted: string | undefined): Promise<SourceFile> {
  let read: Awaited<ReturnType<typeof collectSheets>>;
  try {
    read = await collectSheets(streamedSheets(bytes), wanted);
  } catch (error) {
    if (error instanceof FileRefusal) throw error;
    try {
      read = await collectSheets(wholeSheets(bytes), wanted);
    } catch (again) {
      if (again instanceof FileRefusal) throw again;
      throw new FileRefusal(
        'xlsx_unreadable',
        'Deze Excel-werkmap is niet te lezen. Open hem in Excel, sla hem opnieuw op als Excel-werkmap (.xlsx) en probeer het nog eens.',
      );
    }
  }
  const { sheets, chosen } = read;
  if (wanted && !sheets.includes(wanted))
    throw new FileRefusal(
      'sheet_missing',
      `Het werkblad '${wanted}' staat niet in deze werkmap. Kies uit: ${sheets.join(', ')}.`,
    );
  if (!chosen)
    throw new FileRefusal('file_empty', 'Er staat niets in deze werkmap (of in het gekozen werkblad).');
  return {
    format: 'xlsx',
    encoding: null,
    separator: null,
    sheets,
    sheet: chosen.name,
    header: chosen.header,
    rows: chosen.rows,
  };
}
