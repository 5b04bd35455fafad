import { type Kysely, sql } from 'kysely';

// The annual report: per region and year a tree of sections, each written by its owner and
// approved by the programme manager, its prose kept in versions; approving the whole report
// freezes it: every figure is stored with the definition, period and scope it came from, so the
// published report reads the same after retention has deleted the records behind it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table annual_reports (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      year integer not null check (year between 2000 and 2100),
      title text not null,
      status text not null check (status in ('draft', 'published')),
      created_at timestamptz not null,
      created_by uuid references users (id) on delete set null,
      published_at timestamptz,
      published_by uuid references users (id) on delete set null,
      -- The frozen report (sections, prose and every table with its figures' definitions) and
      -- the SHA-256 of its canonical JSON.
      snapshot jsonb,
      snapshot_sha256 text,
      -- The archival PDF (PDF/A-2b, tagged), built from the snapshot once, at publication.
      pdf bytea,
      unique (region_id, year),
      check ((status = 'published') = (snapshot is not null)),
      check ((status = 'published') = (pdf is not null))
    );

    create table annual_report_sections (
      id uuid primary key default gen_random_uuid(),
      report_id uuid not null references annual_reports (id) on delete cascade,
      parent_id uuid references annual_report_sections (id) on delete cascade,
      position integer not null,
      key text not null,
      title text not null,
      -- What the section shows beside its prose: tables and figures from the record.
      blocks jsonb not null default '[]',
      owner_id uuid references users (id) on delete set null,
      status text not null check (status in ('draft', 'submitted', 'approved')),
      unique (report_id, key)
    );

    -- The section's prose and status, never overwritten: the last version is the current one.
    create table annual_report_section_versions (
      id uuid primary key default gen_random_uuid(),
      section_id uuid not null references annual_report_sections (id) on delete cascade,
      prose text not null,
      status text not null check (status in ('draft', 'submitted', 'approved', 'returned')),
      note text,
      recorded_at timestamptz not null,
      recorded_by uuid references users (id) on delete set null
    );
    create index annual_report_section_versions_section on annual_report_section_versions (section_id, recorded_at);
  `.execute(db);
}
