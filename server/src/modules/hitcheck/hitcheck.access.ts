import type { Permission } from '@samenspel/contracts';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { DB, HitcheckRoundsTable } from '../../db/schema.js';
import type { Actor } from '../../shared/context.js';
import { type AccessRules, grantsOf, type Scopes, scopedRule } from '../access/index.js';
import { inCollaborationOf } from '../collaborations/index.js';

type Eb = ExpressionBuilder<DB & { r: HitcheckRoundsTable }, 'r'>;
type RoundScope = (eb: Eb, actor: Actor) => Expression<SqlBool>;

/** The rounds that ask the actor's organisation. */
const addressed: RoundScope = (eb, actor) =>
  eb.exists(
    eb
      .selectFrom('hitcheckRoundOrganisations as ro')
      .select(sql`1`.as('x'))
      .whereRef('ro.roundId', '=', 'r.id')
      .where('ro.organisationId', '=', actor.organisationId),
  );

/**
 * Answering a hit/no-hit round: partner staff, on the rounds addressed to their organisation.
 * Starting and closing a round is work on its signal, decided by the signals' `signal.manage`.
 */
const scopes = {
  'hitcheck.answer': { partner_staff: addressed, 'partner-system': addressed },
} satisfies Partial<Record<Permission, Scopes<RoundScope>>>;

/** The one predicate of answering rounds (over the alias `r`): the record check and the inbox use it. */
export function roundsReachable(actor: Actor, permission: keyof typeof scopes) {
  return (eb: Eb): Expression<SqlBool> => {
    const reach = grantsOf<RoundScope>(actor, permission, scopes[permission]).map((scope) =>
      scope(eb, actor),
    );
    return eb.and([
      inCollaborationOf(actor, 'r.collaborationId'),
      reach.length ? eb.or(reach) : eb.val(false),
    ]);
  };
}

async function records(db: Db, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom('hitcheckRounds as r')
    .select('r.id')
    .where('r.id', 'in', ids)
    .where(roundsReachable(actor, 'hitcheck.answer'))
    .execute();
  return new Set(rows.map((r) => r.id));
}

export const hitcheckRules: AccessRules = {
  'hitcheck.answer': scopedRule(scopes['hitcheck.answer'], records),
};
