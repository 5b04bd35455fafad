import type { Me, Permission } from '@samenspel/contracts';
import { useQuery } from '@tanstack/react-query';
import { ApiError, getJson, setCsrfToken } from '../../components/api.js';

export const meKey = ['me'] as const;

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery({
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
