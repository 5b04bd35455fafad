import { type Kysely, sql } from 'kysely';

// Integrated cases: participants, phases, subjects, provisions, the intervention matrix,
// advices, interventions, results, communication, evaluation and quarterly priority.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The legal bases a provision can rest on, per region (the collaboration's configuration).
    create table legal_bases (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      code text not null,
      name text not null,
      unique (region_id, code)
    );

    -- The catalogue of possible interventions, per region.
    create table intervention_catalogue (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      kind text not null check (kind in ('administrative', 'bibob', 'criminal', 'fiscal', 'other')),
      code text not null,
      name text not null,
      unique (region_id, code)
    );

    create table cases (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      reference text not null unique,
      code_name text not null,
      origin text not null check (origin in ('signal', 'analysis-product', 'direct')),
      district_id text not null references districts (id),
      type text not null check (type in ('subject', 'network', 'facilitator', 'location', 'branch')),
      director_id uuid references users (id) on delete set null,
      phase text not null check (phase in ('start', 'information', 'analysis', 'intervention', 'evaluation', 'closed')),
      goal text,
      strategy text,
      started_on date not null,
      closed_on date,
      created_by uuid references users (id) on delete set null,
      created_at timestamptz not null
    );
    create index cases_region_phase on cases (region_id, phase);

    create table case_signals (
      case_id uuid not null references cases (id) on delete cascade,
      signal_id uuid not null references signals (id),
      primary key (case_id, signal_id)
    );
    -- Who the case came from, for the accountability table: the submitters of its signals,
    -- or the partners named when an analyst starts a case directly.
    create table case_origin_organisations (
      case_id uuid not null references cases (id) on delete cascade,
      organisation_id uuid not null references partner_organisations (id),
      primary key (case_id, organisation_id)
    );
    create table case_municipalities (
      case_id uuid not null references cases (id) on delete cascade,
      municipality_code text not null references municipalities (code),
      primary key (case_id, municipality_code)
    );
    create table case_themes (
      case_id uuid not null references cases (id) on delete cascade,
      theme_id uuid not null references themes (id),
      primary key (case_id, theme_id)
    );
    create table case_participants (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases (id) on delete cascade,
      organisation_id uuid not null references partner_organisations (id),
      added_at timestamptz not null,
      added_reason text not null,
      removed_at timestamptz,
      removed_reason text
    );
    create unique index case_participants_current on case_participants (case_id, organisation_id) where removed_at is null;

    create table case_events (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases (id) on delete cascade,
      type text not null,
      at timestamptz not null,
      user_id uuid references users (id) on delete set null,
      organisation_id uuid references partner_organisations (id),
      details jsonb not null default '{}'
    );
    create index case_events_case on case_events (case_id, at);

    -- The subject register of cases; the subjects issue adds matching across cases.
    create table case_subjects (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases (id) on delete cascade,
      kind text not null check (kind in ('person', 'company', 'address', 'account', 'vehicle')),
      role text not null,
      label text not null,
      data jsonb not null,
      signal_subject_id uuid references signal_subjects (id) on delete set null,
      added_at timestamptz not null
    );

    create table provisions (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases (id) on delete cascade,
      organisation_id uuid not null references partner_organisations (id),
      subject_id uuid references case_subjects (id) on delete set null,
      provided_on date not null,
      legal_basis_id uuid not null references legal_bases (id),
      classification text not null check (classification in ('intern', 'vertrouwelijk', 'geheim')),
      title text not null,
      body text not null,
      created_by uuid references users (id) on delete set null,
      created_at timestamptz not null
    );

    create table case_matrix (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases (id) on delete cascade,
      barrier text not null,
      catalogue_id uuid not null references intervention_catalogue (id),
      organisation_id uuid not null references partner_organisations (id),
      chosen boolean not null default false
    );

    create table advices (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases (id) on delete cascade,
      kind text not null check (kind in ('administrative', 'bibob', 'criminal', 'fiscal', 'other')),
      organisation_id uuid not null references partner_organisations (id),
      given_on date not null,
      status text not null check (status in ('given', 'adopted', 'declined', 'carried-out')),
      description text not null,
      created_by uuid references users (id) on delete set null
    );

    create table interventions (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases (id) on delete cascade,
      advice_id uuid references advices (id) on delete set null,
      kind text not null check (kind in ('administrative', 'bibob', 'criminal', 'fiscal', 'other')),
      organisation_id uuid not null references partner_organisations (id),
      carried_out_on date not null,
      description text not null,
      outcome text
    );

    -- Results. Amounts in euro cents; counts for closures, arrests and seized goods or weapons.
    create table results (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases (id) on delete cascade,
      intervention_id uuid references interventions (id) on delete set null,
      kind text not null check (kind in ('confiscation', 'closure', 'arrest', 'seized-money', 'seized-goods',
        'seized-weapons', 'fine')),
      organisation_id uuid not null references partner_organisations (id),
      imposed_cents bigint check (imposed_cents >= 0),
      imposed_on date,
      collected_cents bigint check (collected_cents >= 0),
      collected_on date,
      settled_cents bigint check (settled_cents >= 0),
      settled_on date,
      count integer check (count >= 0),
      description text,
      recorded_on date not null
    );

    create table communications (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases (id) on delete cascade,
      on_date date not null,
      channel text not null,
      description text not null
    );

    create table evaluations (
      case_id uuid primary key references cases (id) on delete cascade,
      what_worked text,
      what_did_not text,
      lessons text,
      waived_reason text,
      recorded_at timestamptz not null,
      recorded_by uuid references users (id) on delete set null,
      check ((waived_reason is null) = (what_worked is not null))
    );

    create table case_priorities (
      case_id uuid not null references cases (id) on delete cascade,
      quarter text not null check (quarter ~ '^[0-9]{4}-Q[1-4]$'),
      priority integer not null check (priority between 1 and 3),
      set_by uuid references users (id) on delete set null,
      set_at timestamptz not null,
      primary key (case_id, quarter)
    );

    -- Attachments: encrypted files outside the database; here only what describes them.
    create table attachments (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases (id) on delete cascade,
      provision_id uuid references provisions (id) on delete set null,
      organisation_id uuid not null references partner_organisations (id),
      file_name text not null,
      content_type text not null,
      size_bytes bigint not null check (size_bytes >= 0),
      storage_name text not null unique,
      uploaded_by uuid references users (id) on delete set null,
      uploaded_at timestamptz not null
    );

    create sequence case_reference_seq;

  `.execute(db);
}
