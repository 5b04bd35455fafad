import type { Role } from '@samenspel/contracts';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/context.js';
import type { AccessRules } from '../access/index.js';

const regionWide: readonly Role[] = ['riec_analyst', 'meeting_chair'];

function roles(actor: Actor): readonly Role[] {
  return actor.kind === 'user' ? actor.roles : [];
}

/**
 * Signals an actor may see: analysts and LOO/DTO chairs every submitted signal of their region;
 * partner staff the signals their organisation submitted (drafts included). Drafts are seen only
 * by the organisations that submit them.
 */
async function visibleSignals(db: Db, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  const wide = roles(actor).some((r) => regionWide.includes(r));
  const rows = await db
    .selectFrom('signals as s')
    .select('s.id')
    .where('s.id', 'in', ids)
    .where('s.regionId', '=', actor.regionId)
    .where((eb) => {
      const own = eb.exists(
        eb
          .selectFrom('signalOrganisations as so')
          .select(sql`1`.as('x'))
          .whereRef('so.signalId', '=', 's.id')
          .where('so.organisationId', '=', actor.organisationId),
      );
      return wide ? eb.or([eb('s.stage', '<>', 'draft'), own]) : own;
    })
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Signals in the actor's region past intake (for the analyst's and the chair's steps). */
async function regionSignals(db: Db, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom('signals')
    .select('id')
    .where('id', 'in', ids)
    .where('regionId', '=', actor.regionId)
    .where('stage', '<>', 'draft')
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Drafts of the actor's own organisation. */
async function ownDrafts(db: Db, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom('signals as s')
    .innerJoin('signalOrganisations as so', 'so.signalId', 's.id')
    .select('s.id')
    .where('s.id', 'in', ids)
    .where('s.stage', '=', 'draft')
    .where('so.organisationId', '=', actor.organisationId)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Signals: intake by partners and the RIEC, steps by the analyst, decisions by the DTO chair. */
export const signalsRules: AccessRules = {
  'signal.create': { roles: ['partner_staff', 'riec_analyst'] },
  'signal.read': { roles: ['partner_staff', 'riec_analyst', 'meeting_chair'], records: visibleSignals },
  'signal.update': { roles: ['partner_staff', 'riec_analyst'], records: ownDrafts },
  'signal.manage': { roles: ['riec_analyst'], records: regionSignals },
  'signal.decide': { roles: ['meeting_chair'], records: regionSignals },
  'signal.withdraw': { roles: ['partner_staff', 'riec_analyst'], records: visibleSignals },
  'signal.statistics': { roles: ['riec_analyst', 'meeting_chair', 'programme_manager'] },
};
