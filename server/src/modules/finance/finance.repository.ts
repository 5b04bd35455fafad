import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/** A region's finance lines of some years. */
export function linesOf(db: Db, regionId: string, years: readonly number[]) {
  return db
    .selectFrom('financeLines')
    .select(['year', 'line', 'budget', 'realisation', 'updatedAt'])
    .where('regionId', '=', regionId)
    .where('year', 'in', years)
    .execute();
}

/** Writes a year's lines: each one given replaces that line's figures. */
export async function upsertLines(
  db: Db,
  regionId: string,
  year: number,
  lines: ReadonlyArray<{ line: string; budget: number | null; realisation: number | null }>,
  at: Date,
  by: string | null,
): Promise<void> {
  if (!lines.length) return;
  await db
    .insertInto('financeLines')
    .values(lines.map((l) => ({ regionId, year, ...l, updatedAt: at, updatedBy: by })))
    .onConflict((oc) =>
      oc.columns(['regionId', 'year', 'line']).doUpdateSet({
        budget: (eb) => eb.ref('excluded.budget'),
        realisation: (eb) => eb.ref('excluded.realisation'),
        updatedAt: (eb) => eb.ref('excluded.updatedAt'),
        updatedBy: (eb) => eb.ref('excluded.updatedBy'),
      }),
    )
    .execute();
}

export async function yearsOf(db: Db, regionId: string): Promise<number[]> {
  const { rows } = await sql<{ year: number }>`
    select distinct year from finance_lines where region_id = ${regionId} order by year`.execute(db);
  return rows.map((r) => r.year);
}
