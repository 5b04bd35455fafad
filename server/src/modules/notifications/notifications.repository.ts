import type { NotificationKind } from '@samenspel/contracts';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { DB, NotificationsTable } from '../../db/schema.js';

type Reachable = (eb: ExpressionBuilder<DB & { n: NotificationsTable }, 'n'>) => Expression<SqlBool>;

export interface NotificationRow {
  id: string;
  recipientId: string;
  kind: NotificationKind;
  link: string;
  text: string;
  createdAt: Date;
  readAt: Date | null;
}

/** Takes a once-only key; false when it was taken before (the notice was given already). */
export async function takeTrigger(db: Db, key: string, at: Date): Promise<boolean> {
  const row = await db
    .insertInto('notificationTriggers')
    .values({ key, createdAt: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

/** Which of these once-only keys have not been taken yet. */
export async function untakenTriggers(db: Db, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const taken = await db.selectFrom('notificationTriggers').select('key').where('key', 'in', keys).execute();
  const known = new Set(taken.map((t) => t.key));
  return new Set(keys.filter((k) => !known.has(k)));
}

export async function insertNotifications(
  db: Db,
  rows: ReadonlyArray<{
    recipientId: string;
    kind: NotificationKind;
    link: string;
    text: string;
    createdAt: Date;
  }>,
): Promise<Array<{ id: string; recipientId: string }>> {
  if (rows.length === 0) return [];
  return db
    .insertInto('notifications')
    .values([...rows])
    .returning(['id', 'recipientId'])
    .execute();
}

/** The users among these who turned the e-mail of this kind off. */
export async function mailRefusedBy(
  db: Db,
  userIds: readonly string[],
  kind: NotificationKind,
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('notificationPreferences')
    .select('userId')
    .where('userId', 'in', userIds)
    .where('kind', '=', kind)
    .where('email', '=', false)
    .execute();
  return new Set(rows.map((r) => r.userId));
}

export async function preferencesOf(db: Db, userId: string) {
  return db
    .selectFrom('notificationPreferences')
    .select(['kind', 'email'])
    .where('userId', '=', userId)
    .execute();
}

export async function savePreferences(
  db: Db,
  userId: string,
  choices: ReadonlyArray<{ kind: NotificationKind; email: boolean }>,
): Promise<void> {
  if (choices.length === 0) return;
  await db
    .insertInto('notificationPreferences')
    .values(choices.map((c) => ({ userId, kind: c.kind, email: c.email })))
    .onConflict((oc) =>
      oc.columns(['userId', 'kind']).doUpdateSet((eb) => ({ email: eb.ref('excluded.email') })),
    )
    .execute();
}

/** The notifications a predicate reaches (the access rule's), newest first, one page. */
export async function listNotifications(
  db: Db,
  reachable: Reachable,
  filter: { unread: boolean; offset: number; limit: number },
): Promise<{ rows: NotificationRow[]; total: number }> {
  let q = db.selectFrom('notifications as n').where(reachable);
  if (filter.unread) q = q.where('n.readAt', 'is', null);
  const [rows, count] = await Promise.all([
    q
      .selectAll('n')
      .orderBy('n.createdAt', 'desc')
      .orderBy('n.id')
      .offset(filter.offset)
      .limit(filter.limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function countUnread(db: Db, reachable: Reachable): Promise<number> {
  const row = await db
    .selectFrom('notifications as n')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(reachable)
    .where('n.readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one notification read (once: the first reading's time stays); returns it. */
export async function markRead(db: Db, id: string, at: Date): Promise<NotificationRow | undefined> {
  await db
    .updateTable('notifications')
    .set({ readAt: at })
    .where('id', '=', id)
    .where('readAt', 'is', null)
    .execute();
  return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markAllRead(db: Db, reachable: Reachable, at: Date): Promise<number> {
  const result = await db
    .updateTable('notifications as n')
    .set({ readAt: at })
    .where(reachable)
    .where('n.readAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function anyBefore(db: Db, before: Date): Promise<boolean> {
  const row = await db
    .selectFrom('notifications')
    .select('id')
    .where('createdAt', '<', before)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Everything older than the retention term goes, with its mail. */
export async function pruneNotifications(db: Db, before: Date): Promise<number> {
  await db.deleteFrom('notificationTriggers').where('createdAt', '<', before).execute();
  const result = await db.deleteFrom('notifications').where('createdAt', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Marks everything made before a moment as read (the demo's users read what reached them earlier). */
export async function markReadBefore(db: Db, before: Date, at: Date): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ readAt: at })
    .where('createdAt', '<', before)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ---- the outbox of e-mails ----

export async function queueMails(db: Db, notificationIds: readonly string[], at: Date): Promise<void> {
  if (notificationIds.length === 0) return;
  await db
    .insertInto('notificationMails')
    .values(notificationIds.map((notificationId) => ({ notificationId, createdAt: at, nextAttemptAt: at })))
    .onConflict((oc) => oc.column('notificationId').doNothing())
    .execute();
}

export interface ClaimedMail {
  notificationId: string;
  attempts: number;
  recipientId: string;
  kind: NotificationKind;
  link: string;
}

/**
 * Claims the mails that are due, for `until`: a sender that dies leaves them to be claimed again
 * then. Rows another sender holds locked right now are skipped, not waited for.
 */
export async function claimDueMails(db: Db, at: Date, until: Date, limit: number): Promise<ClaimedMail[]> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('notificationMails')
      .select('notificationId')
      .where('sentAt', 'is', null)
      .where('nextAttemptAt', '<=', at)
      .where((eb) => eb.or([eb('claimedUntil', 'is', null), eb('claimedUntil', '<', at)]))
      .orderBy('nextAttemptAt')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    const ids = due.map((d) => d.notificationId);
    await trx
      .updateTable('notificationMails')
      .set({ claimedUntil: until })
      .where('notificationId', 'in', ids)
      .execute();
    return trx
      .selectFrom('notificationMails as m')
      .innerJoin('notifications as n', 'n.id', 'm.notificationId')
      .select(['m.notificationId', 'm.attempts', 'n.recipientId', 'n.kind', 'n.link'])
      .where('m.notificationId', 'in', ids)
      .orderBy('m.nextAttemptAt')
      .execute();
  });
}

export async function mailSent(db: Db, notificationId: string, at: Date): Promise<void> {
  await db
    .updateTable('notificationMails')
    .set((eb) => ({ sentAt: at, claimedUntil: null, attempts: eb('attempts', '+', 1), lastError: null }))
    .where('notificationId', '=', notificationId)
    .execute();
}

export async function mailFailed(db: Db, notificationId: string, next: Date, error: string): Promise<void> {
  await db
    .updateTable('notificationMails')
    .set((eb) => ({
      claimedUntil: null,
      nextAttemptAt: next,
      attempts: eb('attempts', '+', 1),
      lastError: error.slice(0, 500),
    }))
    .where('notificationId', '=', notificationId)
    .execute();
}

/** A mail nobody can receive any more (the account was deactivated): its notification stays. */
export async function dropMail(db: Db, notificationId: string): Promise<void> {
  await db.deleteFrom('notificationMails').where('notificationId', '=', notificationId).execute();
}

/** Deletes notifications that point at these records (their links name the record's id). */
/** Where a hit/no-hit request leads: the round on the hit/no-hit page. */
export function roundLink(roundId: string): string {
  return `/hit-no-hit#ronde-${roundId}`;
}

/**
 * Deletes the notifications that lead to these signals, cases or hit/no-hit rounds: their links
 * are exact (the notifier writes no other), so they are matched by equality on the link's index.
 */
export async function deleteLinkingTo(db: Db, ids: readonly string[]): Promise<number> {
  if (!ids.length) return 0;
  const links = ids.flatMap((id) => [`/signalen/${id}`, `/casussen/${id}`, roundLink(id)]);
  const result = await db
    .deleteFrom('notifications')
    .where(sql<boolean>`link = any(${links}::text[])`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
