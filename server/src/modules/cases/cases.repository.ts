import {
  type CaseFilter,
  type CasePhase,
  type CaseSortColumn,
  type Classification,
  type CommunicationRequest,
  type SubjectInput,
  type SubjectRole,
  sortOf,
} from '@samenspel/contracts';
import { type Expression, type ExpressionBuilder, type Insertable, type SqlBool, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db } from '../../db/database.js';
import type {
  AttachmentsTable,
  CaseEventsTable,
  CaseOpenPeriodsTable,
  CaseParticipantsTable,
  CasesTable,
  DB,
  DistrictsTable,
  EvaluationsTable,
} from '../../db/schema.js';
import { batches } from '../../shared/batches.js';

export async function nextReference(db: Db, year: number): Promise<string> {
  const { rows } = await sql<{ n: number }>`select nextval('case_reference_seq')::int as n`.execute(db);
  return `CAS-${year}-${String(rows[0]?.n ?? 0).padStart(4, '0')}`;
}

/** `n` case references in one statement, for an import of many cases: `CAS-<year>-<n>` per year given. */
export async function nextReferences(db: Db, years: readonly number[]): Promise<string[]> {
  if (!years.length) return [];
  const { rows } = await sql<{ n: number }>`
    select nextval('case_reference_seq')::int as n from generate_series(1, ${years.length}::int)`.execute(db);
  return years.map((year, i) => `CAS-${year}-${String(rows[i]?.n ?? 0).padStart(4, '0')}`);
}

/**
 * Cases with their whole record written at once: a case history from an import, each row as the
 * steps on a case would have written it (the caller composes them, with ids made beforehand).
 */
export interface CaseHistoryRows {
  cases: Array<Insertable<CasesTable> & { id: string }>;
  openPeriods: Array<Insertable<CaseOpenPeriodsTable>>;
  origins: Array<{ caseId: string; organisationId: string }>;
  municipalities: Array<{ caseId: string; municipalityCode: string }>;
  themes: Array<{ caseId: string; themeId: string }>;
  participants: Array<Insertable<CaseParticipantsTable>>;
  events: Array<Omit<Insertable<CaseEventsTable>, 'details'> & { details: object }>;
  evaluations: Array<Insertable<EvaluationsTable>>;
}

export async function insertCaseHistories(db: Db, rows: CaseHistoryRows): Promise<void> {
  for (const batch of batches(rows.cases)) await db.insertInto('cases').values(batch).execute();
  for (const batch of batches(rows.openPeriods))
    await db.insertInto('caseOpenPeriods').values(batch).execute();
  for (const batch of batches(rows.origins))
    await db.insertInto('caseOriginOrganisations').values(batch).execute();
  for (const batch of batches(rows.municipalities))
    await db.insertInto('caseMunicipalities').values(batch).execute();
  for (const batch of batches(rows.themes)) await db.insertInto('caseThemes').values(batch).execute();
  for (const batch of batches(rows.participants))
    await db.insertInto('caseParticipants').values(batch).execute();
  for (const batch of batches(rows.events))
    await db
      .insertInto('caseEvents')
      .values(batch.map((e) => ({ ...e, details: JSON.stringify(e.details) })))
      .execute();
  for (const batch of batches(rows.evaluations)) await db.insertInto('evaluations').values(batch).execute();
}

function summaries(db: Db, quarter: string) {
  return db
    .selectFrom('cases as c')
    .leftJoin('districts as d', 'd.id', 'c.districtId')
    .select((eb) => [
      'c.id',
      'c.regionId',
      'c.collaborationId',
      'c.reference',
      'c.codeName',
      'c.origin',
      'c.type',
      'c.phase',
      'c.goal',
      'c.strategy',
      'c.directorId',
      'c.startedOn',
      'c.closedOn',
      'd.id as districtId',
      'd.name as districtName',
      jsonArrayFrom(
        eb
          .selectFrom('caseThemes as ct')
          .innerJoin('themes as t', 't.id', 'ct.themeId')
          .select(['t.id', 't.name'])
          .whereRef('ct.caseId', '=', 'c.id')
          .orderBy('t.name'),
      ).as('themes'),
      eb
        .selectFrom('casePriorities as cp')
        .select('cp.priority')
        .whereRef('cp.caseId', '=', 'c.id')
        .where('cp.quarter', '=', quarter)
        .as('priority'),
    ]);
}

