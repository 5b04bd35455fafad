import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  createTestApp,
  createUser,
  forgetTotpStep,
  signIn,
  type TestApp,
  type TestUser,
  testEngine,
  totpCode,
} from '../../testing/index.js';
import { organisationByCode } from '../organisations/index.js';
import { findUserById } from '../users/index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const context = {
  actor: null,
  trace: { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), parentSpanId: null },
};

function cookieOf(response: { headers: Record<string, unknown> }): string {
  const all = [response.headers['set-cookie'] ?? []].flat() as string[];
  return (all.find((c) => c.startsWith('__Host-samenspel-sessie=')) ?? '').split(';')[0] ?? '';
}

function signInRequest(email: string, password: string, code?: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/sessions',
    payload: { email, password, ...(code ? { code } : {}) },
  });
}

/** A session from a sign-in answer: its cookie and, from /me, its CSRF token and state. */
async function sessionOf(response: { headers: Record<string, unknown> }) {
  const cookie = cookieOf(response);
  const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
  const { csrfToken, state } = me.json().session;
  return { cookie, state, headers: { cookie, 'x-csrf-token': csrfToken } };
}

function changePassword(
  who: Pick<ApiSession, 'headers'>,
  body: { currentPassword: string; newPassword: string; repeatPassword?: string },
) {
  return t.app.inject({
    method: 'PUT',
    url: '/api/v1/me/password',
    payload: { repeatPassword: body.newPassword, ...body },
    headers: who.headers,
  });
}

async function logged(userId: string, action: string) {
  return t.database.db
    .selectFrom('userActionLog')
    .select(['action', 'result'])
    .where('userId', '=', userId)
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
}

/** An administrator-made account: its initial password was shown to the administrator. */
async function createdByAdministrator(): Promise<{ email: string; initialPassword: string }> {
  const admin = await createUser(t.database.db, t.keys, { roles: ['administrator'] });
  const session = await signIn(t.app, t.database.db, admin);
  const organisation = await organisationByCode(t.database.db, 'midden-nederland', 'belastingdienst');
  const email = `nieuw-${Math.random().toString(36).slice(2, 8)}@belastingdienst.test.example`;
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    payload: {
      email,
      displayName: 'Nieuwe Collega',
      organisationId: organisation?.id,
      roles: ['partner_staff'],
    },
    headers: session.headers,
  });
  expect(created.statusCode, created.body).toBe(201);
  return { email, initialPassword: created.json().initialPassword };
}

