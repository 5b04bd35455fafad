import { type Kysely, sql } from 'kysely';

// Opportunity maps (gelegenheidskaarten: where a municipality's geography gives room to
// subversive crime — business parks, remote buildings, vacancy) and risk maps (risicokaarten:
// areas of elevated risk from police information, one per base team). An analyst loads them as
// GeoJSON or CSV; they hold areas and indicators, never persons.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table map_layers (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      kind text not null check (kind in ('opportunity', 'risk')),
      name text not null,
      municipality_code text references municipalities (code),
      base_team_id text references base_teams (id),
      made_on date not null,
      organisation_id uuid not null references partner_organisations (id),
      source text,
      features jsonb not null,
      feature_count integer not null check (feature_count >= 1),
      created_at timestamptz not null,
      created_by uuid references users (id) on delete set null,
      check (municipality_code is not null or base_team_id is not null),
      unique (region_id, name)
    );
    create index map_layers_region on map_layers (region_id, kind);
  `.execute(db);
}
