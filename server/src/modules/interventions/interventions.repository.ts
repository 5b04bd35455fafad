import type { AdviceStatus, InterventionKind, ResultRequest } from '@samenspel/contracts';
import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { AdvicesTable, InterventionsTable, ResultsTable } from '../../db/schema.js';
import { batches } from '../../shared/batches.js';

/** Adds the catalogue's interventions to each region; existing ones stay. */
export async function loadCatalogue(
  db: Db,
  regionIds: readonly string[],
  entries: ReadonlyArray<{ kind: InterventionKind; code: string; name: string }>,
): Promise<void> {
  for (const regionId of regionIds)
    await db
      .insertInto('interventionCatalogue')
      .values(entries.map((c) => ({ ...c, regionId })))
      .onConflict((oc) => oc.columns(['regionId', 'code']).doNothing())
      .execute();
}

export async function catalogue(db: Db, regionId: string) {
  return db
    .selectFrom('interventionCatalogue')
    .select(['id', 'kind', 'code', 'name'])
    .where('regionId', '=', regionId)
    .orderBy('kind')
    .orderBy('name')
    .execute();
}

export async function catalogueEntry(db: Db, regionId: string, id: string) {
  return db
    .selectFrom('interventionCatalogue')
    .select('id')
    .where('id', '=', id)
    .where('regionId', '=', regionId)
    .executeTakeFirst();
}

export async function insertMatrixEntry(
  db: Db,
  m: { caseId: string; barrier: string; catalogueId: string; organisationId: string; chosen: boolean },
): Promise<void> {
  await db.insertInto('caseMatrix').values(m).execute();
}

/**
 * A case history's advices, interventions and results written at once (from an import), with ids
 * made beforehand so that an intervention names its advice and a payment its confiscation.
 */
export interface InterventionHistoryRows {
  advices: Array<Insertable<AdvicesTable> & { id: string }>;
  interventions: Array<Insertable<InterventionsTable> & { id: string }>;
  results: Array<Insertable<ResultsTable> & { id: string }>;
}

export async function insertInterventionHistories(db: Db, rows: InterventionHistoryRows): Promise<void> {
  for (const batch of batches(rows.advices)) await db.insertInto('advices').values(batch).execute();
  for (const batch of batches(rows.interventions))
    await db.insertInto('interventions').values(batch).execute();
  // Confiscations before the payments that name them.
  const ordered = [
    ...rows.results.filter((r) => !r.confiscationId),
    ...rows.results.filter((r) => r.confiscationId),
  ];
  for (const batch of batches(ordered)) await db.insertInto('results').values(batch).execute();
}

export async function insertAdvice(
  db: Db,
  a: {
    caseId: string;
    kind: InterventionKind;
    organisationId: string;
    givenOn: string;
    description: string;
    createdBy: string | null;
  },
): Promise<void> {
  await db
    .insertInto('advices')
    .values({ ...a, status: 'given' })
    .execute();
}

export async function adviceOf(db: Db, caseId: string, id: string) {
  return db
    .selectFrom('advices')
    .select(['id', 'givenOn', 'organisationId'])
    .where('id', '=', id)
    .where('caseId', '=', caseId)
    .executeTakeFirst();
}

