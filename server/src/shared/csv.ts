/**
 * CSV as Dutch Excel opens it with a double click: cells separated by semicolons (the comma is
 * the decimal sign in Dutch), a byte-order mark so that it reads UTF-8, decimal commas, Dutch
 * dates (14-03-1979, and 14-03-2026 10:15:30 in Dutch time for moments), CRLF line ends, every
 * cell quoted, and text that starts like a formula neutralised so that a spreadsheet does not run
 * it. Every CSV Samenspel writes goes through here.
 */

const SEPARATOR = ';';

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
const isoMoment = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const dutchMoment = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** A moment in Dutch time as `14-03-2026 10:15:30`. */
function moment(value: Date): string {
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    dutchMoment.formatToParts(value).find((p) => p.type === type)?.value ?? '';
  return `${part('day')}-${part('month')}-${part('year')} ${part('hour')}:${part('minute')}:${part('second')}`;
}

/** A number as Dutch Excel reads it: a decimal comma, no thousands separator. */
function number(value: number): string {
  return Number.isFinite(value) ? String(value).replace('.', ',') : '';
}

/** A text cell that a spreadsheet will not run as a formula. */
function text(value: string): string {
  const date = isoDate.exec(value);
  if (date) return `${date[3]}-${date[2]}-${date[1]}`;
  if (isoMoment.test(value)) return moment(new Date(value));
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * One cell: numbers with a decimal comma, dates and ISO 8601 dates or moments in Dutch form,
 * yes/no in Dutch, text made formula-safe. Empty for null and undefined.
 */
export function csvCell(value: unknown): string {
  let shown: string;
  if (value === null || value === undefined) shown = '';
  else if (typeof value === 'number') shown = number(value);
  else if (typeof value === 'boolean') shown = value ? 'ja' : 'nee';
  else if (value instanceof Date) shown = Number.isNaN(value.getTime()) ? '' : moment(value);
  else shown = text(String(value));
  return `"${shown.replaceAll('"', '""')}"`;
}

export function csvDocument(rows: ReadonlyArray<readonly unknown[]>): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(SEPARATOR)).join('\r\n')}\r\n`;
}

/** The Content-Type of what `csvDocument` writes. */
export const CSV_TYPE = 'text/csv; charset=utf-8';
