import type { AccessRules } from '../access/index.js';
import { usersInRegion } from './users.repository.js';

const sameRegion = {
  roles: ['administrator'],
  records: (db, actor, ids) => usersInRegion(db, actor.regionId, ids),
} satisfies AccessRules[keyof AccessRules];

/** Administrators see and manage the users of their own region, and nobody else's. */
export const usersRules: AccessRules = {
  'user.read': sameRegion,
  'user.manage': sameRegion,
  // The region's own settings: always the actor's region, so no records to check.
  'security-settings.manage': { roles: ['administrator'] },
};
