import type {
  ApiToken,
  createApiTokenRequest,
  createdApiToken,
  createdUser,
  createUserRequest,
  Role,
  SecuritySettings,
  UserSummary,
  updateSecuritySettingsRequest,
  updateUserRequest,
} from '@samenspel/contracts';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { getJson, sendJson } from '../../components/api.js';

export const usersKey = ['users'] as const;
export const apiTokensKey = ['api-tokens'] as const;
export const securitySettingsKey = ['security-settings'] as const;

export type CreateUserBody = z.input<typeof createUserRequest>;
export type UpdateUserBody = z.input<typeof updateUserRequest>;
export type CreateApiTokenBody = z.input<typeof createApiTokenRequest>;
export type SecuritySettingsBody = z.input<typeof updateSecuritySettingsRequest>;
export type CreatedUser = z.infer<typeof createdUser>;
export type CreatedApiToken = z.infer<typeof createdApiToken>;

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

export function useSecuritySettings() {
  return useQuery({
    queryKey: securitySettingsKey,
    queryFn: ({ signal }) => getJson<SecuritySettings>('/api/v1/security-settings', signal),
  });
}

export function createUser(body: CreateUserBody): Promise<CreatedUser> {
  return sendJson<CreatedUser, CreateUserBody>('POST', '/api/v1/users', body);
}

/** A change to a user account: its roles, whether it is active, or its second factor. */
export type UserChange =
  | { type: 'roles'; roles: Role[] }
  | { type: 'deactivate' }
  | { type: 'reactivate' }
  | { type: 'reset-second-factor' };

export function changeUser(userId: string, change: UserChange): Promise<UserSummary> {
  const path = `/api/v1/users/${userId}`;
  switch (change.type) {
    case 'roles':
      return sendJson<UserSummary, UpdateUserBody>('PATCH', path, { roles: change.roles });
    case 'deactivate':
      return sendJson<UserSummary>('POST', `${path}/deactivate`);
    case 'reactivate':
      return sendJson<UserSummary>('POST', `${path}/reactivate`);
    case 'reset-second-factor':
      return sendJson<UserSummary>('DELETE', `${path}/second-factor`);
  }
}

export function saveSecuritySettings(body: SecuritySettingsBody): Promise<SecuritySettings> {
  return sendJson<SecuritySettings, SecuritySettingsBody>('PUT', '/api/v1/security-settings', body);
}

export function createApiToken(body: CreateApiTokenBody): Promise<CreatedApiToken> {
  return sendJson<CreatedApiToken, CreateApiTokenBody>('POST', '/api/v1/api-tokens', body);
}

export function revokeApiToken(tokenId: string): Promise<ApiToken> {
  return sendJson<ApiToken>('DELETE', `/api/v1/api-tokens/${tokenId}`);
}
