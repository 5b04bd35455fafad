import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccess } from '../../app/index.js';
import {
  type ApiSession,
  createTestApp,
  createUser,
  signIn,
  type TestApp,
  type TestUser,
  testEngine,
} from '../../testing/index.js';
import { AuditService } from './audit.service.js';
import { pseudonymise } from './pseudonym.js';
import { traceFrom } from './trace.js';

let t: TestApp;
let admin: TestUser;
let adminSession: ApiSession;
let officer: TestUser;
let officerSession: ApiSession;
let subject: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  admin = await createUser(t.database.db, t.keys, { roles: ['administrator'] });
  officer = await createUser(t.database.db, t.keys, { roles: ['privacy_officer'] });
  subject = await createUser(t.database.db, t.keys, { roles: ['partner_staff'], organisationCode: 'GM0344' });
  adminSession = await signIn(t.app, t.database.db, admin);
  officerSession = await signIn(t.app, t.database.db, officer);
});
afterAll(async () => t?.close());

function service() {
  return new AuditService({ db: t.database.db, keys: t.keys, access: createAccess() });
}

async function recordsOfTrace(traceId: string) {
  const processing = await t.database.db
    .selectFrom('processingLog')
    .selectAll()
    .where('traceId', '=', traceId)
    .orderBy('seq')
    .execute();
  const actions = await t.database.db
    .selectFrom('userActionLog')
    .selectAll()
    .where('traceId', '=', traceId)
    .orderBy('seq')
    .execute();
  return { processing, actions };
}

function traceOf(response: { headers: Record<string, unknown> }): string {
  return String(response.headers.traceparent).split('-')[1] ?? '';
}

