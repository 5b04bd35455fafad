import { type Kysely, sql } from 'kysely';

// A collection or settlement often comes years after the confiscation was imposed, when the case
// may long be closed. It is recorded as a result of its own that names the confiscation it pays
// off, so the record only grows and each amount keeps its own date.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table results add column confiscation_id uuid references results (id) on delete cascade;
    create index results_confiscation on results (confiscation_id) where confiscation_id is not null;
  `.execute(db);
}
