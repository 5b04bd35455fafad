import type { Notification, NotificationPage, SignalDetail } from '@samenspel/contracts';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamDate } from '../../shared/dates.js';
import {
  type ApiSession,
  Cast,
  createTestApp,
  createUser,
  dutchDay,
  type Member,
  newCase,
  newPerson,
  newRound,
  newSignal,
  signIn,
  type TestApp,
  type TestUser,
  testEngine,
} from '../../testing/index.js';
import { addWorkingDays, deleteNotificationsLinkingTo } from './index.js';

/**
 * Who hears of what, in the app and by e-mail: a real SMTP server (smtp-server) receives the
 * mails, and the services run on a clock the tests can move (the sweep of deadlines).
 */
let t: TestApp;
let cast: Cast;
let clock: Date | null = null;
const PUBLIC_URL = 'https://samenspel.test.example';

interface Received {
  to: string[];
  mail: ParsedMail;
}
const received: Received[] = [];
/** While set, the SMTP server answers every mail with this temporary failure. */
let refusal: string | null = null;
let smtp: SMTPServer;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusal) {
          const error = Object.assign(new Error(refusal), { responseCode: 451 });
          callback(error);
          return;
        }
        void simpleParser(Buffer.concat(chunks)).then((mail) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const address = smtp.server.address();
  if (typeof address !== 'object' || !address) throw new Error('SMTP server has no port');
  t = await createTestApp({
    now: () => clock ?? new Date(),
    mail: {
      smtpUrl: `smtp://127.0.0.1:${address.port}`,
      from: 'Samenspel <noreply@samenspel.test.example>',
      publicUrl: PUBLIC_URL,
    },
  });
  cast = new Cast(t);
});
afterAll(async () => {
  await t?.services.mailer.stop();
  await t?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** A signed-in user of the organisation made for one test only, so its notifications are its own. */
async function person(
  organisationCode: string,
  roles: Parameters<typeof createUser>[2]['roles'] = ['partner_staff'],
): Promise<Member> {
  const user = await createUser(t.database.db, t.keys, { roles, organisationCode });
  return { ...(await signIn(t.app, t.database.db, user)), user };
}

async function notificationsOf(who: ApiSession, query = ''): Promise<NotificationPage> {
  return cast.ok<NotificationPage>(who, 'GET', `/api/v1/me/notifications${query}`);
}

/** What reached a user about one path, straight from the table (also for users who cannot sign in). */
async function storedFor(user: TestUser, link: string) {
  return t.database.db
    .selectFrom('notifications')
    .select(['id', 'kind', 'text'])
    .where('recipientId', '=', user.id)
    .where('link', '=', link)
    .orderBy('createdAt')
    .execute();
}

/** Nothing a notification says may name the people of the record: surnames, dates of birth, BSNs. */
function expectNoPersonalData(texts: readonly string[], signal: SignalDetail) {
  for (const subject of signal.subjects) {
    const data = subject.data as Record<string, unknown>;
    for (const value of [data.surname, data.dateOfBirth, data.bsn, data.name, data.firstNames])
      if (typeof value === 'string') for (const text of texts) expect(text).not.toContain(value);
  }
}

describe(`who hears of what, on ${testEngine()}`, () => {
  it('tells the staff of the organisations a round asks, and only those who may answer it', async () => {
    const [asked, colleague, police, manager, utrecht] = await Promise.all([
      person('belastingdienst'),
      person('belastingdienst'),
      person('politie'),
      person('belastingdienst', ['programme_manager']),
      person('GM0344'),
    ]);
    const gone = await createUser(t.database.db, t.keys, {
      roles: ['partner_staff'],
      organisationCode: 'belastingdienst',
    });
    await t.database.db.updateTable('users').set({ active: false }).where('id', '=', gone.id).execute();

    const signal = await newSignal(cast, { stage: 'triaged', subjects: [newPerson({ bsn: '111222333' })] });
    const { roundId } = await newRound(cast, { signal, deadlineInDays: 9 });
    const link = `/hit-no-hit#ronde-${roundId}`;

    for (const who of [asked, colleague, police]) {
      const page = await notificationsOf(who);
      const mine = page.items.filter((n) => n.link === link);
      expect(mine).toEqual([
        expect.objectContaining({
          kind: 'hitcheck-request',
          readAt: null,
          text: `Nieuw hit/no-hit-verzoek voor uw organisatie. Antwoord uiterlijk ${dutchDate(dutchDay(9))}.`,
        }),
      ]);
      expect(page.unread).toBeGreaterThanOrEqual(1);
    }
    for (const who of [manager.user, utrecht.user, gone, (await cast.analyst()).user])
      expect(await storedFor(who, link)).toEqual([]);
    expectNoPersonalData(
      (await storedFor(asked.user, link)).map((n) => n.text),
      signal,
    );
    // A round destroyed takes its requests with it (and a signal's decision its own), no others.
    const other = await newRound(cast, { deadlineInDays: 9 });
    expect(await deleteNotificationsLinkingTo(t.database.db, [roundId])).toBeGreaterThanOrEqual(3);
    for (const who of [asked, colleague, police]) expect(await storedFor(who.user, link)).toEqual([]);
    expect(await storedFor(asked.user, `/hit-no-hit#ronde-${other.roundId}`)).toHaveLength(1);
  });

  it("tells the signal's writer and submitting organisations of the DTO's decision, nobody else", async () => {
    const writer = await cast.staff('GM0344');
    const [coSubmitter, sameOrganisation, bystander] = await Promise.all([
      person('politie'),
      person('GM0344'),
      person('belastingdienst'),
    ]);
    const signal = await newSignal(cast, { stage: 'triaged', submitters: ['GM0344', 'politie'] });
    const chair = await cast.chair();
    await cast.ok(chair, 'POST', `/api/v1/signals/${signal.id}/transitions`, {
      type: 'decided',
      decision: 'not-accepted',
      reason: 'regular-enforcement',
    });
    const link = `/signalen/${signal.id}`;
    const expected = [
      { kind: 'signal-decided', text: `Besluit over signaal ${signal.reference}: niet geaccepteerd.` },
    ];
    for (const who of [writer.user, coSubmitter.user, sameOrganisation.user])
      expect((await storedFor(who, link)).map(({ kind, text }) => ({ kind, text }))).toEqual(expected);
    // The chair decided; the analyst and the Tax Administration submitted nothing.
    for (const who of [chair.user, (await cast.analyst()).user, bystander.user])
      expect(await storedFor(who, link)).toEqual([]);
    expectNoPersonalData(
      (await storedFor(writer.user, link)).map((n) => n.text),
      signal,
    );

    const withdrawn = await newSignal(cast, { submitters: ['GM0344', 'politie'] });
    await cast.ok(await cast.analyst(), 'POST', `/api/v1/signals/${withdrawn.id}/transitions`, {
      type: 'withdrawn',
      note: 'Dubbel ingediend',
    });
    expect(await storedFor(writer.user, `/signalen/${withdrawn.id}`)).toEqual([]);
  });

  it('tells a case’s director and the organisations that join it, when they join', async () => {
    const [police, tax, tax2] = await Promise.all([
      person('politie'),
      person('belastingdienst'),
      person('belastingdienst'),
    ]);
    const director = await cast.director();
    const detail = await newCase(cast, { participants: ['politie'], codeName: 'Zilverreiger' });
    const link = `/casussen/${detail.id}`;
    expect(await storedFor(director.user, link)).toMatchObject([
      { kind: 'case-added', text: `U bent casusregisseur van casus ${detail.reference} (Zilverreiger).` },
    ]);
    expect(await storedFor(police.user, link)).toMatchObject([
      { kind: 'case-added', text: `Uw organisatie neemt deel aan casus ${detail.reference} (Zilverreiger).` },
    ]);
    expect(await storedFor(tax.user, link)).toEqual([]);

    await cast.ok(director, 'POST', `/api/v1/cases/${detail.id}/participants`, {
      organisationId: await cast.org('belastingdienst'),
      reason: 'Fiscale informatie nodig',
    });
    for (const who of [tax.user, tax2.user])
      expect(await storedFor(who, link)).toMatchObject([{ kind: 'case-added' }]);
    // The director added them: no second notice for the director, none again for the police.
    expect(await storedFor(director.user, link)).toHaveLength(1);
    expect(await storedFor(police.user, link)).toHaveLength(1);
  });

  it('lets a user read and mark only their own notifications', async () => {
    const [own, other] = await Promise.all([person('belastingdienst'), person('politie')]);
    const { roundId } = await newRound(cast, { organisations: ['belastingdienst', 'politie'] });
    const link = `/hit-no-hit#ronde-${roundId}`;
    const [mine] = (await notificationsOf(own)).items.filter((n) => n.link === link);
    const [theirs] = (await notificationsOf(other)).items.filter((n) => n.link === link);
    if (!mine || !theirs) throw new Error('no notifications');

    const refused = await cast.call(other, 'POST', `/api/v1/me/notifications/${mine.id}/read`);
    expect(refused.statusCode).toBe(404);
    expect((await notificationsOf(own)).items.find((n) => n.id === mine.id)?.readAt).toBeNull();

    const before = (await cast.ok<{ unread: number }>(own, 'GET', '/api/v1/me/notifications/unread-count'))
      .unread;
    const read = await cast.ok<Notification>(own, 'POST', `/api/v1/me/notifications/${mine.id}/read`);
    expect(read.readAt).not.toBeNull();
    const after = await cast.ok<{ unread: number }>(own, 'GET', '/api/v1/me/notifications/unread-count');
    expect(after.unread).toBe(before - 1);
    // Reading twice keeps the first moment.
    expect(
      (await cast.ok<Notification>(own, 'POST', `/api/v1/me/notifications/${mine.id}/read`)).readAt,
    ).toBe(read.readAt);

    expect((await notificationsOf(other, '?unread=true')).items.some((n) => n.id === theirs.id)).toBe(true);
    const all = await cast.ok<{ marked: number }>(other, 'POST', '/api/v1/me/notifications/read');
    expect(all.marked).toBeGreaterThanOrEqual(1);
    expect((await notificationsOf(other, '?unread=true')).items).toEqual([]);
    expect((await notificationsOf(own)).items.find((n) => n.link === link)?.readAt).toBe(read.readAt);
  });

  it('pages the notifications, newest first', async () => {
    const who = await person('belastingdienst');
    for (let i = 0; i < 3; i += 1) await newRound(cast, { organisations: ['belastingdienst'] });
    const first = await notificationsOf(who);
    expect(first).toMatchObject({ page: 1, pageSize: 20 });
    expect(first.total).toBeGreaterThanOrEqual(3);
    const times = first.items.map((n) => n.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await notificationsOf(who, `?page=${Math.ceil(first.total / 20) + 1}`)).items).toEqual([]);
    const bad = await cast.call(who, 'GET', '/api/v1/me/notifications?page=0&soort=x');
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .invalidParams.map((p: { name: string }) => p.name)
        .sort(),
    ).toEqual(['page', 'soort']);
  });
});

