import { type Kysely, sql } from 'kysely';

// Destroying a signal, case or round takes the notifications that lead to it by their exact link.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index notifications_link on notifications (link)`.execute(db);
}
