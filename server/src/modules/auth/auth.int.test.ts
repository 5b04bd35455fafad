import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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

function post(url: string, payload?: object, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url, ...(payload ? { payload } : {}), headers });
}

function get(url: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'GET', url, headers });
}

function signInRequest(user: TestUser, code?: string, password = user.password) {
  return post('/api/v1/sessions', { email: user.email, password, ...(code ? { code } : {}) });
}

function cookieOf(response: { headers: Record<string, unknown> }): string {
  const all = [response.headers['set-cookie'] ?? []].flat() as string[];
  return (all.find((c) => c.startsWith('__Host-samenspel-sessie=')) ?? '').split(';')[0] ?? '';
}

async function actionsOf(action: string) {
  return t.database.db
    .selectFrom('userActionLog')
    .selectAll()
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
}

async function newUser(options: Parameters<typeof createUser>[2] = { roles: ['riec_analyst'] }) {
  return createUser(t.database.db, t.keys, options);
}

describe(`signing in on ${testEngine()}`, () => {
  it('signs in with password and TOTP code, with a secure, httpOnly, SameSite=Strict host cookie', async () => {
    const user = await newUser();
    const response = await signInRequest(user, await totpCode(user.totpSecret ?? ''));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ state: 'active' });
    const setCookie = [response.headers['set-cookie']].flat().join('\n');
    expect(setCookie).toMatch(/^__Host-samenspel-sessie=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('Secure');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    // The database holds a hash of the token, never the token.
    const token = cookieOf(response).split('=')[1] ?? '';
    const stored = await t.database.db.selectFrom('sessions').select('tokenHash').execute();
    expect(stored.map((s) => s.tokenHash)).not.toContain(token);

    const me = await get('/api/v1/me', { cookie: cookieOf(response) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      user: { id: user.id, email: user.email },
      region: { id: 'midden-nederland', name: 'Midden-Nederland' },
      organisation: { code: 'riec' },
      roles: ['riec_analyst'],
      abilities: [
        'reference.read',
        'signal.create',
        'signal.read',
        'signal.update',
        'signal.manage',
        'signal.withdraw',
        'signal.start-case',
        'signal.statistics',
        'meeting.manage',
        'case.create',
        'case.read',
        'case.manage',
        'case.contribute',
        'report.read',
        'analysis-product.read',
        'analysis-product.manage',
        'subject.read',
        'subject.manage',
        'notification.read',
        'search.use',
        'location.create',
        'location.read',
        'location.manage',
        'location.figures',
        'location-project.manage',
        'inspection.create',
        'inspection.read',
        'inspection.manage',
        'map-layer.read',
        'map-layer.manage',
        'programme.read',
        'activity.read',
        'activity.manage',
        'case-progress.read',
        'finance.read',
        'annual-report.read',
        'annual-report.write',
        'norm.read',
        'norm.manage',
        'scan.read',
        'scan.manage',
        'scan.run',
        'dsr.decide',
      ],
      session: { state: 'active', method: 'password' },
      secondFactor: { enrolled: true, required: true },
    });
  });

  it('gives the same answer for an unknown account, a wrong password and a wrong, missing or replayed code', async () => {
    const user = await newUser();
    const good = await totpCode(user.totpSecret ?? '');
    const answers = [
      await post('/api/v1/sessions', { email: 'niemand@test.example', password: 'x', code: '123456' }),
      await signInRequest(user, good, 'wrong-password'),
      await signInRequest(user),
      await signInRequest(user, good === '000000' ? '111111' : '000000'),
    ];
    const first = await signInRequest(user, good);
    expect(first.statusCode).toBe(201);
    answers.push(await signInRequest(user, good)); // the same code again: replayed
    for (const answer of answers) {
      expect(answer.statusCode).toBe(401);
      const { instance: _instance, ...body } = answer.json();
      expect(body).toEqual({
        type: 'urn:samenspel:problem:auth.sign_in_failed',
        title: 'Inloggen mislukt',
        status: 401,
        code: 'auth.sign_in_failed',
        detail: 'Het e-mailadres, het wachtwoord of de code klopt niet.',
      });
      expect(answer.headers['set-cookie']).toBeUndefined();
    }
    const refused = (await actionsOf('session.create')).filter((a) => a.result === 'denied');
    expect(refused.length).toBeGreaterThanOrEqual(5);
    expect(refused.some((a) => a.userId === user.id)).toBe(true);
  });

  it('refuses an expired code', async () => {
    const user = await newUser();
    const old = await generate({ secret: user.totpSecret ?? '', epoch: Math.floor(Date.now() / 1000) - 120 });
    expect((await signInRequest(user, old)).statusCode).toBe(401);
  });

  it('accepts a recovery code once', async () => {
    const user = await newUser({ roles: ['partner_staff'], organisationCode: 'GM0344', totp: false });
    // Enrol through the API to receive recovery codes.
    const pending = await signInRequest(user);
    expect(pending.json()).toMatchObject({ state: 'second-factor-enrolment' });
    const cookie = cookieOf(pending);
    const me = (await get('/api/v1/me', { cookie })).json();
    const headers = { cookie, 'x-csrf-token': me.session.csrfToken };
    const enrolment = await post('/api/v1/me/second-factor', undefined, headers);
    expect(enrolment.statusCode).toBe(201);
    const { secret, qrCodeSvg, otpauthUri } = enrolment.json();
    expect(qrCodeSvg).toMatch(/^<svg/);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Samenspel:/);
    const confirmed = await post(
      '/api/v1/me/second-factor/confirm',
      { code: await generate({ secret }) },
      headers,
    );
    expect(confirmed.statusCode).toBe(200);
    const { recoveryCodes } = confirmed.json() as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    // The session before the second factor is worth nothing afterwards; the new one is full.
    expect((await get('/api/v1/me', { cookie })).statusCode).toBe(401);
    const full = (await get('/api/v1/me', { cookie: cookieOf(confirmed) })).json();
    expect(full.session.state).toBe('active');
    expect(full.secondFactor.enrolled).toBe(true);

    const code = recoveryCodes[0] ?? '';
    expect((await signInRequest(user, code.toUpperCase())).statusCode).toBe(201);
    expect((await signInRequest(user, code)).statusCode).toBe(401);
  });

  it('keeps a session that still needs a second factor away from everything else', async () => {
    const user = await newUser({ roles: ['administrator'], totp: false });
    const pending = await signInRequest(user);
    const cookie = cookieOf(pending);
    const csrf = (await get('/api/v1/me', { cookie })).json().session.csrfToken;
    const users = await get('/api/v1/users', { cookie });
    expect(users.statusCode).toBe(403);
    expect(users.json().code).toBe('auth.second_factor_required');
    expect((await get('/api/v1/regions', { cookie })).statusCode).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: '/api/v1/sessions/current',
          headers: { cookie, 'x-csrf-token': csrf },
        })
      ).statusCode,
    ).toBe(204);
  });

  it('lets a role without personal data sign in without a second factor, unless the region requires it for all', async () => {
    const manager = await newUser({ roles: ['programme_manager'], totp: false });
    expect((await signInRequest(manager)).json()).toMatchObject({ state: 'active' });
    const admin = await signIn(t.app, t.database.db, await newUser({ roles: ['administrator'] }));
    const policy = (value: string) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/v1/security-settings',
        payload: { secondFactorRequiredFor: value },
        headers: admin.headers,
      });
    expect((await policy('all-roles')).json()).toEqual({
      regionId: 'midden-nederland',
      secondFactorRequiredFor: 'all-roles',
    });
    try {
      expect((await signInRequest(manager)).json()).toMatchObject({ state: 'second-factor-enrolment' });
      const bad = await policy('niemand');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().invalidParams[0].name).toBe('secondFactorRequiredFor');
    } finally {
      await policy('personal-data-roles');
    }
  });

  it('backs off after five failures for an account, existing or not, with Retry-After', async () => {
    for (const email of ['throttled@test.example', (await newUser()).email]) {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i += 1) {
        statuses.push((await post('/api/v1/sessions', { email, password: 'wrong' })).statusCode);
      }
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      const blocked = await post('/api/v1/sessions', { email, password: 'wrong' });
      expect(blocked.statusCode).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(blocked.json().code).toBe('auth.too_many_attempts');
    }
    const denied = (await actionsOf('session.create')).filter((a) => a.result === 'denied');
    expect(denied.length).toBeGreaterThanOrEqual(14);
  });

  it('refuses a stolen cookie after sign-out, and logs the attempt', async () => {
    const user = await newUser();
    const session = await signIn(t.app, t.database.db, user);
    const out = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/sessions/current',
      headers: session.headers,
    });
    expect(out.statusCode).toBe(204);
    expect([out.headers['set-cookie']].flat().join()).toMatch(/__Host-samenspel-sessie=;/);
    const before = (await actionsOf('session.rejected')).length;
    const reuse = await get('/api/v1/me', { cookie: session.cookie });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().code).toBe('auth.unauthenticated');
    expect((await actionsOf('session.rejected')).length).toBe(before + 1);
  });

  it('signs out everywhere', async () => {
    const user = await newUser();
    const one = await signIn(t.app, t.database.db, user);
    const two = await signIn(t.app, t.database.db, user);
    const out = await t.app.inject({ method: 'DELETE', url: '/api/v1/sessions', headers: one.headers });
    expect(out.json()).toEqual({ ended: 2 });
    expect((await get('/api/v1/me', { cookie: two.cookie })).statusCode).toBe(401);
  });

  it('ends a session after the idle timeout and at its absolute end', async () => {
    const user = await newUser();
    const idle = await signIn(t.app, t.database.db, user);
    await t.database.db
      .updateTable('sessions')
      .set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) })
      .where('userId', '=', user.id)
      .execute();
    expect((await get('/api/v1/me', { cookie: idle.cookie })).statusCode).toBe(401);
    const old = await signIn(t.app, t.database.db, user);
    await t.database.db
      .updateTable('sessions')
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where('userId', '=', user.id)
      .execute();
    expect((await get('/api/v1/me', { cookie: old.cookie })).statusCode).toBe(401);
  });

  it('refuses a state-changing request with a missing or forged CSRF token, logs it and changes nothing', async () => {
    const user = await newUser();
    const session = await signIn(t.app, t.database.db, user);
    for (const token of [undefined, 'forged-token', `${session.csrfToken}x`]) {
      const response = await t.app.inject({
        method: 'DELETE',
        url: '/api/v1/sessions/current',
        headers: { cookie: session.cookie, ...(token ? { 'x-csrf-token': token } : {}) },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('auth.csrf_invalid');
    }
    expect((await get('/api/v1/me', { cookie: session.cookie })).statusCode).toBe(200);
    const logged = (await actionsOf('csrf.rejected')).filter((a) => a.userId === user.id);
    expect(logged).toHaveLength(3);
    expect(logged.every((a) => a.result === 'denied')).toBe(true);
  });

  it('refuses a deactivated user at once, and at the next sign-in', async () => {
    const admin = await newUser({ roles: ['administrator'] });
    const user = await newUser();
    const adminSession = await signIn(t.app, t.database.db, admin);
    const userSession = await signIn(t.app, t.database.db, user);
    const response = await post(`/api/v1/users/${user.id}/deactivate`, undefined, adminSession.headers);
    expect(response.statusCode).toBe(200);
    expect((await get('/api/v1/me', { cookie: userSession.cookie })).statusCode).toBe(401);
    await forgetTotpStep(t.database.db, user.id);
    expect((await signInRequest(user, await totpCode(user.totpSecret ?? ''))).statusCode).toBe(401);
  });

  it('continues an incoming W3C trace and sends its own span back', async () => {
    const user = await newUser();
    const session = await signIn(t.app, t.database.db, user);
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await get('/api/v1/me', {
      cookie: session.cookie,
      traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
    });
    const outgoing = String(response.headers.traceparent);
    expect(outgoing).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    const records = await t.database.db
      .selectFrom('processingLog')
      .selectAll()
      .where('traceId', '=', traceId)
      .execute();
    const root = records.find((r) => r.parentSpanId === '00f067aa0ba902b7');
    expect(root?.spanId).toBe(outgoing.split('-')[2]);
    // A malformed traceparent starts a new trace.
    const fresh = await get('/api/v1/me', { cookie: session.cookie, traceparent: '00-zz-00-01' });
    expect(String(fresh.headers.traceparent)).not.toContain('zz');
  });
});

