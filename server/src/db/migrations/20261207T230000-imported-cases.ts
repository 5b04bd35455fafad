import { type Kysely, sql } from 'kysely';

// A case history imported from a region's earlier register: which case each of the source's own
// case numbers became, and a fingerprint of the history it was imported with. Importing the same
// file again skips those cases; a file that tells an imported case's history otherwise is refused
// for that case. A case destroyed under its retention term keeps its key (case_id null), so a
// later import of an old file does not bring it back. The import's own row is written after its
// records, in the same transaction (hence the deferred key).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table imported_cases (
      region_id text not null references regions (id),
      source_key text not null check (length(source_key) between 1 and 100),
      case_id uuid references cases (id) on delete set null,
      fingerprint text not null,
      import_id uuid not null references imports (id) deferrable initially deferred,
      primary key (region_id, source_key)
    );
    create index imported_cases_case on imported_cases (case_id);
  `.execute(db);
}
