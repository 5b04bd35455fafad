import type { SubjectInput } from '@samenspel/contracts';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

export interface SignalRow {
  id: string;
  regionId: string;
  reference: string;
  stage: string;
  decision: string | null;
  source: string | null;
  description: string | null;
  municipalityCode: string | null;
  municipalityName: string | null;
  districtId: string | null;
  districtName: string | null;
  urgency: string | null;
  route: string | null;
  createdAt: Date;
  receivedAt: Date | null;
  stageSince: Date;
  organisations: Array<{ id: string; name: string }>;
  themes: Array<{ id: string; name: string }>;
  subjectCount: number;
}

export interface Visibility {
  regionId: string;
  organisationId: string;
  /** Analysts and chairs see every submitted signal of the region. */
  regionWide: boolean;
}

function selectSignals(db: Db) {
  return db
    .selectFrom('signals as s')
    .leftJoin('municipalities as m', 'm.code', 's.municipalityCode')
    .leftJoin('districts as d', 'd.id', 'm.districtId')
    .select([
      's.id',
      's.regionId',
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
      's.receivedAt',
      's.stageSince',
      sql<
        Array<{ id: string; name: string }>
      >`coalesce((select json_agg(json_build_object('id', o.id, 'name', o.name) order by o.name)
        from signal_organisations so join partner_organisations o on o.id = so.organisation_id where so.signal_id = s.id), '[]')`.as(
        'organisations',
      ),
      sql<
        Array<{ id: string; name: string }>
      >`coalesce((select json_agg(json_build_object('id', t.id, 'name', t.name) order by t.name)
        from signal_themes st join themes t on t.id = st.theme_id where st.signal_id = s.id), '[]')`.as(
        'themes',
      ),
      sql<number>`(select count(*)::int from signal_subjects ss where ss.signal_id = s.id)`.as(
        'subjectCount',
      ),
    ]);
}

export async function findSignal(db: Db, id: string): Promise<SignalRow | undefined> {
  return selectSignals(db).where('s.id', '=', id).executeTakeFirst();
}

export async function listSignals(
  db: Db,
  visibility: Visibility,
  filter: { stage?: string | undefined; districtId?: string | undefined; open?: boolean },
): Promise<SignalRow[]> {
  let q = selectSignals(db).where('s.regionId', '=', visibility.regionId);
  q = q.where((eb) => {
    const own = eb.exists(
      eb
        .selectFrom('signalOrganisations as so')
        .select(sql`1`.as('x'))
        .whereRef('so.signalId', '=', 's.id')
        .where('so.organisationId', '=', visibility.organisationId),
    );
    return visibility.regionWide ? eb.or([eb('s.stage', '<>', 'draft'), own]) : own;
  });
  if (filter.stage) q = q.where('s.stage', '=', filter.stage);
  if (filter.districtId) q = q.where('d.id', '=', filter.districtId);
  if (filter.open) q = q.where('s.stage', 'not in', ['draft', 'decided']);
  return q.orderBy('s.stageSince', 'desc').limit(1000).execute();
}

export async function nextReference(db: Db, at: Date): Promise<string> {
  const { rows } = await sql<{ n: number }>`select nextval('signal_reference_seq')::int as n`.execute(db);
  return `SIG-${at.getUTCFullYear()}-${String(rows[0]?.n ?? 0).padStart(4, '0')}`;
}