describe(`a forced change of the initial password on ${testEngine()}`, () => {
  it('lets a new user do nothing but choose a password, then enrol a second factor', async () => {
    const { email, initialPassword } = await createdByAdministrator();
    const first = await signInRequest(email, initialPassword);
    expect(first.json()).toMatchObject({ state: 'password-change' });
    const session = await sessionOf(first);
    expect(session.state).toBe('password-change');

    const elsewhere = await t.app.inject({
      method: 'GET',
      url: '/api/v1/hit-check-requests',
      headers: session.headers,
    });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json()).toMatchObject({
      code: 'auth.password_change_required',
      detail: 'Kies eerst een nieuw wachtwoord.',
    });
    const enrol = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/second-factor',
      headers: session.headers,
    });
    expect(enrol.json().code).toBe('auth.password_change_required');

    const wrong = await changePassword(session, {
      currentPassword: 'niet het goede wachtwoord',
      newPassword: 'lente in Wijk bij Duurstede',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'currentPassword', reason: 'Dit is niet uw huidige wachtwoord.' }),
    ]);

    const changed = await changePassword(session, {
      currentPassword: initialPassword,
      newPassword: 'lente in Wijk bij Duurstede',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    // Partner staff see personal data: the second factor comes next, in a new session.
    expect(changed.json()).toEqual({ state: 'second-factor-enrolment', otherSessionsEnded: 0 });
    const next = cookieOf(changed);
    expect(next).not.toBe(session.cookie);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session.cookie } }))
        .statusCode,
    ).toBe(401);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: next } });
    expect(me.json().session.state).toBe('second-factor-enrolment');

    expect((await signInRequest(email, initialPassword)).statusCode).toBe(401);
    const again = await signInRequest(email, 'lente in Wijk bij Duurstede');
    expect(again.json()).toMatchObject({ state: 'second-factor-enrolment' });
    const user = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect((await findUserById(t.database.db, user.id))?.passwordChangeRequired).toBe(false);
    expect(await logged(user.id, 'password.change')).toEqual([
      { action: 'password.change', result: 'invalid' },
      { action: 'password.change', result: 'success' },
    ]);
  });

  it('asks the first administrator made on the command line for a new password too', async () => {
    const email = `eerste-${Math.random().toString(36).slice(2, 8)}@riec.test.example`;
    const { initialPassword } = await t.services.users.createAdmin(
      { ...context, client: { address: null, userAgent: 'test' } },
      { email, displayName: 'Eerste Beheerder', regionId: 'midden-nederland', organisationCode: 'riec' },
    );
    expect((await signInRequest(email, initialPassword)).json()).toMatchObject({ state: 'password-change' });
  });

  it('does not ask the accounts the system hands out (the demo’s) to change their password', async () => {
    const email = `demo-${Math.random().toString(36).slice(2, 8)}@riec.test.example`;
    await t.services.users.provision({ ...context, client: { address: null, userAgent: 'test' } }, [
      {
        email,
        displayName: 'Demo Programmamanager',
        regionId: 'midden-nederland',
        organisationCode: 'riec',
        roles: ['programme_manager'],
        password: 'demo-0123456789ab',
        totpSecret: null,
      },
    ]);
    expect((await signInRequest(email, 'demo-0123456789ab')).json()).toMatchObject({ state: 'active' });
  });
});

