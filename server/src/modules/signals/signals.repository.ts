import {
  type LeadTimeQuery,
  type SignalFilter,
  type SignalSortColumn,
  type SignalStage,
  type SubjectInput,
  sortOf,
} from '@samenspel/contracts';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db } from '../../db/database.js';
import type {
  DB,
  DistrictsTable,
  MunicipalitiesTable,
  SignalEventType,
  SignalsTable,
} from '../../db/schema.js';

export interface SignalRow {
  collaborationId: string;
  id: string;
  regionId: string;
  reference: string;
  stage: SignalsTable['stage'];
  decision: SignalsTable['decision'];
  source: SignalsTable['source'];
  description: string | null;
  municipalityCode: string | null;
  municipalityName: string | null;
  districtId: string | null;
  districtName: string | null;
  urgency: SignalsTable['urgency'];
  route: SignalsTable['route'];
  receivedFromOrganisationId: string | null;
  receivedFromName: string | null;
  createdAt: Date;
  createdBy: string | null;
  receivedAt: Date | null;
  receivedOn: string | null;
  stageSince: Date;
  organisations: Array<{ id: string; name: string }>;
  themes: Array<{ id: string; name: string }>;
  subjectCount: number;
}

type Reachable = (eb: ExpressionBuilder<DB & { s: SignalsTable }, 's'>) => Expression<SqlBool>;

/** The signals with their municipality and district: what lists filter and sort on. */
function fromSignals(db: Db) {
  return db
    .selectFrom('signals as s')
    .leftJoin('municipalities as m', 'm.code', 's.municipalityCode')
    .leftJoin('districts as d', 'd.id', 'm.districtId');
}

/** The date a signal was received (the date it happened). */
const receivedOn = sql<string | null>`(select min(se.happened_on) from signal_events se
  where se.signal_id = s.id and se.type = 'received')`;

function selectSignals(db: Db) {
  return fromSignals(db)
    .leftJoin('partnerOrganisations as rf', 'rf.id', 's.receivedFromOrganisationId')
    .select((eb) => [
      's.receivedFromOrganisationId',
      'rf.name as receivedFromName',
      's.id',
      's.regionId',
      's.collaborationId',
      's.reference',
      's.stage',
      's.decision',
      's.source',
      's.description',
      's.municipalityCode',
      'm.name as municipalityName',
      'd.id as districtId',
      'd.name as districtName',
      's.urgency',
      's.route',
      's.createdAt',
      's.createdBy',
      's.receivedAt',
      's.stageSince',
      jsonArrayFrom(
        eb
          .selectFrom('signalOrganisations as so')
          .innerJoin('partnerOrganisations as o', 'o.id', 'so.organisationId')
          .select(['o.id', 'o.name'])
          .whereRef('so.signalId', '=', 's.id')
          .orderBy('o.name'),
      ).as('organisations'),
      jsonArrayFrom(
        eb
          .selectFrom('signalThemes as st')
          .innerJoin('themes as t', 't.id', 'st.themeId')
          .select(['t.id', 't.name'])
          .whereRef('st.signalId', '=', 's.id')
          .orderBy('t.name'),
      ).as('themes'),
      sql<number>`(select count(*)::int from signal_subjects ss where ss.signal_id = s.id)`.as(
        'subjectCount',
      ),
      receivedOn.as('receivedOn'),
    ]);
}

export async function findSignal(db: Db, id: string): Promise<SignalRow | undefined> {
  return selectSignals(db).where('s.id', '=', id).executeTakeFirst();
}

/** What a list of signals is narrowed to; `organisationId` is the caller's, for "own organisation". */
export type SignalListFilter = SignalFilter & { organisationId?: string };

type ListEb = ExpressionBuilder<
  DB & { s: SignalsTable; m: MunicipalitiesTable; d: DistrictsTable },
  's' | 'm' | 'd'
>;

