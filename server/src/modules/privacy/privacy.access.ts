import type { AccessRules } from '../access/index.js';
import { requestsIn, tasksOwnedBy } from './dsr.repository.js';
import { listsIn } from './retention.repository.js';

const ofRegion = {
  records: (db, actor, ids) => listsIn(db, actor.regionId, ids),
} satisfies Partial<AccessRules[keyof AccessRules]>;

/**
 * The privacy lifecycle. The privacy officer (FG) reads the destruction lists, postpones and
 * submits them and places legal holds; a second person approves a list — another FG or the
 * programme manager, never who submitted it (four eyes, checked in the service and the
 * database). Lists name records by number only. The FG and administrators see the job runs.
 * The FG is the region's contact point for data-subject requests; each task of a request is
 * decided by its owner at the partner that holds the data, and by nobody else.
 */
export const privacyRules: AccessRules = {
  'retention.read': { roles: ['privacy_officer', 'programme_manager'], ...ofRegion },
  'retention.manage': { roles: ['privacy_officer'], ...ofRegion },
  'retention.approve': { roles: ['privacy_officer', 'programme_manager'], ...ofRegion },
  'legal-hold.manage': { roles: ['privacy_officer'] },
  'job.read': { roles: ['privacy_officer', 'administrator'] },
  // The region's one contact point for data-subject requests is the FG.
  'dsr.manage': {
    roles: ['privacy_officer'],
    records: (db, actor, ids) => requestsIn(db, actor.regionId, ids),
  },
  // A partner decides for its own data: only the person the contact point made a task's owner.
  'dsr.decide': {
    roles: [
      'partner_staff',
      'riec_analyst',
      'case_director',
      'meeting_chair',
      'programme_manager',
      'privacy_officer',
    ],
    records: (db, actor, ids) =>
      actor.kind === 'user' ? tasksOwnedBy(db, actor.userId, ids) : Promise.resolve(new Set<string>()),
  },
};
