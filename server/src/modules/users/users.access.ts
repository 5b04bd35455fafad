import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { DB, UsersTable } from '../../db/schema.js';
import type { Actor } from '../../shared/context.js';
import type { AccessRules } from '../access/index.js';

/**
 * The one predicate of the users an administrator reaches (over the alias `u`): those of their
 * own region. The record check and the list both use it.
 */
export function usersReachable(actor: Actor) {
  return (eb: ExpressionBuilder<DB & { u: UsersTable }, 'u'>): Expression<SqlBool> =>
    eb('u.regionId', '=', actor.regionId);
}

const sameRegion = {
  roles: ['administrator'],
  records: async (db, actor, ids) => {
    const rows = await db
      .selectFrom('users as u')
      .select('u.id')
      .where('u.id', 'in', ids)
      .where(usersReachable(actor))
      .execute();
    return new Set(rows.map((r) => r.id));
  },
} satisfies AccessRules[keyof AccessRules];

/** Administrators see and manage the users of their own region, and nobody else's. */
export const usersRules: AccessRules = {
  'user.read': sameRegion,
  'user.manage': sameRegion,
  // The region's own settings: always the actor's region, so no records to check.
  'security-settings.manage': { roles: ['administrator'] },
};
