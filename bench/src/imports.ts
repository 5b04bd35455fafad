// The import pipeline on large files (issue 18's benchmark): a 200,000-row CSV validated (read,
// columns mapped, every row checked with the kind's contract and rules, identities compared)
// against plain parsing of the same file with csv-parse; and a 200,000-row XLSX dry run against
// plain streaming of the same workbook with exceljs, with the process's peak memory. The kind is
// finance, the only one so far: its rows cycle through 101 years and 11 lines, so after the
// first 1,111 every row is a repeat, which the pipeline still reads, checks and compares in full.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { financeLineDefinitions } from '@samenspel/contracts';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { checkRows, importKindDefinitions, readSpreadsheet } from '../../server/src/modules/imports/index.ts';
import { mapping, plainXlsx } from './finance-file.ts';
import { median } from './load.ts';

const execFileAsync = promisify(execFile);
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 200_000);
const header = ['Jaar', 'Regel', 'Begroting', 'Realisatie'];

function row(i: number): [number, string, string, string] {
  const line = financeLineDefinitions[i % financeLineDefinitions.length];
  const year = 2000 + (Math.floor(i / financeLineDefinitions.length) % 101);
  const fte = line?.group === 'fte';
  return [year, line?.name ?? '', fte ? '1,5' : '€ 1.234.000', fte ? '2' : '1.200.000'];
}

/** Peak resident memory while `work` runs, sampled every 20 ms. */
async function withPeak<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

async function plainCsv(text: string): Promise<number> {
  let n = 0;
  for await (const _ of Readable.from([text]).pipe(parse({ delimiter: ';', relax_column_count: true })))
    n += 1;
  return n - 1;
}

async function pipeline(bytes: Uint8Array, name: string) {
  const file = await readSpreadsheet(bytes, name);
  const checked = checkRows(importKindDefinitions.finance, file, mapping);
  return { rows: file.rows.length, ...checked };
}

export async function benchImports(rounds: number): Promise<void> {
  const csv = [header.join(';'), ...Array.from({ length: ROWS }, (_, i) => row(i).join(';'))].join('\r\n');
  const csvBytes = Buffer.from(csv, 'utf8');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'samenspel-bench-import-'));
  const xlsxPath = path.join(dir, 'financien.xlsx');
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsxPath, useSharedStrings: true });
  const sheet = writer.addWorksheet('Financiën');
  sheet.addRow(header).commit();
  for (let i = 0; i < ROWS; i++) {
    const [year, line, budget, realisation] = row(i);
    sheet.addRow([year, line, budget, realisation]).commit();
  }
  await writer.commit();
  const xlsxBytes = await readFile(xlsxPath);

  const check = await pipeline(csvBytes, 'financien.csv');
  if (check.rows !== ROWS || check.rejected !== 0)
    throw new Error(`the benchmark file is not clean: ${check.rejected}`);
  const times = {
    csv: [] as number[],
    plainCsv: [] as number[],
    xlsx: [] as number[],
    plainXlsx: [] as number[],
  };
  let xlsxPeak = 0;
  let plainXlsxPeak = 0;
  for (let round = 0; round < rounds; round++) {
    let t = performance.now();
    await plainCsv(csv);
    times.plainCsv.push(performance.now() - t);
    t = performance.now();
    await pipeline(csvBytes, 'financien.csv');
    times.csv.push(performance.now() - t);
    t = performance.now();
    const plain = await withPeak(() => plainXlsx(xlsxBytes));
    times.plainXlsx.push(performance.now() - t);
    plainXlsxPeak = Math.max(plainXlsxPeak, plain.peakMb);
    t = performance.now();
    const ours = await withPeak(() => pipeline(xlsxBytes, 'financien.xlsx'));
    times.xlsx.push(performance.now() - t);
    xlsxPeak = Math.max(xlsxPeak, ours.peakMb);
  }
  // Memory in a process of its own: this one holds its database and the CSV of the first run.
  const alone = async (mode: 'plain' | 'pipeline') => {
    const { stdout } = await execFileAsync(process.execPath, [
      '--import',
      'tsx',
      fileURLToPath(new URL('./xlsx-memory.ts', import.meta.url)),
      mode,
      xlsxPath,
    ]);
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
      seconds: number;
      peakMb: number;
      beforeMb: number;
    };
  };
  const plainAlone = await alone('plain');
  const pipelineAlone = await alone('pipeline');
  await rm(dir, { recursive: true, force: true });
  const perSecond = (ms: number) => Math.round((ROWS / ms) * 1000);
  const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])) as Record<
    keyof typeof times,
    number
  >;
  console.log(
    `Imports: ${ROWS.toLocaleString('en')} finance rows (${(csvBytes.length / 1024 / 1024).toFixed(1)} MB CSV, ${(xlsxBytes.length / 1024 / 1024).toFixed(1)} MB XLSX); ${rounds} rounds, medians.`,
  );
  console.table([
    {
      run: 'baseline: csv-parse of the CSV',
      s: Number((m.plainCsv / 1000).toFixed(2)),
      'rows/s': perSecond(m.plainCsv),
      'peak MB': '',
    },
    {
      run: 'CSV validated by the pipeline',
      s: Number((m.csv / 1000).toFixed(2)),
      'rows/s': perSecond(m.csv),
      'peak MB': '',
    },
    {
      run: 'baseline: exceljs streaming read of the XLSX',
      s: Number((m.plainXlsx / 1000).toFixed(2)),
      'rows/s': perSecond(m.plainXlsx),
      'peak MB': Math.round(plainXlsxPeak),
    },
    {
      run: 'XLSX dry run by the pipeline',
      s: Number((m.xlsx / 1000).toFixed(2)),
      'rows/s': perSecond(m.xlsx),
      'peak MB': Math.round(xlsxPeak),
    },
    {
      run: 'baseline: exceljs streaming read, a process of its own',
      s: Number(plainAlone.seconds.toFixed(2)),
      'rows/s': perSecond(plainAlone.seconds * 1000),
      'peak MB': Math.round(plainAlone.peakMb),
    },
    {
      run: 'XLSX dry run by the pipeline, a process of its own',
      s: Number(pipelineAlone.seconds.toFixed(2)),
      'rows/s': perSecond(pipelineAlone.seconds * 1000),
      'peak MB': Math.round(pipelineAlone.peakMb),
    },
  ]);
  console.log(
    `CSV validation: ${perSecond(m.csv).toLocaleString('en')} rows/s, ${(m.csv / m.plainCsv).toFixed(2)}x plain parsing (goal: at least 50,000 rows/s); XLSX dry run: ${(m.xlsx / 1000).toFixed(1)} s, ${(m.xlsx / m.plainXlsx).toFixed(2)}x plain streaming, peak ${Math.round(pipelineAlone.peakMb)} MB in a process of its own (${Math.round(plainAlone.peakMb)} MB for plain streaming; goals: at most 15 s and 500 MB)\n`,
  );
}
