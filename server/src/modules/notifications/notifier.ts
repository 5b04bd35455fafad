import type { NotificationKind, Permission } from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/context.js';
import { dutchDate } from '../../shared/dates.js';
import type { NotifiedStep, Notifier, StepLog } from '../../shared/notifier.js';
import type { ServiceDeps } from '../../shared/service.js';
import { activeUsersOf, actorFor } from '../users/index.js';
import * as repo from './notifications.repository.js';

/** What a notification says and where it leads; `once` makes it a notice given only once. */
export interface Notice {
  kind: NotificationKind;
  /** A path in the web app. */
  link: string;
  /** Dutch, without personal data: at most a reference or a case's code name. */
  text: string;
  /** A key taken when the notice is given: a second notice with the same key reaches nobody. */
  once?: string;
}

/**
 * Who may hear of it: the active users of these organisations and these users, of whom only
 * those reached who may open the record with the permission (the record's own access rule, so
 * nobody learns of a record they cannot open), and never those in `except`.
 */
export interface Audience {
  organisationIds: readonly string[];
  userIds: readonly string[];
  permission: Permission;
  recordId: string;
  except: readonly string[];
}

/** The outbox's sender: told when a mail waits, so that it goes out soon after the commit. */
export interface MailQueue {
  readonly configured: boolean;
  wake(): void;
}

const decisionNames = {
  accepted: 'geaccepteerd',
  referred: 'doorverwezen naar een partner',
  'not-accepted': 'niet geaccepteerd',
} as const;

/** Where a hit/no-hit request is answered: the partner's inbox, at the round. */
export const roundLink = repo.roundLink;

/** The reminders of a round's deadline, worded without anything about the round's subjects. */
export function deadlineNotice(kind: 'deadline-near' | 'deadline-passed', deadline: string): string {
  return kind === 'deadline-near'
    ? `Een hit/no-hit-verzoek wacht nog op het antwoord van uw organisatie. De uiterste datum is ${dutchDate(deadline)}.`
    : `De uiterste datum van een hit/no-hit-verzoek (${dutchDate(deadline)}) is verstreken. Uw organisatie heeft nog niet alles beantwoord.`;
}

/**
 * Turns the steps of signals, rounds and cases into notifications, inside the step's own
 * transaction: who may hear of it, the text, and the e-mails for those who want them.
 */
export class StepNotifier implements Notifier {
  constructor(private readonly deps: Pick<ServiceDeps, 'access' | 'now'> & { mail: MailQueue }) {}

  async notify(trx: Db, actor: Actor, log: StepLog, step: NotifiedStep): Promise<void> {
    const except = actor.kind === 'user' ? [actor.userId] : [];
    switch (step.kind) {
      case 'hitcheck-request':
        await this.send(
          trx,
          log,
          {
            kind: 'hitcheck-request',
            link: roundLink(step.roundId),
            text: `Nieuw hit/no-hit-verzoek voor uw organisatie. Antwoord uiterlijk ${dutchDate(step.deadline)}.`,
          },
          {
            organisationIds: step.organisationIds,
            userIds: [],
            permission: 'hitcheck.answer',
            recordId: step.roundId,
            except,
          },
        );
        return;
      case 'signal-decided':
        await this.send(
          trx,
          log,
          {
            kind: 'signal-decided',
            link: `/signalen/${step.signalId}`,
            text: `Besluit over signaal ${step.reference}: ${decisionNames[step.decision]}.`,
          },
          {
            organisationIds: step.organisationIds,
            userIds: step.creatorId ? [step.creatorId] : [],
            permission: 'signal.read',
            recordId: step.signalId,
            except,
          },
        );
        return;
      case 'case-added': {
        const link = `/casussen/${step.caseId}`;
        const name = `${step.reference} (${step.codeName})`;
        const directed = step.directorId
          ? await this.send(
              trx,
              log,
              { kind: 'case-added', link, text: `U bent casusregisseur van casus ${name}.` },
              {
                organisationIds: [],
                userIds: [step.directorId],
                permission: 'case.read',
                recordId: step.caseId,
                except,
              },
            )
          : [];
        await this.send(
          trx,
          log,
          { kind: 'case-added', link, text: `Uw organisatie neemt deel aan casus ${name}.` },
          {
            organisationIds: step.organisationIds,
            userIds: [],
            permission: 'case.read',
            recordId: step.caseId,
            except: [...except, ...directed],
          },
        );
        return;
      }
    }
  }

  /** Gives a notice to its audience; returns who received it. */
  async send(trx: Db, log: StepLog, notice: Notice, audience: Audience): Promise<string[]> {
    const { access, now, mail } = this.deps;
    const at = now();
    if (notice.once && !(await repo.takeTrigger(trx, notice.once, at))) return [];
    const candidates = await activeUsersOf(trx, {
      organisationIds: audience.organisationIds,
      userIds: audience.userIds,
    });
    const recipients: typeof candidates = [];
    for (const user of candidates) {
      if (audience.except.includes(user.id)) continue;
      const actor = actorFor(user, 'notification');
      if (!access.holds(actor, audience.permission)) continue;
      const allowed = await access.allowed(trx, actor, audience.permission, [audience.recordId]);
      if (allowed.has(audience.recordId)) recipients.push(user);
    }
    const made = await repo.insertNotifications(
      trx,
      recipients.map((user) => ({
        recipientId: user.id,
        kind: notice.kind,
        link: notice.link,
        text: notice.text,
        createdAt: at,
      })),
    );
    for (const user of recipients)
      log.subject({ type: 'employee', email: user.email }, 'notification.create');
    if (mail.configured && made.length) {
      const refused = await repo.mailRefusedBy(
        trx,
        made.map((n) => n.recipientId),
        notice.kind,
      );
      const wanted = made.filter((n) => !refused.has(n.recipientId)).map((n) => n.id);
      await repo.queueMails(trx, wanted, at);
      if (wanted.length) mail.wake();
    }
    return recipients.map((user) => user.id);
  }
}