describe(`processing log on ${testEngine()}`, () => {
  it('writes a processing record and a user-action record for a read of personal data', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/users/${subject.id}`,
      headers: { ...adminSession.headers, 'user-agent': 'vitest-browser/1.0' },
    });
    expect(response.statusCode).toBe(200);
    const { processing, actions } = await recordsOfTrace(traceOf(response));
    const expectedPseudonym = pseudonymise(t.keys.pseudonym, {
      type: 'employee',
      email: subject.email,
    }).pseudonym;
    // One data subject: it goes on the action's own record.
    expect(processing).toHaveLength(1);
    const [root] = processing;
    expect(root).toMatchObject({
      name: 'user.read',
      status: 'ok',
      processingActivityId: 'samenspel.user-administration',
      // The version in force: the second, which named the recipients.
      processingActivityVersion: 2,
      parentSpanId: null,
      dataSubjectType: 'employee',
      dataSubjectPseudonym: expectedPseudonym,
    });
    // The pseudonym is not the e-mail address.
    expect(JSON.stringify(processing)).not.toContain(subject.email);
    expect(actions).toEqual([
      expect.objectContaining({
        spanId: root?.spanId,
        actorType: 'user',
        userId: admin.id,
        organisationId: admin.organisationId,
        regionId: 'midden-nederland',
        roles: ['administrator'],
        action: 'user.read',
        result: 'success',
        clientAddress: '127.0.0.1',
        userAgent: 'vitest-browser/1.0',
      }),
    ]);
  });

  it('gives each data subject a child span of its own when an action touches several', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: adminSession.headers,
    });
    const listed = response.json().items as Array<{ email: string }>;
    expect(listed.length).toBeGreaterThan(2);
    const { processing, actions } = await recordsOfTrace(traceOf(response));
    const [root, ...children] = processing;
    expect(root).toMatchObject({ name: 'user.list', dataSubjectPseudonym: null, parentSpanId: null });
    expect(children).toHaveLength(listed.length);
    expect(children.every((c) => c.parentSpanId === root?.spanId && c.dataSubjectType === 'employee')).toBe(
      true,
    );
    expect(new Set(children.map((c) => c.dataSubjectPseudonym)).size).toBe(listed.length);
    expect(actions).toHaveLength(1);
  });

  it('logs a refused action without the subjects it did not process, and changes nothing', async () => {
    const staff = await createUser(t.database.db, t.keys, {
      roles: ['partner_staff'],
      organisationCode: 'GM0344',
    });
    const session = await signIn(t.app, t.database.db, staff);
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/users/${subject.id}`,
      headers: session.headers,
    });
    expect(response.statusCode).toBe(404);
    const { processing, actions } = await recordsOfTrace(traceOf(response));
    expect(processing).toHaveLength(1);
    expect(processing[0]).toMatchObject({ status: 'error', dataSubjectPseudonym: null });
    expect(actions[0]).toMatchObject({ userId: staff.id, action: 'user.read', result: 'denied' });
  });

  it('writes the log in the transaction of the work: work that wrote and then failed leaves neither its change nor a success record', async () => {
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: adminSession.headers });
    const actor = {
      kind: 'user' as const,
      userId: admin.id,
      email: admin.email,
      regionId: admin.regionId,
      organisationId: admin.organisationId,
      roles: me.json().roles,
      pendingSecondFactor: false,
      sessionHash: 'test',
    };
    const trace = traceFrom(undefined);
    const nameOf = async () =>
      (
        await t.database.db
          .selectFrom('users')
          .select('displayName')
          .where('id', '=', subject.id)
          .executeTakeFirstOrThrow()
      ).displayName;
    const before = await nameOf();
    const work = t.services.audit.run(
      { actor, trace, client: { address: null, userAgent: 'test' } },
      { action: 'user.update', activity: 'samenspel.user-administration' },
      async (trx, record) => {
        // The work writes, names its data subject, and only then fails.
        await trx
          .updateTable('users')
          .set({ displayName: 'Halverwege gewijzigd' })
          .where('id', '=', subject.id)
          .execute();
        record.subject({ type: 'employee', email: subject.email });
        expect(
          (
            await trx
              .selectFrom('users')
              .select('displayName')
              .where('id', '=', subject.id)
              .executeTakeFirstOrThrow()
          ).displayName,
        ).toBe('Halverwege gewijzigd');
        throw new Error('the disk is full');
      },
    );
    await expect(work).rejects.toThrow('the disk is full');
    expect(await nameOf()).toBe(before);
    const { processing, actions } = await recordsOfTrace(trace.traceId);
    expect(actions.map((a) => a.result)).toEqual(['failed']);
    // The subject of the rolled-back work was not processed: only the action's own span is logged.
    expect(processing).toHaveLength(1);
    expect(processing[0]).toMatchObject({ status: 'error', dataSubjectPseudonym: null });
  });

  it('keeps every chain linear when two processes append to the same chains', async () => {
    // The app remembers the heads of (nearly) every chain ...
    for (let i = 0; i < 64; i += 1) {
      await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: adminSession.headers });
    }
    // ... then two services, standing for two more processes, move every chain on.
    const [one, two] = [service(), service()];
    const context = {
      actor: null,
      trace: { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), parentSpanId: null },
      client: { address: null, userAgent: 'test' },
    };
    const spec = { action: 'test.append', activity: 'samenspel.authentication' };
    const work = async () => undefined;
    for (let i = 0; i < 40; i += 1) {
      await Promise.all([one.run(context, spec, work), two.run(context, spec, work)]);
    }
    const forks = await sql<{ n: number }>`
      select count(*)::int as n from (select chain, previous_hash from processing_log group by 1, 2 having count(*) > 1) x`.execute(
      t.database.db,
    );
    expect(forks.rows[0]?.n).toBe(0);
    // The app's own service remembered heads that have all moved on: it must still log every request.
    for (let i = 0; i < 40; i += 1) {
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: adminSession.headers })).statusCode,
      ).toBe(200);
    }
    expect((await service().verify()).map((r) => r.firstBroken)).toEqual([null, null]);
  });

  it('is append-only: the database refuses updates, deletes and truncation', async () => {
    const attempts = [
      sql`update processing_log set name = 'x'`,
      sql`delete from processing_log`,
      sql`truncate processing_log`,
      sql`update user_action_log set result = 'success'`,
      sql`delete from user_action_log`,
    ];
    for (const attempt of attempts) {
      await expect(attempt.execute(t.database.db)).rejects.toThrow(/append-only/);
    }
  });

  it('verifies both chains, and names the first record changed behind its back', async () => {
    const intact = await service().verify(7);
    expect(intact.map((r) => r.firstBroken)).toEqual([null, null]);
    expect(intact.every((r) => r.records > 5)).toBe(true);

    const victim = await t.database.db
      .selectFrom('userActionLog')
      .select('seq')
      .where('userId', '=', admin.id)
      .orderBy('seq')
      .limit(1)
      .executeTakeFirstOrThrow();
    // Someone with full database rights switches the guard off and rewrites history.
    await sql`alter table user_action_log disable trigger user_action_log_append_only`.execute(t.database.db);
    try {
      await sql`update user_action_log set result = 'denied' where seq = ${victim.seq}`.execute(
        t.database.db,
      );
    } finally {
      await sql`alter table user_action_log enable trigger user_action_log_append_only`.execute(
        t.database.db,
      );
    }
    const tampered = await service().verify(7);
    expect(tampered.find((r) => r.chain === 'user-action')?.firstBroken).toBe(victim.seq);
    expect(tampered.find((r) => r.chain === 'processing')?.firstBroken).toBeNull();
  });
});