export async function insertSignal(
  db: Db,
  signal: {
    regionId: string;
    reference: string;
    stage: string;
    source: string | null;
    description: string | null;
    municipalityCode: string | null;
    urgency: string | null;
    createdBy: string | null;
    createdAt: Date;
    receivedAt: Date | null;
  },
): Promise<string> {
  const row = await db
    .insertInto('signals')
    .values({ ...signal, decision: null, route: null, referredTo: null, stageSince: signal.createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateSignal(
  db: Db,
  id: string,
  changes: Partial<{
    stage: string;
    decision: string | null;
    source: string | null;
    description: string | null;
    municipalityCode: string | null;
    urgency: string | null;
    route: string | null;
    referredTo: string | null;
    receivedAt: Date;
    stageSince: Date;
  }>,
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
    type: string;
    at: Date;
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
    .leftJoin('users as u', 'u.id', 'e.userId')
    .leftJoin('partnerOrganisations as o', 'o.id', 'e.organisationId')
    .select([
      'e.id',
      'e.type',
      'e.at',
      'e.userId',
      'u.displayName as userName',
      'o.name as organisationName',
      'e.details',
    ])
    .where('e.signalId', '=', signalId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
}

export async function stageEventsOf(db: Db, signalIds: readonly string[]) {
  if (signalIds.length === 0) return [];
  return db
    .selectFrom('signalEvents')
    .select(['signalId', 'type', 'at'])
    .where('signalId', 'in', signalIds)
    .orderBy('at')
    .execute();
}

/** Organisations of the region (for checking submitted ids). */
export async function organisationsIn(db: Db, regionId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('partnerOrganisations')
    .select(['id', 'name', 'kind'])
    .where('regionId', '=', regionId)
    .where('id', 'in', ids)
    .execute();
}

export async function themesFor(db: Db, regionId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('themes')
    .select('id')
    .where('id', 'in', ids)
    .where((eb) => eb.or([eb('regionId', 'is', null), eb('regionId', '=', regionId)]))
    .execute();
}

export async function municipalityIn(db: Db, regionId: string, code: string) {
  return db
    .selectFrom('municipalities')
    .select(['code', 'districtId'])
    .where('code', '=', code)
    .where('regionId', '=', regionId)
    .executeTakeFirst();
}

// ---- hit/no-hit rounds ----

export async function insertRound(
  db: Db,
  round: {
    signalId: string;
    necessity: string;
    proportionality: string;
    subsidiarity: string;
    deadline: string;
    createdBy: string | null;
    createdAt: Date;
    subjectIds: readonly string[];
    organisationIds: readonly string[];
  },
): Promise<string> {
  const { subjectIds, organisationIds, ...fields } = round;
  const row = await db
    .insertInto('hitcheckRounds')
    .values({ ...fields, closedAt: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('hitcheckRoundSubjects')
    .values(subjectIds.map((subjectId) => ({ roundId: row.id, subjectId })))
    .execute();
  await db
    .insertInto('hitcheckRoundOrganisations')
    .values(organisationIds.map((organisationId) => ({ roundId: row.id, organisationId })))
    .execute();
  return row.id;
}

export async function roundsOf(db: Db, signalIds: readonly string[]) {
  if (signalIds.length === 0) return [];
  return db
    .selectFrom('hitcheckRounds')
    .selectAll()
    .where('signalId', 'in', signalIds)
    .orderBy('createdAt')
    .execute();
}

export async function findRound(db: Db, roundId: string) {
  return db.selectFrom('hitcheckRounds').selectAll().where('id', '=', roundId).executeTakeFirst();
}

export async function roundSubjects(db: Db, roundIds: readonly string[]) {
  if (roundIds.length === 0) return [];
  return db
    .selectFrom('hitcheckRoundSubjects as rs')
    .innerJoin('signalSubjects as s', 's.id', 'rs.subjectId')
    .select(['rs.roundId', 's.id', 's.kind', 's.label', 's.data', 's.position'])
    .where('rs.roundId', 'in', roundIds)
    .orderBy('s.position')
    .execute();
}

export async function roundOrganisations(db: Db, roundIds: readonly string[]) {
  if (roundIds.length === 0) return [];
  return db
    .selectFrom('hitcheckRoundOrganisations as ro')
    .innerJoin('partnerOrganisations as o', 'o.id', 'ro.organisationId')
    .select(['ro.roundId', 'o.id', 'o.name'])
    .where('ro.roundId', 'in', roundIds)
    .orderBy('o.name')
    .execute();
}

export async function roundAnswers(db: Db, roundIds: readonly string[]) {
  if (roundIds.length === 0) return [];
  return db.selectFrom('hitcheckAnswers').selectAll().where('roundId', 'in', roundIds).execute();
}

export async function upsertAnswers(
  db: Db,
  rows: ReadonlyArray<{
    roundId: string;
    subjectId: string;
    organisationId: string;
    answer: string;
    answeredBy: string | null;
    answeredAt: Date;
  }>,
) {
  if (rows.length === 0) return;
  await db
    .insertInto('hitcheckAnswers')
    .values([...rows])
    .onConflict((oc) =>
      oc.columns(['roundId', 'subjectId', 'organisationId']).doUpdateSet((eb) => ({
        answer: eb.ref('excluded.answer'),
        answeredBy: eb.ref('excluded.answeredBy'),
        answeredAt: eb.ref('excluded.answeredAt'),
      })),
    )
    .execute();
}

export async function closeRound(db: Db, roundId: string, at: Date) {
  await db.updateTable('hitcheckRounds').set({ closedAt: at }).where('id', '=', roundId).execute();
}

/** Open rounds addressed to an organisation, newest first. */
export async function roundsAddressedTo(db: Db, organisationId: string, regionId: string) {
  return db
    .selectFrom('hitcheckRoundOrganisations as ro')
    .innerJoin('hitcheckRounds as r', 'r.id', 'ro.roundId')
    .innerJoin('signals as s', 's.id', 'r.signalId')
    .select(['r.id', 'r.deadline', 'r.closedAt', 'r.createdAt'])
    .where('ro.organisationId', '=', organisationId)
    .where('s.regionId', '=', regionId)
    .orderBy('r.createdAt', 'desc')
    .limit(200)
    .execute();
}

// ---- lead times ----

export async function leadTimeStatistics(
  db: Db,
  regionId: string,
  filter: { from?: string | undefined; to?: string | undefined; districtId?: string | undefined },
) {
  const { rows } = await sql<{
    districtId: string;
    month: string;
    decided: number;
    segment: string;
    median: number | null;
    p90: number | null;
  }>`
    with times as (
      select s.id, m.district_id,
        min(e.at) filter (where e.type = 'received') as received,
        min(e.at) filter (where e.type = 'discussed') as discussed,
        min(e.at) filter (where e.type = 'triaged') as triaged,
        min(e.at) filter (where e.type = 'decided') as decided
      from signals s
      join municipalities m on m.code = s.municipality_code
      join signal_events e on e.signal_id = s.id
      where s.region_id = ${regionId} and s.decision is not null and s.decision <> 'withdrawn'
      group by s.id, m.district_id
    ), segments as (
      select district_id, to_char(decided at time zone 'Europe/Amsterdam', 'YYYY-MM') as month, id, 'intakeToLoo' as segment,
        extract(epoch from discussed - received) / 86400 as days from times
      union all select district_id, to_char(decided at time zone 'Europe/Amsterdam', 'YYYY-MM'), id, 'looToTriage',
        extract(epoch from triaged - discussed) / 86400 from times
      union all select district_id, to_char(decided at time zone 'Europe/Amsterdam', 'YYYY-MM'), id, 'triageToDecision',
        extract(epoch from decided - triaged) / 86400 from times
      union all select district_id, to_char(decided at time zone 'Europe/Amsterdam', 'YYYY-MM'), id, 'intakeToDecision',
        extract(epoch from decided - received) / 86400 from times
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

// ---- meetings ----

export async function insertMeeting(
  db: Db,
  meeting: {
    regionId: string;
    districtId: string;
    kind: string;
    date: string;
    createdBy: string | null;
    organisationIds: readonly string[];
    signalIds: readonly string[];
  },
): Promise<string> {
  const { organisationIds, signalIds, ...fields } = meeting;
  const row = await db
    .insertInto('meetings')
    .values({ ...fields, createdAt: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (organisationIds.length)
    await db
      .insertInto('meetingOrganisations')
      .values([...new Set(organisationIds)].map((organisationId) => ({ meetingId: row.id, organisationId })))
      .execute();
  if (signalIds.length)
    await db
      .insertInto('meetingAgenda')
      .values(
        [...new Set(signalIds)].map((signalId, position) => ({
          meetingId: row.id,
          signalId,
          position,
          outcome: null,
          priority: null,
        })),
      )
      .execute();
  return row.id;
}

export async function findMeetings(
  db: Db,
  regionId: string,
  filter: { ids?: string[]; districtId?: string | undefined; kind?: string | undefined },
) {
  let q = db
    .selectFrom('meetings as m')
    .innerJoin('districts as d', 'd.id', 'm.districtId')
    .select([
      'm.id',
      'm.kind',
      'm.date',
      'd.id as districtId',
      'd.name as districtName',
      sql<
        Array<{ id: string; name: string }>
      >`coalesce((select json_agg(json_build_object('id', o.id, 'name', o.name) order by o.name)
        from meeting_organisations mo join partner_organisations o on o.id = mo.organisation_id where mo.meeting_id = m.id), '[]')`.as(
        'organisations',
      ),
      sql<
        Array<{ signalId: string; reference: string; outcome: string | null; priority: number | null }>
      >`coalesce((
        select json_agg(json_build_object('signalId', a.signal_id, 'reference', s.reference, 'outcome', a.outcome, 'priority', a.priority) order by a.position)
        from meeting_agenda a join signals s on s.id = a.signal_id where a.meeting_id = m.id), '[]')`.as(
        'agenda',
      ),
    ])
    .where('m.regionId', '=', regionId);
  if (filter.ids) q = q.where('m.id', 'in', filter.ids);
  if (filter.districtId) q = q.where('m.districtId', '=', filter.districtId);
  if (filter.kind) q = q.where('m.kind', '=', filter.kind);
  return q.orderBy('m.date', 'desc').limit(500).execute();
}

export async function setOutcome(db: Db, meetingId: string, signalId: string, outcome: string) {
  const result = await db
    .updateTable('meetingAgenda')
    .set({ outcome })
    .where('meetingId', '=', meetingId)
    .where('signalId', '=', signalId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function setPriorities(db: Db, meetingId: string, signalIds: readonly string[]) {
  await db.updateTable('meetingAgenda').set({ priority: null }).where('meetingId', '=', meetingId).execute();
  for (const [index, signalId] of signalIds.entries()) {
    await db
      .updateTable('meetingAgenda')
      .set({ priority: index + 1 })
      .where('meetingId', '=', meetingId)
      .where('signalId', '=', signalId)
      .execute();
  }
}

export async function agendaSignals(db: Db, meetingId: string) {
  const rows = await db
    .selectFrom('meetingAgenda')
    .select('signalId')
    .where('meetingId', '=', meetingId)
    .execute();
  return new Set(rows.map((r) => r.signalId));
}
