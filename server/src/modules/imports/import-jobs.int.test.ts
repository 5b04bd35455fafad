import type { CasePage, ImportJob, ImportReport } from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JobRunner, startJobs } from '../../jobs/runner.js';
import { caseHistoryCsv, generateCaseHistory } from '../../testing/case-history.js';
import { Cast, createTestApp, type TestApp, testEngine } from '../../testing/index.js';

/**
 * Imports in the background: a file handed to the job runner is run as the import in the
 * request would be, by the person who started it, and its job says where it is; a file refused
 * as a whole ends the job with the reason. Killing a job midway: import-job-kill.int.test.ts.
 */
let t: TestApp;
let cast: Cast;
let jobs: JobRunner;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
  jobs = await startJobs(t.services);
});
afterAll(async () => {
  await jobs?.stop();
  await t?.close();
});

async function finished(who: Awaited<ReturnType<Cast['analyst']>>, id: string): Promise<ImportJob> {
  for (let i = 0; i < 400; i++) {
    const job = await cast.ok<ImportJob>(who, 'GET', `/api/v1/import-jobs/${id}`);
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the job did not end');
}

describe(`imports in the background on ${testEngine()}`, () => {
  it('runs a case history handed to the runner, and says where it is until it is done', async () => {
    const analyst = await cast.analyst();
    const { rows } = generateCaseHistory(60, { from: '2014-01-01', to: '2014-12-31', seed: 14, prefix: 'J' });
    const response = await cast.call(
      analyst,
      'POST',
      '/api/v1/import-jobs/case-history?mode=commit&fileName=historie-2014.csv',
      caseHistoryCsv(rows),
      { 'content-type': 'text/csv' },
    );
    expect(response.statusCode).toBe(202);
    const started = response.json<ImportJob>();
    expect(started).toMatchObject({ kind: 'case-history', mode: 'commit', status: 'queued', importId: null });
    const job = await finished(analyst, started.id);
    expect(job).toMatchObject({ status: 'done', attempts: 1, error: null, phase: null });
    const report = await cast.ok<ImportReport>(analyst, 'GET', `/api/v1/imports/${job.importId}`);
    expect(report).toMatchObject({ status: 'committed', rows: rows.length, written: rows.length });
    const page = await cast.ok<CasePage>(
      analyst,
      'GET',
      '/api/v1/cases?from=2014-01-01&to=2014-12-31&pageSize=100',
    );
    expect(page.total).toBe(60);
    // Someone of another organisation cannot tell the job exists.
    const police = await cast.member(['riec_analyst'], 'politie');
    expect((await cast.call(police, 'GET', `/api/v1/import-jobs/${started.id}`)).statusCode).toBe(404);
  });

  it('ends a job whose file is refused as a whole with the reason, and erases the file', async () => {
    const manager = await cast.manager();
    const response = await cast.call(
      manager,
      'POST',
      '/api/v1/import-jobs/finance?mode=commit&fileName=foto.csv',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
      { 'content-type': 'text/csv' },
    );
    expect(response.statusCode).toBe(202);
    const job = await finished(manager, response.json<ImportJob>().id);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/^Dit bestand is geen tekst \(CSV\)/);
    const stored = await t.database.db
      .selectFrom('importJobs')
      .select(['file'])
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(stored.file).toBeNull();
    // An empty file is refused at once.
    const empty = await cast.call(
      manager,
      'POST',
      '/api/v1/import-jobs/finance?mode=commit&fileName=leeg.csv',
      '',
      {
        'content-type': 'text/csv',
      },
    );
    expect(empty.statusCode).toBe(400);
  });
});
