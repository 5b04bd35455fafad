import type { AccessRules } from '../access/index.js';
import { normRecordsIn } from './norms.repository.js';

/**
 * Norm monitoring is steering: per member and ambition a status with its evidence, never a
 * person, a case or an address. Programme managers and RIEC analysts define the norms, record
 * the statuses and hold the district working group's reviews; chairs read them. The records are
 * the region's norms and their reviews.
 */
export const normsRules: AccessRules = {
  'norm.read': {
    roles: ['programme_manager', 'riec_analyst', 'meeting_chair'],
    records: async (db, actor, ids) => normRecordsIn(db, actor.regionId, ids),
  },
  'norm.manage': {
    roles: ['programme_manager', 'riec_analyst'],
    records: async (db, actor, ids) => normRecordsIn(db, actor.regionId, ids),
  },
};