/** The filter as conditions, beside the access rule's predicate. */
function narrowedBy(f: SignalListFilter) {
  return (eb: ListEb): Expression<SqlBool> => {
    const all: Expression<SqlBool>[] = [];
    if (f.stage) all.push(eb('s.stage', '=', f.stage));
    if (f.open) all.push(eb('s.stage', 'not in', ['draft', 'decided']));
    if (f.decision) all.push(eb('s.decision', '=', f.decision));
    if (f.districtId) all.push(eb('d.id', '=', f.districtId));
    if (f.municipalityCode) all.push(eb('s.municipalityCode', '=', f.municipalityCode));
    if (f.themeId)
      all.push(
        eb.exists(
          eb
            .selectFrom('signalThemes as st')
            .select(sql`1`.as('x'))
            .whereRef('st.signalId', '=', 's.id')
            .where('st.themeId', '=', f.themeId),
        ),
      );
    if (f.own && f.organisationId)
      all.push(
        eb.exists(
          eb
            .selectFrom('signalOrganisations as so')
            .select(sql`1`.as('x'))
            .whereRef('so.signalId', '=', 's.id')
            .where('so.organisationId', '=', f.organisationId),
        ),
      );
    if (f.from) all.push(sql<SqlBool>`${receivedOn} >= ${f.from}::date`);
    if (f.to) all.push(sql<SqlBool>`${receivedOn} <= ${f.to}::date`);
    return eb.and(all);
  };
}

const stageOrder = sql`array_position(array['draft', 'received', 'discussed', 'substantiated', 'triaged', 'hit-check', 'decided'], s.stage)`;
const sortExpressions: Record<SignalSortColumn, ReturnType<typeof sql>> = {
  reference: sql`s.reference`,
  stage: stageOrder,
  municipality: sql`m.name`,
  urgency: sql`array_position(array['low', 'normal', 'high'], coalesce(s.urgency, 'normal'))`,
  receivedOn,
  stageSince: sql`s.stage_since`,
};

/**
 * One page of the signals a predicate reaches (the access rule's, never a copy of it), filtered
 * and sorted, with how many the filter selects in all. Empty values sort last either way.
 */
