import { type Kysely, sql } from 'kysely';

// The disclosure gate's smallest group (k): the fewest records a published cell or row of a map or
// aggregate may stand for. Five unless the collaboration sets more; never fewer.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table collaborations
      add column disclosure_minimum integer not null default 5
        check (disclosure_minimum between 5 and 100)
  `.execute(db);
}
