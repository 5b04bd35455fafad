import { type Kysely, sql } from 'kysely';

// The register of processing (AVG art. 30) names who receives the data and the collaboration a
// processing belongs to. Versions stay as they were: the earlier ones have no recipients recorded.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table processing_activities
      add column recipients text[] not null default '{}',
      add column collaboration text;
  `.execute(db);
}
