import type {
  FindingKind,
  FollowUpKind,
  LocationKind,
  LocationStatus,
  LocationSubjectRole,
} from '@samenspel/contracts';
import { type Expression, type ExpressionBuilder, type Insertable, type SqlBool, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db } from '../../db/database.js';
import type { DB, InspectionsTable, LocationsTable } from '../../db/schema.js';

type LocationPredicate = (eb: ExpressionBuilder<DB & { l: LocationsTable }, 'l'>) => Expression<SqlBool>;
type InspectionPredicate = (eb: ExpressionBuilder<DB & { i: InspectionsTable }, 'i'>) => Expression<SqlBool>;

// ---- projects ----

export async function insertProject(
  db: Db,
  project: {
    regionId: string;
    collaborationId: string;
    districtId: string | null;
    name: string;
    description: string | null;
    baselineOn: string | null;
    createdAt: Date;
    createdBy: string | null;
  },
): Promise<string> {
  const row = await db
    .insertInto('locationProjects')
    .values(project)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findProjects(db: Db, regionId: string, ids?: readonly string[]) {
  let q = db
    .selectFrom('locationProjects as p')
    .leftJoin('districts as d', 'd.id', 'p.districtId')
    .select([
      'p.id',
      'p.name',
      'p.description',
      'p.baselineOn',
      'p.districtId',
      'p.collaborationId',
      'd.name as districtName',
    ])
    .where('p.regionId', '=', regionId);
  if (ids) q = q.where('p.id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
  return q.orderBy('p.name').execute();
}
export type ProjectRow = Awaited<ReturnType<typeof findProjects>>[number];

export async function projectNameTaken(db: Db, regionId: string, name: string): Promise<boolean> {
  const row = await db
    .selectFrom('locationProjects')
    .select('id')
    .where('regionId', '=', regionId)
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();
  return !!row;
}

// ---- locations ----

/** A new location as the service gives it: the table's columns but its id and status (flagged). */
export type NewLocation = Omit<Insertable<LocationsTable>, 'id' | 'status'>;

export async function insertLocation(db: Db, location: NewLocation): Promise<string> {
  const row = await db
    .insertInto('locations')
    .values({ ...location, status: 'flagged' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertLocationEvent(
  db: Db,
  event: {
    locationId: string;
    type: LocationStatus;
    happenedOn: string;
    recordedAt: Date;
    organisationId: string;
    userId: string | null;
    note: string | null;
    details: Record<string, unknown>;
  },
): Promise<void> {
  await db
    .insertInto('locationEvents')
    .values({ ...event, details: JSON.stringify(event.details) })
    .execute();
  if (event.type !== 'flagged')
    await db
      .updateTable('locations')
      .set({ status: event.type })
      .where('id', '=', event.locationId)
      .execute();
}

const summaryColumns = [
  'l.id',
  'l.kind',
  'l.name',
  'l.postcode',
  'l.houseNumber',
  'l.houseLetter',
  'l.houseNumberAddition',
  'l.street',
  'l.place',
  'l.municipalityCode',
  'm.name as municipalityName',
  'l.projectId',
  'p.name as projectName',
  'l.status',
  'l.flaggedOn',
  'l.inBaseline',
  'l.organisationId',
  'o.name as organisationName',
  'l.latitude',
  'l.longitude',
  'l.pointSource',
  'l.bagId',
] as const;

function locationsQuery(db: Db, reachable: LocationPredicate) {
  return db
    .selectFrom('locations as l')
    .innerJoin('municipalities as m', 'm.code', 'l.municipalityCode')
    .innerJoin('partnerOrganisations as o', 'o.id', 'l.organisationId')
    .leftJoin('locationProjects as p', 'p.id', 'l.projectId')
    .where(reachable);
}

export interface LocationFilter {
  ids?: readonly string[] | undefined;
  projectId?: string | undefined;
  municipalityCode?: string | undefined;
  status?: LocationStatus | undefined;
  kind?: LocationKind | undefined;
}

function filtered<Q extends ReturnType<typeof locationsQuery>>(q: Q, filter: LocationFilter): Q {
  let r = q;
  if (filter.ids)
    r = r.where('l.id', 'in', filter.ids.length ? filter.ids : ['00000000-0000-0000-0000-000000000000']) as Q;
  if (filter.projectId) r = r.where('l.projectId', '=', filter.projectId) as Q;
  if (filter.municipalityCode) r = r.where('l.municipalityCode', '=', filter.municipalityCode) as Q;
  if (filter.status) r = r.where('l.status', '=', filter.status) as Q;
  if (filter.kind) r = r.where('l.kind', '=', filter.kind) as Q;
  return r;
}

/** The locations a predicate reaches (the access rule's), one page, with the count of all. */
export async function findLocations(
  db: Db,
  reachable: LocationPredicate,
  filter: LocationFilter,
  page: { page: number; pageSize: number },
  options: { count?: boolean } = {},
) {
  const base = filtered(locationsQuery(db, reachable), filter);
  const [rows, count] = await Promise.all([
    base
      .select([...summaryColumns])
      .select((eb) =>
        eb
          .selectFrom('locationEvents as e')
          .select(sql<string>`max(e.happened_on)::text`.as('since'))
          .whereRef('e.locationId', '=', 'l.id')
          .as('statusSince'),
      )
      .orderBy('l.flaggedOn', 'desc')
      .orderBy('l.id')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    // One record's page needs no count of all.
    options.count === false
      ? { n: '0' }
      : base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
export type LocationRow = Awaited<ReturnType<typeof findLocations>>['rows'][number];

/** The parts of one location's page: its steps, subjects, cases and inspections. */
export async function locationParts(db: Db, id: string) {
  const [events, subjects, cases, inspections] = await Promise.all([
    db
      .selectFrom('locationEvents as e')
      .innerJoin('partnerOrganisations as o', 'o.id', 'e.organisationId')
      .select([
        'e.id',
        'e.type',
        'e.happenedOn',
        'e.recordedAt',
        'e.note',
        'e.details',
        'e.organisationId',
        'o.name as organisationName',
        'e.userId',
      ])
      .where('e.locationId', '=', id)
      .orderBy('e.happenedOn')
      .orderBy('e.recordedAt')
      .execute(),
    db
      .selectFrom('locationSubjects')
      .select(['subjectId', 'role'])
      .where('locationId', '=', id)
      .orderBy('addedAt')
      .execute(),
    db.selectFrom('locationCases').select('caseId').where('locationId', '=', id).execute(),
    db
      .selectFrom('inspectionLocations as il')
      .innerJoin('inspections as i', 'i.id', 'il.inspectionId')
      .select(['i.id', 'i.plannedOn', 'i.heldOn', 'i.integral'])
      .where('il.locationId', '=', id)
      .orderBy('i.plannedOn')
      .execute(),
  ]);
  return { events, subjects, cases, inspections };
}

/** The last step of a location, for the next step's date check. */
export async function lastLocationEvent(db: Db, id: string) {
  return db
    .selectFrom('locationEvents')
    .select(['type', 'happenedOn'])
    .where('locationId', '=', id)
    .orderBy('happenedOn', 'desc')
    .orderBy('recordedAt', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findLocationRow(db: Db, id: string) {
  return db.selectFrom('locations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function addLocationSubject(
  db: Db,
  link: {
    locationId: string;
    subjectId: string;
    role: LocationSubjectRole;
    addedAt: Date;
    addedBy: string | null;
  },
): Promise<boolean> {
  const rows = await db
    .insertInto('locationSubjects')
    .values(link)
    .onConflict((oc) => oc.doNothing())
    .execute();
  return Number(rows[0]?.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function addLocationCase(db: Db, locationId: string, caseId: string): Promise<void> {
  await db
    .insertInto('locationCases')
    .values({ locationId, caseId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Which of the ids are inspections of these locations' region. */
export async function inspectionsIn(db: Db, regionId: string, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('inspections')
    .select('id')
    .where('regionId', '=', regionId)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

// ---- inspections ----

export async function insertInspection(
  db: Db,
  inspection: {
    regionId: string;
    collaborationId: string;
    projectId: string | null;
    caseId: string | null;
    municipalityCode: string;
    integral: boolean;
    plannedOn: string;
    organisationId: string;
    note: string | null;
    createdAt: Date;
    createdBy: string | null;
    organisationIds: readonly string[];
    locationIds: readonly string[];
  },
): Promise<string> {
  const { organisationIds, locationIds, ...fields } = inspection;
  const row = await db.insertInto('inspections').values(fields).returning('id').executeTakeFirstOrThrow();
  const partners = [...new Set([fields.organisationId, ...organisationIds])];
  await db
    .insertInto('inspectionOrganisations')
    .values(partners.map((organisationId) => ({ inspectionId: row.id, organisationId })))
    .execute();
  if (locationIds.length)
    await db
      .insertInto('inspectionLocations')
      .values([...new Set(locationIds)].map((locationId) => ({ inspectionId: row.id, locationId })))
      .execute();
  return row.id;
}

export async function setInspectionDate(
  db: Db,
  id: string,
  change: { heldOn: string } | { cancelledOn: string },
): Promise<void> {
  await db.updateTable('inspections').set(change).where('id', '=', id).execute();
}

export async function insertFinding(
  db: Db,
  finding: {
    inspectionId: string;
    organisationId: string;
    kind: FindingKind;
    description: string;
    count: number | null;
    recordedAt: Date;
    recordedBy: string | null;
  },
): Promise<void> {
  await db.insertInto('inspectionFindings').values(finding).execute();
}

export async function insertFollowUp(
  db: Db,
  followUp: {
    inspectionId: string;
    kind: FollowUpKind;
    signalId: string | null;
    caseId: string | null;
    note: string | null;
    recordedAt: Date;
    recordedBy: string | null;
  },
): Promise<void> {
  await db.insertInto('inspectionFollowUps').values(followUp).execute();
}

export interface InspectionFilter {
  ids?: readonly string[] | undefined;
  projectId?: string | undefined;
  municipalityCode?: string | undefined;
  year?: number | undefined;
}

/** The inspections a predicate reaches, one page, with their partners, and the count of all. */
export async function findInspections(
  db: Db,
  reachable: InspectionPredicate,
  filter: InspectionFilter,
  page: { page: number; pageSize: number },
  options: { count?: boolean } = {},
) {
  let base = db
    .selectFrom('inspections as i')
    .innerJoin('municipalities as m', 'm.code', 'i.municipalityCode')
    .innerJoin('partnerOrganisations as o', 'o.id', 'i.organisationId')
    .leftJoin('locationProjects as p', 'p.id', 'i.projectId')
    .where(reachable);
  if (filter.ids)
    base = base.where(
      'i.id',
      'in',
      filter.ids.length ? filter.ids : ['00000000-0000-0000-0000-000000000000'],
    );
  if (filter.projectId) base = base.where('i.projectId', '=', filter.projectId);
  if (filter.municipalityCode) base = base.where('i.municipalityCode', '=', filter.municipalityCode);
  if (filter.year)
    base = base
      .where(sql<string>`coalesce(i.held_on, i.planned_on)`, '>=', `${filter.year}-01-01`)
      .where(sql<string>`coalesce(i.held_on, i.planned_on)`, '<=', `${filter.year}-12-31`);
  const [rows, count] = await Promise.all([
    base
      .select([
        'i.id',
        'i.municipalityCode',
        'm.name as municipalityName',
        'i.integral',
        'i.plannedOn',
        'i.heldOn',
        'i.cancelledOn',
        'i.organisationId',
        'o.name as organisationName',
        'i.projectId',
        'p.name as projectName',
        'i.caseId',
        'i.note',
      ])
      .select((eb) =>
        jsonArrayFrom(
          eb
            .selectFrom('inspectionOrganisations as io')
            .innerJoin('partnerOrganisations as po', 'po.id', 'io.organisationId')
            .select(['po.id', 'po.name'])
            .whereRef('io.inspectionId', '=', 'i.id')
            .orderBy('po.name'),
        ).as('organisations'),
      )
      .orderBy(sql`coalesce(i.held_on, i.planned_on)`, 'desc')
      .orderBy('i.id')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    options.count === false
      ? { n: '0' }
      : base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
export type InspectionRow = Awaited<ReturnType<typeof findInspections>>['rows'][number];

/** One inspection's locations, findings and follow-up. */
export async function inspectionParts(db: Db, id: string) {
  const [locations, findings, followUps] = await Promise.all([
    db
      .selectFrom('inspectionLocations as il')
      .innerJoin('locations as l', 'l.id', 'il.locationId')
      .select([
        'l.id',
        'l.kind',
        'l.street',
        'l.houseNumber',
        'l.houseLetter',
        'l.houseNumberAddition',
        'l.postcode',
        'l.place',
        'l.name',
      ])
      .where('il.inspectionId', '=', id)
      .execute(),
    db
      .selectFrom('inspectionFindings as f')
      .innerJoin('partnerOrganisations as o', 'o.id', 'f.organisationId')
      .select([
        'f.id',
        'f.kind',
        'f.description',
        'f.count',
        'f.organisationId',
        'o.name as organisationName',
      ])
      .where('f.inspectionId', '=', id)
      .orderBy('f.recordedAt')
      .execute(),
    db
      .selectFrom('inspectionFollowUps')
      .select(['id', 'kind', 'signalId', 'caseId', 'note'])
      .where('inspectionId', '=', id)
      .orderBy('recordedAt')
      .execute(),
  ]);
  return { locations, findings, followUps };
}

/** Which of the organisations take part in the inspection (findings are recorded per partner). */
export async function inspectionPartners(db: Db, id: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('inspectionOrganisations')
    .select('organisationId')
    .where('inspectionId', '=', id)
    .execute();
  return new Set(rows.map((r) => r.organisationId));
}

// ---- figures ----

/**
 * A project's figures per municipality over a period, from the records (docs/locations.md
 * defines each): a location counts for a step when the step happened on or before the period's
 * end; "in the period" when it happened within it.
 */
export async function projectFigureRows(db: Db, projectId: string, from: string, to: string) {
  const stepBy = (type: LocationStatus) =>
    sql<boolean>`exists (select 1 from location_events e where e.location_id = l.id
      and e.type = ${type} and e.happened_on <= ${to})`;
  const stepIn = (type: LocationStatus) =>
    sql<boolean>`exists (select 1 from location_events e where e.location_id = l.id
      and e.type = ${type} and e.happened_on between ${from} and ${to})`;
  const count = (condition: ReturnType<typeof sql<boolean>>) =>
    sql<string>`count(*) filter (where ${condition})`;
  const locations = await db
    .selectFrom('locations as l')
    .innerJoin('municipalities as m', 'm.code', 'l.municipalityCode')
    .select([
      'l.municipalityCode',
      'm.name as municipalityName',
      sql<string>`count(*)`.as('flagged'),
      count(sql<boolean>`l.in_baseline`).as('flaggedInBaseline'),
      count(sql<boolean>`not l.in_baseline and l.flagged_on >= ${from}`).as('flaggedNew'),
      count(stepBy('looked-into')).as('lookedInto'),
      count(stepIn('looked-into')).as('lookedIntoInPeriod'),
      count(stepBy('confirmed')).as('confirmed'),
      count(stepBy('dispelled')).as('dispelled'),
      count(sql<boolean>`not ${stepBy('confirmed')} and not ${stepBy('dispelled')}`).as('open'),
      count(stepBy('addressed')).as('addressed'),
      count(stepIn('addressed')).as('addressedInPeriod'),
    ])
    .where('l.projectId', '=', projectId)
    .where('l.flaggedOn', '<=', to)
    .groupBy(['l.municipalityCode', 'm.name'])
    .execute();
  const inspections = await db
    .selectFrom('inspections as i')
    .select([
      'i.municipalityCode',
      sql<string>`count(*)`.as('inspections'),
      sql<string>`count(*) filter (where i.integral)`.as('integralInspections'),
    ])
    .where('i.projectId', '=', projectId)
    .where('i.heldOn', '>=', from)
    .where('i.heldOn', '<=', to)
    .groupBy('i.municipalityCode')
    .execute();
  return { locations, inspections };
}

export async function municipalityNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db
    .selectFrom('municipalities')
    .select(['code', 'name'])
    .where('code', 'in', codes)
    .execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** Whether the municipality is one of the region's. */
export async function municipalityIn(db: Db, regionId: string, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('municipalities')
    .select('code')
    .where('code', '=', code)
    .where('regionId', '=', regionId)
    .executeTakeFirst();
  return !!row;
}

/** The points of a project's locations flagged on or before a day. */
export function projectPoints(db: Db, projectId: string, to: string) {
  return db
    .selectFrom('locations')
    .select(['id', 'kind', 'status', 'latitude', 'longitude'])
    .where('projectId', '=', projectId)
    .where('flaggedOn', '<=', to)
    .where('latitude', 'is not', null)
    .execute();
}

/** The located locations of a region flagged by a day, for the region map. */
export function regionPoints(db: Db, regionId: string, to: string) {
  return db
    .selectFrom('locations')
    .select(['id', 'latitude', 'longitude'])
    .where('regionId', '=', regionId)
    .where('flaggedOn', '<=', to)
    .where('latitude', 'is not', null)
    .execute();
}

/** The points of the located locations tied to these cases, by case. */
export async function caseLocationPoints(db: Db, caseIds: readonly string[]) {
  if (caseIds.length === 0) return [];
  return db
    .selectFrom('locationCases as lc')
    .innerJoin('locations as l', 'l.id', 'lc.locationId')
    .select(['lc.caseId', 'l.latitude', 'l.longitude'])
    .where('lc.caseId', 'in', caseIds)
    .where('l.latitude', 'is not', null)
    .execute();
}

/** Whether an inspection was held or cancelled, and when. */
export function inspectionDates(db: Db, id: string) {
  return db
    .selectFrom('inspections')
    .select(['heldOn', 'cancelledOn'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * The region's places per municipality (docs/locations.md): risk locations flagged on or before
 * the period's end (`flagged`), those with an "addressed" step in the period (`addressedInPeriod`)
 * and the inspections held in the period. Every municipality of the region valid at the period's
 * end, zero included. The annual report's map reads this (aggregates only; the report applies the
 * small-numbers rule).
 */
export async function placesPerMunicipality(db: Db, regionId: string, from: string, to: string) {
  const { rows } = await sql<{
    code: string;
    name: string;
    flagged: number;
    addressedInPeriod: number;
    inspections: number;
  }>`
    select m.code, m.name,
      (select count(*)::int from locations l
        where l.region_id = ${regionId} and l.municipality_code = m.code and l.flagged_on <= ${to}::date) as flagged,
      (select count(*)::int from locations l
        where l.region_id = ${regionId} and l.municipality_code = m.code and exists (
          select 1 from location_events e where e.location_id = l.id and e.type = 'addressed'
            and e.happened_on between ${from}::date and ${to}::date)) as addressed_in_period,
      (select count(*)::int from inspections i
        where i.region_id = ${regionId} and i.municipality_code = m.code
          and i.held_on between ${from}::date and ${to}::date) as inspections
    from municipalities m
    where m.region_id = ${regionId}
      and (m.valid_from is null or m.valid_from <= ${to}::date)
      and (m.valid_until is null or m.valid_until > ${to}::date)
    order by m.name`.execute(db);
  return rows;
}

/** Unties places from destroyed cases. */
export async function unlinkCases(db: Db, caseIds: readonly string[]): Promise<void> {
  if (caseIds.length) await db.deleteFrom('locationCases').where('caseId', 'in', caseIds).execute();
}

/** Lets go of register subjects that are about to be deleted. */
export async function unlinkSubjects(db: Db, subjectIds: readonly string[]): Promise<void> {
  if (subjectIds.length)
    await db.deleteFrom('locationSubjects').where('subjectId', 'in', subjectIds).execute();
}

/**
 * What identifies the region's locations for an import (kind, address or name, municipality):
 * a row naming one of them again is recorded already.
 */
/**
 * The locations a predicate reaches, with what identifies them in a register (address, or name in
 * a municipality): for an import that names the locations of an inspection.
 */
export async function reachableLocationIdentities(db: Db, reachable: LocationPredicate) {
  return locationsQuery(db, reachable)
    .select([
      'l.id',
      'l.name',
      'l.postcode',
      'l.houseNumber',
      'l.houseLetter',
      'l.houseNumberAddition',
      'l.municipalityCode',
    ])
    .execute();
}

export async function locationIdentities(db: Db, regionId: string) {
  return db
    .selectFrom('locations')
    .select([
      'kind',
      'name',
      'postcode',
      'houseNumber',
      'houseLetter',
      'houseNumberAddition',
      'street',
      'municipalityCode',
    ])
    .where('regionId', '=', regionId)
    .execute();
}
