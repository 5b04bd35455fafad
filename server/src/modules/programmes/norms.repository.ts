import type { NormStatus } from '@samenspel/contracts';
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db } from '../../db/database.js';

const NO_ID = '00000000-0000-0000-0000-000000000000';

/** Which of the ids are norms of the region, or reviews of them. */
export async function normRecordsIn(db: Db, regionId: string, ids: readonly string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom('norms as n')
    .select('n.id')
    .where('n.regionId', '=', regionId)
    .where('n.id', 'in', ids)
    .union(
      db
        .selectFrom('normReviews as r')
        .innerJoin('norms as n', 'n.id', 'r.normId')
        .select('r.id')
        .where('n.regionId', '=', regionId)
        .where('r.id', 'in', ids),
    )
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function normNameTaken(db: Db, regionId: string, name: string): Promise<boolean> {
  const row = await db
    .selectFrom('norms')
    .select('id')
    .where('regionId', '=', regionId)
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();
  return !!row;
}

export async function insertNorm(
  db: Db,
  norm: {
    regionId: string;
    districtId: string | null;
    name: string;
    description: string | null;
    createdAt: Date;
    createdBy: string | null;
  },
): Promise<string> {
  const row = await db.insertInto('norms').values(norm).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertNormVersion(
  db: Db,
  version: {
    normId: string;
    number: number;
    validFrom: string;
    note: string | null;
    createdAt: Date;
    createdBy: string | null;
    ambitions: ReadonlyArray<{ code: string; title: string; description: string | null }>;
    memberIds: readonly string[];
  },
): Promise<string> {
  const { ambitions, memberIds, ...fields } = version;
  const row = await db.insertInto('normVersions').values(fields).returning('id').executeTakeFirstOrThrow();
  await db
    .insertInto('normAmbitions')
    .values(ambitions.map((a, position) => ({ versionId: row.id, position, ...a })))
    .execute();
  await db
    .insertInto('normMembers')
    .values([...new Set(memberIds)].map((organisationId) => ({ versionId: row.id, organisationId })))
    .execute();
  return row.id;
}

/** The region's norms with their versions (oldest first), each with its ambitions and members. */
export async function findNorms(db: Db, regionId: string, ids?: readonly string[]) {
  let q = db
    .selectFrom('norms as n')
    .leftJoin('districts as d', 'd.id', 'n.districtId')
    .select((eb) => [
      'n.id',
      'n.name',
      'n.description',
      'd.id as districtId',
      'd.name as districtName',
      jsonArrayFrom(
        eb
          .selectFrom('normVersions as v')
          .select((v) => [
            'v.id',
            'v.number',
            'v.validFrom',
            'v.note',
            jsonArrayFrom(
              v
                .selectFrom('normAmbitions as a')
                .select(['a.code', 'a.title', 'a.description'])
                .whereRef('a.versionId', '=', 'v.id')
                .orderBy('a.position'),
            ).as('ambitions'),
            jsonArrayFrom(
              v
                .selectFrom('normMembers as m')
                .innerJoin('partnerOrganisations as o', 'o.id', 'm.organisationId')
                .select(['o.id', 'o.name', 'o.kind'])
                .whereRef('m.versionId', '=', 'v.id')
                // Municipalities by name, the province after them.
                .orderBy(sql`o.kind = 'province'`)
                .orderBy('o.name'),
            ).as('members'),
          ])
          .whereRef('v.normId', '=', 'n.id')
          .orderBy('v.number'),
      ).as('versions'),
    ])
    .where('n.regionId', '=', regionId);
  if (ids) q = q.where('n.id', 'in', ids.length ? ids : [NO_ID]);
  return q.orderBy('n.name').execute();
}
export type NormRow = Awaited<ReturnType<typeof findNorms>>[number];

/** The organisations of the region that may be members of a norm: municipalities and provinces. */
export async function memberCandidates(db: Db, regionId: string, ids: readonly string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('partnerOrganisations')
    .select(['id', 'name', 'kind'])
    .where('regionId', '=', regionId)
    .where('id', 'in', ids)
    .where('kind', 'in', ['municipality', 'province'])
    .execute();
}

export async function insertNormStatus(
  db: Db,
  entry: {
    normId: string;
    organisationId: string;
    ambitionCode: string;
    status: NormStatus;
    happenedOn: string;
    evidence: string | null;
    recordedAt: Date;
    recordedBy: string | null;
    recordingOrganisationId: string;
  },
): Promise<string> {
  const row = await db.insertInto('normStatuses').values(entry).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Every status recorded on the norm (of one member, when given) in the order they hold: by the
 * day they happened, then as recorded. A status on a day is the last of these on or before it.
 */
export async function normStatusRows(db: Db, normId: string, organisationId?: string) {
  let q = db
    .selectFrom('normStatuses as s')
    .innerJoin('partnerOrganisations as o', 'o.id', 's.recordingOrganisationId')
    .select([
      's.id',
      's.organisationId',
      's.ambitionCode',
      's.status',
      's.happenedOn',
      's.evidence',
      's.recordedAt',
      'o.id as recorderId',
      'o.name as recorderName',
    ])
    .where('s.normId', '=', normId);
  if (organisationId) q = q.where('s.organisationId', '=', organisationId);
  return q.orderBy('s.happenedOn').orderBy('s.recordedAt').orderBy('s.id').execute();
}
export type NormStatusRow = Awaited<ReturnType<typeof normStatusRows>>[number];

/** The last status recorded on one point (member and ambition), by the day it happened. */
export async function lastNormStatus(db: Db, normId: string, organisationId: string, ambitionCode: string) {
  return db
    .selectFrom('normStatuses')
    .select(['status', 'happenedOn'])
    .where('normId', '=', normId)
    .where('organisationId', '=', organisationId)
    .where('ambitionCode', '=', ambitionCode)
    .orderBy('happenedOn', 'desc')
    .orderBy('recordedAt', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertNormReview(
  db: Db,
  review: {
    normId: string;
    versionId: string;
    heldOn: string;
    note: string | null;
    createdAt: Date;
    createdBy: string | null;
    points: ReadonlyArray<{
      organisationId: string;
      ambitionCode: string;
      status: 'not-started' | 'in-progress';
      since: string | null;
    }>;
  },
): Promise<string> {
  const { points, ...fields } = review;
  const row = await db.insertInto('normReviews').values(fields).returning('id').executeTakeFirstOrThrow();
  if (points.length)
    await db
      .insertInto('normReviewPoints')
      .values(
        points.map((p, position) => ({
          reviewId: row.id,
          position,
          ...p,
          outcome: null,
          outcomeRecordedAt: null,
        })),
      )
      .execute();
  return row.id;
}

/** A norm's reviews, newest first, with how many points and outcomes each has. */
export async function findNormReviews(db: Db, normId: string) {
  return db
    .selectFrom('normReviews as r')
    .select((eb) => [
      'r.id',
      'r.heldOn',
      'r.note',
      eb
        .selectFrom('normReviewPoints as p')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('p.reviewId', '=', 'r.id')
        .as('points'),
      eb
        .selectFrom('normReviewPoints as p')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('p.reviewId', '=', 'r.id')
        .where('p.outcome', 'is not', null)
        .as('outcomes'),
    ])
    .where('r.normId', '=', normId)
    .orderBy('r.heldOn', 'desc')
    .orderBy('r.createdAt', 'desc')
    .execute();
}

/** One review with its version's number and its agenda in order. */
export async function findNormReview(db: Db, reviewId: string) {
  return db
    .selectFrom('normReviews as r')
    .innerJoin('normVersions as v', 'v.id', 'r.versionId')
    .select((eb) => [
      'r.id',
      'r.normId',
      'r.heldOn',
      'r.note',
      'r.versionId',
      'v.number as versionNumber',
      jsonArrayFrom(
        eb
          .selectFrom('normReviewPoints as p')
          .innerJoin('partnerOrganisations as o', 'o.id', 'p.organisationId')
          .select([
            'p.id',
            'p.organisationId',
            'o.name as organisationName',
            'o.kind as organisationKind',
            'p.ambitionCode',
            'p.status',
            'p.since',
            'p.outcome',
          ])
          .whereRef('p.reviewId', '=', 'r.id')
          .orderBy('p.position'),
      ).as('points'),
    ])
    .where('r.id', '=', reviewId)
    .executeTakeFirst();
}

export async function setReviewOutcome(
  db: Db,
  reviewId: string,
  pointId: string,
  outcome: { outcome: string; outcomeRecordedAt: Date; outcomeRecordedBy: string | null },
): Promise<number> {
  const result = await db
    .updateTable('normReviewPoints')
    .set(outcome)
    .where('reviewId', '=', reviewId)
    .where('id', '=', pointId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
