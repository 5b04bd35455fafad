import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { ImportedCasesTable, ImportsTable } from '../../db/schema.js';
import { batches } from '../../shared/batches.js';

export async function insertImport(db: Db, row: Insertable<ImportsTable> & { id: string }): Promise<string> {
  const { id } = await db.insertInto('imports').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/**
 * The imports a person may see: their own organisation's, in their region, of the kinds they may
 * run. The one rule for the list and for a single import (its report, its error file).
 */
export function reachableImports(
  db: Db,
  who: { regionId: string; organisationId: string; kinds: readonly string[] },
) {
  let q = db
    .selectFrom('imports as i')
    .selectAll('i')
    .where('i.regionId', '=', who.regionId)
    .where('i.organisationId', '=', who.organisationId);
  q = who.kinds.length ? q.where('i.kind', 'in', who.kinds) : q.where((eb) => eb.val(false));
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
