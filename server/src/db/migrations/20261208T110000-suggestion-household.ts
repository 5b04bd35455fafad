import { type Kysely, sql } from 'kysely';

// A suggestion that another subject's household lifted (someone of the one record's surname lives
// at the other record's address: the partner) names that subject. Whoever may not see it may not
// see the suggestion either: the evidence says that someone of that name lives there. It goes
// when that subject goes (destruction deletes it first, as it does the pair's own).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table match_suggestions add column via_subject uuid references subjects (id);
    create index match_suggestions_via on match_suggestions (via_subject) where via_subject is not null;
  `.execute(db);
}
