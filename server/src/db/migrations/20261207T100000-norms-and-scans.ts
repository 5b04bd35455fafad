import { type Kysely, sql } from 'kysely';

// Norm monitoring and scans (docs/norms-and-scans.md), in the programmes module.
//
// A norm (the Flevolandse norm) is a versioned list of ambitions for its members, municipalities
// and a province. An ambition keeps its code across versions, and statuses are recorded per
// member and ambition code as dated steps that are never overwritten: the status on a day is the
// last one that happened on or before it. A review of the district working group keeps the
// agenda it was held with: the points open on its day, with their outcomes.
//
// A scan is a versioned set of questions with scoring (the definition, as JSON); a run holds the
// answers (a municipality scan) or its objects (an object scan), whose scores are computed from
// the version's definition when read. An object at or above the threshold is a risk location
// (the locations module's); below it the object is kept without its address.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table norms (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      district_id text references districts (id),
      name text not null,
      description text,
      created_at timestamptz not null,
      created_by uuid references users (id) on delete set null,
      unique (region_id, name)
    );

    create table norm_versions (
      id uuid primary key default gen_random_uuid(),
      norm_id uuid not null references norms (id) on delete cascade,
      number integer not null check (number >= 1),
      valid_from date not null,
      note text,
      created_at timestamptz not null,
      created_by uuid references users (id) on delete set null,
      unique (norm_id, number),
      unique (norm_id, valid_from)
    );

    create table norm_ambitions (
      version_id uuid not null references norm_versions (id) on delete cascade,
      code text not null,
      position integer not null,
      title text not null,
      description text,
      primary key (version_id, code)
    );

    create table norm_members (
      version_id uuid not null references norm_versions (id) on delete cascade,
      organisation_id uuid not null references partner_organisations (id),
      primary key (version_id, organisation_id)
    );

    create table norm_statuses (
      id uuid primary key default gen_random_uuid(),
      norm_id uuid not null references norms (id) on delete cascade,
      organisation_id uuid not null references partner_organisations (id),
      ambition_code text not null,
      status text not null check (status in ('not-started', 'in-progress', 'met')),
      happened_on date not null,
      evidence text,
      recorded_at timestamptz not null,
      recorded_by uuid references users (id) on delete set null,
      recording_organisation_id uuid not null references partner_organisations (id),
      check (status <> 'met' or evidence is not null)
    );
    create index norm_statuses_point on norm_statuses (norm_id, organisation_id, ambition_code, happened_on);

    create table norm_reviews (
      id uuid primary key default gen_random_uuid(),
      norm_id uuid not null references norms (id) on delete cascade,
      version_id uuid not null references norm_versions (id),
      held_on date not null,
      note text,
      created_at timestamptz not null,
      created_by uuid references users (id) on delete set null
    );
    create index norm_reviews_norm on norm_reviews (norm_id, held_on);

    create table norm_review_points (
      id uuid primary key default gen_random_uuid(),
      review_id uuid not null references norm_reviews (id) on delete cascade,
      position integer not null,
      organisation_id uuid not null references partner_organisations (id),
      ambition_code text not null,
      status text not null check (status in ('not-started', 'in-progress')),
      since date,
      outcome text,
      outcome_recorded_at timestamptz,
      outcome_recorded_by uuid references users (id) on delete set null,
      unique (review_id, organisation_id, ambition_code),
      check ((outcome is null) = (outcome_recorded_at is null))
    );

    create table scans (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      name text not null,
      kind text not null check (kind in
        ('weerbaarheidsscan', 'quickscan-mensenhandel', 'horecascan', 'real-estate', 'other')),
      subject text not null check (subject in ('municipality', 'objects')),
      description text,
      created_at timestamptz not null,
      created_by uuid references users (id) on delete set null,
      unique (region_id, name)
    );

    create table scan_versions (
      id uuid primary key default gen_random_uuid(),
      scan_id uuid not null references scans (id) on delete cascade,
      number integer not null check (number >= 1),
      definition jsonb not null,
      note text,
      created_at timestamptz not null,
      created_by uuid references users (id) on delete set null,
      unique (scan_id, number)
    );

    create table scan_runs (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      scan_id uuid not null references scans (id) on delete cascade,
      version_id uuid not null references scan_versions (id),
      municipality_code text not null references municipalities (code),
      held_on date not null,
      -- A municipality scan's answers by question code; an object scan's are on its objects.
      answers jsonb,
      note text,
      organisation_id uuid not null references partner_organisations (id),
      recorded_at timestamptz not null,
      recorded_by uuid references users (id) on delete set null
    );
    create index scan_runs_scan on scan_runs (scan_id, municipality_code, held_on);
    create index scan_runs_region on scan_runs (region_id, municipality_code);

    create table scan_run_objects (
      id uuid primary key default gen_random_uuid(),
      run_id uuid not null references scan_runs (id) on delete cascade,
      position integer not null,
      answers jsonb not null,
      location_id uuid references locations (id),
      unique (run_id, position)
    );

    create table scan_actions (
      id uuid primary key default gen_random_uuid(),
      run_id uuid not null references scan_runs (id) on delete cascade,
      title text not null,
      question_code text,
      due_on date,
      created_at timestamptz not null,
      created_by uuid references users (id) on delete set null
    );
    create index scan_actions_run on scan_actions (run_id);

    create table scan_action_steps (
      id uuid primary key default gen_random_uuid(),
      action_id uuid not null references scan_actions (id) on delete cascade,
      status text not null check (status in ('open', 'in-progress', 'done', 'dropped')),
      happened_on date not null,
      note text,
      organisation_id uuid not null references partner_organisations (id),
      recorded_at timestamptz not null,
      recorded_by uuid references users (id) on delete set null
    );
    create index scan_action_steps_action on scan_action_steps (action_id, happened_on);
  `.execute(db);
}
