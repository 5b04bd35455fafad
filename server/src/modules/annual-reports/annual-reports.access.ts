import type { AccessRules } from '../access/index.js';
import { publishedIn, reportsIn } from './annual-reports.repository.js';

/**
 * The annual report: programme managers set it up, give each section its owner, approve and
 * publish; a section's owner writes and submits it (the service checks that the writer owns the
 * section or manages the report). A published report is read by every signed-in user of the
 * region; a draft only by those who work on it.
 */
export const annualReportsRules: AccessRules = {
  'annual-report.manage': {
    roles: ['programme_manager'],
    records: async (db, actor, ids) => reportsIn(db, actor.regionId, ids),
  },
  'annual-report.write': {
    roles: ['programme_manager', 'riec_analyst', 'case_director', 'meeting_chair'],
    records: async (db, actor, ids) => reportsIn(db, actor.regionId, ids),
  },
  'annual-report.read': {
    roles: [
      'partner_staff',
      'riec_analyst',
      'case_director',
      'meeting_chair',
      'programme_manager',
      'privacy_officer',
      'administrator',
    ],
    records: async (db, actor, ids) => publishedIn(db, actor.regionId, ids),
  },
};