/** Sets an advice's status; false when the case has no such advice. */
export async function setAdviceStatus(
  db: Db,
  caseId: string,
  adviceId: string,
  status: AdviceStatus,
): Promise<boolean> {
  const result = await db
    .updateTable('advices')
    .set({ status })
    .where('id', '=', adviceId)
    .where('caseId', '=', caseId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function insertIntervention(
  db: Db,
  i: {
    caseId: string;
    adviceId: string | null;
    kind: InterventionKind;
    organisationId: string;
    carriedOutOn: string;
    description: string;
    outcome: string | null;
  },
): Promise<void> {
  await db.insertInto('interventions').values(i).execute();
}

export async function interventionOf(db: Db, caseId: string, id: string) {
  return db
    .selectFrom('interventions')
    .select(['id', 'carriedOutOn', 'organisationId'])
    .where('id', '=', id)
    .where('caseId', '=', caseId)
    .executeTakeFirst();
}

export async function insertResult(
  db: Db,
  r: Omit<ResultRequest, 'interventionId' | 'confiscationId'> & {
    caseId: string;
    interventionId: string | null;
    confiscationId: string | null;
    organisationId: string;
    recordedOn: string;
  },
): Promise<void> {
  await db
    .insertInto('results')
    .values({
      caseId: r.caseId,
      interventionId: r.interventionId,
      confiscationId: r.confiscationId,
      kind: r.kind,
      organisationId: r.organisationId,
      imposedCents: r.imposedCents ?? null,
      imposedOn: r.imposedOn ?? null,
      collectedCents: r.collectedCents ?? null,
      collectedOn: r.collectedOn ?? null,
      settledCents: r.settledCents ?? null,
      settledOn: r.settledOn ?? null,
      count: r.count ?? null,
      description: r.description ?? null,
      recordedOn: r.recordedOn,
    })
    .execute();
}

/**
 * A confiscation imposed on the case (not itself a later payment), with what was collected or
 * settled on it so far: on its own result and on the results recorded later against it.
 */
export async function confiscationOf(db: Db, caseId: string, id: string) {
  const row = await db
    .selectFrom('results as r')
    .select((eb) => [
      'r.imposedOn',
      'r.organisationId',
      eb.fn.coalesce('r.imposedCents', sql<number>`0`).as('imposedCents'),
      sql<string>`coalesce(r.collected_cents, 0) + coalesce(r.settled_cents, 0) + coalesce((
        select sum(coalesce(p.collected_cents, 0) + coalesce(p.settled_cents, 0))
        from results p where p.confiscation_id = r.id), 0)`.as('paidCents'),
    ])
    .where('r.id', '=', id)
    .where('r.caseId', '=', caseId)
    .where('r.kind', '=', 'confiscation')
    .where('r.confiscationId', 'is', null)
    .executeTakeFirst();
  return row
    ? { ...row, imposedCents: Number(row.imposedCents), paidCents: Number(row.paidCents) }
    : undefined;
}

/** A case's intervention matrix, advices, interventions and results. */
export async function ofCase(db: Db, caseId: string) {
  const [matrix, advices, interventions, results] = await Promise.all([
    db
      .selectFrom('caseMatrix as x')
      .innerJoin('interventionCatalogue as c', 'c.id', 'x.catalogueId')
      .innerJoin('partnerOrganisations as o', 'o.id', 'x.organisationId')
      .select([
        'x.id',
        'x.barrier',
        'c.id as catalogueId',
        'c.kind',
        'c.name as interventionName',
        'o.id as organisationId',
        'o.name as organisationName',
        'x.chosen',
      ])
      .where('x.caseId', '=', caseId)
      .execute(),
    db
      .selectFrom('advices as a')
      .innerJoin('partnerOrganisations as o', 'o.id', 'a.organisationId')
      .select([
        'a.id',
        'a.kind',
        'o.id as organisationId',
        'o.name as organisationName',
        'a.givenOn',
        'a.status',
        'a.description',
      ])
      .where('a.caseId', '=', caseId)
      .orderBy('a.givenOn')
      .execute(),
    db
      .selectFrom('interventions as i')
      .innerJoin('partnerOrganisations as o', 'o.id', 'i.organisationId')
      .select([
        'i.id',
        'i.adviceId',
        'i.kind',
        'o.id as organisationId',
        'o.name as organisationName',
        'i.carriedOutOn',
        'i.description',
        'i.outcome',
      ])
      .where('i.caseId', '=', caseId)
      .orderBy('i.carriedOutOn')
      .execute(),
    db
      .selectFrom('results as r')
      .innerJoin('partnerOrganisations as o', 'o.id', 'r.organisationId')
      .select([
        'r.id',
        'r.interventionId',
        'r.confiscationId',
        'r.kind',
        'o.id as organisationId',
        'o.name as organisationName',
        'r.imposedCents',
        'r.imposedOn',
        'r.collectedCents',
        'r.collectedOn',
        'r.settledCents',
        'r.settledOn',
        'r.count',
        'r.description',
      ])
      .where('r.caseId', '=', caseId)
      // In the order they were recorded, and on one day by the dates they happened.
      .orderBy('r.recordedOn')
      .orderBy(sql`coalesce(r.imposed_on, r.collected_on, r.settled_on)`)
      .orderBy('r.id')
      .execute(),
  ]);
  return { matrix, advices, interventions, results };
}

/** The date of each case's first intervention. */
export async function firstCarriedOut(db: Db, caseIds: readonly string[]): Promise<Map<string, string>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('interventions')
    .select((eb) => ['caseId', eb.fn.min('carriedOutOn').as('first')])
    .where('caseId', 'in', caseIds)
    .groupBy('caseId')
    .execute();
  return new Map(rows.map((r) => [r.caseId, String(r.first)]));
}

/** What a case's matrix, advices and interventions count, and its first advice still open. */
export interface InterventionProgress {
  matrixEntries: number;
  advices: number;
  interventions: number;
  openAdvice: { organisation: { id: string; name: string } } | null;
}

/**
 * How far each case's interventions have come, for its next action: its matrix entries, advices
 * and interventions, and the first advice (by date) given or adopted without an intervention yet.
 */
export async function progressOf(
  db: Db,
  caseIds: readonly string[],
): Promise<Map<string, InterventionProgress>> {
  const out = new Map<string, InterventionProgress>();
  if (caseIds.length === 0) return out;
  const count = (table: 'caseMatrix' | 'advices' | 'interventions') =>
    db
      .selectFrom(table)
      .select((eb) => ['caseId', eb.fn.countAll<number>().as('n')])
      .where('caseId', 'in', caseIds)
      .groupBy('caseId')
      .execute();
  const [matrix, advices, interventions, open] = await Promise.all([
    count('caseMatrix'),
    count('advices'),
    count('interventions'),
    db
      .selectFrom('advices as a')
      .innerJoin('partnerOrganisations as o', 'o.id', 'a.organisationId')
      .select(['a.caseId', 'o.id', 'o.name'])
      .distinctOn('a.caseId')
      .where('a.caseId', 'in', caseIds)
      .where('a.status', 'in', ['given', 'adopted'])
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('interventions as i').select(sql`1`.as('x')).whereRef('i.adviceId', '=', 'a.id'),
          ),
        ),
      )
      .orderBy('a.caseId')
      .orderBy('a.givenOn')
      .execute(),
  ]);
  const of = (id: string) => {
    let p = out.get(id);
    if (!p) {
      p = { matrixEntries: 0, advices: 0, interventions: 0, openAdvice: null };
      out.set(id, p);
    }
    return p;
  };
  for (const r of matrix) of(r.caseId).matrixEntries = Number(r.n);
  for (const r of advices) of(r.caseId).advices = Number(r.n);
  for (const r of interventions) of(r.caseId).interventions = Number(r.n);
  for (const r of open) of(r.caseId).openAdvice = { organisation: { id: r.id, name: r.name } };
  return out;
}

/**
 * Clears the text of destroyed cases' matrix, advices, interventions and results: the kinds,
 * partners, dates and amounts stay for the accountability figures.
 */
export async function clearCaseTexts(db: Db, caseIds: readonly string[]): Promise<void> {
  if (!caseIds.length) return;
  await db.deleteFrom('caseMatrix').where('caseId', 'in', caseIds).execute();
  await db.updateTable('advices').set({ description: '' }).where('caseId', 'in', caseIds).execute();
  await db
    .updateTable('interventions')
    .set({ description: '', outcome: null })
    .where('caseId', 'in', caseIds)
    .execute();
  await db.updateTable('results').set({ description: null }).where('caseId', 'in', caseIds).execute();
}
