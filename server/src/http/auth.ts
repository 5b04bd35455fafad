import { timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AuthConfig } from '../config.js';
import type { ApiTokensService } from '../modules/api-tokens/index.js';
import { traceFrom, traceparentOf } from '../modules/audit/index.js';
import type { AuthService, NewSession } from '../modules/auth/index.js';
import type { LoggedRecord, RequestContext } from '../shared/context.js';
import { AppError, unauthenticated } from '../shared/errors.js';
import { isApiRequest } from './security-headers.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Actor, trace and client of the request: what services are given instead of the request. */
    context: RequestContext;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (health, sign-in, single sign-on, the API description). */
    public?: boolean;
    /** Reachable by a session that still has to enrol a second factor. */
    duringEnrolment?: boolean;
    /** Reachable by a session that still has to choose a new password. */
    duringPasswordChange?: boolean;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function sessionCookieName(config: AuthConfig): string {
  // __Host-: only over HTTPS (or localhost), only for this host, path /.
  return config.cookieSecure ? '__Host-samenspel-sessie' : 'samenspel-sessie';
}

export function setSessionCookie(reply: FastifyReply, config: AuthConfig, session: NewSession): void {
  reply.setCookie(sessionCookieName(config), session.token, {
    httpOnly: true,
    secure: config.cookieSecure,
    sameSite: 'strict',
    path: '/',
    expires: session.expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: AuthConfig): void {
  reply.clearCookie(sessionCookieName(config), {
    httpOnly: true,
    secure: config.cookieSecure,
    sameSite: 'strict',
    path: '/',
  });
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function bearerOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? '';
}

function csrfInvalid(): AppError {
  return new AppError({
    code: 'auth.csrf_invalid',
    status: 403,
    title: 'Verzoek geweigerd',
    detail:
      'Het beveiligingskenmerk (CSRF-token) van dit verzoek ontbreekt of klopt niet. Laad de pagina opnieuw.',
  });
}

/** Path parameters that name a record, most specific first: a case's attachment is about the case. */
const recordParams = [
  ['caseId', 'case'],
  ['signalId', 'signal'],
  ['roundId', 'round'],
  ['meetingId', 'meeting'],
  ['subjectId', 'subject'],
] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The record a request's address names, for the processing log (nothing when it is no id). */
function recordOf(params: unknown): LoggedRecord | null {
  if (typeof params !== 'object' || params === null) return null;
  const values = params as Record<string, unknown>;
  for (const [name, type] of recordParams) {
    const id = values[name];
    if (typeof id === 'string' && UUID.test(id)) return { type, id: id.toLowerCase() };
  }
  return null;
}

/**
 * Who is asking, for every API request: a session cookie or an API token. Decides 401 for
 * routes that need a session, checks the CSRF token of state-changing requests made with a
 * cookie, and carries the W3C trace context in and out. Refused credentials are logged.
 */
export const authentication = fp<{ auth: AuthService; apiTokens: ApiTokensService; config: AuthConfig }>(
  async (app: FastifyInstance, { auth, apiTokens, config }) => {
    await app.register(fastifyCookie);
    app.decorateRequest('context', null as unknown as RequestContext);

    app.addHook('onRequest', async (request, reply) => {
      const incoming = request.headers.traceparent;
      const trace = traceFrom(typeof incoming === 'string' ? incoming : undefined);
      reply.header('traceparent', traceparentOf(trace));
      const userAgent = request.headers['user-agent'];
      request.context = {
        actor: null,
        trace,
        client: { address: request.ip ?? null, userAgent: userAgent ? userAgent.slice(0, 512) : null },
        record: recordOf(request.params),
      };
      if (!isApiRequest(request)) return;

      const bearer = bearerOf(request);
      const cookie = request.cookies[sessionCookieName(config)];
      let refused: string | null = null;
      let viaCookie = false;
      let pending: 'second-factor-enrolment' | 'password-change' | null = null;
      if (bearer !== null) {
        const token = bearer ? await apiTokens.authenticate(bearer) : undefined;
        if (token) request.context.actor = auth.actorOfToken(token);
        else refused = 'api-token.rejected';
      } else if (cookie) {
        const session = await auth.session(cookie);
        if (session) {
          request.context.actor = auth.actorOfSession(session);
          viaCookie = true;
          if (session.state !== 'active') pending = session.state;
          if (UNSAFE.has(request.method)) {
            const sent = request.headers['x-csrf-token'];
            if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken)) {
              await auth.refuse(request.context, 'csrf.rejected');
              throw csrfInvalid();
            }
          }
        } else {
          refused = 'session.rejected';
        }
      }

      // A dead session or token is logged and a dead cookie cleared, on every route: a public one too.
      if (refused) await auth.refuse(request.context, refused);
      if (refused === 'session.rejected') clearSessionCookie(reply, config);
      const routeConfig = request.routeOptions.config;
      if (routeConfig.public) return;
      const actor = request.context.actor;
      if (!actor) throw unauthenticated();
      if (viaCookie && pending === 'second-factor-enrolment' && !routeConfig.duringEnrolment) {
        throw new AppError({
          code: 'auth.second_factor_required',
          status: 403,
          title: 'Tweede factor nodig',
          detail: 'Stel eerst uw authenticator-app in.',
        });
      }
      if (viaCookie && pending === 'password-change' && !routeConfig.duringPasswordChange) {
        throw new AppError({
          code: 'auth.password_change_required',
          status: 403,
          title: 'Nieuw wachtwoord nodig',
          detail: 'Kies eerst een nieuw wachtwoord.',
        });
      }
    });
  },
  { name: 'samenspel-authentication' },
);
