import { type Kysely, sql } from 'kysely';

// Accountability: regional cases outside the districts, the periods a case was open (a reopened
// case has several), district targets per year, and the register of analysis products.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A regional case belongs to no district (the annual plan's "regionale casussen").
    alter table cases alter column district_id drop not null;

    -- When a case was open: from its start (or reopening) to its closure, null while open.
    -- Kept by the cases service; "handled in a period" means one of these overlaps it.
    create table case_open_periods (
      case_id uuid not null references cases (id) on delete cascade,
      opened_on date not null,
      closed_on date,
      primary key (case_id, opened_on),
      check (closed_on is null or closed_on >= opened_on)
    );
    create unique index case_open_periods_one_open on case_open_periods (case_id) where closed_on is null;
    create index case_open_periods_span on case_open_periods (opened_on, closed_on) include (case_id);
    insert into case_open_periods (case_id, opened_on, closed_on)
      select id, started_on, closed_on from cases;

    create index cases_region_started on cases (region_id, started_on);
    create index advices_given on advices (given_on, case_id);
    create index results_imposed on results (imposed_on) where imposed_on is not null;
    create index results_collected on results (collected_on) where collected_on is not null;
    create index results_settled on results (settled_on) where settled_on is not null;
    create index interventions_case on interventions (case_id, carried_out_on);
    create index signal_events_decided on signal_events (at) where type = 'decided';
    create index signals_region_received on signals (region_id, received_at);

    -- What a district aims for in a year ("beoogd"): a number, or a range such as 12-15.
    create table district_targets (
      district_id text not null references districts (id),
      year integer not null check (year between 2000 and 2100),
      measure text not null check (measure in ('handled', 'new', 'closed')),
      minimum integer not null check (minimum >= 0),
      maximum integer check (maximum is null or maximum >= minimum),
      note text,
      set_by uuid references users (id) on delete set null,
      set_at timestamptz not null,
      primary key (district_id, year, measure)
    );

    -- Analysis products (ondermijningsbeelden) the RIEC delivered: row 1 of the table.
    create table analysis_products (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      district_id text references districts (id),
      title text not null,
      delivered_on date not null,
      created_by uuid references users (id) on delete set null,
      created_at timestamptz not null
    );
    create index analysis_products_region on analysis_products (region_id, delivered_on);
  `.execute(db);
}
