import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/context.js';
import type { AccessRules } from '../access/index.js';
import { inCollaborationOf } from '../collaborations/index.js';

/**
 * The one rule of the register, written once: a register subject (by the root column given, in
 * snake case) is the actor's to see when it was seen in a record of a collaboration the actor's
 * organisation takes part in. The record check, the suggestions, the analyses and the
 * sightings shown all use it, so a subject known only to another collaboration does not exist
 * for the caller.
 */
export function subjectSeenBy(actor: Actor, rootColumn: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (
    select 1 from subjects x join subject_sightings g on g.subject_id = x.id
    where x.root_id = ${sql.ref(rootColumn)} and ${inCollaborationOf(actor, 'g.collaboration_id')})`;
}

/**
 * The one rule of a match suggestion: the actor sees both its subjects (by their root columns)
 * and, when another subject's household lifted it (`via`, a subject id column), that subject
 * too: its evidence says that someone of that name lives at the other's address.
 */
export function suggestionSeenBy(
  actor: Actor,
  columns: { a: string; b: string; via: string },
): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${subjectSeenBy(actor, columns.a)} and ${subjectSeenBy(actor, columns.b)}
    and (${sql.ref(columns.via)} is null or exists (
      select 1 from subjects v where v.id = ${sql.ref(columns.via)} and ${subjectSeenBy(actor, 'v.root_id')})))`;
}

/** What of a sighting or relation (by its collaboration column) the actor may see. */
export const seenIn = (actor: Actor, collaborationColumn: string) =>
  inCollaborationOf(actor, collaborationColumn);

/** Subjects, suggestions and merges the actor reaches, by id. */
async function reachable(db: Db, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  const list = ids as string[];
  const { rows } = await sql<{ id: string }>`
    select s.id from subjects s
      where s.region_id = ${actor.regionId} and s.id = any(${list}::uuid[]) and ${subjectSeenBy(actor, 's.root_id')}
    union select m.id from match_suggestions m join subjects a on a.id = m.subject_a join subjects b on b.id = m.subject_b
      where m.region_id = ${actor.regionId} and m.id = any(${list}::uuid[])
        and ${suggestionSeenBy(actor, { a: 'a.root_id', b: 'b.root_id', via: 'm.via_subject' })}
    union select m.id from subject_merges m join subjects s on s.id = m.survivor_id
      where m.region_id = ${actor.regionId} and m.id = any(${list}::uuid[]) and ${subjectSeenBy(actor, 's.root_id')}`.execute(
    db.withoutPlugins(),
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * The subject register across cases and signals is the RIEC analysts' (need to know): only they
 * see subjects beyond a case, suggestions and links, and only they confirm, reject, merge and
 * undo — within the collaborations their organisation takes part in. Partners see a case's own
 * subjects through the case, and no more than a count of the other records a subject is known in.
 */
export const subjectsRules: AccessRules = {
  'subject.read': { roles: ['riec_analyst'], records: reachable },
  'subject.manage': { roles: ['riec_analyst'], records: reachable },
};
