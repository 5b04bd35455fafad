import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/context.js';
import type { AccessRules } from '../access/index.js';

/** Districts (by id) and municipalities (by CBS code) that are, or once were, in the actor's region. */
async function placesOfRegion(db: Db, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  const { rows } = await sql<{ id: string }>`
    select id from districts where region_id = ${actor.regionId} and id = any(${ids as string[]})
    union select code from municipalities where region_id = ${actor.regionId} and code = any(${ids as string[]})`.execute(
    db,
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Accountability and steering: aggregates only. Programme managers (Taskforce, DIS, the
 * region's programme managers) and RIEC analysts read them; programme managers set district
 * targets; analysts register the analysis products they deliver.
 */
export const reportsRules: AccessRules = {
  'report.read': { roles: ['programme_manager', 'riec_analyst'], records: placesOfRegion },
  'target.manage': { roles: ['programme_manager'], records: placesOfRegion },
  'analysis-product.read': { roles: ['programme_manager', 'riec_analyst'] },
  'analysis-product.manage': { roles: ['riec_analyst'] },
};
