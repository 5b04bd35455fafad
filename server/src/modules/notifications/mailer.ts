import type { NotificationKind } from '@samenspel/contracts';
import { createTransport, type Transporter } from 'nodemailer';
import type { MailConfig } from '../../config.js';
import type { RequestContext } from '../../shared/context.js';
import type { ServiceDeps } from '../../shared/service.js';
import { traceFrom } from '../audit/index.js';
import { findUserById } from '../users/index.js';
import * as repo from './notifications.repository.js';
import type { MailQueue } from './notifier.js';

const subjects: Record<NotificationKind, string> = {
  'hitcheck-request': 'Nieuw hit/no-hit-verzoek in Samenspel',
  'deadline-near': 'Een hit/no-hit-verzoek wacht op uw antwoord',
  'deadline-passed': 'De termijn van een hit/no-hit-verzoek is verstreken',
  'signal-decided': 'Besluit over een signaal in Samenspel',
  'case-added': 'U neemt deel aan een casus in Samenspel',
};

const openings: Record<NotificationKind, string> = {
  'hitcheck-request': 'Er is een nieuw hit/no-hit-verzoek voor uw organisatie.',
  'deadline-near':
    'Een hit/no-hit-verzoek voor uw organisatie wacht nog op antwoord; de uiterste datum nadert.',
  'deadline-passed': 'De uiterste datum van een hit/no-hit-verzoek voor uw organisatie is verstreken.',
  'signal-decided': 'Er is een besluit genomen over een signaal dat u of uw organisatie heeft ingediend.',
  'case-added': 'U of uw organisatie neemt deel aan een casus.',
};

/**
 * The mail of a notification: what kind of thing waits and a link, nothing more. Even the
 * in-app text (a signal's reference, a case's code name) stays out: mail passes through servers
 * outside the covenant.
 */
function mailOf(kind: NotificationKind, link: string, publicUrl: string): { subject: string; text: string } {
  const url = new URL(link, publicUrl).href;
  return {
    subject: subjects[kind],
    text: [
      'Goedendag,',
      '',
      openings[kind],
      '',
      'Bekijk het in Samenspel (u logt eerst in):',
      url,
      '',
      'Deze e-mail bevat bewust geen gegevens over personen, bedrijven of zaken.',
      'Onder "Mijn account" in Samenspel kiest u welke meldingen u per e-mail krijgt.',
      '',
      'Samenspel',
    ].join('\n'),
  };
}

/** How long to wait before trying a failed mail again: 1, 2, 4 … minutes, at most an hour. */
function retryDelayMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

const CLAIM_MS = 5 * 60_000;
const BATCH = 20;

const context = (): RequestContext => ({
  actor: null,
  trace: traceFrom(undefined),
  client: { address: null, userAgent: 'samenspel mailer' },
});

/**
 * Sends the outbox after the steps commit. A mail is claimed for five minutes, sent, then
 * marked sent in one transaction with its log line; a failed send waits (1, 2, 4 … minutes, at
 * most an hour) and is tried again, for as long as it takes. The outbox holds one row per
 * notification, so nothing is queued twice; a mail can go out twice only if the process dies
 * between the SMTP server's acceptance and the mark, and then carries the same Message-ID.
 */
export class NotificationMailer implements MailQueue {
  private transporter: Transporter | null = null;
  private running: Promise<unknown> | null = null;
  private again = false;
  private interval: NodeJS.Timeout | undefined;
  private soon: NodeJS.Timeout | undefined;
  private started = false;

  /** Where failures of a background run are reported (the server's log). */
  private onError: (error: unknown) => void = () => {};

  constructor(
    private readonly deps: Pick<ServiceDeps, 'db' | 'audit' | 'now'> & { config: MailConfig | null },
  ) {}

  get configured(): boolean {
    return this.deps.config !== null;
  }

  /** Delivers soon: a step queued a mail (its transaction commits a moment later). */
  wake(): void {
    if (!this.started || this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = undefined;
      void this.runInBackground();
    }, 250);
    this.soon.unref();
  }

  /** Sends what waits now and then every `everyMs`, until `stop`. */
  start(everyMs = 30_000, onError: (error: unknown) => void = () => {}): void {
    if (!this.configured || this.started) return;
    this.started = true;
    this.onError = onError;
    this.interval = setInterval(() => void this.runInBackground(), everyMs);
    this.interval.unref();
    void this.runInBackground();
  }

  async stop(): Promise<void> {
    this.started = false;
    clearInterval(this.interval);
    clearTimeout(this.soon);
    this.soon = undefined;
    await this.running;
    this.transporter?.close();
    this.transporter = null;
  }

  private runInBackground(): Promise<unknown> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.deliver().catch((error: unknown) => this.onError(error));
      } while (this.again && this.started);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private transport(config: MailConfig): Transporter {
    // A pool: a batch of mails goes over one or two connections instead of one each.
    this.transporter ??= createTransport(
      {
        url: config.smtpUrl,
        pool: true,
        maxConnections: 2,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      },
      { from: config.from },
    );
    return this.transporter;
  }

  /** Sends the mails that are due; returns how many went out and how many failed (to be retried). */
  async deliver(): Promise<{ sent: number; failed: number }> {
    const { db, audit, now, config } = this.deps;
    if (!config) return { sent: 0, failed: 0 };
    let sent = 0;
    let failed = 0;
    for (;;) {
      const at = now();
      const due = await repo.claimDueMails(db, at, new Date(at.getTime() + CLAIM_MS), BATCH);
      if (due.length === 0) break;
      for (const mail of due) {
        const user = await findUserById(db, mail.recipientId);
        if (!user?.active) {
          await repo.dropMail(db, mail.notificationId);
          continue;
        }
        const { subject, text } = mailOf(mail.kind, mail.link, config.publicUrl);
        try {
          await this.transport(config).sendMail({
            to: user.email,
            subject,
            text,
            messageId: `<${mail.notificationId}@${new URL(config.publicUrl).hostname}>`,
            headers: { 'Auto-Submitted': 'auto-generated' },
          });
        } catch (error) {
          failed += 1;
          await repo.mailFailed(
            db,
            mail.notificationId,
            new Date(now().getTime() + retryDelayMs(mail.attempts + 1)),
            error instanceof Error ? error.message : String(error),
          );
          continue;
        }
        await audit.run(
          context(),
          { action: 'notification.mail', activity: 'samenspel.notifications' },
          (trx, record) => {
            record.subject({ type: 'employee', email: user.email });
            return repo.mailSent(trx, mail.notificationId, now());
          },
        );
        sent += 1;
      }
      if (due.length < BATCH) break;
    }
    return { sent, failed };
  }
}
