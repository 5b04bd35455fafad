import type { Role } from '@samenspel/contracts';

/** Roles that never see personal data: steering sees aggregates only. */
const aggregateOnlyRoles: readonly Role[] = ['programme_manager'];

/**
 * Whether a user with these roles must sign in with a second factor: always for a role that
 * can see personal data, and for every role when the region says so.
 */
export function secondFactorRequired(
  roles: readonly Role[],
  policy: 'personal-data-roles' | 'all-roles',
): boolean {
  if (policy === 'all-roles') return true;
  return roles.some((role) => !aggregateOnlyRoles.includes(role));
}
