import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/context.js';
import type { AccessRules } from '../access/index.js';
import { findActivities, programmesIn } from './programmes.repository.js';

async function activitiesIn(db: Db, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  const rows = await findActivities(db, actor.regionId, { ids });
  return new Set(rows.map((r) => r.id));
}

/**
 * Programmes are steering: figures only, never a person, a case name or an address. Programme
 * managers set the programmes, their goals and targets and record results by hand; RIEC
 * analysts and the chairs of the LOO and DTO read them. The activity register is kept by those
 * who do the work (analysts and RIEC advisers) and the programme managers. The case progress
 * per district, for the partners' constituencies (the dashboard Flevoland asked for), reaches
 * partners and chairs too, through the disclosure gate; analysts see it exact.
 */
export const programmesRules: AccessRules = {
  'programme.read': {
    roles: ['programme_manager', 'riec_analyst', 'meeting_chair'],
    records: async (db, actor, ids) => programmesIn(db, actor.regionId, ids),
  },
  'programme.manage': {
    roles: ['programme_manager'],
    records: async (db, actor, ids) => programmesIn(db, actor.regionId, ids),
  },
  'activity.read': {
    roles: ['programme_manager', 'riec_analyst', 'case_director', 'meeting_chair'],
    records: activitiesIn,
  },
  'activity.manage': { roles: ['programme_manager', 'riec_analyst', 'case_director'] },
  'case-progress.read': {
    roles: ['programme_manager', 'riec_analyst', 'meeting_chair', 'partner_staff'],
  },
};