describe(`log viewer API on ${testEngine()}`, () => {
  it('finds the records of a data subject by their identifiers, pseudonymised the same way', async () => {
    await t.app.inject({ method: 'GET', url: `/api/v1/users/${subject.id}`, headers: adminSession.headers });
    const search = await t.app.inject({
      method: 'POST',
      url: '/api/v1/audit/subject-pseudonyms',
      payload: { email: subject.email.toUpperCase() },
      headers: officerSession.headers,
    });
    expect(search.statusCode).toBe(200);
    const [pseudonym] = search.json().pseudonyms;
    const page = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit/entries?subject=${pseudonym}&limit=500`,
      headers: officerSession.headers,
    });
    expect(page.statusCode).toBe(200);
    const items = page.json().items as Array<{
      dataSubject: { pseudonym: string } | null;
      action: { userId: string } | null;
    }>;
    expect(items.some((e) => e.dataSubject?.pseudonym === pseudonym && e.action?.userId === admin.id)).toBe(
      true,
    );
    // The search itself is in the log, under the officer's name.
    const { actions } = await recordsOfTrace(traceOf(search));
    expect(actions[0]).toMatchObject({ userId: officer.id, action: 'audit.subject-search' });
  });

  it('filters by user, organisation, activity and period, and pages', async () => {
    const base = '/api/v1/audit/entries';
    const byUser = (
      await t.app.inject({
        method: 'GET',
        url: `${base}?userId=${admin.id}`,
        headers: officerSession.headers,
      })
    ).json();
    expect(byUser.items.length).toBeGreaterThan(0);
    expect(byUser.items.every((e: { action: { userId: string } }) => e.action.userId === admin.id)).toBe(
      true,
    );
    const byActivity = (
      await t.app.inject({
        method: 'GET',
        url: `${base}?activity=samenspel.authentication&limit=2`,
        headers: officerSession.headers,
      })
    ).json();
    expect(byActivity.items).toHaveLength(2);
    expect(byActivity.nextBefore).toBe(byActivity.items[1].sequence);
    const next = (
      await t.app.inject({
        method: 'GET',
        url: `${base}?activity=samenspel.authentication&limit=2&before=${byActivity.nextBefore}`,
        headers: officerSession.headers,
      })
    ).json();
    expect(next.items[0].sequence).toBeLessThan(byActivity.nextBefore);
    const future = (
      await t.app.inject({ method: 'GET', url: `${base}?from=2099-01-01`, headers: officerSession.headers })
    ).json();
    expect(future.items).toEqual([]);
    const bad = await t.app.inject({
      method: 'GET',
      url: `${base}?from=gisteren&userId=1&limit=0`,
      headers: officerSession.headers,
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .invalidParams.map((p: { name: string }) => p.name)
        .sort(),
    ).toEqual(['from', 'limit', 'userId']);
  });

  it('exports CSV that spreadsheets cannot be tricked by', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit/entries/export?userId=${admin.id}`,
      headers: officerSession.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain('verwerkingslog.csv');
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    // Dutch Excel: semicolons, Dutch headings and dates, the codes beside the words.
    expect(lines[0]).toMatch(/^"Volgnummer";"Begin";"Einde";"Verwerking";"Code verwerking";/);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => /^"\d+";"\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}";/.test(l))).toBe(true);
  });

  it('is for the privacy officer only', async () => {
    for (const url of ['/api/v1/audit/entries', '/api/v1/audit/entries/export']) {
      expect((await t.app.inject({ method: 'GET', url, headers: adminSession.headers })).statusCode).toBe(
        403,
      );
    }
  });
});