describe(`deadline reminders, on ${testEngine()}`, () => {
  /** Noon in the Netherlands on a date: a moment well inside that Dutch day. */
  const noonOn = (date: string) => new Date(`${date}T11:00:00Z`);

  it('reminds once when the deadline is near and once when it has passed, while the answer is missing', async () => {
    const [police, tax] = await Promise.all([person('politie'), person('belastingdienst')]);
    const { signal, roundId } = await newRound(cast, { deadlineInDays: 10 });
    const link = `/hit-no-hit#ronde-${roundId}`;
    const deadline = dutchDay(10);
    const kinds = async (who: Member) => (await storedFor(who.user, link)).map((n) => n.kind);
    try {
      // Three working days before: not yet near.
      clock = noonOn(addWorkingDaysBack(deadline, 3));
      await t.services.notifications.sweepDeadlines();
      expect(await kinds(police)).toEqual(['hitcheck-request']);

      // Two working days before, twice: one reminder.
      clock = noonOn(addWorkingDaysBack(deadline, 2));
      await t.services.notifications.sweepDeadlines();
      await t.services.notifications.sweepDeadlines();
      expect(await kinds(police)).toEqual(['hitcheck-request', 'deadline-near']);
      expect(await kinds(tax)).toEqual(['hitcheck-request', 'deadline-near']);
      const [near] = (await storedFor(police.user, link)).filter((n) => n.kind === 'deadline-near');
      expect(near?.text).toBe(
        `Een hit/no-hit-verzoek wacht nog op het antwoord van uw organisatie. De uiterste datum is ${dutchDate(deadline)}.`,
      );

      // The police answer; the Tax Administration does not.
      await cast.ok(await cast.staff('politie'), 'PUT', `/api/v1/hit-check-requests/${roundId}/answers`, {
        answers: signal.subjects.map((s) => ({ subjectId: s.id, answer: 'no-hit' })),
      });
      clock = noonOn(nextDay(deadline));
      const passed = await t.services.notifications.sweepDeadlines();
      expect(passed.passed).toBeGreaterThanOrEqual(1);
      await t.services.notifications.sweepDeadlines();
      expect(await kinds(police)).toEqual(['hitcheck-request', 'deadline-near']);
      expect(await kinds(tax)).toEqual(['hitcheck-request', 'deadline-near', 'deadline-passed']);
      expectNoPersonalData(
        (await storedFor(tax.user, link)).map((n) => n.text),
        signal,
      );
    } finally {
      clock = null;
    }
  });

  it('does not remind on the day the round was asked, nor of a closed round', async () => {
    const who = await person('belastingdienst');
    const { roundId } = await newRound(cast, { organisations: ['belastingdienst'], deadlineInDays: 1 });
    const link = `/hit-no-hit#ronde-${roundId}`;
    await t.services.notifications.sweepDeadlines();
    expect((await storedFor(who.user, link)).map((n) => n.kind)).toEqual(['hitcheck-request']);

    await cast.ok(await cast.analyst(), 'POST', `/api/v1/hit-check-rounds/${roundId}/close`);
    try {
      clock = noonOn(dutchDay(3));
      await t.services.notifications.sweepDeadlines();
      expect((await storedFor(who.user, link)).map((n) => n.kind)).toEqual(['hitcheck-request']);
    } finally {
      clock = null;
    }
  });

  it('counts working days: a Monday deadline is near from the Thursday before', () => {
    expect(addWorkingDays('2026-12-10', 2)).toBe('2026-12-14'); // Thursday → Monday
    expect(addWorkingDays('2026-12-09', 2)).toBe('2026-12-11'); // Wednesday → Friday
    expect(addWorkingDays('2026-12-12', 2)).toBe('2026-12-15'); // Saturday → Tuesday
  });
});

