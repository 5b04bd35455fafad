import { type Kysely, sql } from 'kysely';

// An exact identifier (a BSN) shared by records that clearly are not one person does not link
// them: the register keeps both and raises a conflict for the analyst, shown on both subjects.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table subject_conflicts (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      subject_a uuid not null references subjects (id),
      subject_b uuid not null references subjects (id),
      identifier text not null check (identifier in ('bsn')),
      evidence jsonb not null,
      created_at timestamptz not null,
      unique (subject_a, subject_b, identifier)
    );
    create index subject_conflicts_b on subject_conflicts (subject_b);
  `.execute(db);
}
