import { type Kysely, sql } from 'kysely';

// A person's matching features (parsed name, sound keys, date of birth, address), kept beside
// the subject so that linking a batch does not parse every candidate's name again.
// They are computed when a subject is registered; a change to the name rules needs them recomputed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table subjects add column features jsonb`.execute(db);
}
