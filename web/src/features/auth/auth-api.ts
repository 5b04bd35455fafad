import type {
  confirmSecondFactorRequest,
  Me,
  Permission,
  recoveryCodes,
  SecondFactorEnrolment,
  signInRequest,
  signInResult,
} from '@samenspel/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiError, getJson, sendJson, setCsrfToken } from '../../components/api.js';

export const meKey = ['me'] as const;

export type SignInBody = z.input<typeof signInRequest>;
export type ConfirmSecondFactorBody = z.input<typeof confirmSecondFactorRequest>;
export type SignInResult = z.infer<typeof signInResult>;
export type RecoveryCodes = z.infer<typeof recoveryCodes>;

/** Who is signed in, or null: asked once at start-up, before the first page's code arrives. */
export const meQuery = queryOptions({
  queryKey: meKey,
  queryFn: async ({ signal }) => {
    try {
      const me = await getJson<Me>('/api/v1/me', signal);
      setCsrfToken(me.session.csrfToken);
      return me;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setCsrfToken(null);
        return null;
      }
      throw error;
    }
  },
  staleTime: 60_000,
});

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery(meQuery);
}

export function useSignInMethods() {
  return useQuery({
    queryKey: ['sign-in-methods'],
    queryFn: ({ signal }) =>
      getJson<{ password: true; oidc: { name: string; url: string } | null }>(
        '/api/v1/sessions/methods',
        signal,
      ),
  });
}

export function can(me: Me | null | undefined, permission: Permission): boolean {
  return me?.abilities.includes(permission) ?? false;
}

export function signIn(body: SignInBody): Promise<SignInResult> {
  return sendJson<SignInResult, SignInBody>('POST', '/api/v1/sessions', body);
}

/** Ends this session, or every session of the user. */
export function endSessions(everywhere: boolean): Promise<unknown> {
  return sendJson('DELETE', everywhere ? '/api/v1/sessions' : '/api/v1/sessions/current');
}

export function startSecondFactorEnrolment(): Promise<SecondFactorEnrolment> {
  return sendJson<SecondFactorEnrolment>('POST', '/api/v1/me/second-factor');
}

export function confirmSecondFactor(body: ConfirmSecondFactorBody): Promise<RecoveryCodes> {
  return sendJson<RecoveryCodes, ConfirmSecondFactorBody>('POST', '/api/v1/me/second-factor/confirm', body);
}
