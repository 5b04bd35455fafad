import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type {
  ImportedCaseSubjectsTable,
  ImportedCasesTable,
  ImportJobsTable,
  ImportsTable,
} from '../../db/schema.js';
import { batches } from '../../shared/batches.js';
import type { ImportedRecord } from './pipeline.records.js';

export async function insertImport(db: Db, row: Insertable<ImportsTable> & { id: string }): Promise<string> {
  const { id } = await db.insertInto('imports').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Whom an import is shown to: the kinds they may run, and those of them they see their own of only. */
export interface ImportScope {
  regionId: string;
  organisationId: string;
  userId: string | null;
  kinds: readonly string[];
  ownOnly: readonly string[];
}

/**
 * The imports a person may see: their own organisation's, in their region, of the kinds they may
 * run; of a kind whose records each have their own scope, their own imports only. The one rule
 * for the list and for a single import (its report, its error file).
 */
export function reachableImports(db: Db, who: ImportScope) {
  let q = db
    .selectFrom('imports as i')
    .selectAll('i')
    .where('i.regionId', '=', who.regionId)
    .where('i.organisationId', '=', who.organisationId);
  q = who.kinds.length ? q.where('i.kind', 'in', who.kinds) : q.where((eb) => eb.val(false));
  // Kinds whose records each have their own scope (a case's subjects): the importer's own only.
  if (who.ownOnly.length)
    q = q.where((eb) => eb.or([eb('i.kind', 'not in', who.ownOnly), eb('i.createdBy', '=', who.userId)]));
  return q;
}

export type ImportRow = Awaited<ReturnType<ReturnType<typeof reachableImports>['executeTakeFirstOrThrow']>>;

export async function savedMapping(
  db: Db,
  organisationId: string,
  kind: string,
): Promise<Record<string, string> | null> {
  const row = await db
    .selectFrom('importMappings')
    .select('mapping')
    .where('organisationId', '=', organisationId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row?.mapping ?? null;
}

export async function saveMapping(
  db: Db,
  organisationId: string,
  kind: string,
  mapping: Record<string, string>,
  at: Date,
): Promise<void> {
  await db
    .insertInto('importMappings')
    .values({ organisationId, kind, mapping: JSON.stringify(mapping), updatedAt: at })
    .onConflict((oc) =>
      oc.columns(['organisationId', 'kind']).doUpdateSet({
        mapping: (eb) => eb.ref('excluded.mapping'),
        updatedAt: (eb) => eb.ref('excluded.updatedAt'),
      }),
    )
    .execute();
}

/** Destroys imports' error files: the rejected rows as read and their problems; the counts stay. */
export async function clearErrorRows(db: Db, ids: readonly string[]): Promise<number> {
  if (!ids.length) return 0;
  const result = await db
    .updateTable('imports')
    .set({ errorRows: JSON.stringify({ header: [], rows: [] }), problems: '[]', skippedRows: '[]' })
    .where('id', 'in', ids)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The cases imported before under these source numbers: the case each became (null: destroyed since) and its history's fingerprint. */
export async function importedCases(db: Db, regionId: string, sourceKeys: readonly string[]) {
  if (!sourceKeys.length) return [];
  return db
    .selectFrom('importedCases')
    .select(['sourceKey', 'caseId', 'fingerprint'])
    .where('regionId', '=', regionId)
    .where('sourceKey', '=', sql<string>`any(${[...sourceKeys]}::text[])`)
    .execute();
}

export async function recordImportedCases(db: Db, rows: ReadonlyArray<Insertable<ImportedCasesTable>>) {
  for (const batch of batches(rows)) await db.insertInto('importedCases').values(batch).execute();
}

/**
 * The kinds whose records are kept per importing organisation (two partners may number alike),
 * each in a table of its own so that its record's key can follow the record (set null when it is
 * deleted): the table and the column of the record.
 */
const byOrganisation = {
  signals: { table: 'imported_signals', record: 'signal_id' },
  inspections: { table: 'imported_inspections', record: 'inspection_id' },
} as const;

/** The records this organisation imported before under these source numbers: whether each is gone since, and its fingerprint. */
export async function importedByOrganisation(
  db: Db,
  kind: keyof typeof byOrganisation,
  who: { regionId: string; organisationId: string },
  sourceKeys: readonly string[],
): Promise<ImportedRecord[]> {
  if (!sourceKeys.length) return [];
  const { table, record } = byOrganisation[kind];
  const { rows } = await sql<ImportedRecord>`
    select source_key as "sourceKey", fingerprint, ${sql.ref(record)} is null as gone
    from ${sql.table(table)}
    where region_id = ${who.regionId} and organisation_id = ${who.organisationId}
      and source_key = any(${[...sourceKeys]}::text[])`.execute(db.withoutPlugins());
  return rows;
}

/** Keeps which record each source number of this import became, with its rows' fingerprint. */
export async function recordImportedByOrganisation(
  db: Db,
  kind: keyof typeof byOrganisation,
  who: { regionId: string; organisationId: string },
  importId: string,
  written: ReadonlyArray<{ sourceKey: string; recordId: string; fingerprint: string }>,
): Promise<void> {
  if (!written.length) return;
  const { table, record } = byOrganisation[kind];
  await sql`
    insert into ${sql.table(table)} (region_id, organisation_id, source_key, ${sql.ref(record)}, fingerprint, import_id)
    select ${who.regionId}, ${who.organisationId}::uuid, w.source_key, w.record_id, w.fingerprint, ${importId}::uuid
    from unnest(${written.map((w) => w.sourceKey)}::text[], ${written.map((w) => w.recordId)}::uuid[],
      ${written.map((w) => w.fingerprint)}::text[]) as w(source_key, record_id, fingerprint)`.execute(db);
}

/** Every case number a case history of the region was imported under, with the case it became. */
export async function importedCaseNumbers(db: Db, regionId: string) {
  return db
    .selectFrom('importedCases')
    .select(['sourceKey', 'caseId'])
    .where('regionId', '=', regionId)
    .where('caseId', 'is not', null)
    .execute();
}

/** The subjects imported before into these cases: the case subject each number became and its fingerprint. */
export async function importedCaseSubjects(db: Db, caseIds: readonly string[]) {
  if (!caseIds.length) return [];
  return db
    .selectFrom('importedCaseSubjects')
    .select(['caseId', 'sourceKey', 'caseSubjectId', 'fingerprint'])
    .where('caseId', '=', sql<string>`any(${[...caseIds]}::uuid[])`)
    .execute();
}

export async function recordImportedCaseSubjects(
  db: Db,
  rows: ReadonlyArray<Insertable<ImportedCaseSubjectsTable>>,
) {
  for (const batch of batches(rows)) await db.insertInto('importedCaseSubjects').values(batch).execute();
}

// ---- jobs ----

export async function insertJob(db: Db, row: Insertable<ImportJobsTable>): Promise<void> {
  await db.insertInto('importJobs').values(row).execute();
}

/** The jobs a person may see: by the rule of the imports they make (`reachableImports`). */
export function reachableJobs(db: Db, who: ImportScope) {
  let q = db
    .selectFrom('importJobs as j')
    .select([
      'j.id',
      'j.kind',
      'j.mode',
      'j.fileName',
      'j.status',
      'j.attempts',
      'j.importId',
      'j.error',
      'j.createdAt',
    ])
    .where('j.regionId', '=', who.regionId)
    .where('j.organisationId', '=', who.organisationId);
  q = who.kinds.length ? q.where('j.kind', 'in', who.kinds) : q.where((eb) => eb.val(false));
  // Kinds whose records each have their own scope (a case's subjects): the importer's own only.
  if (who.ownOnly.length)
    q = q.where((eb) => eb.or([eb('j.kind', 'not in', who.ownOnly), eb('j.createdBy', '=', who.userId)]));
  return q;
}

export type ImportJobRow = Awaited<ReturnType<ReturnType<typeof reachableJobs>['executeTakeFirstOrThrow']>>;

/**
 * Takes a job to run: one queued, or one left `running` by a runner that was killed. A job being
 * run holds its row locked (`lockJob`) until its transaction ends, so it is skipped here: only
 * a job whose run died is taken again. Committed at once, so that its status shows.
 */
export async function claimJob(db: Db, id: string, at: Date) {
  return db
    .updateTable('importJobs')
    .set((eb) => ({ status: 'running', attempts: eb('attempts', '+', 1), startedAt: at }))
    .where('id', '=', (eb) =>
      eb
        .selectFrom('importJobs as free')
        .select('free.id')
        .where('free.id', '=', id)
        .where('free.status', 'in', ['queued', 'running'])
        .forUpdate()
        .skipLocked(),
    )
    .returning([
      'id',
      'regionId',
      'organisationId',
      'kind',
      'mode',
      'fileName',
      'sheet',
      'mapping',
      'file',
      'createdBy',
      'attempts',
    ])
    .executeTakeFirst();
}

/**
 * In the import's transaction, first: the job's row locked until it ends, so that no other
 * runner takes the job meanwhile; false when another has it, or it ended.
 */
export async function lockJob(db: Db, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('importJobs')
    .select('id')
    .where('id', '=', id)
    .where('status', '=', 'running')
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  return row !== undefined;
}

/** In the import's own transaction: the job is done, and its file erased. */
export async function finishJob(db: Db, id: string, importId: string, at: Date): Promise<void> {
  await db
    .updateTable('importJobs')
    .set({ status: 'done', importId, file: null, finishedAt: at })
    .where('id', '=', id)
    .execute();
}

export async function failJob(db: Db, id: string, error: string, at: Date): Promise<void> {
  await db
    .updateTable('importJobs')
    .set({ status: 'failed', error: error.slice(0, 2000), file: null, finishedAt: at })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .execute();
}

export async function waitingJobs(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('importJobs')
    .select('id')
    .where('status', 'in', ['queued', 'running'])
    .orderBy('createdAt')
    .execute();
  return rows.map((r) => r.id);
}
