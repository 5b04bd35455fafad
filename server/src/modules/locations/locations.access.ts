import type { Permission } from '@samenspel/contracts';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { DB, InspectionsTable, LocationsTable } from '../../db/schema.js';
import type { Actor } from '../../shared/context.js';
import { type AccessRules, grantsOf, type Scopes, scopedRule } from '../access/index.js';
import { participatesInCase } from '../cases/index.js';
import { inCollaborationOf } from '../collaborations/index.js';
import { mapLayersIn } from './map-layers.repository.js';

type Lb = ExpressionBuilder<DB & { l: LocationsTable }, 'l'>;
type LocationScope = (eb: Lb, actor: Actor) => Expression<SqlBool>;
type Ib = ExpressionBuilder<DB & { i: InspectionsTable }, 'i'>;
type InspectionScope = (eb: Ib, actor: Actor) => Expression<SqlBool>;

/** The municipality the actor's organisation is (a municipality's staff see its locations). */
const ownMunicipality = (actor: Actor, column: string) =>
  sql<SqlBool>`${sql.ref(column)} = (select po.municipality_code from partner_organisations po
    where po.id = ${actor.organisationId})`;

const everyLocation: LocationScope = (eb) => eb.val(true);
/** Flagged by the actor's organisation, or in its municipality. */
const ownLocations: LocationScope = (eb, actor) =>
  eb.or([eb('l.organisationId', '=', actor.organisationId), ownMunicipality(actor, 'l.municipalityCode')]);
/** Tied to a case the actor's organisation takes part in now. */
const ofOwnCases: LocationScope = (eb, actor) =>
  eb.exists(
    eb
      .selectFrom('locationCases as lc')
      .select(sql`1`.as('x'))
      .whereRef('lc.locationId', '=', 'l.id')
      .where(participatesInCase(actor, 'lc.caseId')),
  );
const ownOrOfOwnCases: LocationScope = (eb, actor) => eb.or([ownLocations(eb, actor), ofOwnCases(eb, actor)]);

/**
 * Who reaches which locations: RIEC analysts every location of their collaborations; partner
 * staff, case directors and chairs those of their own organisation or municipality and those
 * tied to a case their organisation takes part in. Steering roles see none: they get figures.
 */
const locationScopes = {
  'location.read': {
    riec_analyst: everyLocation,
    partner_staff: ownOrOfOwnCases,
    case_director: ownOrOfOwnCases,
    meeting_chair: ownOrOfOwnCases,
  },
  'location.manage': {
    riec_analyst: everyLocation,
    partner_staff: ownLocations,
    case_director: ownLocations,
  },
} satisfies Partial<Record<Permission, Scopes<LocationScope>>>;

export type LocationPermission = keyof typeof locationScopes;

/** The one predicate of a permission on locations (alias `l`): record checks, lists and counts. */
export function locationsReachable(actor: Actor, permission: LocationPermission) {
  return (eb: Lb): Expression<SqlBool> => {
    const reach = grantsOf<LocationScope>(actor, permission, locationScopes[permission]).map((s) =>
      s(eb, actor),
    );
    return eb.and([
      inCollaborationOf(actor, 'l.collaborationId'),
      reach.length ? eb.or(reach) : eb.val(false),
    ]);
  };
}

const everyInspection: InspectionScope = (eb) => eb.val(true);
/** Led or joined by the actor's organisation. */
const takingPart: InspectionScope = (eb, actor) =>
  eb.or([
    eb('i.organisationId', '=', actor.organisationId),
    eb.exists(
      eb
        .selectFrom('inspectionOrganisations as io')
        .select(sql`1`.as('x'))
        .whereRef('io.inspectionId', '=', 'i.id')
        .where('io.organisationId', '=', actor.organisationId),
    ),
  ]);
const takingPartOrOwnMunicipality: InspectionScope = (eb, actor) =>
  eb.or([takingPart(eb, actor), ownMunicipality(actor, 'i.municipalityCode')]);

const inspectionScopes = {
  'inspection.read': {
    riec_analyst: everyInspection,
    partner_staff: takingPartOrOwnMunicipality,
    case_director: takingPartOrOwnMunicipality,
    meeting_chair: takingPartOrOwnMunicipality,
  },
  'inspection.manage': {
    riec_analyst: everyInspection,
    partner_staff: takingPart,
    case_director: takingPart,
  },
} satisfies Partial<Record<Permission, Scopes<InspectionScope>>>;

export type InspectionPermission = keyof typeof inspectionScopes;

/** The one predicate of a permission on inspections (alias `i`). */
export function inspectionsReachable(actor: Actor, permission: InspectionPermission) {
  return (eb: Ib): Expression<SqlBool> => {
    const reach = grantsOf<InspectionScope>(actor, permission, inspectionScopes[permission]).map((s) =>
      s(eb, actor),
    );
    return eb.and([
      inCollaborationOf(actor, 'i.collaborationId'),
      reach.length ? eb.or(reach) : eb.val(false),
    ]);
  };
}

function locationRecords(permission: LocationPermission) {
  return async (db: Db, actor: Actor, ids: readonly string[]): Promise<Set<string>> => {
    const rows = await db
      .selectFrom('locations as l')
      .select('l.id')
      .where('l.id', 'in', ids)
      .where(locationsReachable(actor, permission))
      .execute();
    return new Set(rows.map((r) => r.id));
  };
}

function inspectionRecords(permission: InspectionPermission) {
  return async (db: Db, actor: Actor, ids: readonly string[]): Promise<Set<string>> => {
    const rows = await db
      .selectFrom('inspections as i')
      .select('i.id')
      .where('i.id', 'in', ids)
      .where(inspectionsReachable(actor, permission))
      .execute();
    return new Set(rows.map((r) => r.id));
  };
}

/**
 * Places: partners flag locations and take part in inspections; the RIEC's analysts keep the
 * register of the region and its projects; steering roles (and partners) read the projects'
 * figures, which reach aggregates-only readers through the disclosure gate; administrators load
 * the address register.
 */
export const locationsRules: AccessRules = {
  'location.create': { roles: ['riec_analyst', 'partner_staff', 'case_director'] },
  'location.figures': {
    roles: ['riec_analyst', 'programme_manager', 'meeting_chair', 'partner_staff', 'case_director'],
  },
  'location-project.manage': { roles: ['riec_analyst'] },
  'inspection.create': { roles: ['riec_analyst', 'partner_staff', 'case_director'] },
  'address-register.manage': { roles: ['administrator'] },
  // Opportunity and risk maps hold areas and indicators, no persons: every role that works
  // with places or steers reads its region's; analysts make them.
  'map-layer.read': {
    roles: ['riec_analyst', 'partner_staff', 'case_director', 'meeting_chair', 'programme_manager'],
    records: async (db, actor, ids) => mapLayersIn(db, actor.regionId, ids),
  },
  'map-layer.manage': { roles: ['riec_analyst'] },
  ...Object.fromEntries(
    (Object.keys(locationScopes) as LocationPermission[]).map((p) => [
      p,
      scopedRule(locationScopes[p], locationRecords(p)),
    ]),
  ),
  ...Object.fromEntries(
    (Object.keys(inspectionScopes) as InspectionPermission[]).map((p) => [
      p,
      scopedRule(inspectionScopes[p], inspectionRecords(p)),
    ]),
  ),
};

/** Whether the actor reads figures only through the disclosure gate (no exact small counts). */
export function aggregatesOnly(actor: Actor): boolean {
  return actor.kind !== 'user' || !actor.roles.includes('riec_analyst');
}
