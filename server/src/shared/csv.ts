/**
 * CSV for spreadsheets: every cell quoted, a leading formula character neutralised so that a
 * spreadsheet does not run it, CRLF line ends, and a byte-order mark so Excel reads UTF-8.
 */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function csvDocument(rows: ReadonlyArray<readonly unknown[]>): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
