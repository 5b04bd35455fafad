import { type Kysely, sql } from 'kysely';

// Signals from intake to decision, hit/no-hit rounds, and LOO/DTO meetings.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table signals (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      reference text not null unique,
      stage text not null check (stage in ('draft', 'received', 'discussed', 'substantiated', 'triaged', 'hit-check', 'decided')),
      decision text check (decision in ('accepted', 'referred', 'not-accepted', 'withdrawn')),
      source text,
      description text,
      municipality_code text references municipalities (code),
      urgency text check (urgency in ('low', 'normal', 'high')),
      route text check (route in ('quick', 'integral')),
      referred_to uuid references partner_organisations (id),
      created_by uuid references users (id) on delete set null,
      created_at timestamptz not null,
      received_at timestamptz,
      stage_since timestamptz not null,
      check ((stage = 'decided') = (decision is not null))
    );
    create index signals_region_stage on signals (region_id, stage);

    create table signal_organisations (
      signal_id uuid not null references signals (id) on delete cascade,
      organisation_id uuid not null references partner_organisations (id),
      primary key (signal_id, organisation_id)
    );
    create index signal_organisations_organisation on signal_organisations (organisation_id);

    create table signal_themes (
      signal_id uuid not null references signals (id) on delete cascade,
      theme_id uuid not null references themes (id),
      primary key (signal_id, theme_id)
    );

    create table signal_subjects (
      id uuid primary key default gen_random_uuid(),
      signal_id uuid not null references signals (id) on delete cascade,
      position integer not null,
      kind text not null check (kind in ('person', 'company', 'address', 'account', 'vehicle')),
      label text not null,
      data jsonb not null,
      unique (signal_id, position)
    );

    -- Every step, dated: lead times come from here.
    create table signal_events (
      id uuid primary key default gen_random_uuid(),
      signal_id uuid not null references signals (id) on delete cascade,
      type text not null check (type in ('created', 'received', 'discussed', 'substantiated', 'triaged',
        'round-started', 'round-closed', 'decided')),
      at timestamptz not null,
      user_id uuid references users (id) on delete set null,
      organisation_id uuid references partner_organisations (id),
      details jsonb not null default '{}'
    );
    create index signal_events_signal on signal_events (signal_id, at);

    create table hitcheck_rounds (
      id uuid primary key default gen_random_uuid(),
      signal_id uuid not null references signals (id) on delete cascade,
      necessity text not null,
      proportionality text not null,
      subsidiarity text not null,
      deadline date not null,
      created_by uuid references users (id) on delete set null,
      created_at timestamptz not null,
      closed_at timestamptz
    );
    create index hitcheck_rounds_signal on hitcheck_rounds (signal_id);

    create table hitcheck_round_subjects (
      round_id uuid not null references hitcheck_rounds (id) on delete cascade,
      subject_id uuid not null references signal_subjects (id) on delete cascade,
      primary key (round_id, subject_id)
    );

    create table hitcheck_round_organisations (
      round_id uuid not null references hitcheck_rounds (id) on delete cascade,
      organisation_id uuid not null references partner_organisations (id),
      primary key (round_id, organisation_id)
    );
    create index hitcheck_round_organisations_organisation on hitcheck_round_organisations (organisation_id);

    create table hitcheck_answers (
      round_id uuid not null references hitcheck_rounds (id) on delete cascade,
      subject_id uuid not null references signal_subjects (id) on delete cascade,
      organisation_id uuid not null references partner_organisations (id),
      answer text not null check (answer in ('hit', 'no-hit', 'cannot-check')),
      answered_by uuid references users (id) on delete set null,
      answered_at timestamptz not null,
      primary key (round_id, subject_id, organisation_id)
    );

    create table meetings (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      district_id text not null references districts (id),
      kind text not null check (kind in ('loo', 'dto')),
      date date not null,
      created_by uuid references users (id) on delete set null,
      created_at timestamptz not null default now()
    );
    create table meeting_organisations (
      meeting_id uuid not null references meetings (id) on delete cascade,
      organisation_id uuid not null references partner_organisations (id),
      primary key (meeting_id, organisation_id)
    );
    create table meeting_agenda (
      meeting_id uuid not null references meetings (id) on delete cascade,
      signal_id uuid not null references signals (id) on delete cascade,
      position integer not null,
      outcome text,
      priority integer,
      primary key (meeting_id, signal_id)
    );

    create sequence signal_reference_seq;
  `.execute(db);
}