export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

export async function findCase(db: Db, id: string, quarter: string) {
  return summaries(db, quarter).where('c.id', '=', id).executeTakeFirst();
}

type Reachable = (eb: ExpressionBuilder<DB & { c: CasesTable }, 'c'>) => Expression<SqlBool>;

/** What a list of cases is narrowed to; `organisationId` is the caller's, for "own organisation". */
export type CaseListFilter = CaseFilter & { organisationId?: string; quarter: string };

/** The filter as conditions, beside the access rule's predicate. */
function narrowedBy(f: CaseListFilter) {
  return (eb: ExpressionBuilder<DB & { c: CasesTable; d: DistrictsTable }, 'c' | 'd'>) => {
    const all: Expression<SqlBool>[] = [];
    if (f.signalId)
      all.push(
        eb.exists(
          eb
            .selectFrom('caseSignals as cs')
            .select(sql`1`.as('x'))
            .whereRef('cs.caseId', '=', 'c.id')
            .where('cs.signalId', '=', f.signalId),
        ),
      );
    if (f.districtId) all.push(eb('c.districtId', '=', f.districtId));
    if (f.regional) all.push(eb('c.districtId', 'is', null));
    if (f.phase) all.push(eb('c.phase', '=', f.phase));
    if (f.open) all.push(eb('c.phase', '<>', 'closed'));
    if (f.from) all.push(eb('c.startedOn', '>=', f.from));
    if (f.to) all.push(eb('c.startedOn', '<=', f.to));
    if (f.themeId)
      all.push(
        eb.exists(
          eb
            .selectFrom('caseThemes as ct')
            .select(sql`1`.as('x'))
            .whereRef('ct.caseId', '=', 'c.id')
            .where('ct.themeId', '=', f.themeId),
        ),
      );
    if (f.municipalityCode)
      all.push(
        eb.exists(
          eb
            .selectFrom('caseMunicipalities as cm')
            .select(sql`1`.as('x'))
            .whereRef('cm.caseId', '=', 'c.id')
            .where('cm.municipalityCode', '=', f.municipalityCode),
        ),
      );
    if (f.own && f.organisationId)
      all.push(
        eb.exists(
          eb
            .selectFrom('caseParticipants as p')
            .select(sql`1`.as('x'))
            .whereRef('p.caseId', '=', 'c.id')
            .where('p.organisationId', '=', f.organisationId)
            .where('p.removedAt', 'is', null),
        ),
      );
    if (f.priority)
      all.push(
        eb.exists(
          eb
            .selectFrom('casePriorities as cp')
            .select(sql`1`.as('x'))
            .whereRef('cp.caseId', '=', 'c.id')
            .where('cp.quarter', '=', f.quarter)
            .where('cp.priority', '=', f.priority),
        ),
      );
    return eb.and(all);
  };
}

function sortExpression(column: CaseSortColumn, quarter: string) {
  switch (column) {
    case 'codeName':
      return sql`lower(c.code_name)`;
    case 'reference':
      return sql`c.reference`;
    case 'phase':
      return sql`array_position(array['start', 'information', 'analysis', 'intervention', 'evaluation', 'closed'], c.phase)`;
    case 'district':
      return sql`d.name`;
    case 'startedOn':
      return sql`c.started_on`;
    case 'priority':
      return sql`(select cp.priority from case_priorities cp where cp.case_id = c.id and cp.quarter = ${quarter})`;
  }
}

