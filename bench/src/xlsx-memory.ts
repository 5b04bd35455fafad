// A process of its own for the memory figure of issue 18's XLSX benchmark: it reads one workbook,
// either with plain exceljs streaming (the baseline) or through the import pipeline's dry run of
// the finance kind (read, columns mapped, every row checked), and prints its peak resident memory.
// Run by imports.ts; alone: node --import tsx bench/src/xlsx-memory.ts plain|pipeline <file.xlsx>
import { readFile } from 'node:fs/promises';
import { checkRows, importKindDefinitions, readSpreadsheet } from '../../server/src/modules/imports/index.ts';
import { mapping, plainXlsx } from './finance-file.ts';

const [mode, file] = process.argv.slice(2);
if (!file || (mode !== 'plain' && mode !== 'pipeline')) {
  console.error('usage: xlsx-memory.ts plain|pipeline <file.xlsx>');
  process.exit(2);
}
const bytes = await readFile(file);
const before = process.resourceUsage().maxRSS;
const started = performance.now();
let rows = 0;
if (mode === 'plain') {
  rows = await plainXlsx(bytes);
} else {
  const read = await readSpreadsheet(bytes, 'financien.xlsx');
  const checked = checkRows(importKindDefinitions.finance, read, mapping);
  rows = read.rows.length;
  if (checked.rejected) throw new Error(`${checked.rejected} rows refused`);
}
// maxRSS is in kilobytes: the most this process ever held, the module code and the file included.
console.log(
  JSON.stringify({
    mode,
    rows,
    seconds: (performance.now() - started) / 1000,
    peakMb: process.resourceUsage().maxRSS / 1024,
    beforeMb: before / 1024,
  }),
);
