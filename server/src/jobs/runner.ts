import PgBoss from 'pg-boss';
import type { Services } from '../app/index.js';
import { rawExecutor } from '../db/database.js';
import { DEFAULT_LOG_MONTHS } from '../modules/audit/index.js';
import { DESTROY_JOB, DRAFT_JOB, LOG_ROTATE_JOB } from '../modules/privacy/index.js';

/**
 * The job runner: pg-boss 10 on Samenspel's own database, the embedded one included (it goes
 * through the application's connection, so it needs no server). pg-boss 11 needs Node 22; 10 is
 * the last line for Node 20. pg-boss was chosen over graphile-worker 0.17 because it takes a
 * connection from the caller (`db.executeSql`), where graphile-worker opens its own pool and
 * LISTEN connection, which the single-connection PGlite cannot give.
 *
 * pg-boss keeps the queue: schedules, retries, expiry. What a run did is Samenspel's own record
 * (`job_runs`: one per job, region and period, with its counts, status and trace), written by
 * the job itself, so a run is the same record whether the scheduler, the CLI or a test started it.
 */
export interface JobRunner {
  boss: PgBoss;
  stop(): Promise<void>;
}

export interface JobOptions {
  /** When the daily retention run drafts its lists (cron, Europe/Amsterdam). */
  retentionCron?: string;
  /** How many whole months the processing log keeps (at least six). */
  logRetentionMonths?: number;
  onError?: (error: unknown) => void;
  /**
   * How long an import job may run before it counts as lost (its runner killed) and runs again;
   * an hour by default. Tests shorten it, and how often pg-boss looks for lost jobs.
   */
  importExpireSeconds?: number;
  maintenanceIntervalSeconds?: number;
}

/** The queue of imports run in the background (a large file). */
export const IMPORT_JOB = 'import-run';

export async function startJobs(services: Services, options: JobOptions = {}): Promise<JobRunner> {
  const boss = new PgBoss({
    db: { executeSql: rawExecutor(services.database.db) },
    schema: 'pgboss',
    ...(options.maintenanceIntervalSeconds
      ? { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds }
      : {}),
  });
  boss.on('error', (error) => options.onError?.(error));
  await boss.start();
  await boss.createQueue(DRAFT_JOB, { name: DRAFT_JOB, policy: 'singleton' });
  await boss.createQueue(DESTROY_JOB, { name: DESTROY_JOB, policy: 'standard' });
  await boss.schedule(DRAFT_JOB, options.retentionCron ?? '30 2 * * *', {}, { tz: 'Europe/Amsterdam' });
  // The processing log drops its expired months on the first night of each month.
  await boss.createQueue(LOG_ROTATE_JOB, { name: LOG_ROTATE_JOB, policy: 'singleton' });
  await boss.schedule(LOG_ROTATE_JOB, '15 3 1 * *', {}, { tz: 'Europe/Amsterdam' });
  await boss.work(LOG_ROTATE_JOB, async () => {
    await services.retention.rotateLog(options.logRetentionMonths ?? DEFAULT_LOG_MONTHS);
  });

  await boss.work(DRAFT_JOB, async () => {
    await services.retention.draftAll();
  });
  // A killed run is picked up again when its job expires or is retried: it resumes where it was.
  await boss.work<{ listId: string }>(DESTROY_JOB, async ([job]) => {
    if (job) await services.retention.executeList(job.data.listId);
  });
  // A list's destruction may take long (100,000 records: six minutes): hours before pg-boss
  // counts it as hung and starts it again.
  services.retention.enqueue = async (name, data) => {
    await boss.send(name, data, { retryLimit: 10, retryDelay: 60, retryBackoff: true, expireInHours: 6 });
  };
  // A list approved while no runner ran (or whose job was lost) is taken up now.
  for (const listId of await services.retention.approvedLists())
    await services.retention.enqueue(DESTROY_JOB, { listId });

  // Imports in the background: taken up within half a second. One whose runner was killed midway
  // (its transaction wrote nothing) runs again when the queue retries it once it expired, or at
  // once when a runner starts: every job left queued or running is handed out again then (a job
  // still being run elsewhere holds its row locked, and is not run twice).
  const expire = options.importExpireSeconds ?? 3600;
  await boss.createQueue(IMPORT_JOB, { name: IMPORT_JOB, policy: 'standard' });
  await boss.work<{ jobId: string }>(IMPORT_JOB, { pollingIntervalSeconds: 0.5 }, async ([job]) => {
    if (job) await services.importPipeline.runJob(job.data.jobId);
  });
  services.importPipeline.enqueue = async (jobId) => {
    await boss.send(IMPORT_JOB, { jobId }, { retryLimit: 5, retryDelay: 5, expireInSeconds: expire });
  };
  for (const jobId of await services.importPipeline.waitingJobs())
    await services.importPipeline.enqueue(jobId);

  return {
    boss,
    stop: async () => {
      services.retention.enqueue = undefined;
      services.importPipeline.enqueue = undefined;
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    },
  };
}
