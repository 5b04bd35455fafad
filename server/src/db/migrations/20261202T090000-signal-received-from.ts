import { type Kysely, sql } from 'kysely';

// A signal the RIEC registers for a partner (by phone, by mail) names that partner as where it
// came from: the RIEC is the submitter, the partner the origin, and the partner does not see the
// signal as its own.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table signals add column received_from_organisation_id uuid references partner_organisations (id)`.execute(
    db,
  );
}
