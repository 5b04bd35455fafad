import { type Kysely, sql } from 'kysely';

// The privacy lifecycle's first part: the runs of scheduled and long jobs, legal holds, draft
// destruction lists approved by a second person, postponements with their reasons, and what a
// destruction leaves behind (a mark on the record's anonymous remainder and a receipt per partner).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A destroyed signal or case keeps only what the accountability figures count (dates, kinds,
    -- district, municipality, themes, amounts): no subject, no text, no file. Every list, search
    -- and count of records leaves it out through the module's one access predicate.
    alter table signals add column destroyed_at timestamptz;
    alter table cases add column destroyed_at timestamptz;

    -- Every run of a job: one per job, region and period (the singleton), its counts, its trace.
    create table job_runs (
      id uuid primary key default gen_random_uuid(),
      job text not null,
      region_id text not null references regions (id),
      period text not null,
      status text not null check (status in ('running', 'ok', 'partial', 'error')),
      attempts integer not null default 1 check (attempts > 0),
      started_at timestamptz not null,
      ended_at timestamptz,
      counts jsonb not null default '{}',
      message text,
      trace_id text not null,
      unique (job, region_id, period)
    );
    create index job_runs_recent on job_runs (region_id, started_at desc);

    -- A legal hold stops destruction until every hold on the record is lifted.
    create table legal_holds (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      record_kind text not null check (record_kind in ('signal', 'case')),
      record_id uuid not null,
      ground text not null check (ground in ('criminal-investigation', 'court-case', 'woo-request',
        'complaint', 'other')),
      reason text not null check (length(reason) between 3 and 1000),
      placed_by uuid references users (id) on delete set null,
      placed_at timestamptz not null,
      lifted_by uuid references users (id) on delete set null,
      lifted_at timestamptz,
      lift_reason text,
      check ((lifted_at is null) = (lift_reason is null))
    );
    create index legal_holds_active on legal_holds (record_id) where lifted_at is null;

    -- What a daily run found due, per collaboration: a draft until one person submits it, and
    -- destroyed only after a second person approved it.
    create table destruction_lists (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      collaboration_id uuid not null references collaborations (id),
      drafted_on date not null,
      run_id uuid references job_runs (id) on delete set null,
      status text not null check (status in ('draft', 'submitted', 'approved', 'executed', 'returned')),
      submitted_by uuid references users (id) on delete set null,
      submitted_at timestamptz,
      approved_by uuid references users (id) on delete set null,
      approved_at timestamptz,
      returned_reason text,
      executed_at timestamptz,
      -- Four eyes, in the database too.
      check (approved_by is null or approved_by <> submitted_by),
      unique (collaboration_id, drafted_on)
    );

    create table destruction_items (
      id uuid primary key default gen_random_uuid(),
      list_id uuid not null references destruction_lists (id) on delete cascade,
      record_kind text not null,
      record_id uuid not null,
      -- A reference without personal data (a signal's or case's number, an import's date).
      label text not null,
      organisation_id uuid references partner_organisations (id),
      due_on date not null,
      status text not null check (status in ('due', 'postponed', 'held', 'not-due', 'destroyed')),
      destroyed_at timestamptz,
      counts jsonb not null default '{}',
      unique (list_id, record_kind, record_id)
    );
    create index destruction_items_record on destruction_items (record_id);

    -- Every postponement with its reason: how often a record was postponed is shown to the FG.
    create table retention_postponements (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      record_kind text not null,
      record_id uuid not null,
      list_id uuid references destruction_lists (id) on delete set null,
      until date not null,
      reason text not null check (length(reason) between 3 and 1000),
      postponed_by uuid references users (id) on delete set null,
      postponed_at timestamptz not null
    );
    create index retention_postponements_record on retention_postponements (record_id, until desc);

    -- A receipt per partner: what was destroyed of the records it brought in or took part in.
    create table destruction_receipts (
      list_id uuid not null references destruction_lists (id) on delete cascade,
      organisation_id uuid not null references partner_organisations (id),
      counts jsonb not null,
      issued_at timestamptz not null,
      primary key (list_id, organisation_id)
    );

    -- Files whose rows are gone: removed from storage after the commit, again on a resumed run.
    create table pending_file_deletions (
      storage_name text primary key,
      list_id uuid references destruction_lists (id) on delete set null,
      recorded_at timestamptz not null
    );

  `.execute(db);
}
