import type { Permission } from '@samenspel/contracts';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Db } from '../../db/database.js';
import type { DB, MeetingsTable } from '../../db/schema.js';
import type { Actor } from '../../shared/context.js';
import { type AccessRules, grantsOf, type Scopes, scopedRule } from '../access/index.js';
import { inCollaborationOf } from '../collaborations/index.js';

type Eb = ExpressionBuilder<DB & { m: MeetingsTable }, 'm'>;
type MeetingScope = (eb: Eb, actor: Actor) => Expression<SqlBool>;

/** Every meeting of the collaborations the actor takes part in. */
const all: MeetingScope = (eb) => eb.val(true);

/** LOO and DTO meetings: their chairs and the RIEC analysts prepare and record them. */
const scopes = {
  'meeting.manage': { meeting_chair: all, riec_analyst: all },
} satisfies Partial<Record<Permission, Scopes<MeetingScope>>>;

/** The one predicate of a permission on meetings (over the alias `m`): the record check and the list use it. */
export function meetingsReachable(actor: Actor, permission: keyof typeof scopes) {
  return (eb: Eb): Expression<SqlBool> => {
    const reach = grantsOf<MeetingScope>(actor, permission, scopes[permission]).map((scope) =>
      scope(eb, actor),
    );
    return eb.and([
      inCollaborationOf(actor, 'm.collaborationId'),
      reach.length ? eb.or(reach) : eb.val(false),
    ]);
  };
}

async function records(db: Db, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom('meetings as m')
    .select('m.id')
    .where('m.id', 'in', ids)
    .where(meetingsReachable(actor, 'meeting.manage'))
    .execute();
  return new Set(rows.map((r) => r.id));
}

export const meetingsRules: AccessRules = {
  'meeting.manage': scopedRule(scopes['meeting.manage'], records),
};
