import { type Kysely, sql } from 'kysely';

// Programmes: a region's programmes and district action plans per year, each with goals whose
// target is a number, a range or a qualitative aim, and whose result is either computed from the
// record by a named indicator (docs/programmes.md) or recorded by hand with its source; and the
// activity register (Bibob support, TOV support, trainings, webinars, school programmes, …).
// A local meeting (LOO) is a municipality's: meetings now say whose.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table meetings add column municipality_code text references municipalities (code);
    create index meetings_municipality on meetings (municipality_code, date);

    create table programmes (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      year integer not null check (year between 2000 and 2100),
      -- A regional programme, or a district's action plan (one per district and year).
      kind text not null check (kind in ('programme', 'district')),
      district_id text references districts (id),
      name text not null,
      description text,
      position integer not null default 0,
      created_at timestamptz not null,
      created_by uuid references users (id) on delete set null,
      check ((kind = 'district') = (district_id is not null)),
      unique (region_id, year, name)
    );
    create unique index programmes_district_year on programmes (region_id, year, district_id)
      where district_id is not null;

    create table programme_goals (
      id uuid primary key default gen_random_uuid(),
      programme_id uuid not null references programmes (id) on delete cascade,
      position integer not null,
      text text not null,
      scope_kind text not null check (scope_kind in ('region', 'district', 'base-team', 'municipality')),
      district_id text references districts (id),
      base_team_id text references base_teams (id),
      municipality_code text references municipalities (code),
      period_from date not null,
      period_to date not null,
      target_kind text not null check (target_kind in ('number', 'range', 'qualitative')),
      target_minimum numeric(14, 2),
      target_maximum numeric(14, 2),
      target_text text,
      -- computed: the first indicator is compared with the target, the others are shown with it
      -- ("17 behandeld, waarvan 7 nieuw en 6 afgesloten"); recorded: by hand, in goal_results.
      result_kind text not null check (result_kind in ('computed', 'recorded')),
      indicators jsonb not null default '[]',
      created_at timestamptz not null,
      created_by uuid references users (id) on delete set null,
      updated_at timestamptz not null,
      updated_by uuid references users (id) on delete set null,
      check (period_from <= period_to),
      check ((scope_kind = 'district') = (district_id is not null)),
      check ((scope_kind = 'base-team') = (base_team_id is not null)),
      check ((scope_kind = 'municipality') = (municipality_code is not null)),
      check (target_kind <> 'number' or target_minimum is not null),
      check (target_kind <> 'range' or (target_minimum is not null and target_maximum >= target_minimum)),
      check (target_kind <> 'qualitative' or target_text is not null),
      check ((result_kind = 'computed') = (jsonb_array_length(indicators) > 0))
    );
    create index programme_goals_programme on programme_goals (programme_id, position);

    -- Hand-recorded results, never overwritten: the goal's result is the last one recorded.
    create table goal_results (
      id uuid primary key default gen_random_uuid(),
      goal_id uuid not null references programme_goals (id) on delete cascade,
      value numeric(14, 2),
      text text,
      source text not null,
      recorded_on date not null,
      recorded_at timestamptz not null,
      recorded_by uuid references users (id) on delete set null,
      check (value is not null or text is not null)
    );
    create index goal_results_goal on goal_results (goal_id, recorded_at);

    -- Kinds of activity a region adds to Samenspel's own (contracts: defaultActivityKinds).
    create table activity_kinds (
      region_id text not null references regions (id),
      code text not null check (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      name text not null,
      created_at timestamptz not null,
      created_by uuid references users (id) on delete set null,
      primary key (region_id, code)
    );

    create table activities (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      kind text not null,
      title text not null,
      held_on date not null,
      municipality_code text references municipalities (code),
      -- The partner the activity served (a municipality's own organisation, the Tax Administration, …).
      partner_id uuid references partner_organisations (id),
      participants integer check (participants >= 0),
      pupils integer check (pupils >= 0),
      dossiers integer check (dossiers >= 0),
      reach integer check (reach >= 0),
      case_id uuid references cases (id) on delete set null,
      programme_id uuid references programmes (id) on delete set null,
      note text,
      organisation_id uuid not null references partner_organisations (id),
      recorded_at timestamptz not null,
      recorded_by uuid references users (id) on delete set null
    );
    create index activities_region on activities (region_id, kind, held_on);
  `.execute(db);
}
