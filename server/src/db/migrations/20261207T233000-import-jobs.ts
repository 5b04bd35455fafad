import { type Kysely, sql } from 'kysely';

// An import run in the background (a large file): the file waits encrypted (AES-256-GCM with
// the key for files at rest) until its job has run, and is erased then. The job is run by the
// job runner in one transaction with the import's own records, so a job killed midway wrote
// nothing and runs again; its status says where it is.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table import_jobs (
      id uuid primary key,
      region_id text not null references regions (id),
      organisation_id uuid not null references partner_organisations (id),
      kind text not null,
      mode text not null check (mode in ('dry-run', 'commit')),
      file_name text not null,
      sheet text,
      mapping jsonb,
      -- The file sealed (AES-256-GCM), base64: PGlite takes text far faster than bytea (0.3 s
      -- against 3.3 s for 7 MB).
      file text,
      status text not null check (status in ('queued', 'running', 'done', 'failed')),
      attempts integer not null default 0,
      import_id uuid references imports (id),
      error text,
      created_by uuid not null references users (id),
      created_at timestamptz not null,
      started_at timestamptz,
      finished_at timestamptz,
      check ((status in ('done', 'failed')) = (file is null)),
      check ((status = 'done') = (import_id is not null))
    );
    create index import_jobs_waiting on import_jobs (status) where status in ('queued', 'running');
    create index import_jobs_organisation on import_jobs (organisation_id, created_at desc);
  `.execute(db);
}
