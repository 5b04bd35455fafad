import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../shared/context.js';
import type { AccessRules } from '../access/index.js';
import { collaborationsIn } from './collaborations.repository.js';

/**
 * Membership, written once: the record's collaboration (the column given, e.g. `s.collaborationId`)
 * is one the actor's organisation takes part in now, as coordinator or partner, in the actor's
 * region. Every module's visibility predicate starts with it, so that nothing of one
 * collaboration reaches another; an organisation that leaves loses its records at once.
 * Observers take part in the reports, not in the records.
 */
export function inCollaborationOf(actor: Actor, column: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} in (
    select m.collaboration_id from collaboration_members m
    join collaborations k on k.id = m.collaboration_id
    where m.organisation_id = ${actor.organisationId} and k.region_id = ${actor.regionId}
      and m.role in ('coordinator', 'partner') and m.left_on is null)`;
}

const ofRegion = {
  records: (db, actor, ids) => collaborationsIn(db, actor.regionId, ids),
} satisfies Partial<AccessRules[keyof AccessRules]>;

/**
 * The collaborations of a region hold no personal data: administrators see and edit their
 * members, purposes, legal bases and retention terms; the privacy officer reads them.
 */
export const collaborationsRules: AccessRules = {
  'collaboration.read': { roles: ['administrator', 'privacy_officer'], ...ofRegion },
  'collaboration.manage': { roles: ['administrator'], ...ofRegion },
};
