import { type Kysely, sql } from 'kysely';

// Every record with personal data belongs to one collaboration (samenwerkingsverband): the RIEC
// covenant of a region today, a signal table or another covenant tomorrow. A collaboration has
// member organisations with their role, purposes, the legal bases a provision may rest on (moved
// here from the region) and retention terms. Each existing region gets its covenant, with every
// partner organisation of the region as member, and every record of the region is put in it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table collaborations (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      kind text not null check (kind in ('covenant', 'signal-table', 'other')),
      name text not null,
      created_at timestamptz not null default now()
    );
    create unique index collaborations_one_covenant on collaborations (region_id) where kind = 'covenant';

    create table collaboration_members (
      collaboration_id uuid not null references collaborations (id) on delete cascade,
      organisation_id uuid not null references partner_organisations (id),
      role text not null check (role in ('coordinator', 'partner', 'observer')),
      joined_on date not null,
      -- A member that left keeps its row, so that a reload of the reference data does not add it again.
      left_on date,
      primary key (collaboration_id, organisation_id),
      check (left_on is null or left_on >= joined_on)
    );
    create index collaboration_members_organisation on collaboration_members (organisation_id);

    create table collaboration_purposes (
      id uuid primary key default gen_random_uuid(),
      collaboration_id uuid not null references collaborations (id) on delete cascade,
      code text not null,
      description text not null,
      unique (collaboration_id, code)
    );

    create table retention_terms (
      collaboration_id uuid not null references collaborations (id) on delete cascade,
      record_kind text not null check (record_kind in ('signal-not-accepted', 'signal-referred',
        'case-closed', 'hitcheck-round', 'suggestion-rejected', 'attachment', 'import-errors',
        'processing-log')),
      runs_from text not null check (runs_from in ('decision', 'closure', 'last-activity', 'creation')),
      months integer not null check (months between 1 and 1200),
      primary key (collaboration_id, record_kind)
    );

    -- What an administrator changed, and when: the user-action log holds who and the trace.
    create table collaboration_events (
      id uuid primary key default gen_random_uuid(),
      collaboration_id uuid not null references collaborations (id) on delete cascade,
      type text not null,
      details jsonb not null,
      user_id uuid references users (id) on delete set null,
      at timestamptz not null
    );
    create index collaboration_events_collaboration on collaboration_events (collaboration_id, at);

    insert into collaborations (region_id, kind, name)
      select id, 'covenant', 'RIEC-convenant ' || name from regions;
    insert into collaboration_members (collaboration_id, organisation_id, role, joined_on)
      select c.id, o.id, case when o.kind = 'riec' then 'coordinator' else 'partner' end, current_date
      from partner_organisations o join collaborations c on c.region_id = o.region_id and c.kind = 'covenant';
  `.execute(db);

  // The legal bases belong to the collaboration now.
  await sql`
    alter table legal_bases add column collaboration_id uuid references collaborations (id) on delete cascade;
    update legal_bases b set collaboration_id = c.id
      from collaborations c where c.region_id = b.region_id and c.kind = 'covenant';
    alter table legal_bases alter column collaboration_id set not null;
    alter table legal_bases drop constraint legal_bases_region_id_code_key;
    alter table legal_bases drop column region_id;
    alter table legal_bases add constraint legal_bases_collaboration_code unique (collaboration_id, code);
  `.execute(db);

  // Every record with personal data names its collaboration.
  const covenantOf = (regionColumn: string) =>
    sql.raw(
      `(select c.id from collaborations c where c.region_id = ${regionColumn} and c.kind = 'covenant')`,
    );
  for (const [table, region] of [
    ['signals', 't.region_id'],
    ['hitcheck_rounds', 't.region_id'],
    ['meetings', 't.region_id'],
    ['cases', 't.region_id'],
    ['provisions', '(select k.region_id from cases k where k.id = t.case_id)'],
    ['attachments', '(select k.region_id from cases k where k.id = t.case_id)'],
    ['subject_sightings', '(select s.region_id from subjects s where s.id = t.subject_id)'],
    ['subject_relations', 't.region_id'],
  ] as const) {
    await sql`
      alter table ${sql.table(table)} add column collaboration_id uuid references collaborations (id);
      update ${sql.table(table)} t set collaboration_id = ${covenantOf(region)};
      alter table ${sql.table(table)} alter column collaboration_id set not null;
      create index ${sql.id(`${table}_collaboration`)} on ${sql.table(table)} (collaboration_id);
    `.execute(db);
  }
}
