import type { Role } from '@samenspel/contracts';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  createTestApp,
  createUser,
  OTHER_REGION,
  signIn,
  type TestApp,
  type TestUser,
  testEngine,
} from '../testing/index.js';
import { registeredRoutes } from './app.js';

/**
 * Every API route with who may call it. The test walks all of them: without a session 401;
 * with a role that lacks the permission 403, or 404 where the route concerns records; a user
 * of another region 404 on records of this region; and the right user succeeds. A route that
 * is registered but not listed here fails the test.
 */
interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  payload?: object;
}

interface Entry {
  /** Needs no session (health, sign-in, single sign-on, the API description). */
  public?: boolean;
  /** A role that may; 'any' for every signed-in user. */
  permitted?: Role | 'any';
  /** A role that may not. */
  denied?: Role;
  /** Concerns records of the region: refusals are 404, also for another region's user. */
  records?: boolean;
  /** Expected status of the successful call. */
  ok: number;
  /**
   * The user action the call must leave in the log (also, refused, for a role without the
   * permission); null for a route that touches no personal data. Every route must say which.
   */
  logs?: string | null;
  call: () => Promise<Call> | Call;
  /** The call ends or changes the session it is made with: use a fresh one. */
  freshSession?: boolean;
}

let t: TestApp;
const users = new Map<Role, TestUser>();
const sessions = new Map<Role, ApiSession>();
let otherRegionAdmin: ApiSession;
let organisationId: string;

async function target(): Promise<TestUser> {
  return createUser(t.database.db, t.keys, { roles: ['partner_staff'], organisationCode: 'GM0344' });
}

async function token(): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/api-tokens',
    payload: {
      name: 'Matrix',
      organisationId,
      permissions: ['reference.read'],
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
    headers: sessions.get('administrator')?.headers ?? {},
  });
  return response.json().apiToken.id;
}

