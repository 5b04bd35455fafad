import type { AccessRules } from '../access/index.js';
import { listsIn } from './retention.repository.js';

const ofRegion = {
  records: (db, actor, ids) => listsIn(db, actor.regionId, ids),
} satisfies Partial<AccessRules[keyof AccessRules]>;

/**
 * The privacy lifecycle. The privacy officer (FG) reads the destruction lists, postpones and
 * submits them and places legal holds; a second person approves a list — another FG or the
 * programme manager, never who submitted it (four eyes, checked in the service and the
 * database). Lists name records by number only. The FG and administrators see the job runs.
 */
export const privacyRules: AccessRules = {
  'retention.read': { roles: ['privacy_officer', 'programme_manager'], ...ofRegion },
  'retention.manage': { roles: ['privacy_officer'], ...ofRegion },
  'retention.approve': { roles: ['privacy_officer', 'programme_manager'], ...ofRegion },
  'legal-hold.manage': { roles: ['privacy_officer'] },
  'job.read': { roles: ['privacy_officer', 'administrator'] },
};
