import { type Kysely, sql } from 'kysely';

// A person's label carried the date of birth as the machine writes it ("Jan Berg (1980-04-12)");
// the screens write dates the Dutch way ("Jan Berg (12 april 1980)"), and so do labels from now
// on (registerLabel). Labels already stored are rewritten the same way, in every table that keeps
// them, so that one person is not written two ways.
export async function up(db: Kysely<unknown>): Promise<void> {
  const months = sql.raw(
    "array['januari','februari','maart','april','mei','juni','juli','augustus','september','oktober','november','december']",
  );
  for (const table of ['subjects', 'signal_subjects', 'case_subjects']) {
    await sql`
      update ${sql.table(table)}
      set label = regexp_replace(label, ' \\(\\d{4}-\\d{2}-\\d{2}\\)$', '') || ' (' ||
        extract(day from d)::int || ' ' || (${months})[extract(month from d)::int] || ' ' ||
        extract(year from d)::int || ')'
      from (select id as key, to_date(substring(label from ' \\((\\d{4}-\\d{2}-\\d{2})\\)$'), 'YYYY-MM-DD') as d
            from ${sql.table(table)}
            where kind = 'person' and label ~ ' \\(\\d{4}-\\d{2}-\\d{2}\\)$') as dated
      where ${sql.table(table)}.id = dated.key
    `.execute(db);
  }
}
