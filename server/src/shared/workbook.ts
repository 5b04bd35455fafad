import { MAX_EXPORT_ROWS } from '@samenspel/contracts';
import ExcelJS from 'exceljs';
import { amsterdamDate, dutchDate } from './dates.js';
import { AppError } from './errors.js';

/** A column of an exported list: its Dutch heading, width and how its cells are kept. */
export interface WorkbookColumn<T> {
  header: string;
  width: number;
  /** `date` cells take a `YYYY-MM-DD` string and become real dates shown as 14-03-2026. */
  type?: 'text' | 'number' | 'date';
  value: (row: T) => string | number | null;
}

/**
 * A list as an Excel workbook of one sheet: a title line (what was selected), a bold header row
 * that stays in view and filters, then one row per record. Dates are real dates and numbers real
 * numbers, so Excel sorts and sums them; text that starts like a formula stays text.
 */
export async function listWorkbook<T>(options: {
  sheet: string;
  title: string;
  columns: ReadonlyArray<WorkbookColumn<T>>;
  rows: readonly T[];
  created: Date;
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Samenspel';
  workbook.created = options.created;
  const ws = workbook.addWorksheet(options.sheet);
  ws.addRow([options.title]).font = { bold: true, size: 13 };
  const header = ws.addRow(options.columns.map((c) => c.header));
  header.font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: options.columns.length } };
  options.columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    column.width = c.width;
    if (c.type === 'date') column.numFmt = 'dd-mm-yyyy';
  });
  for (const row of options.rows)
    ws.addRow(
      options.columns.map((c) => {
        const value = c.value(row);
        if (value === null) return null;
        if (c.type === 'date' && typeof value === 'string') return new Date(`${value}T00:00:00Z`);
        // A string cell is never read as a formula by ExcelJS; kept as text as it is.
        return value;
      }),
    );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 422: the filter selects more than one export takes; the user narrows it. */
export function tooManyToExport(total: number, what: string): AppError {
  return new AppError({
    code: 'list.export_too_large',
    status: 422,
    title: 'Te veel om te exporteren',
    detail: `Deze selectie telt ${total.toLocaleString('nl-NL')} ${what}; een export neemt er hoogstens ${MAX_EXPORT_ROWS.toLocaleString('nl-NL')}. Verfijn de filters.`,
  });
}

/** What a filter selected, in words, for the title line of an export. */
export function selectionTitle(
  what: string,
  parts: ReadonlyArray<string | null | undefined>,
  at: Date,
): string {
  const chosen = parts.filter((p): p is string => Boolean(p));
  return `${what}${chosen.length ? `: ${chosen.join(', ')}` : ''} — geëxporteerd op ${dutchDate(amsterdamDate(at))}`;
}
