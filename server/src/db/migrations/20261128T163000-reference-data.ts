import { type Kysely, sql } from 'kysely';

// Forward-only. Nothing here may use a feature PostgreSQL 15 lacks (PGlite is PostgreSQL 18).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create extension if not exists pg_trgm;
    create extension if not exists fuzzystrmatch;
    create extension if not exists pgcrypto;

    create table provinces (
      code text primary key check (code ~ '^PV[0-9]{2}$'),
      name text not null
    );

    create table regions (
      id text primary key check (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      name text not null,
      police_unit text not null,
      reference_data_version text not null,
      reference_data_checksum text not null,
      loaded_at timestamptz not null default now()
    );

    create table districts (
      id text primary key check (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      region_id text not null references regions (id),
      name text not null,
      sort_order integer not null,
      unique (region_id, name)
    );

    create table base_teams (
      id text primary key,
      region_id text not null references regions (id),
      name text not null
    );

    create table municipalities (
      code text primary key check (code ~ '^GM[0-9]{4}$'),
      name text not null,
      region_id text not null references regions (id),
      district_id text not null references districts (id),
      province_code text not null references provinces (code),
      base_team_id text references base_teams (id),
      safety_region text not null,
      population integer check (population >= 0),
      valid_from date,
      valid_until date,
      note text,
      boundary jsonb,
      check (valid_from is null or valid_until is null or valid_until > valid_from)
    );
    create index municipalities_district_idx on municipalities (district_id);
    create index municipalities_region_idx on municipalities (region_id);

    create table partner_organisations (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      code text not null,
      kind text not null check (kind in ('riec', 'municipality', 'province', 'police', 'public_prosecution',
        'tax_administration', 'fiod', 'benefits_agency', 'customs', 'labour_inspectorate', 'military_police',
        'immigration', 'employee_insurance', 'other')),
      name text not null,
      short_name text not null,
      municipality_code text references municipalities (code),
      province_code text references provinces (code),
      valid_from date,
      valid_until date,
      unique (region_id, code),
      check (valid_from is null or valid_until is null or valid_until > valid_from)
    );

    create table themes (
      id uuid primary key default gen_random_uuid(),
      code text not null check (code ~ '^[a-z0-9]+(_[a-z0-9]+)*$'),
      scope text not null check (scope in ('national', 'regional', 'district')),
      region_id text references regions (id),
      district_id text references districts (id),
      name text not null,
      name_en text not null,
      accountability_theme text not null check (accountability_theme in
        ('human_trafficking', 'drugs', 'money_laundering', 'real_estate', 'omg', 'other')),
      sort_order integer not null,
      check ((scope = 'national') = (region_id is null)),
      check ((scope = 'district') = (district_id is not null))
    );
    create unique index themes_national_code_key on themes (code) where region_id is null;
    create unique index themes_region_code_key on themes (region_id, code) where region_id is not null;
  `.execute(db);
}
