import { type Kysely, sql } from 'kysely';

// Signals imported from a partner's register: which signal each of the source's own numbers
// became, for the organisation that imported them (two partners may number alike), and a
// fingerprint of what the file said of it. Importing the same file again skips those signals; a
// file that tells an imported signal otherwise is refused for that signal. The import's own row
// is written after its records, in the same transaction (hence the deferred key).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table imported_signals (
      region_id text not null references regions (id),
      organisation_id uuid not null references partner_organisations (id),
      source_key text not null check (length(source_key) between 1 and 100),
      signal_id uuid references signals (id) on delete set null,
      fingerprint text not null,
      import_id uuid not null references imports (id) deferrable initially deferred,
      primary key (region_id, organisation_id, source_key)
    );
    create index imported_signals_signal on imported_signals (signal_id);
  `.execute(db);
}
