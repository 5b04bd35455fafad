import {
  NOTIFICATION_PAGE_SIZE,
  type Notification,
  type NotificationPage,
  type NotificationPreferences,
  type NotificationQuery,
  notificationKinds,
  type UpdateNotificationPreferencesRequest,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { RequestContext } from '../../shared/context.js';
import { amsterdamDate } from '../../shared/dates.js';
import { notFound, unauthenticated } from '../../shared/errors.js';
import type { ServiceDeps } from '../../shared/service.js';
import { traceFrom } from '../audit/index.js';
import { notificationsReachable } from './notifications.access.js';
import { presentNotification } from './notifications.presenter.js';
import * as repo from './notifications.repository.js';
import { deadlineNotice, roundLink, type StepNotifier } from './notifier.js';

const activity = 'samenspel.notifications';

/**
 * A reminder comes when the deadline is at most this many working days (Monday to Friday) away;
 * on a Friday deadline from the Wednesday, on a Monday deadline from the Thursday before.
 */
const NEAR_WORKING_DAYS = 2;
/** Notifications are kept a year (the register of processing activities says so). */
const RETENTION_DAYS = 365;

/** The date `days` working days after `date` (`YYYY-MM-DD`), Saturdays and Sundays skipped. */
export function addWorkingDays(date: string, days: number): string {
  const day = new Date(`${date}T12:00:00Z`);
  let left = days;
  while (left > 0) {
    day.setUTCDate(day.getUTCDate() + 1);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return day.toISOString().slice(0, 10);
}

/** The rounds whose addressed organisations have not answered about every subject (the hitcheck module's). */
export interface AwaitedAnswers {
  awaitingAnswers(
    db: Db,
    dueBy: string,
  ): Promise<Array<{ roundId: string; deadline: string; createdAt: Date; organisationId: string }>>;
}

const sweepContext = (): RequestContext => ({
  actor: null,
  trace: traceFrom(undefined),
  client: { address: null, userAgent: 'samenspel deadline sweep' },
});

/** One's notifications and e-mail choices, and the sweep that reminds of hit/no-hit deadlines. */
export class NotificationsService {
  constructor(
    private readonly deps: ServiceDeps & {
      notifier: StepNotifier;
      requests: AwaitedAnswers;
      mailConfigured: boolean;
    },
  ) {}

  async list(context: RequestContext, query: NotificationQuery): Promise<NotificationPage> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'notification.list', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'notification.read');
      if (actor.kind === 'user') record.subject({ type: 'employee', email: actor.email });
      const reachable = notificationsReachable(actor);
      const [{ rows, total }, unread] = await Promise.all([
        repo.listNotifications(trx, reachable, {
          unread: query.unread ?? false,
          offset: (query.page - 1) * NOTIFICATION_PAGE_SIZE,
          limit: NOTIFICATION_PAGE_SIZE,
        }),
        repo.countUnread(trx, reachable),
      ]);
      return {
        items: rows.map(presentNotification),
        page: query.page,
        pageSize: NOTIFICATION_PAGE_SIZE,
        total,
        unread,
      };
    });
  }

  /**
   * How many are unread, for the header. Asked every minute by every open page and only a
   * number about oneself: not logged, unlike the notifications themselves.
   */
  async unreadCount(context: RequestContext): Promise<number> {
    const { db, access } = this.deps;
    const actor = await access.requireAccess(db, context.actor, 'notification.read');
    return repo.countUnread(db, notificationsReachable(actor));
  }

  async markRead(context: RequestContext, id: string): Promise<Notification> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'notification.read', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'notification.read', [id]);
      if (actor.kind === 'user') record.subject({ type: 'employee', email: actor.email });
      const row = await repo.markRead(trx, id, now());
      if (!row) throw notFound();
      return presentNotification(row);
    });
  }

  async markAllRead(context: RequestContext): Promise<number> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'notification.read-all', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'notification.read');
      if (actor.kind === 'user') record.subject({ type: 'employee', email: actor.email });
      return repo.markAllRead(trx, notificationsReachable(actor), now());
    });
  }

  async preferences(context: RequestContext): Promise<NotificationPreferences> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'notification-preferences.read', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'notification.read');
      if (actor.kind !== 'user') throw unauthenticated();
      record.subject({ type: 'employee', email: actor.email });
      return this.preferencesOf(trx, actor.userId);
    });
  }

  async updatePreferences(
    context: RequestContext,
    request: UpdateNotificationPreferencesRequest,
  ): Promise<NotificationPreferences> {
    const { audit, access } = this.deps;
    return audit.run(
      context,
      { action: 'notification-preferences.update', activity },
      async (trx, record) => {
        const actor = await access.requireAccess(trx, context.actor, 'notification.read');
        if (actor.kind !== 'user') throw unauthenticated();
        record.subject({ type: 'employee', email: actor.email });
        await repo.savePreferences(trx, actor.userId, request.kinds);
        return this.preferencesOf(trx, actor.userId);
      },
    );
  }

  private async preferencesOf(trx: Db, userId: string): Promise<NotificationPreferences> {
    const chosen = new Map((await repo.preferencesOf(trx, userId)).map((p) => [p.kind, p.email]));
    return {
      mailConfigured: this.deps.mailConfigured,
      kinds: notificationKinds.map((kind) => ({ kind, email: chosen.get(kind) ?? true })),
    };
  }

  /**
   * Reminds the organisations a hit/no-hit round still waits for: once when its deadline is
   * near (at most two working days away, not on the day the round was asked: the request named
   * the deadline), once when it has passed. Idempotent: each (round, organisation, kind) is
   * notified once, however often the sweep runs. Also forgets notifications older than a year.
   * A plain method, run by `serve` now and by a job runner later; tests run it with their clock.
   */
  async sweepDeadlines(): Promise<{ near: number; passed: number; pruned: number }> {
    const { db, audit, now, notifier, requests } = this.deps;
    const at = now();
    const today = amsterdamDate(at);
    const open = await requests.awaitingAnswers(db, addWorkingDays(today, NEAR_WORKING_DAYS));
    const due = open.flatMap((round) => {
      const kind = round.deadline < today ? ('deadline-passed' as const) : ('deadline-near' as const);
      if (kind === 'deadline-near' && amsterdamDate(round.createdAt) === today) return [];
      return [{ ...round, kind, key: `${kind}:${round.roundId}:${round.organisationId}` }];
    });
    const fresh = await repo.untakenTriggers(
      db,
      due.map((d) => d.key),
    );
    const cutoff = new Date(at.getTime() - RETENTION_DAYS * 86_400_000);
    const stale = await repo.anyBefore(db, cutoff);
    const todo = due.filter((d) => fresh.has(d.key));
    if (todo.length === 0 && !stale) return { near: 0, passed: 0, pruned: 0 };
    return audit.run(sweepContext(), { action: 'notification.sweep', activity }, async (trx, record) => {
      const counts = { near: 0, passed: 0, pruned: 0 };
      for (const round of todo) {
        const reached = await notifier.send(
          trx,
          record,
          {
            kind: round.kind,
            link: roundLink(round.roundId),
            text: deadlineNotice(round.kind, round.deadline),
            once: round.key,
          },
          {
            organisationIds: [round.organisationId],
            userIds: [],
            permission: 'hitcheck.answer',
            recordId: round.roundId,
            except: [],
          },
        );
        if (reached.length) counts[round.kind === 'deadline-near' ? 'near' : 'passed'] += 1;
      }
      counts.pruned = stale ? await repo.pruneNotifications(trx, cutoff) : 0;
      return counts;
    });
  }
}