describe(`e-mail, on ${testEngine()}`, () => {
  it('mails a link and nothing else to those who want it, once, after the step', async () => {
    const [wants, declines] = await Promise.all([person('belastingdienst'), person('belastingdienst')]);
    const preferences = await cast.ok<{
      mailConfigured: boolean;
      kinds: Array<{ kind: string; email: boolean }>;
    }>(declines, 'PUT', '/api/v1/me/notification-preferences', {
      kinds: [{ kind: 'hitcheck-request', email: false }],
    });
    expect(preferences.mailConfigured).toBe(true);
    expect(preferences.kinds).toContainEqual({ kind: 'hitcheck-request', email: false });
    expect(preferences.kinds).toContainEqual({ kind: 'case-added', email: true });

    const signal = await newSignal(cast, { stage: 'triaged', subjects: [newPerson({ bsn: '123456782' })] });
    const { roundId } = await newRound(cast, { signal, organisations: ['belastingdienst'] });
    const link = `/hit-no-hit#ronde-${roundId}`;
    const [mine] = await storedFor(wants.user, link);
    const [theirs] = await storedFor(declines.user, link);
    if (!mine || !theirs) throw new Error('not notified in the app');
    const queued = await t.database.db
      .selectFrom('notificationMails')
      .select('notificationId')
      .where('notificationId', 'in', [mine.id, theirs.id])
      .execute();
    expect(queued).toEqual([{ notificationId: mine.id }]);

    await t.services.mailer.deliver();
    const mails = received.filter((r) => r.to.includes(wants.user.email));
    expect(mails).toHaveLength(1);
    const mail = mails[0]?.mail;
    expect(mail?.subject).toBe('Nieuw hit/no-hit-verzoek in Samenspel');
    expect(mail?.from?.value).toEqual([{ name: 'Samenspel', address: 'noreply@samenspel.test.example' }]);
    expect(mail?.messageId).toBe(`<${mine.id}@samenspel.test.example>`);
    expect(mail?.text).toContain('Er is een nieuw hit/no-hit-verzoek voor uw organisatie.');
    expect(mail?.text).toContain(`${PUBLIC_URL}/hit-no-hit#ronde-${roundId}`);
    expectNoPersonalData([mail?.text ?? '', mail?.subject ?? ''], signal);
    expect(mail?.text).not.toContain(signal.reference);
    expect(received.some((r) => r.to.includes(declines.user.email))).toBe(false);

    await t.services.mailer.deliver();
    expect(received.filter((r) => r.to.includes(wants.user.email))).toHaveLength(1);
    const row = await t.database.db
      .selectFrom('notificationMails')
      .selectAll()
      .where('notificationId', '=', mine.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ attempts: 1, lastError: null });
    expect(row.sentAt).not.toBeNull();
    const sentLog = await t.database.db
      .selectFrom('processingLog')
      .select(['name', 'dataSubjectType'])
      .where('name', '=', 'notification.mail')
      .where('processingActivityId', '=', 'samenspel.notifications')
      .execute();
    expect(sentLog.length).toBeGreaterThanOrEqual(1);
  });

  it('tries a refused mail again later, and sends it once', async () => {
    const who = await person('politie');
    const detail = await newCase(cast, { participants: ['politie'], codeName: 'Ijsvogel' });
    const [notice] = await storedFor(who.user, `/casussen/${detail.id}`);
    if (!notice) throw new Error('not notified');
    const mailsTo = () => received.filter((r) => r.to.includes(who.user.email));
    const start = new Date();
    try {
      clock = start;
      refusal = 'Probeer het later opnieuw';
      const first = await t.services.mailer.deliver();
      expect(first.failed).toBeGreaterThanOrEqual(1);
      const waiting = await t.database.db
        .selectFrom('notificationMails')
        .selectAll()
        .where('notificationId', '=', notice.id)
        .executeTakeFirstOrThrow();
      expect(waiting).toMatchObject({ attempts: 1, sentAt: null });
      expect(waiting.lastError).toContain('Probeer het later opnieuw');
      expect(waiting.nextAttemptAt.getTime()).toBe(start.getTime() + 60_000);

      refusal = null;
      await t.services.mailer.deliver();
      expect(mailsTo()).toEqual([]);

      clock = new Date(start.getTime() + 61_000);
      await t.services.mailer.deliver();
      await t.services.mailer.deliver();
      expect(mailsTo()).toHaveLength(1);
      expect(mailsTo()[0]?.mail.subject).toBe('U neemt deel aan een casus in Samenspel');
      expect(mailsTo()[0]?.mail.text).not.toContain('Ijsvogel');
      expect(mailsTo()[0]?.mail.text).toContain(`${PUBLIC_URL}/casussen/${detail.id}`);
    } finally {
      refusal = null;
      clock = null;
    }
  });

  it('queues no mail for a deactivated recipient and drops one that waits', async () => {
    const who = await person('belastingdienst');
    const { roundId } = await newRound(cast, { organisations: ['belastingdienst'] });
    const [notice] = await storedFor(who.user, `/hit-no-hit#ronde-${roundId}`);
    if (!notice) throw new Error('not notified');
    await t.database.db.updateTable('users').set({ active: false }).where('id', '=', who.user.id).execute();
    await t.services.mailer.deliver();
    expect(received.some((r) => r.to.includes(who.user.email))).toBe(false);
    expect(
      await t.database.db
        .selectFrom('notificationMails')
        .select('notificationId')
        .where('notificationId', '=', notice.id)
        .execute(),
    ).toEqual([]);
  });
});

/** `days` working days before a date. */
function addWorkingDaysBack(date: string, days: number): string {
  const day = new Date(`${date}T12:00:00Z`);
  let left = days;
  while (left > 0) {
    day.setUTCDate(day.getUTCDate() - 1);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) left -= 1;
  }
  return day.toISOString().slice(0, 10);
}

function nextDay(date: string): string {
  return amsterdamDate(new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000));
}

function dutchDate(iso: string): string {
  return new Intl.DateTimeFormat('nl-NL', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));
}
