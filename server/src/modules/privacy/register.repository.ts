import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/**
 * Who provided information to whom under which legal basis: each provision recorded in a case
 * counts once for every other partner taking part in that case. Counts only; destroyed cases
 * keep no provisions.
 */
export async function sharingCells(db: Db, regionId: string, year: number | undefined) {
  const { rows } = await sql<{
    fromId: string;
    from: string;
    toId: string;
    to: string;
    basis: string;
    provisions: number;
    cases: number;
  }>`
    select p.organisation_id as "fromId", f.name as from, cp.organisation_id as "toId", t.name as to,
      b.name as basis, count(distinct p.id)::int as provisions, count(distinct p.case_id)::int as cases
    from provisions p
    join cases c on c.id = p.case_id
    -- The partners taking part on the day of the provision (a partner that left and came back
    -- has two periods; a provision counts once).
    join case_participants cp on cp.case_id = p.case_id and cp.organisation_id <> p.organisation_id
      and (cp.added_at at time zone 'Europe/Amsterdam')::date <= p.provided_on
      and (cp.removed_at is null or (cp.removed_at at time zone 'Europe/Amsterdam')::date >= p.provided_on)
    join partner_organisations f on f.id = p.organisation_id
    join partner_organisations t on t.id = cp.organisation_id
    join legal_bases b on b.id = p.legal_basis_id
    where c.region_id = ${regionId} and c.destroyed_at is null
      and (${year ?? null}::int is null or extract(year from p.provided_on) = ${year ?? null}::int)
    group by 1, 2, 3, 4, 5
    order by 2, 4, 5`.execute(db);
  return rows;
}