const matrix: Record<string, Entry> = {
  'GET /api/v1/health': { public: true, ok: 200, call: () => ({ method: 'GET', url: '/api/v1/health' }) },
  'GET /api/v1/openapi.json': {
    public: true,
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/openapi.json' }),
  },
  'GET /api/v1/sessions/methods': {
    public: true,
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/sessions/methods' }),
  },
  'POST /api/v1/sessions': {
    logs: 'session.create',
    public: true,
    ok: 201,
    call: async () => {
      const user = await createUser(t.database.db, t.keys, { roles: ['programme_manager'], totp: false });
      return {
        method: 'POST',
        url: '/api/v1/sessions',
        payload: { email: user.email, password: user.password },
      };
    },
  },
  // Not configured in this app: 404 with its own code. The OIDC test covers the configured flow.
  'GET /api/v1/sessions/oidc': {
    public: true,
    ok: 404,
    call: () => ({ method: 'GET', url: '/api/v1/sessions/oidc' }),
  },
  'GET /api/v1/sessions/oidc/callback': {
    public: true,
    ok: 302,
    call: () => ({ method: 'GET', url: '/api/v1/sessions/oidc/callback?code=x&state=y' }),
  },
  'DELETE /api/v1/sessions/current': {
    logs: 'session.delete',
    permitted: 'any',
    ok: 204,
    freshSession: true,
    call: () => ({ method: 'DELETE', url: '/api/v1/sessions/current' }),
  },
  'DELETE /api/v1/sessions': {
    logs: 'session.delete-all',
    permitted: 'any',
    ok: 200,
    freshSession: true,
    call: () => ({ method: 'DELETE', url: '/api/v1/sessions' }),
  },
  'GET /api/v1/me': {
    logs: 'session.read',
    permitted: 'any',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/me' }),
  },
  'POST /api/v1/me/second-factor': {
    logs: 'second-factor.start',
    permitted: 'programme_manager',
    ok: 201,
    freshSession: true,
    call: () => ({ method: 'POST', url: '/api/v1/me/second-factor' }),
  },
  'POST /api/v1/me/second-factor/confirm': {
    logs: 'second-factor.confirm',
    permitted: 'programme_manager',
    ok: 200,
    freshSession: true,
    // The fresh session has started enrolment; the code is filled in by the runner.
    call: () => ({ method: 'POST', url: '/api/v1/me/second-factor/confirm', payload: { code: 'ENROL' } }),
  },

  'GET /api/v1/regions': {
    logs: null,
    permitted: 'any',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/regions' }),
  },
  'GET /api/v1/regions/{regionId}': {
    logs: null,
    permitted: 'any',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/regions/midden-nederland' }),
  },
  'GET /api/v1/regions/{regionId}/municipality-boundaries': {
    logs: null,
    permitted: 'any',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/regions/midden-nederland/municipality-boundaries' }),
  },
  'GET /api/v1/districts': {
    logs: null,
    permitted: 'any',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/districts' }),
  },
  'GET /api/v1/districts/{districtId}': {
    logs: null,
    permitted: 'any',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/districts/utrecht-stad' }),
  },
  'GET /api/v1/municipalities': {
    logs: null,
    permitted: 'any',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/municipalities' }),
  },
  'GET /api/v1/municipalities/{code}': {
    logs: null,
    permitted: 'any',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/municipalities/GM0344' }),
  },
  'GET /api/v1/partner-organisations': {
    logs: null,
    permitted: 'any',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/partner-organisations' }),
  },
  'GET /api/v1/themes': {
    logs: null,
    permitted: 'any',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/themes' }),
  },

  'GET /api/v1/users': {
    logs: 'user.list',
    permitted: 'administrator',
    denied: 'privacy_officer',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/users' }),
  },
  'POST /api/v1/users': {
    logs: 'user.create',
    permitted: 'administrator',
    denied: 'riec_analyst',
    ok: 201,
    call: () => ({
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        email: `matrix-${Math.random().toString(36).slice(2)}@test.example`,
        displayName: 'Matrix Gebruiker',
        organisationId,
        roles: ['partner_staff'],
      },
    }),
  },
  'GET /api/v1/users/{userId}': {
    logs: 'user.read',
    permitted: 'administrator',
    denied: 'partner_staff',
    records: true,
    ok: 200,
    call: async () => ({ method: 'GET', url: `/api/v1/users/${(await target()).id}` }),
  },
  'PATCH /api/v1/users/{userId}': {
    logs: 'user.update',
    permitted: 'administrator',
    denied: 'case_director',
    records: true,
    ok: 200,
    call: async () => ({
      method: 'PATCH',
      url: `/api/v1/users/${(await target()).id}`,
      payload: { roles: ['partner_staff', 'meeting_chair'] },
    }),
  },
  'POST /api/v1/users/{userId}/deactivate': {
    logs: 'user.deactivate',
    permitted: 'administrator',
    denied: 'meeting_chair',
    records: true,
    ok: 200,
    call: async () => ({ method: 'POST', url: `/api/v1/users/${(await target()).id}/deactivate` }),
  },
  'POST /api/v1/users/{userId}/reactivate': {
    logs: 'user.reactivate',
    permitted: 'administrator',
    denied: 'privacy_officer',
    records: true,
    ok: 200,
    call: async () => ({ method: 'POST', url: `/api/v1/users/${(await target()).id}/reactivate` }),
  },
  'DELETE /api/v1/users/{userId}/second-factor': {
    logs: 'user.reset-second-factor',
    permitted: 'administrator',
    denied: 'riec_analyst',
    records: true,
    ok: 200,
    call: async () => ({ method: 'DELETE', url: `/api/v1/users/${(await target()).id}/second-factor` }),
  },

  'GET /api/v1/security-settings': {
    logs: 'security-settings.read',
    permitted: 'administrator',
    denied: 'privacy_officer',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/security-settings' }),
  },
  'PUT /api/v1/security-settings': {
    logs: 'security-settings.update',
    permitted: 'administrator',
    denied: 'riec_analyst',
    ok: 200,
    call: () => ({
      method: 'PUT',
      url: '/api/v1/security-settings',
      payload: { secondFactorRequiredFor: 'personal-data-roles' },
    }),
  },
  'GET /api/v1/api-tokens': {
    logs: 'api-token.list',
    permitted: 'administrator',
    denied: 'partner_staff',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/api-tokens' }),
  },
  'POST /api/v1/api-tokens': {
    logs: 'api-token.create',
    permitted: 'administrator',
    denied: 'privacy_officer',
    ok: 201,
    call: () => ({
      method: 'POST',
      url: '/api/v1/api-tokens',
      payload: {
        name: 'Matrix',
        organisationId,
        permissions: ['reference.read'],
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    }),
  },
  'DELETE /api/v1/api-tokens/{tokenId}': {
    logs: 'api-token.revoke',
    permitted: 'administrator',
    denied: 'riec_analyst',
    records: true,
    ok: 200,
    call: async () => ({ method: 'DELETE', url: `/api/v1/api-tokens/${await token()}` }),
  },

  'GET /api/v1/audit/entries': {
    logs: 'audit.read',
    permitted: 'privacy_officer',
    denied: 'administrator',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/audit/entries' }),
  },
  'GET /api/v1/audit/entries/export': {
    logs: 'audit.export',
    permitted: 'privacy_officer',
    denied: 'riec_analyst',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/audit/entries/export' }),
  },
  'POST /api/v1/audit/subject-pseudonyms': {
    logs: 'audit.subject-search',
    permitted: 'privacy_officer',
    denied: 'administrator',
    ok: 200,
    call: () => ({ method: 'POST', url: '/api/v1/audit/subject-pseudonyms', payload: { bsn: '111222333' } }),
  },
  'GET /api/v1/processing-activities': {
    logs: null,
    permitted: 'privacy_officer',
    denied: 'partner_staff',
    ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/processing-activities' }),
  },
};

