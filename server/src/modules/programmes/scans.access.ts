import type { Permission } from '@samenspel/contracts';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { DB, ScanRunsTable } from '../../db/schema.js';
import type { Actor } from '../../shared/context.js';
import { type AccessRules, grantsOf, type Scopes, scopedRule } from '../access/index.js';

type Rb = ExpressionBuilder<DB & { r: ScanRunsTable }, 'r'>;
/** A scope over the municipality a run is of, named by its column. */
type MunicipalityScope = (actor: Actor, column: string) => Expression<SqlBool>;

const everyMunicipality: MunicipalityScope = () => sql<SqlBool>`true`;
/** The municipality the actor's organisation is: a municipality's staff run and read its own scans. */
const ownMunicipality: MunicipalityScope = (actor, column) =>
  sql<SqlBool>`${sql.ref(column)} = (select po.municipality_code from partner_organisations po
    where po.id = ${actor.organisationId})`;

/**
 * Who reaches which runs: RIEC analysts and programme managers every run of the region (the
 * programme managers steer the scans and follow the actions); a municipality's staff only the
 * runs of their own municipality, which they also run themselves. Municipalities are compared
 * with each other only in aggregate (the comparison's gate).
 */
const runScopes = {
  'scan.read': {
    riec_analyst: everyMunicipality,
    programme_manager: everyMunicipality,
    partner_staff: ownMunicipality,
  },
  'scan.run': { riec_analyst: everyMunicipality, partner_staff: ownMunicipality },
} satisfies Partial<Record<Permission, Scopes<MunicipalityScope>>>;

export type ScanRunPermission = keyof typeof runScopes;

function reach(actor: Actor, permission: ScanRunPermission, column: string): Expression<SqlBool>[] {
  return grantsOf<MunicipalityScope>(actor, permission, runScopes[permission]).map((s) => s(actor, column));
}

/** The one predicate of a permission on scan runs (alias `r`): the record check, every list and count. */
export function scanRunsReachable(actor: Actor, permission: ScanRunPermission) {
  return (eb: Rb): Expression<SqlBool> => {
    const scopes = reach(actor, permission, 'r.municipalityCode');
    return eb.and([eb('r.regionId', '=', actor.regionId), scopes.length ? eb.or(scopes) : eb.val(false)]);
  };
}

/** Which of the municipalities the actor may run a scan for (the same predicate, on the municipality). */
export async function municipalitiesReachable(
  db: Db,
  actor: Actor,
  permission: ScanRunPermission,
  codes: readonly string[],
): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const rows = await db
    .selectFrom('municipalities as m')
    .select('m.code')
    .where('m.regionId', '=', actor.regionId)
    .where('m.code', 'in', codes)
    .where((eb) => {
      const scopes = reach(actor, permission, 'm.code');
      return scopes.length ? eb.or(scopes) : eb.val(false);
    })
    .execute();
  return new Set(rows.map((r) => r.code));
}

/** The region's scans (their definitions hold no one's data: every holder of the permission reads them). */
async function scansIn(db: Db, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom('scans')
    .select('id')
    .where('regionId', '=', actor.regionId)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The records of a permission on runs: the region's scans, the runs it reaches and their actions. */
function runRecords(permission: ScanRunPermission) {
  return async (db: Db, actor: Actor, ids: readonly string[]): Promise<Set<string>> => {
    const reachable = db
      .selectFrom('scanRuns as r')
      .select('r.id')
      .where(scanRunsReachable(actor, permission));
    const [scans, runs, actions] = await Promise.all([
      scansIn(db, actor, ids),
      reachable.where('r.id', 'in', ids).execute(),
      db
        .selectFrom('scanActions')
        .select('id')
        .where('id', 'in', ids)
        .where('runId', 'in', reachable)
        .execute(),
    ]);
    return new Set([...scans, ...runs.map((r) => r.id), ...actions.map((a) => a.id)]);
  };
}

/** Whether the actor reads the comparison of municipalities only in aggregate (all but RIEC analysts). */
export function comparesInAggregate(actor: Actor): boolean {
  return actor.kind !== 'user' || !actor.roles.includes('riec_analyst');
}

/**
 * Scans: programme managers and RIEC analysts define them; analysts run them with every
 * municipality of the region, a municipality's staff for their own; readers reach runs by the
 * scopes above. The records are the region's scans, the runs and their follow-up actions.
 */
export const scansRules: AccessRules = {
  'scan.manage': { roles: ['programme_manager', 'riec_analyst'], records: scansIn },
  'scan.read': scopedRule(runScopes['scan.read'], runRecords('scan.read')),
  'scan.run': scopedRule(runScopes['scan.run'], runRecords('scan.run')),
};
