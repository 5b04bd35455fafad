import type { ActionResult, AuditQuery, DataSubjectType } from '@samenspel/contracts';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { ProcessingActivitiesTable } from '../../db/schema.js';
import { hmac } from '../../shared/crypto.js';

export interface ProcessingRecord {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  status: 'ok' | 'error';
  startedAt: Date;
  endedAt: Date;
  processingActivityId: string;
  processingActivityVersion: number;
  dataSubjectType: DataSubjectType | null;
  dataSubjectPseudonym: string | null;
}

export interface UserActionRecord {
  traceId: string;
  spanId: string;
  at: Date;
  actorType: 'user' | 'api-token' | 'anonymous';
  userId: string | null;
  apiTokenId: string | null;
  organisationId: string | null;
  regionId: string | null;
  roles: string[];
  purpose: string | null;
  action: string;
  result: ActionResult;
  clientAddress: string | null;
  userAgent: string | null;
}

export const GENESIS = '0'.repeat(64);
// One lock for both chains, held from appending to commit, so that each record's predecessor
// is the record committed before it.
const CHAIN_LOCK = 0x5353_4c47;

/** The exact bytes a record's hash covers: its fields in a fixed order, times in ISO 8601. */
export function processingContent(r: ProcessingRecord): string {
  return JSON.stringify([
    r.traceId,
    r.spanId,
    r.parentSpanId,
    r.name,
    r.status,
    r.startedAt.toISOString(),
    r.endedAt.toISOString(),
    r.processingActivityId,
    r.processingActivityVersion,
    r.dataSubjectType,
    r.dataSubjectPseudonym,
  ]);
}

export function userActionContent(r: UserActionRecord): string {
  return JSON.stringify([
    r.traceId,
    r.spanId,
    r.at.toISOString(),
    r.actorType,
    r.userId,
    r.apiTokenId,
    r.organisationId,
    r.regionId,
    r.roles,
    r.purpose,
    r.action,
    r.result,
    r.clientAddress,
    r.userAgent,
  ]);
}

export function chainHash(key: Buffer, previousHash: string, content: string): string {
  return hmac(key, `${previousHash}\n${content}`);
}

/** Appends records to both chains; call inside the transaction of the work they describe. */
export async function appendRecords(
  db: Db,
  key: Buffer,
  processing: readonly ProcessingRecord[],
  actions: readonly UserActionRecord[],
): Promise<void> {
  await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(db);
  if (processing.length > 0) {
    const last = await db
      .selectFrom('processingLog')
      .select('hash')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    let previous = last?.hash ?? GENESIS;
    const rows = processing.map((record) => {
      const hash = chainHash(key, previous, processingContent(record));
      const row = { ...record, previousHash: previous, hash };
      previous = hash;
      return row;
    });
    await db.insertInto('processingLog').values(rows).execute();
  }
  if (actions.length > 0) {
    const last = await db
      .selectFrom('userActionLog')
      .select('hash')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    let previous = last?.hash ?? GENESIS;
    const rows = actions.map((record) => {
      const hash = chainHash(key, previous, userActionContent(record));
      const row = { ...record, previousHash: previous, hash };
      previous = hash;
      return row;
    });
    await db.insertInto('userActionLog').values(rows).execute();
  }
}

export async function processingBatch(db: Db, afterSeq: number, size: number) {
  return db
    .selectFrom('processingLog')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(size)
    .execute();
}

export async function userActionBatch(db: Db, afterSeq: number, size: number) {
  return db
    .selectFrom('userActionLog')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(size)
    .execute();
}

export async function upsertProcessingActivities(db: Db, activities: ProcessingActivitiesTable[]) {
  if (activities.length === 0) return;
  await db
    .insertInto('processingActivities')
    .values(activities)
    .onConflict((oc) => oc.columns(['id', 'version']).doNothing())
    .execute();
}

export async function listProcessingActivities(db: Db) {
  return db.selectFrom('processingActivities').selectAll().orderBy('id').orderBy('version').execute();
}

/** The current version of each activity, as the log records it. */
export async function currentActivityVersions(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('processingActivities')
    .select(['id', (eb) => eb.fn.max('version').as('version')])
    .groupBy('id')
    .execute();
  return new Map(rows.map((r) => [r.id, Number(r.version)]));
}

export async function findEntries(db: Db, query: AuditQuery & { subjects: string[] }) {
  let q = db
    .selectFrom('processingLog as p')
    .innerJoin('processingActivities as pa', (join) =>
      join
        .onRef('pa.id', '=', 'p.processingActivityId')
        .onRef('pa.version', '=', 'p.processingActivityVersion'),
    )
    .leftJoin('userActionLog as a', (join) =>
      join
        .onRef('a.traceId', '=', 'p.traceId')
        .on((eb) =>
          eb.or([eb('a.spanId', '=', eb.ref('p.spanId')), eb('a.spanId', '=', eb.ref('p.parentSpanId'))]),
        ),
    )
    .leftJoin('users as u', 'u.id', 'a.userId')
    .leftJoin('partnerOrganisations as o', 'o.id', 'a.organisationId')
    .select([
      'p.seq',
      'p.traceId',
      'p.spanId',
      'p.parentSpanId',
      'p.name',
      'p.status',
      'p.startedAt',
      'p.endedAt',
      'p.processingActivityId',
      'p.processingActivityVersion',
      'pa.name as activityName',
      'p.dataSubjectType',
      'p.dataSubjectPseudonym',
      'a.seq as actionSeq',
      'a.action',
      'a.result',
      'a.actorType',
      'a.userId',
      'u.displayName as userName',
      'a.apiTokenId',
      'a.organisationId',
      'o.name as organisationName',
      'a.roles',
      'a.purpose',
      'a.clientAddress',
      'a.userAgent',
    ]);
  if (query.userId) q = q.where('a.userId', '=', query.userId);
  if (query.organisationId) q = q.where('a.organisationId', '=', query.organisationId);
  if (query.subjects.length > 0) {
    // A subject's records, and the other records of the same actions, so the context shows.
    q = q.where('p.traceId', 'in', (eb) =>
      eb
        .selectFrom('processingLog as s')
        .select('s.traceId')
        .where('s.dataSubjectPseudonym', 'in', query.subjects),
    );
  }
  if (query.activity) q = q.where('p.processingActivityId', '=', query.activity);
  if (query.from)
    q = q.where(
      'p.startedAt',
      '>=',
      sql<Date>`(${query.from}::date)::timestamp at time zone 'Europe/Amsterdam'`,
    );
  if (query.to)
    q = q.where(
      'p.startedAt',
      '<',
      sql<Date>`(${query.to}::date + 1)::timestamp at time zone 'Europe/Amsterdam'`,
    );
  if (query.before) q = q.where('p.seq', '<', query.before);
  return q
    .orderBy('p.seq', 'desc')
    .limit(query.limit + 1)
    .execute();
}
