import { type Kysely, sql } from 'kysely';

// A job for the whole installation (the processing log's monthly rotation) has a run without a
// region; it is still one run per job and period.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table job_runs alter column region_id drop not null;
    alter table job_runs drop constraint job_runs_job_region_id_period_key;
    alter table job_runs add constraint job_runs_singleton unique nulls not distinct (job, region_id, period);
  `.execute(db);
}
