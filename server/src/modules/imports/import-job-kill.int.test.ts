import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createServices, type Services } from '../../app/index.js';
import type { Database } from '../../db/database.js';
import { type JobRunner, startJobs } from '../../jobs/runner.js';
import { deriveKeys } from '../../shared/crypto.js';
import { testAuthConfig } from '../../testing/app.js';
import { caseHistoryCsv, generateCaseHistory } from '../../testing/case-history.js';
import { serverDatabase, serverUrl, testEngine } from '../../testing/database.js';
import { createUser } from '../../testing/identity.js';
import { traceFrom } from '../audit/index.js';

/**
 * A background import killed midway: a second process runs the job and is killed (SIGKILL)
 * while it writes the cases; nothing of the import is in the database, and the job, still
 * `running`, is run again by the next runner once it expired, to the end. On the PostgreSQL
 * server only: two processes cannot share the embedded database (vitest.config.ts).
 */
const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const done of cleanup.reverse()) await done();
});

const count = async (database: Database, table: string) =>
  Number(
    (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(database.db)).rows[0]?.n,
  );

describe(`a background import killed midway on ${testEngine()}`, () => {
  it('writes nothing, and runs again to the end', { timeout: 180_000 }, async () => {
    const name = `samenspel_test_${randomBytes(6).toString('hex')}`;
    const database = await serverDatabase(name, inject('templates').base);
    cleanup.push(() => database.close());
    const master = randomBytes(32);
    const services: Services = createServices({
      database,
      keys: deriveKeys(master),
      auth: testAuthConfig,
      attachments: { dir: `${process.env.TMPDIR ?? '/tmp'}/samenspel-kill-attachments`, maxBytes: 1024 },
    });
    const analyst = await createUser(database.db, deriveKeys(master), { roles: ['riec_analyst'] });
    const actor = await services.users.actorOf(analyst.email);
    const { rows } = generateCaseHistory(3000, {
      from: '2008-01-01',
      to: '2012-12-31',
      seed: 9,
      prefix: 'K',
    });
    const csv = caseHistoryCsv(rows);
    // Started here, where no runner runs: it waits, queued.
    const job = await services.importPipeline.startJob(
      { actor, trace: traceFrom(undefined), client: { address: null, userAgent: 'test' } },
      { kind: 'case-history', mode: 'commit', fileName: 'historie.csv', bytes: Buffer.from(csv) },
    );
    expect(job.status).toBe('queued');

    // The other process takes it up; it is killed once it writes the cases' events.
    const worker = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('../../testing/import-worker.ts', import.meta.url))],
      {
        env: {
          ...process.env,
          SAMENSPEL_WORKER_DATABASE_URL: serverUrl(name),
          SAMENSPEL_WORKER_MASTER_KEY: master.toString('base64'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      worker.on('exit', (_, signal) => resolve(signal)),
    );
    cleanup.push(async () => {
      if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
    });
    let writing = false;
    for (let i = 0; i < 1200 && !writing; i++) {
      const { rows: seen } = await sql<{ n: string }>`
        select count(*) as n from pg_stat_activity
        where datname = ${name} and query like 'insert into "case_events"%'`.execute(database.db);
      writing = Number(seen[0]?.n) > 0;
      if (!writing) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(writing, 'the other process reached the writing of the events').toBe(true);
    worker.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // Nothing of the import: no case, no import, no key; the job still counts as running.
    const state = await database.db
      .selectFrom('importJobs')
      .select(['status', 'attempts', 'importId'])
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(state).toEqual({ status: 'running', attempts: 1, importId: null });
    expect(await count(database, 'cases')).toBe(0);
    expect(await count(database, 'case_events')).toBe(0);
    expect(await count(database, 'imports')).toBe(0);
    expect(await count(database, 'imported_cases')).toBe(0);

    // The next runner runs it again once it expired, to the end.
    const runner: JobRunner = await startJobs(services, {
      importExpireSeconds: 3,
      maintenanceIntervalSeconds: 1,
    });
    cleanup.push(() => runner.stop());
    let done = state;
    for (let i = 0; i < 1200 && done.status !== 'done'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      done = await database.db
        .selectFrom('importJobs')
        .select(['status', 'attempts', 'importId'])
        .where('id', '=', job.id)
        .executeTakeFirstOrThrow();
    }
    expect(done).toMatchObject({ status: 'done', attempts: 2 });
    expect(await count(database, 'cases')).toBe(3000);
    expect(await count(database, 'imported_cases')).toBe(3000);
    const report = await database.db
      .selectFrom('imports')
      .select(['status', 'rows', 'written'])
      .executeTakeFirstOrThrow();
    expect(report).toEqual({ status: 'committed', rows: rows.length, written: rows.length });
  });
});
