// The import benchmark's finance file: how its columns map to the kind's fields, and reading the
// workbook with plain exceljs streaming (the baseline). Kept apart so that the memory process
// (xlsx-memory.ts) loads nothing else.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export const mapping = { Jaar: 'year', Regel: 'line', Begroting: 'budget', Realisatie: 'realisation' };

export async function plainXlsx(bytes: Buffer): Promise<number> {
  let n = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  for await (const sheet of reader) for await (const _ of sheet as unknown as AsyncIterable<unknown>) n += 1;
  return n - 1;
}
