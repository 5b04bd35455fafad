import type { FtmImportReport } from '@samenspel/contracts';
import type { Db } from '../../db/database.js';

export async function insertFtmImport(
  db: Db,
  i: {
    caseId: string;
    entities: unknown[];
    report: Pick<FtmImportReport, 'accepted' | 'refused'>;
    createdBy: string | null;
    createdAt: Date;
  },
): Promise<string> {
  const row = await db
    .insertInto('ftmImports')
    .values({ ...i, entities: JSON.stringify(i.entities), report: JSON.stringify(i.report) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findFtmImport(db: Db, caseId: string, id: string) {
  return db
    .selectFrom('ftmImports')
    .selectAll()
    .where('id', '=', id)
    .where('caseId', '=', caseId)
    .executeTakeFirst();
}

/** Applied: the report now says which register subject each line became. */
export async function markApplied(
  db: Db,
  id: string,
  report: Pick<FtmImportReport, 'accepted' | 'refused'>,
): Promise<void> {
  await db
    .updateTable('ftmImports')
    .set({ status: 'applied', report: JSON.stringify(report) })
    .where('id', '=', id)
    .execute();
}

/** Deletes the FollowTheMoney imports of destroyed cases: the entities under review are personal data. */
export async function deleteFtmImportsOfCases(db: Db, caseIds: readonly string[]): Promise<void> {
  if (caseIds.length) await db.deleteFrom('ftmImports').where('caseId', 'in', caseIds).execute();
}
