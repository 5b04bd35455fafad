import { type Kysely, sql } from 'kysely';

// The subject register: one record per person, company, organisation, address, account, vehicle
// or criminal network, with where it was seen (provenance), relations, blocking keys for
// matching, suggestions an analyst confirms or rejects, and merges that can be undone.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table subjects (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      kind text not null check (kind in ('person', 'company', 'organisation', 'address', 'account', 'vehicle', 'network')),
      label text not null,
      data jsonb not null,
      -- Exact identifiers, normalised: a shared one links at once.
      bsn text,
      kvk_number text,
      rsin text,
      iban text,
      plate text,
      address_key text,
      -- For name frequencies in matching (persons).
      surname_key text,
      given_name text,
      merged_into uuid references subjects (id),
      created_at timestamptz not null
    );
    create index subjects_region_kind on subjects (region_id, kind);
    create index subjects_bsn on subjects (region_id, bsn) where bsn is not null;
    create index subjects_kvk on subjects (region_id, kvk_number) where kvk_number is not null;
    create index subjects_rsin on subjects (region_id, rsin) where rsin is not null;
    create index subjects_iban on subjects (region_id, iban) where iban is not null;
    create index subjects_plate on subjects (region_id, plate) where plate is not null;
    create index subjects_address on subjects (region_id, address_key) where address_key is not null;
    create index subjects_merged on subjects (merged_into) where merged_into is not null;

    create table subject_keys (
      key text not null,
      subject_id uuid not null references subjects (id) on delete cascade,
      primary key (key, subject_id)
    );
    create index subject_keys_subject on subject_keys (subject_id);

    -- How often a surname or first name occurs among a region's persons.
    create table subject_name_counts (
      region_id text not null references regions (id),
      kind text not null check (kind in ('surname', 'given', 'total')),
      value text not null,
      count integer not null,
      primary key (region_id, kind, value)
    );

    -- Where a subject was seen: which signal or case, supplied by which partner, when.
    create table subject_sightings (
      id uuid primary key default gen_random_uuid(),
      subject_id uuid not null references subjects (id),
      case_id uuid references cases (id) on delete cascade,
      signal_id uuid references signals (id) on delete cascade,
      case_subject_id uuid references case_subjects (id) on delete cascade,
      signal_subject_id uuid references signal_subjects (id) on delete cascade,
      organisation_id uuid references partner_organisations (id),
      role text,
      source text not null check (source in ('signal', 'case', 'import')),
      seen_at timestamptz not null,
      check (case_id is not null or signal_id is not null)
    );
    create index subject_sightings_subject on subject_sightings (subject_id);
    create index subject_sightings_case on subject_sightings (case_id) where case_id is not null;
    create index subject_sightings_signal on subject_sightings (signal_id) where signal_id is not null;

    create table subject_relations (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      from_id uuid not null references subjects (id),
      to_id uuid not null references subjects (id),
      type text not null check (type in ('ownership', 'directorship', 'employment', 'family', 'associate',
        'represents', 'facilitates', 'member', 'registered-at')),
      case_id uuid references cases (id) on delete cascade,
      signal_id uuid references signals (id) on delete cascade,
      organisation_id uuid references partner_organisations (id),
      start_date date,
      end_date date,
      created_by uuid references users (id) on delete set null,
      created_at timestamptz not null,
      check (from_id <> to_id)
    );
    create index subject_relations_from on subject_relations (from_id);
    create index subject_relations_to on subject_relations (to_id);
    create index subject_relations_case on subject_relations (case_id) where case_id is not null;

    create table match_suggestions (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      subject_a uuid not null references subjects (id),
      subject_b uuid not null references subjects (id),
      probability double precision not null,
      evidence jsonb not null,
      status text not null default 'open' check (status in ('open', 'confirmed', 'rejected')),
      decided_by uuid references users (id) on delete set null,
      decided_at timestamptz,
      created_at timestamptz not null,
      unique (subject_a, subject_b),
      check (subject_a < subject_b)
    );
    create index match_suggestions_open on match_suggestions (region_id, status);

    create table subject_merges (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      survivor_id uuid not null references subjects (id),
      merged_id uuid not null references subjects (id),
      suggestion_id uuid references match_suggestions (id),
      merged_by uuid references users (id) on delete set null,
      merged_at timestamptz not null,
      undone_by uuid references users (id) on delete set null,
      undone_at timestamptz
    );

    -- FollowTheMoney imports wait here for an analyst's review.
    create table ftm_imports (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases (id) on delete cascade,
      entities jsonb not null,
      report jsonb not null,
      status text not null default 'review' check (status in ('review', 'applied', 'discarded')),
      created_by uuid references users (id) on delete set null,
      created_at timestamptz not null
    );
  `.execute(db);
}
