import { type Permission, roles } from '@samenspel/contracts';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Db } from '../../db/database.js';
import type { DB, NotificationsTable } from '../../db/schema.js';
import type { Actor } from '../../shared/context.js';
import { type AccessRules, grantsOf, type Scopes, scopedRule } from '../access/index.js';

type Eb = ExpressionBuilder<DB & { n: NotificationsTable }, 'n'>;
type NotificationScope = (eb: Eb, actor: Actor) => Expression<SqlBool>;

/** One's own notifications: nobody reads another's, whatever their role. */
const own: NotificationScope = (eb, actor) =>
  actor.kind === 'user' ? eb('n.recipientId', '=', actor.userId) : eb.val(false);

/** Every person holds their own notifications; a partner system has none. */
const scopes = {
  'notification.read': Object.fromEntries(roles.map((role) => [role, own])),
} satisfies Partial<Record<Permission, Scopes<NotificationScope>>>;

/**
 * The one predicate of notifications (over the alias `n`): the record check, the list, the
 * unread count and "mark all as read" use it.
 */
export function notificationsReachable(actor: Actor) {
  return (eb: Eb): Expression<SqlBool> => {
    const reach = grantsOf<NotificationScope>(actor, 'notification.read', scopes['notification.read']).map(
      (scope) => scope(eb, actor),
    );
    return reach.length ? eb.or(reach) : eb.val(false);
  };
}

async function records(db: Db, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom('notifications as n')
    .select('n.id')
    .where('n.id', 'in', ids)
    .where(notificationsReachable(actor))
    .execute();
  return new Set(rows.map((r) => r.id));
}

export const notificationsRules: AccessRules = {
  'notification.read': scopedRule(scopes['notification.read'], records),
};
