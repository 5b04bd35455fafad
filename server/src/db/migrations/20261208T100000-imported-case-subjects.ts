import { type Kysely, sql } from 'kysely';

// Subjects imported into a case from a region's register: which case subject each of the source's
// own numbers became in that case (a subject without a number is known by its fingerprint), and a
// fingerprint of what the file said of it and its relations (as imported_signals). A case's
// content destroyed under its retention term takes its subjects; the number then stays, gone.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table imported_case_subjects (
      case_id uuid not null references cases (id),
      source_key text not null check (length(source_key) between 1 and 100),
      case_subject_id uuid references case_subjects (id) on delete set null,
      fingerprint text not null,
      import_id uuid not null references imports (id) deferrable initially deferred,
      primary key (case_id, source_key)
    );
    create index imported_case_subjects_subject on imported_case_subjects (case_subject_id);
  `.execute(db);
}