describe(`changing one’s password on ${testEngine()}`, () => {
  async function twoSessions(user: TestUser): Promise<[ApiSession, ApiSession]> {
    const one = await signIn(t.app, t.database.db, user);
    const two = await signIn(t.app, t.database.db, user);
    return [one, two];
  }

  it('lists every problem with the new password at once, in Dutch', async () => {
    const user = await createUser(t.database.db, t.keys, {
      roles: ['riec_analyst'],
      email: `willemijn.de.vries-${Math.random().toString(36).slice(2, 6)}@riec.test.example`,
    });
    const session = await signIn(t.app, t.database.db, user);
    const short = await changePassword(session, {
      currentPassword: '',
      newPassword: 'kort',
      repeatPassword: 'anders',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().invalidParams).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'currentPassword', reason: 'Vul uw huidige wachtwoord in.' }),
        expect.objectContaining({
          name: 'newPassword',
          reason: 'Kies een wachtwoord van minstens 12 tekens.',
        }),
        expect.objectContaining({
          name: 'repeatPassword',
          reason: 'Dit is niet hetzelfde als het nieuwe wachtwoord.',
        }),
      ]),
    );
    const same = await changePassword(session, {
      currentPassword: user.password,
      newPassword: user.password,
    });
    expect(same.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'newPassword', reason: 'Kies een ander wachtwoord dan uw huidige.' }),
    ]);
    const named = await changePassword(session, {
      currentPassword: user.password,
      newPassword: 'Willemijn houdt van fietsen',
    });
    expect(named.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'newPassword', code: 'contains_email' }),
    ]);
    const simple = await changePassword(session, {
      currentPassword: user.password,
      newPassword: 'abababababababab',
    });
    expect(simple.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'newPassword', code: 'too_simple' }),
    ]);
    // Nothing changed: the old password still signs in.
    await forgetTotpStep(t.database.db, user.id);
    expect(
      (await signInRequest(user.email, user.password, await totpCode(user.totpSecret ?? ''))).statusCode,
    ).toBe(201);
  });

  it('ends every other session and gives this browser a new one, and logs the change', async () => {
    const user = await createUser(t.database.db, t.keys, {
      roles: ['partner_staff'],
      organisationCode: 'politie',
    });
    const [here, there] = await twoSessions(user);
    const changed = await changePassword(here, {
      currentPassword: user.password,
      newPassword: 'een heel ander wachtwoord',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toEqual({ state: 'active', otherSessionsEnded: 1 });
    const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect((await me(there.cookie)).statusCode).toBe(401);
    expect((await me(here.cookie)).statusCode).toBe(401);
    expect((await me(cookieOf(changed))).json().session.state).toBe('active');

    await forgetTotpStep(t.database.db, user.id);
    const code = await totpCode(user.totpSecret ?? '');
    expect((await signInRequest(user.email, user.password, code)).statusCode).toBe(401);
    await forgetTotpStep(t.database.db, user.id);
    expect((await signInRequest(user.email, 'een heel ander wachtwoord', code)).statusCode).toBe(201);
    expect(await logged(user.id, 'password.change')).toEqual([
      { action: 'password.change', result: 'success' },
    ]);
    const processing = await t.database.db
      .selectFrom('processingLog')
      .select(['name', 'dataSubjectType'])
      .where('name', '=', 'password.change')
      .where(
        'traceId',
        '=',
        (
          await t.database.db
            .selectFrom('userActionLog')
            .select('traceId')
            .where('userId', '=', user.id)
            .where('action', '=', 'password.change')
            .executeTakeFirstOrThrow()
        ).traceId,
      )
      .execute();
    expect(processing).toEqual([{ name: 'password.change', dataSubjectType: 'employee' }]);
  });

  it('counts wrong current passwords towards the account’s back-off', async () => {
    const user = await createUser(t.database.db, t.keys, { roles: ['riec_analyst'] });
    const session = await signIn(t.app, t.database.db, user);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 10 && !statuses.includes(429); attempt += 1)
      statuses.push(
        (
          await changePassword(session, {
            currentPassword: `geraden-${attempt}`,
            newPassword: 'een nieuw wachtwoord',
          })
        ).statusCode,
      );
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses.at(-1)).toBe(429);
    expect((await logged(user.id, 'password.change')).at(-1)).toEqual({
      action: 'password.change',
      result: 'denied',
    });
  });

  it('refuses a partner system’s token, which has no password', async () => {
    const admin = await signIn(
      t.app,
      t.database.db,
      await createUser(t.database.db, t.keys, { roles: ['administrator'] }),
    );
    const organisation = await organisationByCode(t.database.db, 'midden-nederland', 'politie');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      payload: {
        name: 'Politiesysteem',
        organisationId: organisation?.id,
        permissions: ['reference.read'],
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
      headers: admin.headers,
    });
    const response = await changePassword(
      { headers: { authorization: `Bearer ${created.json().token}` } },
      { currentPassword: 'x', newPassword: 'een nieuw wachtwoord' },
    );
    expect(response.statusCode).toBe(401);
  });
});

describe(`signing out everywhere on ${testEngine()}`, () => {
  it('ends every session of the user and no one else’s', async () => {
    const user = await createUser(t.database.db, t.keys, {
      roles: ['partner_staff'],
      organisationCode: 'GM0344',
    });
    const colleague = await createUser(t.database.db, t.keys, {
      roles: ['partner_staff'],
      organisationCode: 'GM0344',
    });
    const sessions = [
      await signIn(t.app, t.database.db, user),
      await signIn(t.app, t.database.db, user),
      await signIn(t.app, t.database.db, user),
    ];
    const theirs = await signIn(t.app, t.database.db, colleague);
    const out = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/sessions',
      headers: sessions[1]?.headers ?? {},
    });
    expect(out.json()).toEqual({ ended: 3 });
    for (const session of sessions)
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: session.cookie } }))
          .statusCode,
      ).toBe(401);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: theirs.cookie } }))
        .statusCode,
    ).toBe(200);
  });
});
