import { type Kysely, sql } from 'kysely';

// Imports: every run of the import pipeline (a dry run or a commit) with the file's SHA-256, who
// ran it, its counts and its row report; the rejected rows as they were in the file, for the
// error file a person fixes and uploads again. And per organisation and kind the column mapping
// of its last committed import, offered the next time.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table imports (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      organisation_id uuid not null references partner_organisations (id),
      kind text not null,
      mode text not null check (mode in ('dry-run', 'commit')),
      status text not null check (status in ('checked', 'committed', 'refused')),
      file_name text not null,
      file_sha256 text not null,
      format text not null check (format in ('csv', 'xlsx')),
      encoding text,
      separator text,
      sheet text,
      sheets jsonb not null default '[]',
      mapping jsonb not null,
      rows integer not null,
      accepted integer not null,
      rejected integer not null,
      skipped integer not null,
      written integer not null,
      check (rows = accepted + rejected + skipped),
      problems jsonb not null,
      skipped_rows jsonb not null,
      -- The rejected rows as read (header and cells), each with its problems: the error file.
      error_rows jsonb not null,
      created_at timestamptz not null,
      created_by uuid references users (id) on delete set null
    );
    create index imports_organisation on imports (organisation_id, kind, created_at desc);

    create table import_mappings (
      organisation_id uuid not null references partner_organisations (id),
      kind text not null,
      mapping jsonb not null,
      updated_at timestamptz not null,
      primary key (organisation_id, kind)
    );
  `.execute(db);
}
