import type { Permission } from '@samenspel/contracts';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { DB, SignalsTable } from '../../db/schema.js';
import type { Actor } from '../../shared/context.js';
import { type AccessRules, grantsOf, type Scopes, scopedRule } from '../access/index.js';
import { inCollaborationOf } from '../collaborations/index.js';

type Eb = ExpressionBuilder<DB & { s: SignalsTable }, 's'>;
type SignalScope = (eb: Eb, actor: Actor) => Expression<SqlBool>;

/** Past intake: every signal of its collaborations that is no longer a draft. */
const submitted: SignalScope = (eb) => eb('s.stage', '<>', 'draft');
/** The signals the actor's organisation submits (its drafts included). */
const ownOrganisation: SignalScope = (eb, actor) =>
  eb.exists(
    eb
      .selectFrom('signalOrganisations as so')
      .select(sql`1`.as('x'))
      .whereRef('so.signalId', '=', 's.id')
      .where('so.organisationId', '=', actor.organisationId),
  );
const ownDraft: SignalScope = (eb, actor) =>
  eb.and([eb('s.stage', '=', 'draft'), ownOrganisation(eb, actor)]);
const submittedOrOwnDraft: SignalScope = (eb, actor) => eb.or([submitted(eb, actor), ownDraft(eb, actor)]);
/** Accepted by the DTO as a case: what a case director starts a case from. */
const accepted: SignalScope = (eb) => eb('s.decision', '=', 'accepted');

/**
 * Who reaches which signals, per permission and role. Analysts and LOO/DTO chairs work on every
 * submitted signal of the region; partner staff (and partner systems) on their organisation's
 * own signals; drafts stay with the organisation that writes them. A user with several roles
 * reaches, for each permission, only what a role holding that permission reaches: a chair who is
 * also partner staff decides on any signal, but withdraws only their organisation's own. A case
 * director reads the signals accepted as a case, and starts cases from them, as the analyst does.
 */
const scopes = {
  'signal.read': {
    riec_analyst: submittedOrOwnDraft,
    meeting_chair: submitted,
    case_director: accepted,
    partner_staff: ownOrganisation,
    'partner-system': ownOrganisation,
  },
  'signal.update': { partner_staff: ownDraft, riec_analyst: ownDraft },
  'signal.manage': { riec_analyst: submitted },
  'signal.decide': { meeting_chair: submitted },
  'signal.withdraw': { partner_staff: ownOrganisation, riec_analyst: submitted },
  'signal.start-case': { riec_analyst: accepted, case_director: accepted },
} satisfies Partial<Record<Permission, Scopes<SignalScope>>>;

export type SignalPermission = keyof typeof scopes;

/**
 * The one predicate of a permission on signals (over the alias `s`): the record check and every
 * list, search and count of signals use it.
 */
export function signalsReachable(actor: Actor, permission: SignalPermission) {
  return (eb: Eb): Expression<SqlBool> => {
    const reach = grantsOf<SignalScope>(actor, permission, scopes[permission]).map((scope) =>
      scope(eb, actor),
    );
    return eb.and([
      inCollaborationOf(actor, 's.collaborationId'),
      // A destroyed signal is only its anonymous remainder, for the figures: nobody opens it.
      eb('s.destroyedAt', 'is', null),
      reach.length ? eb.or(reach) : eb.val(false),
    ]);
  };
}

function records(permission: SignalPermission) {
  return async (db: Db, actor: Actor, ids: readonly string[]): Promise<Set<string>> => {
    const rows = await db
      .selectFrom('signals as s')
      .select('s.id')
      .where('s.id', 'in', ids)
      .where(signalsReachable(actor, permission))
      .execute();
    return new Set(rows.map((r) => r.id));
  };
}

/** Signals: intake by partners and the RIEC, steps by the analyst, decisions by the DTO chair. */
export const signalsRules: AccessRules = {
  'signal.create': { roles: ['partner_staff', 'riec_analyst'], tokens: true },
  ...Object.fromEntries(
    (Object.keys(scopes) as SignalPermission[]).map((p) => [p, scopedRule(scopes[p], records(p))]),
  ),
  'signal.statistics': { roles: ['riec_analyst', 'meeting_chair', 'programme_manager'] },
};
