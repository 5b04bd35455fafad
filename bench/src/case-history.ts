// Issue 18's history benchmark: a region's history of 10,000 cases with about 100,000 dated
// steps, imported through the API (a dry run, then a commit that writes every case with its
// events, periods, links, participants, advices, interventions and results in one transaction),
// against a plain COPY of the same file's rows into a table of text columns, in the same run on
// the same server. Each round imports cases of its own (other case numbers).
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../../server/src/db/database.ts';
import type { Keys } from '../../server/src/shared/crypto.ts';
import {
  caseHistoryCsv,
  caseHistoryHeader,
  generateCaseHistory,
} from '../../server/src/testing/case-history.ts';
import { createUser } from '../../server/src/testing/identity.ts';
import { signIn } from '../../server/src/testing/session.ts';
import { median } from './load.ts';

const CASES = Number(process.env.BENCH_HISTORY_CASES ?? 10_000);

export async function benchCaseHistory(
  app: FastifyInstance,
  database: Database & { connectionString: string | null },
  keys: Keys,
  rounds: number,
): Promise<void> {
  const analyst = await createUser(database.db, keys, { roles: ['riec_analyst'] });
  const session = await signIn(app, database.db, analyst);
  const times = { dry: [] as number[], commit: [] as number[], copy: [] as number[] };
  let steps = 0;
  let bytes = 0;
  const client = database.connectionString
    ? new pg.Client({ connectionString: database.connectionString })
    : null;
  await client?.connect();
  await client?.query(
    `create table bench_history_rows (${caseHistoryHeader.map((_, i) => `c${i} text`).join(', ')})`,
  );
  for (let round = 0; round < rounds; round++) {
    const { rows } = generateCaseHistory(CASES, {
      from: '2005-01-01',
      to: '2021-06-30',
      seed: 18 + round,
      prefix: `B${round}`,
    });
    const csv = caseHistoryCsv(rows);
    steps = rows.length;
    bytes = Buffer.byteLength(csv);
    const run = async (mode: 'dry-run' | 'commit') => {
      const t = performance.now();
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/imports/case-history?mode=${mode}&fileName=historie.csv`,
        headers: { ...session.headers, 'content-type': 'text/csv' },
        payload: csv,
      });
      const ms = performance.now() - t;
      const report = response.json();
      if (response.statusCode !== 200 || report.rejected !== 0 || report.accepted !== rows.length)
        throw new Error(
          `the history import did not take the file: ${response.statusCode} ${JSON.stringify({ rows: report.rows, accepted: report.accepted, rejected: report.rejected, skipped: report.skipped, problems: report.problems?.slice(0, 5), skippedRows: report.skippedRows?.slice(0, 5), invalidParams: report.invalidParams, detail: report.detail })}`,
        );
      return ms;
    };
    times.dry.push(await run('dry-run'));
    times.commit.push(await run('commit'));
    if (client) {
      const t = performance.now();
      await client.query('begin');
      const copy = client.query(
        copyFrom("copy bench_history_rows from stdin with (format csv, delimiter ';', header true)"),
      );
      await pipeline(Readable.from([csv]), copy);
      await client.query('commit');
      times.copy.push(performance.now() - t);
    }
  }
  await client?.query('drop table bench_history_rows');
  await client?.end();
  const m = {
    dry: median(times.dry),
    commit: median(times.commit),
    copy: times.copy.length ? median(times.copy) : null,
  };
  console.log(
    `Case history: ${CASES.toLocaleString('en')} cases, ${steps.toLocaleString('en')} dated steps (${(bytes / 1024 / 1024).toFixed(1)} MB CSV); ${rounds} rounds, medians.`,
  );
  console.table([
    ...(m.copy !== null
      ? [
          {
            run: 'baseline: COPY of the same rows into a table of text columns',
            s: Number((m.copy / 1000).toFixed(2)),
          },
        ]
      : []),
    {
      run: 'dry run through the API (read, map, check every row and every case)',
      s: Number((m.dry / 1000).toFixed(2)),
    },
    {
      run: 'commit through the API (checked again, then written in one transaction)',
      s: Number((m.commit / 1000).toFixed(2)),
    },
  ]);
  console.log(
    `History import: commit ${(m.commit / 1000).toFixed(1)} s${m.copy !== null ? `, ${(m.commit / m.copy).toFixed(1)}x the plain COPY` : ''} (goal: at most 2 minutes on PostgreSQL)\n`,
  );
}
