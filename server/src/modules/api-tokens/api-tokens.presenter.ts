import type { ApiToken } from '@samenspel/contracts';
import type { ApiTokenRow } from './api-tokens.repository.js';

export function present(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    organisation: { id: row.organisationId, code: row.organisationCode, name: row.organisationName },
    permissions: row.permissions,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}
