import type { GoalScopeKind, IndicatorRef, ProgrammeKind, TargetKind } from '@samenspel/contracts';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.js';

/** Where a goal's figures are counted: the region, or one of its districts, base teams or municipalities. */
export interface IndicatorScope {
  regionId: string;
  kind: GoalScopeKind;
  districtId: string | null;
  baseTeamId: string | null;
  municipalityCode: string | null;
}

export interface Period {
  from: string;
  to: string;
}

// ---- programmes and goals ----

export async function insertProgramme(
  db: Db,
  row: {
    regionId: string;
    year: number;
    kind: ProgrammeKind;
    districtId: string | null;
    name: string;
    description: string | null;
    createdAt: Date;
    createdBy: string | null;
  },
): Promise<string> {
  const position = await db
    .selectFrom('programmes')
    .select(sql<number>`coalesce(max(position) + 1, 0)::int`.as('next'))
    .where('regionId', '=', row.regionId)
    .where('year', '=', row.year)
    .executeTakeFirst();
  const { id } = await db
    .insertInto('programmes')
    .values({ ...row, position: position?.next ?? 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function programmeTaken(
  db: Db,
  regionId: string,
  year: number,
  name: string,
  districtId: string | null,
): Promise<{ name: boolean; district: boolean }> {
  const rows = await db
    .selectFrom('programmes')
    .select(['name', 'districtId'])
    .where('regionId', '=', regionId)
    .where('year', '=', year)
    .execute();
  return {
    name: rows.some((r) => r.name.toLocaleLowerCase('nl') === name.toLocaleLowerCase('nl')),
    district: districtId !== null && rows.some((r) => r.districtId === districtId),
  };
}

/** A region's programmes (district action plans first, in the districts' order), with their goal counts. */
export function findProgrammes(
  db: Db,
  regionId: string,
  filter: { ids?: readonly string[]; year?: number | undefined; districtId?: string | undefined },
) {
  let q = db
    .selectFrom('programmes as p')
    .leftJoin('districts as d', 'd.id', 'p.districtId')
    .select([
      'p.id',
      'p.year',
      'p.kind',
      'p.name',
      'p.description',
      'd.id as districtId',
      'd.name as districtName',
      sql<number>`(select count(*)::int from programme_goals g where g.programme_id = p.id)`.as('goals'),
    ])
    .where('p.regionId', '=', regionId);
  if (filter.ids)
    q = q.where('p.id', 'in', filter.ids.length ? filter.ids : ['00000000-0000-0000-0000-000000000000']);
  if (filter.year) q = q.where('p.year', '=', filter.year);
  if (filter.districtId) q = q.where('p.districtId', '=', filter.districtId);
  return q
    .orderBy('p.year', 'desc')
    .orderBy(sql`p.kind = 'district'`, 'desc')
    .orderBy(sql`d.sort_order`)
    .orderBy('p.position')
    .execute();
}
export type ProgrammeRow = Awaited<ReturnType<typeof findProgrammes>>[number];

export async function programmesIn(db: Db, regionId: string, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('programmes')
    .select('id')
    .where('regionId', '=', regionId)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export interface GoalValues {
  text: string;
  scopeKind: GoalScopeKind;
  districtId: string | null;
  baseTeamId: string | null;
  municipalityCode: string | null;
  periodFrom: string;
  periodTo: string;
  targetKind: TargetKind;
  targetMinimum: number | null;
  targetMaximum: number | null;
  targetText: string | null;
  resultKind: 'computed' | 'recorded';
  indicators: IndicatorRef[];
}

export async function insertGoal(
  db: Db,
  programmeId: string,
  goal: GoalValues,
  at: Date,
  by: string | null,
): Promise<string> {
  const position = await db
    .selectFrom('programmeGoals')
    .select(sql<number>`coalesce(max(position) + 1, 0)::int`.as('next'))
    .where('programmeId', '=', programmeId)
    .executeTakeFirst();
  const { id } = await db
    .insertInto('programmeGoals')
    .values({
      ...goal,
      indicators: JSON.stringify(goal.indicators),
      programmeId,
      position: position?.next ?? 0,
      createdAt: at,
      createdBy: by,
      updatedAt: at,
      updatedBy: by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateGoal(
  db: Db,
  programmeId: string,
  goalId: string,
  goal: GoalValues,
  at: Date,
  by: string | null,
): Promise<boolean> {
  const result = await db
    .updateTable('programmeGoals')
    .set({ ...goal, indicators: JSON.stringify(goal.indicators), updatedAt: at, updatedBy: by })
    .where('id', '=', goalId)
    .where('programmeId', '=', programmeId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteGoal(db: Db, programmeId: string, goalId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('programmeGoals')
    .where('id', '=', goalId)
    .where('programmeId', '=', programmeId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** A programme's goals with their scope's names and the results recorded by hand, newest first. */
export function findGoals(db: Db, programmeIds: readonly string[]) {
  if (!programmeIds.length) return Promise.resolve([]);
  return db
    .selectFrom('programmeGoals as g')
    .leftJoin('districts as d', 'd.id', 'g.districtId')
    .leftJoin('baseTeams as b', 'b.id', 'g.baseTeamId')
    .leftJoin('municipalities as m', 'm.code', 'g.municipalityCode')
    .select((eb) => [
      'g.id',
      'g.programmeId',
      'g.position',
      'g.text',
      'g.scopeKind',
      'g.districtId',
      'd.name as districtName',
      'g.baseTeamId',
      'b.name as baseTeamName',
      'g.municipalityCode',
      'm.name as municipalityName',
      'g.periodFrom',
      'g.periodTo',
      'g.targetKind',
      'g.targetMinimum',
      'g.targetMaximum',
      'g.targetText',
      'g.resultKind',
      'g.indicators',
      sql<
        Array<{
          id: string;
          value: string | null;
          text: string | null;
          source: string;
          recordedOn: string;
          recordedAt: string;
          recordedBy: string | null;
        }>
      >`coalesce((select json_agg(json_build_object('id', r.id, 'value', r.value, 'text', r.text,
          'source', r.source, 'recordedOn', r.recorded_on, 'recordedAt', r.recorded_at,
          'recordedBy', (select u.display_name from users u where u.id = r.recorded_by))
          order by r.recorded_at desc, r.id)
        from goal_results r where r.goal_id = ${eb.ref('g.id')}), '[]')`.as('recorded'),
    ])
    .where('g.programmeId', 'in', programmeIds)
    .orderBy('g.programmeId')
    .orderBy('g.position')
    .execute();
}
export type GoalRow = Awaited<ReturnType<typeof findGoals>>[number];

export async function insertGoalResult(
  db: Db,
  row: {
    goalId: string;
    value: number | null;
    text: string | null;
    source: string;
    recordedOn: string;
    recordedAt: Date;
    recordedBy: string | null;
  },
): Promise<void> {
  await db.insertInto('goalResults').values(row).execute();
}

/** Whether a base team belongs to the region (it has a municipality there). */
export async function baseTeamOfRegion(db: Db, regionId: string, baseTeamId: string): Promise<boolean> {
  const row = await db
    .selectFrom('baseTeams')
    .select('id')
    .where('id', '=', baseTeamId)
    .where('regionId', '=', regionId)
    .executeTakeFirst();
  return row !== undefined;
}

export function districtsOf(db: Db, regionId: string) {
  return db
    .selectFrom('districts')
    .select(['id', 'name'])
    .where('regionId', '=', regionId)
    .orderBy('sortOrder')
    .execute();
}

// ---- indicators: one statement per family, on the record (docs/programmes.md) ----

/** Whether a municipality (the column) lies in the scope; every record here is already the region's. */
function placeIn(scope: IndicatorScope, column: string): RawBuilder<boolean> {
  const col = sql.ref(column);
  switch (scope.kind) {
    case 'region':
      return sql<boolean>`true`;
    case 'district':
      return sql<boolean>`exists (select 1 from municipalities pm where pm.code = ${col} and pm.district_id = ${scope.districtId})`;
    case 'base-team':
      return sql<boolean>`exists (select 1 from municipalities pm where pm.code = ${col} and pm.base_team_id = ${scope.baseTeamId})`;
    case 'municipality':
      return sql<boolean>`${col} = ${scope.municipalityCode}`;
  }
}

/** LOO: municipalities with a local meeting in the period, and those with one in every quarter of it. */
export async function looFigures(db: Db, scope: IndicatorScope, period: Period) {
  const { rows } = await sql<{ held: number; structural: number }>`
    with quarters as (
      select count(*)::int as n
      from generate_series(date_trunc('quarter', ${period.from}::date), ${period.to}::date, interval '3 months') q
    ),
    held as (
      select m.municipality_code, count(distinct date_trunc('quarter', m.date))::int as quarters
      from meetings m
      where m.region_id = ${scope.regionId} and m.kind = 'loo' and m.municipality_code is not null
        and m.date between ${period.from}::date and ${period.to}::date
        and ${placeIn(scope, 'm.municipality_code')}
      group by m.municipality_code
    )
    select count(*)::int as held,
      count(*) filter (where quarters = (select n from quarters))::int as structural
    from held`.execute(db);
  const r = rows[0] ?? { held: 0, structural: 0 };
  return { 'loo.held': r.held, 'loo.structural': r.structural, 'loo.building': r.held - r.structural };
}

export async function inspectionFigures(db: Db, scope: IndicatorScope, period: Period) {
  const { rows } = await sql<{ held: number; integral: number }>`
    select count(*)::int as held, count(*) filter (where i.integral)::int as integral
    from inspections i
    where i.region_id = ${scope.regionId} and i.held_on between ${period.from}::date and ${period.to}::date
      and ${placeIn(scope, 'i.municipality_code')}`.execute(db);
  const r = rows[0] ?? { held: 0, integral: 0 };
  return {
    'inspections.held': r.held,
    'inspections.integral': r.integral,
    'inspections.other': r.held - r.integral,
  };
}

export async function locationFigures(db: Db, scope: IndicatorScope, period: Period) {
  const step = (type: string) => sql<boolean>`exists (select 1 from location_events e
    where e.location_id = l.id and e.type = ${type} and e.happened_on between ${period.from}::date and ${period.to}::date)`;
  const { rows } = await sql<{ flagged: number; lookedInto: number; addressed: number }>`
    select
      count(*) filter (where not l.in_baseline and l.flagged_on between ${period.from}::date and ${period.to}::date)::int as flagged,
      count(*) filter (where ${step('looked-into')})::int as looked_into,
      count(*) filter (where ${step('addressed')})::int as addressed
    from locations l
    where l.region_id = ${scope.regionId} and ${placeIn(scope, 'l.municipality_code')}`.execute(db);
  const r = rows[0] ?? { flagged: 0, lookedInto: 0, addressed: 0 };
  return {
    'locations.flagged': r.flagged,
    'locations.looked-into': r.lookedInto,
    'locations.addressed': r.addressed,
  };
}

export async function mapFigures(db: Db, scope: IndicatorScope, period: Period) {
  const { rows } = await sql<{ opportunity: number; risk: number }>`
    select count(*) filter (where ml.kind = 'opportunity')::int as opportunity,
      count(*) filter (where ml.kind = 'risk')::int as risk
    from map_layers ml
    where ml.region_id = ${scope.regionId} and ml.made_on between ${period.from}::date and ${period.to}::date
      and ((ml.municipality_code is not null and ${placeIn(scope, 'ml.municipality_code')})
        or (ml.municipality_code is null and exists (select 1 from municipalities bm
          where bm.base_team_id = ml.base_team_id and ${placeIn(scope, 'bm.code')})))`.execute(db);
  const r = rows[0] ?? { opportunity: 0, risk: 0 };
  return { 'maps.opportunity': r.opportunity, 'maps.risk': r.risk };
}

/** FIU signals received in the period, and what followed from them by its last day. */
export async function fiuFigures(db: Db, scope: IndicatorScope, period: Period) {
  const { rows } = await sql<{ signals: number; criminal: number; fiscal: number; cases: number }>`
    with fiu as (
      select s.id, s.decision, s.referred_to
      from signals s
      where s.region_id = ${scope.regionId} and s.source = 'fiu'
        and ${scope.kind === 'region' ? sql`true` : sql`s.municipality_code is not null and ${placeIn(scope, 's.municipality_code')}`}
        and exists (select 1 from signal_events r where r.signal_id = s.id and r.type = 'received'
          and r.happened_on between ${period.from}::date and ${period.to}::date)
    ),
    referred as (
      select po.kind
      from fiu f join partner_organisations po on po.id = f.referred_to
      where f.decision = 'referred' and exists (select 1 from signal_events d where d.signal_id = f.id
        and d.type = 'decided' and d.happened_on <= ${period.to}::date)
    )
    select (select count(*)::int from fiu) as signals,
      (select count(*)::int from referred where kind in ('police', 'public_prosecution', 'fiod')) as criminal,
      (select count(*)::int from referred where kind in ('tax_administration', 'benefits_agency')) as fiscal,
      (select count(distinct c.id)::int from cases c join case_signals cs on cs.case_id = c.id
        join fiu f on f.id = cs.signal_id
        where c.started_on between ${period.from}::date and ${period.to}::date) as cases`.execute(db);
  const r = rows[0] ?? { signals: 0, criminal: 0, fiscal: 0, cases: 0 };
  return {
    'fiu.signals': r.signals,
    'fiu.criminal': r.criminal,
    'fiu.fiscal': r.fiscal,
    'fiu.cases': r.cases,
  };
}

export async function activityFigures(db: Db, scope: IndicatorScope, period: Period, kind: string | null) {
  const { rows } = await sql<{
    count: number;
    municipalities: number;
    participants: number;
    withParticipants: number;
    pupils: number;
    dossiers: number;
    reach: number;
  }>`
    select count(*)::int as count,
      count(distinct a.municipality_code)::int as municipalities,
      coalesce(sum(a.participants), 0)::int as participants,
      count(a.participants)::int as with_participants,
      coalesce(sum(a.pupils), 0)::int as pupils,
      coalesce(sum(a.dossiers), 0)::int as dossiers,
      coalesce(sum(a.reach), 0)::int as reach
    from activities a
    where a.region_id = ${scope.regionId} and a.held_on between ${period.from}::date and ${period.to}::date
      ${kind ? sql`and a.kind = ${kind}` : sql``}
      and ${scope.kind === 'region' ? sql`true` : sql`a.municipality_code is not null and ${placeIn(scope, 'a.municipality_code')}`}`.execute(
    db,
  );
  const r = rows[0] ?? {
    count: 0,
    municipalities: 0,
    participants: 0,
    withParticipants: 0,
    pupils: 0,
    dossiers: 0,
    reach: 0,
  };
  return {
    'activities.count': r.count,
    'activities.municipalities': r.municipalities,
    'activities.participants': r.participants,
    'activities.participants-average': r.withParticipants
      ? Math.round(r.participants / r.withParticipants)
      : 0,
    'activities.pupils': r.pupils,
    'activities.dossiers': r.dossiers,
    'activities.reach': r.reach,
  };
}

// ---- activities ----

export async function regionActivityKinds(db: Db, regionId: string) {
  return db
    .selectFrom('activityKinds')
    .select(['code', 'name'])
    .where('regionId', '=', regionId)
    .orderBy('name')
    .execute();
}

export async function insertActivityKind(
  db: Db,
  row: { regionId: string; code: string; name: string; createdAt: Date; createdBy: string | null },
): Promise<void> {
  await db.insertInto('activityKinds').values(row).execute();
}

export async function insertActivity(
  db: Db,
  row: {
    regionId: string;
    kind: string;
    title: string;
    heldOn: string;
    municipalityCode: string | null;
    partnerId: string | null;
    participants: number | null;
    pupils: number | null;
    dossiers: number | null;
    reach: number | null;
    caseId: string | null;
    programmeId: string | null;
    note: string | null;
    organisationId: string;
    recordedAt: Date;
    recordedBy: string | null;
  },
): Promise<string> {
  const { id } = await db.insertInto('activities').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export function findActivities(
  db: Db,
  regionId: string,
  filter: {
    ids?: readonly string[];
    kind?: string | undefined;
    districtId?: string | undefined;
    municipalityCode?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    programmeId?: string | undefined;
  },
) {
  let q = db
    .selectFrom('activities as a')
    .leftJoin('municipalities as m', 'm.code', 'a.municipalityCode')
    .leftJoin('districts as d', 'd.id', 'm.districtId')
    .leftJoin('partnerOrganisations as p', 'p.id', 'a.partnerId')
    .innerJoin('partnerOrganisations as o', 'o.id', 'a.organisationId')
    .leftJoin('programmes as pr', 'pr.id', 'a.programmeId')
    .select([
      'a.id',
      'a.kind',
      'a.title',
      'a.heldOn',
      'a.municipalityCode',
      'm.name as municipalityName',
      'd.id as districtId',
      'd.name as districtName',
      'p.id as partnerId',
      'p.name as partnerName',
      'a.participants',
      'a.pupils',
      'a.dossiers',
      'a.reach',
      'a.caseId',
      'pr.id as programmeId',
      'pr.name as programmeName',
      'a.note',
      'o.id as organisationId',
      'o.name as organisationName',
      'a.recordedAt',
    ])
    .where('a.regionId', '=', regionId);
  if (filter.ids) q = q.where('a.id', 'in', filter.ids);
  if (filter.kind) q = q.where('a.kind', '=', filter.kind);
  if (filter.districtId) q = q.where('m.districtId', '=', filter.districtId);
  if (filter.municipalityCode) q = q.where('a.municipalityCode', '=', filter.municipalityCode);
  if (filter.from) q = q.where('a.heldOn', '>=', filter.from);
  if (filter.to) q = q.where('a.heldOn', '<=', filter.to);
  if (filter.programmeId) q = q.where('a.programmeId', '=', filter.programmeId);
  return q.orderBy('a.heldOn', 'desc').orderBy('a.recordedAt', 'desc').limit(5000).execute();
}
export type ActivityRow = Awaited<ReturnType<typeof findActivities>>[number];

/** What identifies the region's activities held in a period: kind, title, date and municipality. */
export function activityIdentities(db: Db, regionId: string, from: string, to: string) {
  return db
    .selectFrom('activities')
    .select(['kind', 'title', 'heldOn', 'municipalityCode'])
    .where('regionId', '=', regionId)
    .where('heldOn', '>=', from)
    .where('heldOn', '<=', to)
    .execute();
}