const roleList: Role[] = [
  'partner_staff',
  'riec_analyst',
  'case_director',
  'meeting_chair',
  'programme_manager',
  'privacy_officer',
  'administrator',
];

beforeAll(async () => {
  t = await createTestApp();
  for (const role of roleList) {
    const user = await createUser(t.database.db, t.keys, { roles: [role] });
    users.set(role, user);
    sessions.set(role, await signIn(t.app, t.database.db, user));
  }
  organisationId = users.get('administrator')?.organisationId ?? '';
  const other = await createUser(t.database.db, t.keys, { roles: ['administrator'], regionId: OTHER_REGION });
  otherRegionAdmin = await signIn(t.app, t.database.db, other);
});
afterAll(async () => t?.close());

async function loggedActions(response: { headers: Record<string, unknown> }) {
  const traceId = String(response.headers.traceparent).split('-')[1] ?? '';
  return t.database.db
    .selectFrom('userActionLog')
    .select(['action', 'result'])
    .where('traceId', '=', traceId)
    .execute();
}

async function send(call: Call, session?: ApiSession) {
  return t.app.inject({
    method: call.method,
    url: call.url,
    ...(call.payload ? { payload: call.payload } : {}),
    headers: session?.headers ?? {},
  });
}

/** A fresh session of a fresh user with the role; for confirm, one that has started enrolment. */
async function freshSession(
  role: Role,
  entry: Entry,
  call: Call,
): Promise<{ session: ApiSession; call: Call }> {
  const user = await createUser(t.database.db, t.keys, {
    roles: [role === 'any' ? 'partner_staff' : role],
    totp: role !== 'programme_manager',
  });
  const session = await signIn(t.app, t.database.db, user);
  if (call.payload && 'code' in call.payload && entry.ok === 200) {
    const started = await send({ method: 'POST', url: '/api/v1/me/second-factor' }, session);
    return {
      session,
      call: { ...call, payload: { code: await generate({ secret: started.json().secret }) } },
    };
  }
  return { session, call };
}

describe(`access matrix on ${testEngine()}`, () => {
  it('lists every registered API route, and nothing else', () => {
    const routes = registeredRoutes(t.app).filter((r) => r.split(' ')[1]?.startsWith('/api/'));
    expect([...routes].sort()).toEqual(Object.keys(matrix).sort());
  });

  it('says for every route that needs a session what it must leave in the log', () => {
    const silent = Object.entries(matrix).filter(([, e]) => !e.public && e.logs === undefined);
    expect(silent.map(([route]) => route)).toEqual([]);
  });

  for (const [route, entry] of Object.entries(matrix)) {
    describe(route, () => {
      if (entry.public) {
        it('needs no session', async () => {
          const response = await send(await entry.call());
          expect(response.statusCode).toBe(entry.ok);
        });
        return;
      }

      it('answers 401 without a session', async () => {
        const response = await send(await entry.call());
        expect(response.statusCode).toBe(401);
        expect(response.json().code).toBe('auth.unauthenticated');
      });

      if (entry.denied) {
        const denied = entry.denied;
        it(`refuses ${denied} (${entry.records ? 404 : 403})`, async () => {
          const response = await send(await entry.call(), sessions.get(denied));
          expect(response.statusCode).toBe(entry.records ? 404 : 403);
          if (entry.logs)
            expect(await loggedActions(response)).toEqual([{ action: entry.logs, result: 'denied' }]);
        });
      }

      if (entry.records) {
        it('answers 404 to an administrator of another region', async () => {
          const response = await send(await entry.call(), otherRegionAdmin);
          expect(response.statusCode).toBe(404);
          expect(response.json().detail).toBe('Dit bestaat niet of u heeft er geen toegang toe.');
        });
      }

      it(`lets ${entry.permitted === 'any' ? 'any signed-in user' : entry.permitted} through`, async () => {
        const role = entry.permitted ?? 'any';
        let call = await entry.call();
        let session = role === 'any' ? sessions.get('partner_staff') : sessions.get(role);
        if (entry.freshSession) ({ session, call } = await freshSession(role as Role, entry, call));
        const response = await send(call, session);
        expect(response.statusCode, response.body).toBe(entry.ok);
        expect(await loggedActions(response)).toEqual(
          entry.logs ? [{ action: entry.logs, result: 'success' }] : [],
        );
      });
    });
  }

  it("shows an administrator of another region none of this region's users or tokens", async () => {
    const usersAnswer = await send({ method: 'GET', url: '/api/v1/users' }, otherRegionAdmin);
    expect(usersAnswer.json().items.every((u: { email: string }) => !u.email.includes('partner-staff'))).toBe(
      true,
    );
    const tokensAnswer = await send({ method: 'GET', url: '/api/v1/api-tokens' }, otherRegionAdmin);
    expect(tokensAnswer.json().items).toEqual([]);
  });
});