describe(`API tokens on ${testEngine()}`, () => {
  it('are shown once, stored hashed, scoped, revocable and expiring', async () => {
    const admin = await newUser({ roles: ['administrator'] });
    const session = await signIn(t.app, t.database.db, admin);
    const organisation = await organisationByCode(t.database.db, 'midden-nederland', 'politie');
    const created = await post(
      '/api/v1/api-tokens',
      {
        name: 'Koppeling politiesysteem',
        organisationId: organisation?.id,
        permissions: ['reference.read'],
        expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      },
      session.headers,
    );
    expect(created.statusCode).toBe(201);
    const { token, apiToken } = created.json();
    expect(token).toMatch(/^ssp_/);
    const stored = await t.database.db
      .selectFrom('apiTokens')
      .selectAll()
      .where('id', '=', apiToken.id)
      .executeTakeFirstOrThrow();
    expect(stored.tokenHash).not.toContain(token);
    expect(JSON.stringify((await get('/api/v1/api-tokens', session.headers)).json())).not.toContain(token);

    const bearer = { authorization: `Bearer ${token}` };
    expect((await get('/api/v1/regions', bearer)).statusCode).toBe(200);
    // Outside its scope: a person's permission, and no session for /me.
    expect((await get('/api/v1/users', bearer)).statusCode).toBe(403);
    expect((await get('/api/v1/audit/entries', bearer)).statusCode).toBe(403);
    // A token needs no CSRF header, and it cannot reach the administration either.
    const person = {
      email: 'x@test.example',
      displayName: 'Xander X',
      organisationId: organisation?.id,
      roles: ['administrator'],
    };
    expect((await post('/api/v1/users', person, bearer)).statusCode).toBe(403);

    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/api-tokens/${apiToken.id}`,
      headers: session.headers,
    });
    expect(revoked.json().revokedAt).not.toBeNull();
    expect((await get('/api/v1/regions', bearer)).statusCode).toBe(401);
    expect((await actionsOf('api-token.rejected')).length).toBeGreaterThan(0);

    await t.database.db
      .updateTable('apiTokens')
      .set({ revokedAt: null, expiresAt: new Date(Date.now() - 1000) })
      .execute();
    expect((await get('/api/v1/regions', bearer)).statusCode).toBe(401);
  });

  it('refuse permissions that need a person, and lifetimes over a year', async () => {
    const admin = await newUser({ roles: ['administrator'] });
    const session = await signIn(t.app, t.database.db, admin);
    const response = await post(
      '/api/v1/api-tokens',
      {
        name: 'Te ruim',
        organisationId: admin.organisationId,
        permissions: ['user.manage'],
        expiresAt: new Date(Date.now() + 400 * 86_400_000).toISOString(),
      },
      session.headers,
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().invalidParams.map((p: { name: string }) => p.name)).toContain('permissions.0');
    const tooLong = await post(
      '/api/v1/api-tokens',
      {
        name: 'Te lang',
        organisationId: admin.organisationId,
        permissions: ['reference.read'],
        expiresAt: new Date(Date.now() + 400 * 86_400_000).toISOString(),
      },
      session.headers,
    );
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'expiresAt', code: 'out_of_range' }),
    ]);
  });
});

describe(`user administration on ${testEngine()}`, () => {
  it('creates a user with an initial password shown once, who chooses their own and then enrols a second factor', async () => {
    const admin = await newUser({ roles: ['administrator'] });
    const session = await signIn(t.app, t.database.db, admin);
    const organisation = await organisationByCode(t.database.db, 'midden-nederland', 'belastingdienst');
    const created = await post(
      '/api/v1/users',
      {
        email: 'Nieuw.Lid@Test.example',
        displayName: 'Nieuw Lid',
        organisationId: organisation?.id,
        roles: ['partner_staff'],
      },
      session.headers,
    );
    expect(created.statusCode).toBe(201);
    const { user, initialPassword } = created.json();
    expect(user).toMatchObject({
      email: 'nieuw.lid@test.example',
      roles: ['partner_staff'],
      secondFactorEnrolled: false,
    });
    const first = await post('/api/v1/sessions', {
      email: 'nieuw.lid@test.example',
      password: initialPassword,
    });
    expect(first.json()).toMatchObject({ state: 'password-change' });
    const cookie = cookieOf(first);
    const { csrfToken } = (await get('/api/v1/me', { cookie })).json().session;
    const changed = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/password',
      payload: {
        currentPassword: initialPassword,
        newPassword: 'zomer aan de Vecht 2026',
        repeatPassword: 'zomer aan de Vecht 2026',
      },
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    expect(changed.json()).toMatchObject({ state: 'second-factor-enrolment' });
    const again = await post(
      '/api/v1/users',
      {
        email: 'nieuw.lid@test.example',
        displayName: 'Nog eens',
        organisationId: organisation?.id,
        roles: ['partner_staff'],
      },
      session.headers,
    );
    expect(again.statusCode).toBe(409);
  });

  it('lists every problem of a bad request at once, in Dutch', async () => {
    const admin = await newUser({ roles: ['administrator'] });
    const session = await signIn(t.app, t.database.db, admin);
    const response = await post(
      '/api/v1/users',
      { email: 'geen-adres', displayName: '', organisationId: 'x', roles: [] },
      session.headers,
    );
    expect(response.statusCode).toBe(400);
    const names = response.json().invalidParams.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['email', 'displayName', 'organisationId', 'roles']));
    expect(response.json().invalidParams.find((p: { name: string }) => p.name === 'roles').reason).toBe(
      'Kies minstens één rol.',
    );
  });

  it('does not let an administrator change their own roles, deactivate or reset themselves', async () => {
    const admin = await newUser({ roles: ['administrator'] });
    const session = await signIn(t.app, t.database.db, admin);
    const attempts = [
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${admin.id}`,
        payload: { roles: ['administrator', 'privacy_officer'] },
        headers: session.headers,
      }),
      post(`/api/v1/users/${admin.id}/deactivate`, undefined, session.headers),
      t.app.inject({
        method: 'DELETE',
        url: `/api/v1/users/${admin.id}/second-factor`,
        headers: session.headers,
      }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('user.self_management');
    }
    const after = await findUserById(t.database.db, admin.id);
    expect(after?.roles).toEqual(['administrator']);
    expect(after?.active).toBe(true);
    expect(after?.totpConfirmedAt).not.toBeNull();
    const logged = await t.database.db
      .selectFrom('userActionLog')
      .select(['action', 'result'])
      .where('userId', '=', admin.id)
      .where('action', 'in', ['user.update', 'user.deactivate', 'user.reset-second-factor'])
      .execute();
    expect(logged).toHaveLength(3);
    expect(logged.every((l) => l.result === 'denied')).toBe(true);
  });

  it('changes roles of another user, which ends their sessions, and resets a second factor', async () => {
    const admin = await newUser({ roles: ['administrator'] });
    const other = await newUser({ roles: ['partner_staff'], organisationCode: 'GM0344' });
    const session = await signIn(t.app, t.database.db, admin);
    const otherSession = await signIn(t.app, t.database.db, other);
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${other.id}`,
      payload: { roles: ['partner_staff', 'meeting_chair'] },
      headers: session.headers,
    });
    expect(changed.json().roles).toEqual(['meeting_chair', 'partner_staff']);
    expect((await get('/api/v1/me', { cookie: otherSession.cookie })).statusCode).toBe(401);
    const reset = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/users/${other.id}/second-factor`,
      headers: session.headers,
    });
    expect(reset.json().secondFactorEnrolled).toBe(false);
    expect((await signInRequest(other)).json()).toMatchObject({ state: 'second-factor-enrolment' });
  });
});
