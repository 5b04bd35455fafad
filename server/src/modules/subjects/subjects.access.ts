import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/context.js';
import type { AccessRules } from '../access/index.js';

/** Subjects, suggestions and merges of the actor's region, by id. */
async function ofRegion(db: Db, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  const list = ids as string[];
  const { rows } = await sql<{ id: string }>`
    select id from subjects where region_id = ${actor.regionId} and id = any(${list}::uuid[])
    union select id from match_suggestions where region_id = ${actor.regionId} and id = any(${list}::uuid[])
    union select id from subject_merges where region_id = ${actor.regionId} and id = any(${list}::uuid[])`.execute(
    db,
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * The subject register across cases and signals is the RIEC analysts' (need to know): only they
 * see subjects beyond a case, suggestions and links, and only they confirm, reject, merge and
 * undo. Partners see a case's own subjects through the case, and no more than a count of the
 * other records a subject is known in.
 */
export const subjectsRules: AccessRules = {
  'subject.read': { roles: ['riec_analyst'], records: ofRegion },
  'subject.manage': { roles: ['riec_analyst'], records: ofRegion },
};
