import type { UserSummary } from '@samenspel/contracts';
import type { UserRow } from './users.repository.js';

export function presentUser(row: UserRow): UserSummary {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    organisation: { id: row.organisationId, code: row.organisationCode, name: row.organisationName },
    roles: row.roles,
    active: row.active,
    secondFactorEnrolled: row.totpConfirmedAt !== null,
    singleSignOn: row.oidcSubject !== null,
    createdAt: row.createdAt.toISOString(),
  };
}