/**
 * One page of the cases a predicate reaches (the access rule's, never a copy of it), filtered
 * and sorted, with how many the filter selects in all. Empty values sort last either way.
 */
export async function listCases(
  db: Db,
  reachable: Reachable,
  filter: CaseListFilter,
  order: { sort: string; offset: number; limit: number },
) {
  const { column, descending } = sortOf<CaseSortColumn>(order.sort);
  const direction = descending ? sql`desc nulls last` : sql`asc nulls last`;
  const [rows, count] = await Promise.all([
    summaries(db, filter.quarter)
      .where(reachable)
      .where(narrowedBy(filter))
      .orderBy(sql`${sortExpression(column, filter.quarter)} ${direction}`)
      .orderBy('c.reference', descending ? 'desc' : 'asc')
      .offset(order.offset)
      .limit(order.limit)
      .execute(),
    db
      .selectFrom('cases as c')
      .leftJoin('districts as d', 'd.id', 'c.districtId')
      .where(reachable)
      .where(narrowedBy(filter))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

export async function insertCase(
  db: Db,
  c: Pick<
    CasesTable,
    | 'regionId'
    | 'reference'
    | 'codeName'
    | 'origin'
    | 'districtId'
    | 'type'
    | 'directorId'
    | 'startedOn'
    | 'createdBy'
    | 'collaborationId'
  > & { createdAt: Date },
): Promise<string> {
  const row = await db
    .insertInto('cases')
    .values({ ...c, phase: 'start', goal: null, strategy: null, closedOn: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('caseOpenPeriods')
    .values({ caseId: row.id, openedOn: c.startedOn, closedOn: null })
    .execute();
  return row.id;
}

/** Ends the open period at closure, or opens a new one at reopening: what "handled" counts. */
export async function closeOpenPeriod(db: Db, caseId: string, on: string): Promise<void> {
  await db
    .updateTable('caseOpenPeriods')
    .set({ closedOn: on })
    .where('caseId', '=', caseId)
    .where('closedOn', 'is', null)
    .execute();
}

export async function openPeriod(db: Db, caseId: string, on: string): Promise<void> {
  await db
    .insertInto('caseOpenPeriods')
    .values({ caseId, openedOn: on, closedOn: null })
    .onConflict((oc) => oc.columns(['caseId', 'openedOn']).doUpdateSet({ closedOn: null }))
    .execute();
}

export async function updateCase(
  db: Db,
  id: string,
  changes: Partial<{ phase: CasePhase; goal: string; strategy: string; closedOn: string | null }>,
) {
  await db.updateTable('cases').set(changes).where('id', '=', id).execute();
}

export async function linkMany(
  db: Db,
  caseId: string,
  links: { signals?: string[]; origins?: string[]; municipalities?: string[]; themes?: string[] },
) {
  if (links.signals?.length)
    await db
      .insertInto('caseSignals')
      .values([...new Set(links.signals)].map((signalId) => ({ caseId, signalId })))
      .execute();
  if (links.origins?.length)
    await db
      .insertInto('caseOriginOrganisations')
      .values([...new Set(links.origins)].map((organisationId) => ({ caseId, organisationId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  if (links.municipalities?.length)
    await db
      .insertInto('caseMunicipalities')
      .values([...new Set(links.municipalities)].map((municipalityCode) => ({ caseId, municipalityCode })))
      .execute();
  if (links.themes?.length)
    await db
      .insertInto('caseThemes')
      .values([...new Set(links.themes)].map((themeId) => ({ caseId, themeId })))
      .execute();
}

/** Which of the signals are already in a case. */
export async function signalsInCases(db: Db, signalIds: readonly string[]): Promise<Set<string>> {
  if (signalIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('caseSignals')
    .select('signalId')
    .where('signalId', 'in', signalIds)
    .execute();
  return new Set(rows.map((r) => r.signalId));
}

/** The signals each case came from. */
export async function signalsOfCases(db: Db, caseIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (caseIds.length === 0) return out;
  const rows = await db
    .selectFrom('caseSignals')
    .select(['caseId', 'signalId'])
    .where('caseId', 'in', caseIds)
    .execute();
  for (const r of rows) out.set(r.caseId, [...(out.get(r.caseId) ?? []), r.signalId]);
  return out;
}

export async function insertEvent(
  db: Db,
  e: {
    caseId: string;
    type: string;
    at: Date;
    happenedOn: string;
    userId: string | null;
    organisationId: string | null;
    details?: object;
  },
) {
  await db
    .insertInto('caseEvents')
    .values({ ...e, details: JSON.stringify(e.details ?? {}) })
    .execute();
}

/** The case's events with the dates they happened: what a next step may not precede. */
export async function datedEvents(db: Db, caseId: string) {
  return db
    .selectFrom('caseEvents')
    .select(['type', 'happenedOn', 'details'])
    .where('caseId', '=', caseId)
    .orderBy('happenedOn')
    .orderBy('at')
    .execute();
}

export async function currentParticipants(db: Db, caseId: string) {
  return db
    .selectFrom('caseParticipants')
    .select('organisationId')
    .where('caseId', '=', caseId)
    .where('removedAt', 'is', null)
    .execute();
}

export async function addParticipant(
  db: Db,
  caseId: string,
  organisationId: string,
  reason: string,
  at: Date,
) {
  await db
    .insertInto('caseParticipants')
    .values({
      caseId,
      organisationId,
      addedAt: at,
      addedReason: reason,
      removedAt: null,
      removedReason: null,
    })
    .execute();
}

export async function removeParticipant(
  db: Db,
  caseId: string,
  organisationId: string,
  reason: string,
  at: Date,
) {
  const result = await db
    .updateTable('caseParticipants')
    .set({ removedAt: at, removedReason: reason })
    .where('caseId', '=', caseId)
    .where('organisationId', '=', organisationId)
    .where('removedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function insertSubject(
  db: Db,
  s: {
    caseId: string;
    role: SubjectRole;
    label: string;
    data: SubjectInput;
    signalSubjectId: string | null;
    addedAt: Date;
  },
): Promise<string> {
  const row = await db
    .insertInto('caseSubjects')
    .values({ ...s, kind: s.data.kind, data: JSON.stringify(s.data) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function subjectOf(db: Db, caseId: string, id: string) {
  return db
    .selectFrom('caseSubjects')
    .select('data')
    .where('id', '=', id)
    .where('caseId', '=', caseId)
    .executeTakeFirst();
}

export async function insertProvision(
  db: Db,
  p: {
    caseId: string;
    collaborationId: string;
    organisationId: string;
    subjectId: string | null;
    providedOn: string;
    legalBasisId: string;
    classification: Classification;
    title: string;
    body: string;
    createdBy: string | null;
    createdAt: Date;
  },
): Promise<void> {
  await db.insertInto('provisions').values(p).execute();
}

export async function provisionOf(db: Db, caseId: string, id: string) {
  return db
    .selectFrom('provisions')
    .select('id')
    .where('id', '=', id)
    .where('caseId', '=', caseId)
    .executeTakeFirst();
}

export async function insertCommunication(
  db: Db,
  c: Required<CommunicationRequest> & { caseId: string },
): Promise<void> {
  await db.insertInto('communications').values(c).execute();
}

export async function isEvaluated(db: Db, caseId: string): Promise<boolean> {
  const row = await db
    .selectFrom('evaluations')
    .select('caseId')
    .where('caseId', '=', caseId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function saveEvaluation(
  db: Db,
  e: {
    caseId: string;
    whatWorked: string | null;
    whatDidNot: string | null;
    lessons: string | null;
    waivedReason: string | null;
    recordedAt: Date;
    recordedBy: string | null;
  },
): Promise<void> {
  const { caseId, ...fields } = e;
  await db
    .insertInto('evaluations')
    .values(e)
    .onConflict((oc) => oc.column('caseId').doUpdateSet(fields))
    .execute();
}

export async function setPriority(
  db: Db,
  p: { caseId: string; quarter: string; priority: number; setBy: string | null; setAt: Date },
): Promise<void> {
  await db
    .insertInto('casePriorities')
    .values(p)
    .onConflict((oc) =>
      oc.columns(['caseId', 'quarter']).doUpdateSet({ priority: p.priority, setBy: p.setBy, setAt: p.setAt }),
    )
    .execute();
}

export async function detailParts(db: Db, caseId: string) {
  const [
    municipalities,
    origins,
    signalIds,
    participants,
    events,
    subjects,
    provisions,
    communications,
    evaluation,
  ] = await Promise.all([
    db
      .selectFrom('caseMunicipalities as cm')
      .innerJoin('municipalities as m', 'm.code', 'cm.municipalityCode')
      .select(['m.code', 'm.name'])
      .where('cm.caseId', '=', caseId)
      .orderBy('m.name')
      .execute(),
    db
      .selectFrom('caseOriginOrganisations as co')
      .innerJoin('partnerOrganisations as o', 'o.id', 'co.organisationId')
      .select(['o.id', 'o.name'])
      .where('co.caseId', '=', caseId)
      .execute(),
    db.selectFrom('caseSignals').select('signalId').where('caseId', '=', caseId).execute(),
    db
      .selectFrom('caseParticipants as p')
      .innerJoin('partnerOrganisations as o', 'o.id', 'p.organisationId')
      .select(['o.id', 'o.name', 'p.addedAt', 'p.addedReason', 'p.removedAt', 'p.removedReason'])
      .where('p.caseId', '=', caseId)
      .orderBy('p.addedAt')
      .execute(),
    db
      .selectFrom('caseEvents')
      .select(['type', 'happenedOn', 'at', 'userId', 'details'])
      .where('caseId', '=', caseId)
      .orderBy('happenedOn')
      .orderBy('at')
      .execute(),
    db.selectFrom('caseSubjects').selectAll().where('caseId', '=', caseId).orderBy('addedAt').execute(),
    db
      .selectFrom('provisions as p')
      .innerJoin('partnerOrganisations as o', 'o.id', 'p.organisationId')
      .innerJoin('legalBases as b', 'b.id', 'p.legalBasisId')
      .select([
        'p.id',
        'o.id as organisationId',
        'o.name as organisationName',
        'p.subjectId',
        'p.providedOn',
        'b.id as basisId',
        'b.code as basisCode',
        'b.name as basisName',
        'p.classification',
        'p.title',
        'p.body',
      ])
      .where('p.caseId', '=', caseId)
      .orderBy('p.providedOn')
      .execute(),
    db.selectFrom('communications').selectAll().where('caseId', '=', caseId).orderBy('onDate').execute(),
    db.selectFrom('evaluations').selectAll().where('caseId', '=', caseId).executeTakeFirst(),
  ]);
  return {
    municipalities,
    origins,
    signalIds: signalIds.map((s) => s.signalId),
    participants,
    events,
    subjects,
    provisions,
    communications,
    evaluation,
  };
}
export type DetailParts = Awaited<ReturnType<typeof detailParts>>;

/** Per case: how many provisions it has and whether it was evaluated (or the evaluation waived). */
export async function progressOf(
  db: Db,
  caseIds: readonly string[],
): Promise<Map<string, { provisions: number; evaluated: boolean }>> {
  const out = new Map<string, { provisions: number; evaluated: boolean }>();
  if (caseIds.length === 0) return out;
  const [provisions, evaluations] = await Promise.all([
    db
      .selectFrom('provisions')
      .select((eb) => ['caseId', eb.fn.countAll<number>().as('n')])
      .where('caseId', 'in', caseIds)
      .groupBy('caseId')
      .execute(),
    db.selectFrom('evaluations').select('caseId').where('caseId', 'in', caseIds).execute(),
  ]);
  for (const id of caseIds) out.set(id, { provisions: 0, evaluated: false });
  for (const r of provisions) out.set(r.caseId, { provisions: Number(r.n), evaluated: false });
  for (const r of evaluations) {
    const p = out.get(r.caseId);
    if (p) p.evaluated = true;
  }
  return out;
}

/** The subjects of the cases, with the case each belongs to. */
export async function subjectsOfCases(db: Db, caseIds: readonly string[]) {
  if (caseIds.length === 0) return [];
  return db
    .selectFrom('caseSubjects')
    .select(['id', 'caseId', 'kind', 'data'])
    .where('caseId', 'in', caseIds)
    .orderBy('caseId')
    .orderBy('addedAt')
    .execute();
}

/** How people name cases, by id: the code name with its reference ("Schaar (CAS-2026-0012)"). */
export async function namesOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'reference', 'codeName'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, `${r.codeName} (${r.reference})`]));
}

/** The references of cases, by id. */
export async function referencesOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('cases').select(['id', 'reference']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.reference]));
}

// ---- attachments ----

export async function attachmentsOf(db: Db, caseId: string) {
  return db
    .selectFrom('attachments as a')
    .innerJoin('partnerOrganisations as o', 'o.id', 'a.organisationId')
    .select([
      'a.id',
      'a.title',
      'a.documentType',
      'a.classification',
      'a.fileName',
      'a.contentType',
      'a.sizeBytes',
      'o.id as organisationId',
      'o.name as organisationName',
      'a.provisionId',
      'a.uploadedAt',
    ])
    .where('a.caseId', '=', caseId)
    .orderBy('a.uploadedAt')
    .execute();
}

/** The collaboration a case's records belong to. */
export async function collaborationOfCase(db: Db, caseId: string): Promise<string> {
  const row = await db
    .selectFrom('cases')
    .select('collaborationId')
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  return row.collaborationId;
}

export async function insertAttachment(
  db: Db,
  a: Omit<Insertable<AttachmentsTable>, 'id'> & { uploadedAt: Date },
): Promise<string> {
  const row = await db.insertInto('attachments').values(a).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findAttachment(db: Db, caseId: string, id: string) {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('id', '=', id)
    .where('caseId', '=', caseId)
    .executeTakeFirst();
}

/**
 * The open cases a predicate reaches, for a start page; with `directorId`, only those that user
 * directs (a filter on what the predicate reaches, never a scope).
 */
export async function openCases(
  db: Db,
  reachable: (eb: ExpressionBuilder<DB & { c: CasesTable }, 'c'>) => Expression<SqlBool>,
  filter: { quarter: string; directorId?: string },
) {
  let q = summaries(db, filter.quarter).where(reachable).where('c.phase', '<>', 'closed');
  if (filter.directorId) q = q.where('c.directorId', '=', filter.directorId);
  return q.orderBy('c.startedOn', 'asc').limit(500).execute();
}

// ---- searching ----

/**
 * The cases a predicate reaches whose reference starts so, or whose code name holds the text
 * (case and diacritics aside), at most `limit`: exact code names first.
 */
export async function casesByName(
  db: Db,
  reachable: Reachable,
  by: { reference: string } | { codeName: string },
  limit: number,
) {
  const strip = (v: string) => v.replace(/[%_\\]/g, '');
  const folded = sql<string>`translate(replace(replace(lower(c.code_name), 'ij', 'y'), '-', ' '), 'áàâäãéèêëíìîïóòôöõúùûüýÿçñ', 'aaaaaeeeeiiiiooooouuuuyycn')`;
  let q = db
    .selectFrom('cases as c')
    .leftJoin('districts as d', 'd.id', 'c.districtId')
    .where(reachable)
    .select(['c.id', 'c.reference', 'c.codeName', 'c.phase', 'd.name as district']);
  if ('reference' in by)
    q = q.where('c.reference', 'like', `${strip(by.reference)}%`).orderBy('c.reference', 'desc');
  else
    q = q
      .where(folded, 'like', `%${strip(by.codeName)}%`)
      .orderBy(sql`${folded} = ${strip(by.codeName)}`, 'desc')
      .orderBy('c.startedOn', 'desc');
  return q.limit(limit).execute();
}

/** The cases of a region open at some time within a period (started by its end, not closed before its start). */
export async function openWithin(db: Db, regionId: string, from: string, to: string): Promise<string[]> {
  const rows = await db
    .selectFrom('cases')
    .select('id')
    .where('regionId', '=', regionId)
    .where('startedOn', '<=', to)
    .where((eb) => eb.or([eb('closedOn', 'is', null), eb('closedOn', '>=', from)]))
    .execute();
  return rows.map((r) => r.id);
}

/** Cases still holding content, locked for their destruction, with the signals they came from. */
export async function lockForDestruction(db: Db, ids: readonly string[]) {
  if (!ids.length) return [];
  const { rows } = await sql<{ id: string; signalIds: string[] }>`
    select c.id, coalesce(array_agg(cs.signal_id) filter (where cs.signal_id is not null), '{}') as "signalIds"
    from (select id from cases where id = any(${ids}::uuid[]) and destroyed_at is null for update) c
    left join case_signals cs on cs.case_id = c.id
    group by c.id`.execute(db.withoutPlugins());
  return rows;
}

/**
 * Destroys cases' content, in the caller's transaction: subjects, information provisions,
 * attachments, communications and every text (goal, strategy, code name, evaluation, the reasons
 * of steps and participation) go; what the accountability figures count stays (district,
 * municipalities, themes, origin, participants, phases and their dates) and the case is marked
 * destroyed. Returns the attachments' stored files, for the caller to remove after the commit.
 */
export async function destroyContent(db: Db, ids: readonly string[], at: Date): Promise<string[]> {
  if (!ids.length) return [];
  const files = await db
    .deleteFrom('attachments')
    .where('caseId', 'in', ids)
    .returning('storageName')
    .execute();
  await db.deleteFrom('provisions').where('caseId', 'in', ids).execute();
  await db.deleteFrom('caseSubjects').where('caseId', 'in', ids).execute();
  await db.deleteFrom('communications').where('caseId', 'in', ids).execute();
  await db
    .updateTable('evaluations')
    // Emptied, not removed: whether a case was evaluated or the evaluation waived is counted.
    .set({
      whatWorked: sql`case when what_worked is null then null else '' end`,
      whatDidNot: null,
      lessons: null,
      waivedReason: sql`case when waived_reason is null then null else '' end`,
    })
    .where('caseId', 'in', ids)
    .execute();
  await db
    .updateTable('caseEvents')
    // The steps keep what is counted (the phase moved to and from), not what was written.
    .set({
      details: sql`jsonb_strip_nulls(jsonb_build_object('to', details->'to', 'from', details->'from'))`,
    })
    .where('caseId', 'in', ids)
    .execute();
  await db
    .updateTable('caseParticipants')
    .set({ addedReason: '', removedReason: sql`case when removed_at is null then null else '' end` })
    .where('caseId', 'in', ids)
    .execute();
  await db
    .updateTable('cases')
    .set({ goal: null, strategy: null, codeName: 'Vernietigd', destroyedAt: at })
    .where('id', 'in', ids)
    .execute();
  return files.map((f) => f.storageName);
}

/** Deletes attachments (by id) of cases; returns their stored files, to remove after the commit. */
export async function deleteAttachments(db: Db, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db.deleteFrom('attachments').where('id', 'in', ids).returning('storageName').execute();
  return rows.map((r) => r.storageName);
}