export async function listSignals(
  db: Db,
  reachable: Reachable,
  filter: SignalListFilter,
  order: { sort: string; offset: number; limit: number },
): Promise<{ rows: SignalRow[]; total: number }> {
  const { column, descending } = sortOf<SignalSortColumn>(order.sort);
  const direction = descending ? sql`desc nulls last` : sql`asc nulls last`;
  const [rows, count] = await Promise.all([
    selectSignals(db)
      .where(reachable)
      .where(narrowedBy(filter))
      .orderBy(sql`${sortExpressions[column]} ${direction}`)
      .orderBy('s.reference', descending ? 'desc' : 'asc')
      .offset(order.offset)
      .limit(order.limit)
      .execute(),
    fromSignals(db)
      .where(reachable)
      .where(narrowedBy(filter))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

/** Every open signal a predicate reaches (received, not yet decided): the work queue and the board. */
export async function openSignals(db: Db, reachable: Reachable): Promise<SignalRow[]> {
  return selectSignals(db)
    .where(reachable)
    .where(narrowedBy({ open: true }))
    .orderBy('s.stageSince', 'desc')
    .execute();
}

/** A signal's reference: the year it was received (or made, for a draft) in the Netherlands, and the next number. */
export async function nextReference(db: Db, on: string): Promise<string> {
  const { rows } = await sql<{ n: number }>`select nextval('signal_reference_seq')::int as n`.execute(db);
  return `SIG-${on.slice(0, 4)}-${String(rows[0]?.n ?? 0).padStart(4, '0')}`;
}

export async function insertSignal(
  db: Db,
  signal: Pick<
    SignalsTable,
    | 'regionId'
    | 'collaborationId'
    | 'reference'
    | 'stage'
    | 'source'
    | 'description'
    | 'municipalityCode'
    | 'urgency'
    | 'createdBy'
  > & { createdAt: Date; receivedAt: Date | null },
): Promise<string> {
  const row = await db
    .insertInto('signals')
    .values({
      ...signal,
      decision: null,
      route: null,
      referredTo: null,
      receivedFromOrganisationId: null,
      stageSince: signal.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateSignal(
  db: Db,
  id: string,
  changes: Partial<
    Pick<
      SignalsTable,
      | 'stage'
      | 'decision'
      | 'source'
      | 'description'
      | 'municipalityCode'
      | 'urgency'
      | 'route'
      | 'referredTo'
      | 'receivedFromOrganisationId'
      | 'collaborationId'
    > & { receivedAt: Date; stageSince: Date }
  >,
): Promise<void> {
  await db.updateTable('signals').set(changes).where('id', '=', id).execute();
}

export async function replaceOrganisations(db: Db, signalId: string, organisationIds: readonly string[]) {
  await db.deleteFrom('signalOrganisations').where('signalId', '=', signalId).execute();
  if (organisationIds.length)
    await db
      .insertInto('signalOrganisations')
      .values([...new Set(organisationIds)].map((organisationId) => ({ signalId, organisationId })))
      .execute();
}

export async function replaceThemes(db: Db, signalId: string, themeIds: readonly string[]) {
  await db.deleteFrom('signalThemes').where('signalId', '=', signalId).execute();
  if (themeIds.length)
    await db
      .insertInto('signalThemes')
      .values([...new Set(themeIds)].map((themeId) => ({ signalId, themeId })))
      .execute();
}

export async function replaceSubjects(
  db: Db,
  signalId: string,
  subjects: ReadonlyArray<{ data: SubjectInput; label: string }>,
) {
  await db.deleteFrom('signalSubjects').where('signalId', '=', signalId).execute();
  if (subjects.length)
    await db
      .insertInto('signalSubjects')
      .values(
        subjects.map((s, position) => ({
          signalId,
          position,
          kind: s.data.kind,
          label: s.label,
          data: JSON.stringify(s.data),
        })),
      )
      .execute();
}

export async function subjectsOf(db: Db, signalIds: readonly string[]) {
  if (signalIds.length === 0) return [];
  return db
    .selectFrom('signalSubjects')
    .select(['id', 'signalId', 'kind', 'label', 'data'])
    .where('signalId', 'in', signalIds)
    .orderBy('signalId')
    .orderBy('position')
    .execute();
}

export async function insertEvent(
  db: Db,
  event: {
    signalId: string;
    type: SignalEventType;
    at: Date;
    happenedOn: string;
    userId: string | null;
    organisationId: string | null;
    details?: Record<string, unknown>;
  },
) {
  await db
    .insertInto('signalEvents')
    .values({ ...event, details: JSON.stringify(event.details ?? {}) })
    .execute();
}

export async function eventsOf(db: Db, signalId: string) {
  return db
    .selectFrom('signalEvents as e')
    .leftJoin('partnerOrganisations as o', 'o.id', 'e.organisationId')
    .select(['e.id', 'e.type', 'e.happenedOn', 'e.at', 'e.userId', 'o.name as organisationName', 'e.details'])
    .where('e.signalId', '=', signalId)
    .orderBy('e.happenedOn')
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
}

export async function stageEventsOf(db: Db, signalIds: readonly string[]) {
  if (signalIds.length === 0) return [];
  return db
    .selectFrom('signalEvents')
    .select(['signalId', 'type', 'happenedOn', 'at', 'userId'])
    .where('signalId', 'in', signalIds)
    .orderBy('happenedOn')
    .orderBy('at')
    .execute();
}

// ---- lead times, by the dates the steps happened ----

export async function leadTimeStatistics(db: Db, regionId: string, filter: LeadTimeQuery) {
  const { rows } = await sql<{
    districtId: string;
    month: string;
    decided: number;
    segment: 'intakeToLoo' | 'looToTriage' | 'triageToDecision' | 'intakeToDecision';
    median: number | null;
    p90: number | null;
  }>`
    with times as (
      select s.id, m.district_id,
        min(e.happened_on) filter (where e.type = 'received') as received,
        min(e.happened_on) filter (where e.type = 'discussed') as discussed,
        min(e.happened_on) filter (where e.type = 'triaged') as triaged,
        min(e.happened_on) filter (where e.type = 'decided') as decided
      from signals s
      join municipalities m on m.code = s.municipality_code
      join signal_events e on e.signal_id = s.id
      where s.region_id = ${regionId} and s.decision is not null and s.decision <> 'withdrawn'
      group by s.id, m.district_id
    ), segments as (
      select district_id, to_char(decided, 'YYYY-MM') as month, id, 'intakeToLoo' as segment,
        (discussed - received)::float8 as days from times
      union all select district_id, to_char(decided, 'YYYY-MM'), id, 'looToTriage',
        (triaged - discussed)::float8 from times
      union all select district_id, to_char(decided, 'YYYY-MM'), id, 'triageToDecision',
        (decided - triaged)::float8 from times
      union all select district_id, to_char(decided, 'YYYY-MM'), id, 'intakeToDecision',
        (decided - received)::float8 from times
    )
    select district_id as "districtId", month, count(distinct id)::int as decided, segment,
      percentile_cont(0.5) within group (order by days)::float8 as median,
      percentile_cont(0.9) within group (order by days)::float8 as p90
    from segments
    where (${filter.districtId ?? null}::text is null or district_id = ${filter.districtId ?? null})
      and (${filter.from ?? null}::date is null or month >= to_char(${filter.from ?? null}::date, 'YYYY-MM'))
      and (${filter.to ?? null}::date is null or month <= to_char(${filter.to ?? null}::date, 'YYYY-MM'))
    group by district_id, month, segment
    order by district_id, month, segment`.execute(db);
  return rows;
}

// ---- for other modules (through index.ts) ----

/** The references of signals, by id. */
export async function referencesOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('signals').select(['id', 'reference']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.reference]));
}

/** Which of the signals are accepted signals of the region, with when each was received. */
export async function acceptedIn(db: Db, regionId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('signals')
    .select(['id', 'receivedAt', 'collaborationId'])
    .where('id', 'in', ids)
    .where('regionId', '=', regionId)
    .where('decision', '=', 'accepted')
    .execute();
}

/** The collaboration of each signal. */
export async function collaborationsOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('signals')
    .select(['id', 'collaborationId'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.collaborationId]));
}

/** The latest date on which one of the signals was decided (accepted): a case starts after it. */
export async function lastDecidedOn(db: Db, ids: readonly string[]): Promise<string | null> {
  if (ids.length === 0) return null;
  const row = await db
    .selectFrom('signalEvents')
    .select((eb) => eb.fn.max('happenedOn').as('on'))
    .where('signalId', 'in', ids)
    .where('type', '=', 'decided')
    .executeTakeFirst();
  return row?.on ?? null;
}

/** The date each signal was received (the date it happened, not when it was recorded). */
export async function receivedOnOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('signalEvents')
    .select((eb) => ['signalId', eb.fn.min('happenedOn').as('receivedOn')])
    .where('signalId', 'in', ids)
    .where('type', '=', 'received')
    .groupBy('signalId')
    .execute();
  return new Map(rows.map((r) => [r.signalId, r.receivedOn]));
}

