import type { HitAnswer } from '@samenspel/contracts';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Db } from '../../db/database.js';
import type { DB, HitcheckRoundsTable } from '../../db/schema.js';

export async function insertRound(
  db: Db,
  round: {
    signalId: string;
    regionId: string;
    collaborationId: string;
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

/** The signal subjects each round asks about (by the signal subject's id). */
export async function roundSubjectIds(db: Db, roundIds: readonly string[]) {
  if (roundIds.length === 0) return [];
  return db
    .selectFrom('hitcheckRoundSubjects')
    .select(['roundId', 'subjectId'])
    .where('roundId', 'in', roundIds)
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
    answer: HitAnswer;
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

/**
 * The open rounds with a deadline on or before `dueBy`, per addressed organisation that has not
 * answered about every subject yet: whom the deadline reminders are for.
 */
export async function awaitingAnswers(db: Db, dueBy: string) {
  return db
    .selectFrom('hitcheckRounds as r')
    .innerJoin('hitcheckRoundOrganisations as ro', 'ro.roundId', 'r.id')
    .select(['r.id as roundId', 'r.deadline', 'r.createdAt', 'ro.organisationId'])
    .where('r.closedAt', 'is', null)
    .where('r.deadline', '<=', dueBy)
    .where((eb) =>
      eb(
        eb
          .selectFrom('hitcheckAnswers as a')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('a.roundId', '=', 'r.id')
          .whereRef('a.organisationId', '=', 'ro.organisationId'),
        '<',
        eb
          .selectFrom('hitcheckRoundSubjects as rs')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('rs.roundId', '=', 'r.id'),
      ),
    )
    .orderBy('r.deadline')
    .execute();
}

/** The rounds a predicate reaches (the access rule's), newest first. */
export async function roundsReachable(
  db: Db,
  reachable: (eb: ExpressionBuilder<DB & { r: HitcheckRoundsTable }, 'r'>) => Expression<SqlBool>,
) {
  return db
    .selectFrom('hitcheckRounds as r')
    .select(['r.id', 'r.deadline', 'r.closedAt', 'r.createdAt'])
    .where(reachable)
    .orderBy('r.createdAt', 'desc')
    .limit(200)
    .execute();
}

/** Deletes hit/no-hit rounds (with their subjects, partners and answers): by id, or all of signals. */
export async function deleteRounds(
  db: Db,
  where: { ids?: readonly string[]; signalIds?: readonly string[] },
): Promise<string[]> {
  const deleted: string[] = [];
  if (where.ids?.length)
    for (const r of await db
      .deleteFrom('hitcheckRounds')
      .where('id', 'in', where.ids)
      .returning('id')
      .execute())
      deleted.push(r.id);
  if (where.signalIds?.length)
    for (const r of await db
      .deleteFrom('hitcheckRounds')
      .where('signalId', 'in', where.signalIds)
      .returning('id')
      .execute())
      deleted.push(r.id);
  return deleted;
}
