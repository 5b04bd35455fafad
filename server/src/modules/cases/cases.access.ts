import type { Permission } from '@samenspel/contracts';
import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { CasesTable, DB } from '../../db/schema.js';
import type { Actor } from '../../shared/context.js';
import { type AccessRules, grantsOf, type Scopes, scopedRule } from '../access/index.js';
import { inCollaborationOf } from '../collaborations/index.js';

type Eb = ExpressionBuilder<DB & { c: CasesTable }, 'c'>;
type CaseScope = (eb: Eb, actor: Actor) => Expression<SqlBool>;

/** Every case of the collaborations the actor takes part in. */
const all: CaseScope = (eb) => eb.val(true);
/** The cases the actor directs. */
const directed: CaseScope = (eb, actor) =>
  actor.kind === 'user' ? eb('c.directorId', '=', actor.userId) : eb.val(false);
/** The cases the actor's organisation takes part in now (a removed participant loses access at once). */
const participating: CaseScope = (eb, actor) =>
  eb.exists(
    eb
      .selectFrom('caseParticipants as p')
      .select(sql`1`.as('x'))
      .whereRef('p.caseId', '=', 'c.id')
      .where('p.organisationId', '=', actor.organisationId)
      .where('p.removedAt', 'is', null),
  );
/**
 * Whether the actor's organisation takes part now in the case whose id is in `column`: for
 * records of other modules that their case's participants may see (a location tied to a case).
 */
export function participatesInCase(actor: Actor, column: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from case_participants cp where cp.case_id = ${sql.ref(column)}
    and cp.organisation_id = ${actor.organisationId} and cp.removed_at is null)`;
}
const directedOrParticipating: CaseScope = (eb, actor) =>
  eb.or([directed(eb, actor), participating(eb, actor)]);

/**
 * Who reaches which cases, per permission and role. RIEC analysts every case of their region; a
 * case director the cases they direct (and those their organisation takes part in); partner
 * staff and chairs the cases their organisation takes part in; chairs prioritise every case of
 * the region. Managing needs more than participation. A role reaches only its own scope: a
 * director whose role is taken away keeps no case of it.
 */
const scopes = {
  'case.read': {
    riec_analyst: all,
    case_director: directedOrParticipating,
    partner_staff: participating,
    meeting_chair: participating,
  },
  'case.manage': { riec_analyst: all, case_director: directed },
  'case.contribute': {
    riec_analyst: all,
    case_director: directedOrParticipating,
    partner_staff: participating,
    meeting_chair: participating,
  },
  'case.prioritise': { meeting_chair: all },
} satisfies Partial<Record<Permission, Scopes<CaseScope>>>;

export type CasePermission = keyof typeof scopes;

/**
 * The one predicate of a permission on cases (over the alias `c`): the record check and every
 * list, search and count of cases use it.
 */
export function casesReachable(actor: Actor, permission: CasePermission) {
  return (eb: Eb): Expression<SqlBool> => {
    const reach = grantsOf<CaseScope>(actor, permission, scopes[permission]).map((scope) => scope(eb, actor));
    return eb.and([
      inCollaborationOf(actor, 'c.collaborationId'),
      // A destroyed case is only its anonymous remainder, for the figures: nobody opens it.
      eb('c.destroyedAt', 'is', null),
      reach.length ? eb.or(reach) : eb.val(false),
    ]);
  };
}

/**
 * The cases the actor may manage, by the rule of `case.manage` above: for a file that names
 * cases by their reference (an import of their subjects). A case they may not manage is as
 * unknown as one that does not exist.
 */
export async function manageableCases(db: Db, actor: Actor) {
  return db
    .selectFrom('cases as c')
    .select(['c.id', 'c.reference', 'c.collaborationId'])
    .where(casesReachable(actor, 'case.manage'))
    .execute();
}

function records(permission: CasePermission) {
  return async (db: Db, actor: Actor, ids: readonly string[]): Promise<Set<string>> => {
    const rows = await db
      .selectFrom('cases as c')
      .select('c.id')
      .where('c.id', 'in', ids)
      .where(casesReachable(actor, permission))
      .execute();
    return new Set(rows.map((r) => r.id));
  };
}

/**
 * Casework: analysts and directors start cases (from the signals each may start one from:
 * `signal.start-case`), directors run them, participants contribute, chairs prioritise.
 */
export const casesRules: AccessRules = {
  'case.create': { roles: ['riec_analyst', 'case_director'] },
  ...Object.fromEntries(
    (Object.keys(scopes) as CasePermission[]).map((p) => [p, scopedRule(scopes[p], records(p))]),
  ),
};
