import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { ApiTokensTable, DB } from '../../db/schema.js';
import type { Actor } from '../../shared/context.js';
import type { AccessRules } from '../access/index.js';

/**
 * The one predicate of the tokens an administrator manages (over the alias `t`): those of their
 * own region's organisations. The record check and the list both use it.
 */
export function tokensReachable(actor: Actor) {
  return (eb: ExpressionBuilder<DB & { t: ApiTokensTable }, 't'>): Expression<SqlBool> =>
    eb('t.regionId', '=', actor.regionId);
}

/** Administrators manage the API tokens of their own region's organisations. */
export const apiTokensRules: AccessRules = {
  'api-token.manage': {
    roles: ['administrator'],
    records: async (db, actor, ids) => {
      const rows = await db
        .selectFrom('apiTokens as t')
        .select('t.id')
        .where('t.id', 'in', ids)
        .where(tokensReachable(actor))
        .execute();
      return new Set(rows.map((r) => r.id));
    },
  },
};
