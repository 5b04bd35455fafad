import type { Db } from '../db/database.js';
import type { App } from '../http/app.js';
import { forgetTotpStep, type TestUser, totpCode } from './identity.js';

export interface ApiSession {
  cookie: string;
  csrfToken: string;
  /** Headers for `app.inject`: the cookie, and the CSRF token for state-changing requests. */
  headers: Record<string, string>;
}

function sessionCookie(setCookie: string | string[] | undefined): string {
  const cookies = [setCookie ?? []].flat();
  const found = cookies.find((c) => c.includes('samenspel-sessie='));
  if (!found) throw new Error(`no session cookie in ${JSON.stringify(setCookie)}`);
  return found.split(';')[0] ?? '';
}

/** Signs a user in through the API, as a client would, and reads the CSRF token from /me. */
export async function signIn(app: App, db: Db, user: TestUser): Promise<ApiSession> {
  if (user.totpSecret) await forgetTotpStep(db, user.id);
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/sessions',
    payload: {
      email: user.email,
      password: user.password,
      ...(user.totpSecret ? { code: await totpCode(user.totpSecret) } : {}),
    },
  });
  if (response.statusCode !== 201) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = sessionCookie(response.headers['set-cookie']);
  const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
  if (me.statusCode !== 200) throw new Error(`/me failed: ${me.statusCode} ${me.body}`);
  const csrfToken = (me.json() as { session: { csrfToken: string } }).session.csrfToken;
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}
