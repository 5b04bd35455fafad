import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp, type TestUser, testEngine } from '../../testing/index.js';
import { startIdentityProvider, type TestIdentityProvider } from '../../testing/oidc-provider.js';

const PUBLIC_URL = 'http://127.0.0.1:18080';
const CALLBACK = `${PUBLIC_URL}/api/v1/sessions/oidc/callback`;

let idp: TestIdentityProvider;
let t: TestApp;
let known: TestUser;

beforeAll(async () => {
  idp = await startIdentityProvider({
    redirectUri: CALLBACK,
    accounts: {
      'medewerker-1': { email: 'sso.medewerker@test.example' },
      'onbekend-1': { email: 'niet.in.samenspel@test.example' },
      'onbevestigd-1': { email: 'onbevestigd@test.example', emailVerified: false },
    },
  });
  t = await createTestApp({
    auth: {
      publicUrl: PUBLIC_URL,
      oidc: {
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        name: 'Testorganisatie',
      },
    },
  });
  known = await createUser(t.database.db, t.keys, {
    roles: ['partner_staff'],
    organisationCode: 'GM0344',
    email: 'sso.medewerker@test.example',
  });
  await createUser(t.database.db, t.keys, {
    roles: ['partner_staff'],
    organisationCode: 'GM0344',
    email: 'onbevestigd@test.example',
  });
});
afterAll(async () => {
  await t?.close();
  await idp?.close();
});

/** A browser's trip through the provider's login form, with a cookie jar; returns the callback URL. */
async function loginAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  let url = new URL(authorizationUrl);
  let method = 'GET';
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 15; hop += 1) {
    if (url.href.startsWith(CALLBACK)) return url;
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      headers: { cookie: cookieHeader() },
      ...(body ? { body } : {}),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) jar.set(name, value.join('='));
    }
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url);
      method = 'GET';
      body = undefined;
      continue;
    }
    const html = await response.text();
    const action = /action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no form at ${url}: ${response.status} ${html.slice(0, 200)}`);
    url = new URL(action, url);
    method = 'POST';
    body = new URLSearchParams({ prompt: 'login', login, password: 'irrelevant' });
  }
  throw new Error('too many redirects');
}

async function singleSignOn(login: string) {
  const start = await t.app.inject({ method: 'GET', url: '/api/v1/sessions/oidc' });
  expect(start.statusCode).toBe(302);
  const authorization = new URL(String(start.headers.location));
  expect(authorization.origin).toBe(idp.issuer);
  expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorization.searchParams.get('redirect_uri')).toBe(CALLBACK);
  const callback = await loginAtProvider(authorization.href, login);
  return t.app.inject({ method: 'GET', url: callback.pathname + callback.search });
}

describe(`single sign-on with OpenID Connect on ${testEngine()}`, () => {
  it('offers the provider on the sign-in page', async () => {
    const methods = await t.app.inject({ method: 'GET', url: '/api/v1/sessions/methods' });
    expect(methods.json()).toEqual({
      password: true,
      oidc: { name: 'Testorganisatie', url: '/api/v1/sessions/oidc' },
    });
  });

  it('signs an existing user in through the provider (code flow with PKCE) and remembers the subject', async () => {
    const callback = await singleSignOn('medewerker-1');
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe('/');
    const cookie = ([callback.headers['set-cookie']].flat()[0] ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^__Host-samenspel-sessie=/);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ user: { id: known.id }, session: { method: 'oidc', state: 'active' } });
    const stored = await t.database.db
      .selectFrom('users')
      .select(['oidcIssuer', 'oidcSubject'])
      .where('id', '=', known.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ oidcIssuer: idp.issuer, oidcSubject: 'medewerker-1' });
    const logged = await t.database.db
      .selectFrom('userActionLog')
      .selectAll()
      .where('action', '=', 'session.create-oidc')
      .where('userId', '=', known.id)
      .execute();
    expect(logged.map((l) => l.result)).toEqual(['success']);
  });

  it('creates nobody: an unknown person, or an unverified e-mail address, goes back to the sign-in page', async () => {
    for (const login of ['onbekend-1', 'onbevestigd-1']) {
      const callback = await singleSignOn(login);
      expect(callback.statusCode).toBe(302);
      expect(callback.headers.location).toBe('/aanmelden?sso=mislukt');
      expect(callback.headers['set-cookie']).toBeUndefined();
    }
    const users = await t.database.db.selectFrom('users').select('email').execute();
    expect(users.map((u) => u.email)).not.toContain('niet.in.samenspel@test.example');
  });

  it('refuses a callback whose state it did not issue, and a state used twice', async () => {
    const start = await t.app.inject({ method: 'GET', url: '/api/v1/sessions/oidc' });
    const callback = await loginAtProvider(String(start.headers.location), 'medewerker-1');
    const forged = new URL(callback);
    forged.searchParams.set('state', 'not-ours');
    expect(
      (await t.app.inject({ method: 'GET', url: forged.pathname + forged.search })).headers.location,
    ).toBe('/aanmelden?sso=mislukt');
    const first = await t.app.inject({ method: 'GET', url: callback.pathname + callback.search });
    expect(first.headers.location).toBe('/');
    const replay = await t.app.inject({ method: 'GET', url: callback.pathname + callback.search });
    expect(replay.headers.location).toBe('/aanmelden?sso=mislukt');
  });
});
