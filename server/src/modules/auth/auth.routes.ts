import {
  changePasswordRequest,
  confirmSecondFactorRequest,
  me,
  passwordChanged,
  recoveryCodes,
  secondFactorEnrolment,
  signedOutEverywhere,
  signInMethods,
  signInRequest,
  signInResult,
} from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthConfig } from '../../config.js';
import { clearSessionCookie, setSessionCookie } from '../../http/auth.js';
import { problemResponses } from '../../http/problems.js';
import { AppError } from '../../shared/errors.js';
import type { AuthService } from './auth.service.js';

const tags = ['Sessions'];
const OIDC_PATH = '/sessions/oidc';

export const authRoutes: FastifyPluginAsyncZod<{ service: AuthService; config: AuthConfig }> = async (
  app,
  { service, config },
) => {
  const callbackUrl = (origin: string) => `${config.publicUrl ?? origin}/api/v1${OIDC_PATH}/callback`;
  const originOf = (request: { protocol: string; host: string }) => `${request.protocol}://${request.host}`;

  app.get(
    '/sessions/methods',
    {
      config: { public: true },
      schema: { tags, summary: 'How one can sign in here', response: { 200: signInMethods } },
    },
    async () => ({
      password: true as const,
      oidc: service.oidcName ? { name: service.oidcName, url: `/api/v1${OIDC_PATH}` } : null,
    }),
  );

  app.post(
    '/sessions',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Sign in with e-mail address, password and (once enrolled) a TOTP or recovery code',
        description:
          'Sets the session cookie (httpOnly, Secure, SameSite=Strict). Every failure gets the same 401, so the ' +
          'answer never tells whether an account exists; repeated failures get 429 with Retry-After.',
        body: signInRequest,
        response: { 201: signInResult, ...problemResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const session = await service.signIn(request.context, request.body);
      setSessionCookie(reply, config, session);
      return reply.code(201).send({ state: session.state, expiresAt: session.expiresAt.toISOString() });
    },
  );

  app.delete(
    '/sessions/current',
    {
      config: { duringEnrolment: true, duringPasswordChange: true },
      schema: { tags, summary: 'Sign out', response: { 204: z.null(), ...problemResponses(401, 403) } },
    },
    async (request, reply) => {
      await service.signOut(request.context);
      clearSessionCookie(reply, config);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/sessions',
    {
      config: { duringEnrolment: true, duringPasswordChange: true },
      schema: {
        tags,
        summary: 'Sign out everywhere: end every session of the signed-in user',
        response: { 200: signedOutEverywhere, ...problemResponses(401, 403) },
      },
    },
    async (request, reply) => {
      const ended = await service.signOutEverywhere(request.context);
      clearSessionCookie(reply, config);
      return { ended };
    },
  );

  app.get(
    '/me',
    {
      config: { duringEnrolment: true, duringPasswordChange: true },
      schema: {
        tags,
        summary: 'The signed-in user, organisation, roles, abilities and CSRF token',
        response: { 200: me, ...problemResponses(401) },
      },
    },
    async (request) => service.me(request.context),
  );

  app.put(
    '/me/password',
    {
      config: { duringPasswordChange: true },
      schema: {
        tags,
        summary: 'Change one’s own password; ends every other session of the user',
        description:
          'Needs the current password. The session it is called with is replaced by a new one (a new ' +
          'cookie and CSRF token), which still has to enrol a second factor when the user must have one.',
        body: changePasswordRequest,
        response: { 200: passwordChanged, ...problemResponses(400, 401, 403, 409, 429) },
      },
    },
    async (request, reply) => {
      const { session, otherSessionsEnded } = await service.changePassword(request.context, request.body);
      setSessionCookie(reply, config, session);
      return { state: session.state, otherSessionsEnded };
    },
  );

  app.post(
    '/me/second-factor',
    {
      config: { duringEnrolment: true },
      schema: {
        tags,
        summary: 'Start enrolling an authenticator app: a new secret and its QR code',
        response: { 201: secondFactorEnrolment, ...problemResponses(401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.startEnrolment(request.context)),
  );

  app.post(
    '/me/second-factor/confirm',
    {
      config: { duringEnrolment: true },
      schema: {
        tags,
        summary: 'Confirm the authenticator app with a first code; returns recovery codes once',
        body: confirmSecondFactorRequest,
        response: { 200: recoveryCodes, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const { session, recoveryCodes: codes } = await service.confirmEnrolment(
        request.context,
        request.body.code,
      );
      setSessionCookie(reply, config, session);
      return { recoveryCodes: codes };
    },
  );

  app.get(
    OIDC_PATH,
    {
      config: { public: true },
      schema: {
        tags,
        summary: "Single sign-on: redirects to the organisation's OpenID Connect provider",
        response: { 302: z.null(), ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      if (!service.oidcName) {
        throw new AppError({
          code: 'auth.oidc_not_configured',
          status: 404,
          title: 'Niet gevonden',
          detail: 'Inloggen via de eigen organisatie is hier niet ingesteld.',
        });
      }
      return reply.redirect(await service.oidcAuthorizationUrl(callbackUrl(originOf(request))), 302);
    },
  );

  app.get(
    `${OIDC_PATH}/callback`,
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Single sign-on: the provider returns here; redirects to the app',
        querystring: z.looseObject({
          code: z.string().optional(),
          state: z.string().optional(),
          iss: z.string().optional(),
          error: z.string().optional(),
        }),
        response: { 302: z.null() },
      },
    },
    async (request, reply) => {
      const origin = originOf(request);
      const current = new URL(request.url, config.publicUrl ?? origin);
      let session = null;
      try {
        if (service.oidcName) session = await service.oidcCallback(request.context, current);
      } catch (error) {
        request.log.warn({ err: error }, 'single sign-on failed');
        await service.refuse(request.context, 'session.create-oidc');
      }
      if (!session) return reply.redirect('/aanmelden?sso=mislukt', 302);
      setSessionCookie(reply, config, session);
      return reply.redirect('/', 302);
    },
  );
};
