import { type Kysely, sql } from 'kysely';

// Places: risk-location projects and their locations with a dated status path, the subjects and
// cases tied to a location, inspections (controles) with their partners, locations, findings and
// follow-up, and the address register that gives an address its point. A location belongs to a
// collaboration like every record with personal data; its steps are rows of their own, never
// overwritten: the location's status is the last step's.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table location_projects (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      collaboration_id uuid not null references collaborations (id),
      district_id text references districts (id),
      name text not null,
      description text,
      -- The day the baseline was counted: locations flagged on or before it are the baseline.
      baseline_on date,
      created_at timestamptz not null,
      created_by uuid references users (id) on delete set null,
      unique (region_id, name)
    );

    create table locations (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      collaboration_id uuid not null references collaborations (id),
      project_id uuid references location_projects (id),
      kind text not null check (kind in ('business-unit', 'shed', 'farm', 'catering', 'shop', 'dwelling',
        'office-building', 'holiday-park', 'storage', 'transport-yard', 'other')),
      name text,
      postcode text check (postcode ~ '^[1-9][0-9]{3}[A-Z]{2}$'),
      house_number integer check (house_number between 1 and 99999),
      house_letter text check (house_letter ~ '^[A-Z]$'),
      house_number_addition text check (house_number_addition ~ '^[A-Z0-9]{1,4}$'),
      street text,
      place text,
      municipality_code text not null references municipalities (code),
      bag_id text check (bag_id ~ '^[0-9]{16}$'),
      -- WGS84; where the point came from: the address register or a user placing it on the map.
      latitude double precision check (latitude between 50.5 and 53.8),
      longitude double precision check (longitude between 3.2 and 7.3),
      point_source text check (point_source in ('address-register', 'map')),
      -- The partner that flagged it; its staff see it.
      organisation_id uuid not null references partner_organisations (id),
      status text not null check (status in ('flagged', 'looked-into', 'confirmed', 'dispelled',
        'addressed', 'closed')),
      in_baseline boolean not null,
      flagged_on date not null,
      created_at timestamptz not null,
      created_by uuid references users (id) on delete set null,
      check ((latitude is null) = (longitude is null) and (latitude is null) = (point_source is null))
    );
    create index locations_region on locations (region_id, municipality_code);
    create index locations_project on locations (project_id, flagged_on);
    create index locations_organisation on locations (organisation_id);

    create table location_events (
      id uuid primary key default gen_random_uuid(),
      location_id uuid not null references locations (id) on delete cascade,
      type text not null check (type in ('flagged', 'looked-into', 'confirmed', 'dispelled', 'addressed',
        'closed')),
      happened_on date not null,
      recorded_at timestamptz not null,
      organisation_id uuid not null references partner_organisations (id),
      user_id uuid references users (id) on delete set null,
      note text,
      details jsonb not null default '{}'
    );
    create index location_events_location on location_events (location_id, happened_on);
    create index location_events_type on location_events (type, happened_on);

    create table location_subjects (
      location_id uuid not null references locations (id) on delete cascade,
      subject_id uuid not null references subjects (id),
      role text not null check (role in ('owner', 'tenant', 'operator', 'facilitating-owner')),
      added_at timestamptz not null,
      added_by uuid references users (id) on delete set null,
      primary key (location_id, subject_id, role)
    );
    create index location_subjects_subject on location_subjects (subject_id);

    create table location_cases (
      location_id uuid not null references locations (id) on delete cascade,
      case_id uuid not null references cases (id) on delete cascade,
      primary key (location_id, case_id)
    );
    create index location_cases_case on location_cases (case_id);

    create table inspections (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      collaboration_id uuid not null references collaborations (id),
      project_id uuid references location_projects (id),
      case_id uuid references cases (id),
      municipality_code text not null references municipalities (code),
      integral boolean not null,
      planned_on date not null,
      held_on date,
      cancelled_on date,
      organisation_id uuid not null references partner_organisations (id),
      note text,
      created_at timestamptz not null,
      created_by uuid references users (id) on delete set null,
      check (held_on is null or cancelled_on is null)
    );
    create index inspections_region on inspections (region_id, held_on);
    create index inspections_project on inspections (project_id, held_on);

    create table inspection_organisations (
      inspection_id uuid not null references inspections (id) on delete cascade,
      organisation_id uuid not null references partner_organisations (id),
      primary key (inspection_id, organisation_id)
    );

    create table inspection_locations (
      inspection_id uuid not null references inspections (id) on delete cascade,
      location_id uuid not null references locations (id) on delete cascade,
      primary key (inspection_id, location_id)
    );
    create index inspection_locations_location on inspection_locations (location_id);

    create table inspection_findings (
      id uuid primary key default gen_random_uuid(),
      inspection_id uuid not null references inspections (id) on delete cascade,
      organisation_id uuid not null references partner_organisations (id),
      kind text not null check (kind in ('drugs', 'violation', 'permit', 'persons', 'other')),
      description text not null,
      count integer check (count >= 0),
      recorded_at timestamptz not null,
      recorded_by uuid references users (id) on delete set null
    );
    create index inspection_findings_inspection on inspection_findings (inspection_id);

    create table inspection_follow_ups (
      id uuid primary key default gen_random_uuid(),
      inspection_id uuid not null references inspections (id) on delete cascade,
      kind text not null check (kind in ('intervention', 'signal', 'case', 'other')),
      signal_id uuid references signals (id) on delete set null,
      case_id uuid references cases (id) on delete set null,
      note text,
      recorded_at timestamptz not null,
      recorded_by uuid references users (id) on delete set null
    );
    create index inspection_follow_ups_inspection on inspection_follow_ups (inspection_id);

    -- An extract of the BAG (Basisregistratie Adressen en Gebouwen): addresses with their point,
    -- loaded whole by an administrator. No personal data: an address alone names no one.
    create table address_register (
      postcode text not null check (postcode ~ '^[1-9][0-9]{3}[A-Z]{2}$'),
      house_number integer not null check (house_number between 1 and 99999),
      house_letter text not null default '' check (house_letter ~ '^[A-Z]?$'),
      house_number_addition text not null default '' check (house_number_addition ~ '^[A-Z0-9]{0,4}$'),
      street text not null,
      place text not null,
      municipality_code text,
      bag_id text check (bag_id ~ '^[0-9]{16}$'),
      latitude double precision not null,
      longitude double precision not null,
      load_id uuid not null,
      primary key (postcode, house_number, house_letter, house_number_addition)
    );

    create table address_register_loads (
      id uuid primary key default gen_random_uuid(),
      file_name text not null,
      file_hash text not null,
      format text not null check (format in ('csv', 'gpkg')),
      rows integer not null,
      accepted integer not null,
      rejected integer not null,
      loaded_at timestamptz not null,
      loaded_by uuid references users (id) on delete set null
    );

    -- The processing log names a location or an inspection as the record an action concerned.
    alter table processing_log drop constraint processing_log_record_type_check;
    alter table processing_log add constraint processing_log_record_type_check
      check (record_type in ('signal', 'case', 'subject', 'round', 'meeting', 'location', 'inspection'));
  `.execute(db);
}