/** Where the signals came from: the organisations that submitted them, and those the RIEC registered them for. */
export async function originsOf(db: Db, signalIds: readonly string[]): Promise<string[]> {
  if (signalIds.length === 0) return [];
  const [submitters, receivedFrom] = await Promise.all([
    db
      .selectFrom('signalOrganisations')
      .select('organisationId')
      .where('signalId', 'in', signalIds)
      .execute(),
    db
      .selectFrom('signals')
      .select('receivedFromOrganisationId')
      .where('id', 'in', signalIds)
      .where('receivedFromOrganisationId', 'is not', null)
      .execute(),
  ]);
  return [
    ...submitters.map((r) => r.organisationId),
    ...receivedFrom.flatMap((r) => (r.receivedFromOrganisationId ? [r.receivedFromOrganisationId] : [])),
  ];
}

/** Signal subjects by their ids, in their signal's order. */
export async function subjectsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('signalSubjects')
    .select(['id', 'signalId', 'kind', 'label', 'data', 'position'])
    .where('id', 'in', ids)
    .orderBy('position')
    .execute();
}

// ---- the start page ("Mijn werk") ----

/** Open signals per stage among those a predicate reaches: counts, no records. */
export async function openStageCounts(
  db: Db,
  reachable: Reachable,
): Promise<Array<{ stage: SignalStage; count: number }>> {
  return db
    .selectFrom('signals as s')
    .select(['s.stage', sql<number>`count(*)::int`.as('count')])
    .where(reachable)
    .where('s.stage', 'not in', ['draft', 'decided'])
    .groupBy('s.stage')
    .execute();
}

