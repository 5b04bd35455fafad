import { type Kysely, sql } from 'kysely';

// Inspections imported from a partner's or a project's list: which inspection each of the
// source's own numbers became, for the organisation that imported them, and a fingerprint of what
// the file said of it (as imported_signals). The import's own row is written after its records,
// in the same transaction (hence the deferred key).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table imported_inspections (
      region_id text not null references regions (id),
      organisation_id uuid not null references partner_organisations (id),
      source_key text not null check (length(source_key) between 1 and 100),
      inspection_id uuid references inspections (id) on delete set null,
      fingerprint text not null,
      import_id uuid not null references imports (id) deferrable initially deferred,
      primary key (region_id, organisation_id, source_key)
    );
    create index imported_inspections_inspection on imported_inspections (inspection_id);
  `.execute(db);
}
