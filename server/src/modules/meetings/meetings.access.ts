import type { AccessRules } from '../access/index.js';
import { meetingsIn } from './meetings.repository.js';

/** LOO and DTO meetings: their chairs and the RIEC analysts of the region prepare and record them. */
export const meetingsRules: AccessRules = {
  'meeting.manage': {
    roles: ['meeting_chair', 'riec_analyst'],
    records: (db, actor, ids) => meetingsIn(db, actor.regionId, ids),
  },
};
