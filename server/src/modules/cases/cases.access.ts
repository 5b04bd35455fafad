import type { Role } from '@samenspel/contracts';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/context.js';
import type { AccessRules } from '../access/index.js';

function roles(actor: Actor): readonly Role[] {
  return actor.kind === 'user' ? actor.roles : [];
}

/**
 * Cases an actor may see: RIEC analysts every case of their region, a case director the cases
 * they direct, everyone else only cases their organisation takes part in now (a removed
 * participant loses access at once). With `manage`, participation alone is not enough.
 */
function casesFor(mode: 'read' | 'manage' | 'contribute' | 'prioritise') {
  return async (db: Db, actor: Actor, ids: readonly string[]): Promise<Set<string>> => {
    const r = roles(actor);
    const analyst = r.includes('riec_analyst');
    const userId = actor.kind === 'user' ? actor.userId : null;
    const rows = await db
      .selectFrom('cases as c')
      .select('c.id')
      .where('c.id', 'in', ids)
      .where('c.regionId', '=', actor.regionId)
      .where((eb) => {
        if (mode === 'prioritise') return eb.val(true);
        const ors = [];
        if (analyst) ors.push(eb.val(true));
        if (userId && r.includes('case_director')) ors.push(eb('c.directorId', '=', userId));
        if (mode !== 'manage')
          ors.push(
            eb.exists(
              eb
                .selectFrom('caseParticipants as p')
                .select(sql`1`.as('x'))
                .whereRef('p.caseId', '=', 'c.id')
                .where('p.organisationId', '=', actor.organisationId)
                .where('p.removedAt', 'is', null),
            ),
          );
        return ors.length ? eb.or(ors) : eb.val(false);
      })
      .execute();
    return new Set(rows.map((x) => x.id));
  };
}

/** Casework: analysts start cases, directors run them, participants contribute, chairs prioritise. */
export const casesRules: AccessRules = {
  'case.create': { roles: ['riec_analyst'] },
  'case.read': {
    roles: ['riec_analyst', 'case_director', 'partner_staff', 'meeting_chair'],
    records: casesFor('read'),
  },
  'case.manage': { roles: ['riec_analyst', 'case_director'], records: casesFor('manage') },
  'case.contribute': {
    roles: ['riec_analyst', 'case_director', 'partner_staff', 'meeting_chair'],
    records: casesFor('contribute'),
  },
  'case.prioritise': { roles: ['meeting_chair'], records: casesFor('prioritise') },
};
