import type { ApiToken, UserSummary } from '@samenspel/contracts';
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../components/api.js';

export const usersKey = ['users'] as const;
export const apiTokensKey = ['api-tokens'] as const;

export function useUsers() {
  return useQuery({
    queryKey: usersKey,
    queryFn: ({ signal }) => getJson<{ items: UserSummary[] }>('/api/v1/users', signal).then((r) => r.items),
    staleTime: 0,
  });
}

export function useUser(userId: string | undefined) {
  return useQuery({
    queryKey: [...usersKey, userId],
    enabled: Boolean(userId),
    queryFn: ({ signal }) => getJson<UserSummary>(`/api/v1/users/${userId}`, signal),
    staleTime: 0,
  });
}

export function useApiTokens() {
  return useQuery({
    queryKey: apiTokensKey,
    queryFn: ({ signal }) =>
      getJson<{ items: ApiToken[] }>('/api/v1/api-tokens', signal).then((r) => r.items),
    staleTime: 0,
  });
}