/**
 * Signals a predicate reaches in the given stages, latest change first; with `organisationId`,
 * only those that organisation submits (a filter on what the predicate reaches, never a scope).
 */
export async function signalsInStages(
  db: Db,
  reachable: Reachable,
  filter: { stages: readonly SignalStage[]; organisationId?: string; limit: number },
): Promise<SignalRow[]> {
  let q = selectSignals(db).where(reachable).where('s.stage', 'in', filter.stages);
  const organisationId = filter.organisationId;
  if (organisationId)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('signalOrganisations as so')
          .select(sql`1`.as('x'))
          .whereRef('so.signalId', '=', 's.id')
          .where('so.organisationId', '=', organisationId),
      ),
    );
  return q.orderBy('s.stageSince', 'desc').limit(filter.limit).execute();
}

// ---- searching ----

/** The signals a predicate reaches whose reference starts so (`SIG-2026` finds this year's), at most `limit`. */
export async function signalsByReference(db: Db, reachable: Reachable, prefix: string, limit: number) {
  return fromSignals(db)
    .where(reachable)
    .where('s.reference', 'like', `${prefix.replace(/[%_\\]/g, '')}%`)
    .select([
      's.id',
      's.reference',
      's.stage',
      's.decision',
      'm.name as municipality',
      receivedOn.as('receivedOn'),
    ])
    .orderBy('s.reference', 'desc')
    .limit(limit)
    .execute();
}

/** The signals of a region received (the date it happened) within a period, for the region map. */
export async function receivedWithin(db: Db, regionId: string, from: string, to: string): Promise<string[]> {
  const rows = await db
    .selectFrom('signals as s')
    .select('s.id')
    .where('s.regionId', '=', regionId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('signalEvents as se')
          .select('se.id')
          .whereRef('se.signalId', '=', 's.id')
          .where('se.type', '=', 'received')
          .where('se.happenedOn', '>=', from)
          .where('se.happenedOn', '<=', to),
      ),
    )
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Destroys signals' content, in the caller's transaction: their subjects as submitted, the text
 * of their steps and their description go; what the accountability figures count stays (the
 * dates of the steps, the source, the decision, the municipality, submitters and themes) and the
 * signal is marked destroyed. Returns the ids it destroyed now (not those destroyed before).
 */
export async function destroyContent(db: Db, ids: readonly string[], at: Date): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db
    .updateTable('signals')
    .set({ description: null, destroyedAt: at })
    .where('id', 'in', ids)
    .where('destroyedAt', 'is', null)
    .returning('id')
    .execute();
  const done = rows.map((r) => r.id);
  if (!done.length) return [];
  await db.deleteFrom('signalSubjects').where('signalId', 'in', done).execute();
  // The steps keep what is counted (a decision, a route), not what was written.
  await db
    .updateTable('signalEvents')
    .set({
      details: sql`jsonb_strip_nulls(jsonb_build_object('decision', details->'decision', 'route', details->'route'))`,
    })
    .where('signalId', 'in', done)
    .execute();
  return done;
}

/** Signals still holding content, locked for their destruction (a hold checked under the lock). */
export async function lockForDestruction(db: Db, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('signals')
    .select('id')
    .where('id', 'in', ids)
    .where('destroyedAt', 'is', null)
    .forUpdate()
    .execute();
  return rows.map((r) => r.id);
}
