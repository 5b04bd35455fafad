import type { ActionResult, AuditQuery, DataSubjectType } from '@samenspel/contracts';
import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { ProcessingActivitiesTable } from '../../db/schema.js';
import type { LoggedRecord } from '../../shared/context.js';
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
  /** The record (signal, case, …) the processing concerned, when it concerned one. */
  recordType: LoggedRecord['type'] | null;
  recordId: string | null;
  /**
   * When the database wrote it, which decides its month; the database's clock unless given (an
   * import of an older log gives it, and so do the tests of the log's months).
   */
  loggedAt?: Date;
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
/** Each log is kept as this many hash chains, so that concurrent transactions append side by side. */
export const CHAINS = 16;

/**
 * The exact bytes a record's hash covers: its chain and fields in a fixed order, times in ISO
 * 8601. The record it concerns was added later: it is covered when there is one, so records
 * written before it (without) still verify as they were written.
 */
export function processingContent(
  chain: number,
  r: Omit<ProcessingRecord, 'recordType' | 'recordId'> & {
    recordType?: string | null;
    recordId?: string | null;
  },
): string {
  return JSON.stringify([
    chain,
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
    ...(r.recordType ? [r.recordType, r.recordId ?? null] : []),
  ]);
}

export function userActionContent(chain: number, r: UserActionRecord): string {
  return JSON.stringify([
    chain,
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

export interface ChainHeads {
  processing: string;
  action: string;
}

/** The last hash of both logs in one chain (the genesis value for an empty chain). */
export async function loadHeads(db: Db, chain: number): Promise<ChainHeads> {
  const { rows } = await sql<{ processing: string | null; action: string | null }>`
    select (select hash from processing_log where chain = ${chain} order by seq desc limit 1) as processing,
           (select hash from user_action_log where chain = ${chain} order by seq desc limit 1) as action`.execute(
    db,
  );
  return { processing: rows[0]?.processing ?? GENESIS, action: rows[0]?.action ?? GENESIS };
}

function link<R>(
  key: Buffer,
  chain: number,
  head: string,
  records: readonly R[],
  content: (chain: number, r: R) => string,
) {
  let previous = head;
  const rows = records.map((record) => {
    const hash = chainHash(key, previous, content(chain, record));
    const row = { ...record, chain, previousHash: previous, hash };
    previous = hash;
    return row;
  });
  return { rows, head: previous };
}

type Linked<R> = R & { chain: number; previousHash: string; hash: string };

function processingRow(r: Linked<ProcessingRecord>) {
  return {
    chain: r.chain,
    trace_id: r.traceId,
    span_id: r.spanId,
    parent_span_id: r.parentSpanId,
    name: r.name,
    status: r.status,
    started_at: r.startedAt.toISOString(),
    ended_at: r.endedAt.toISOString(),
    processing_activity_id: r.processingActivityId,
    processing_activity_version: r.processingActivityVersion,
    data_subject_type: r.dataSubjectType,
    data_subject_pseudonym: r.dataSubjectPseudonym,
    record_type: r.recordType,
    record_id: r.recordId,
    previous_hash: r.previousHash,
    hash: r.hash,
    logged_at: r.loggedAt?.toISOString() ?? null,
  };
}

function actionRow(r: Linked<UserActionRecord>) {
  return {
    chain: r.chain,
    trace_id: r.traceId,
    span_id: r.spanId,
    at: r.at.toISOString(),
    actor_type: r.actorType,
    user_id: r.userId,
    api_token_id: r.apiTokenId,
    organisation_id: r.organisationId,
    region_id: r.regionId,
    roles: r.roles,
    purpose: r.purpose,
    action: r.action,
    result: r.result,
    client_address: r.clientAddress,
    user_agent: r.userAgent,
    previous_hash: r.previousHash,
    hash: r.hash,
  };
}

/** The chain's head moved on in the database (another process appended): the work must run again. */
export function isChainConflict(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    error.code === '23505' &&
    'constraint' in error &&
    (error.constraint === 'processing_log_link' || error.constraint === 'user_action_log_link')
  );
}

/**
 * The two parameters of `append_log` for a batch: its records linked onto the chain's heads, as
 * the rows of both logs; and the chain's heads after the batch.
 */
export function appendLogParameters(
  key: Buffer,
  chain: number,
  heads: ChainHeads,
  processing: readonly ProcessingRecord[],
  actions: readonly UserActionRecord[],
): { parameters: [string, string]; heads: ChainHeads } {
  const p = link(key, chain, heads.processing, processing, processingContent);
  const a = link(key, chain, heads.action, actions, userActionContent);
  return {
    parameters: [JSON.stringify(p.rows.map(processingRow)), JSON.stringify(a.rows.map(actionRow))],
    heads: { processing: p.head, action: a.head },
  };
}

/**
 * Appends records to both logs in one statement; call inside the transaction of the work they
 * describe. The unique (chain, previous_hash) index makes a fork impossible: if another
 * process appended to the chain first, the statement fails (see isChainConflict) and the caller
 * rolls back and runs again with the new head. Returns the chain's heads after this batch.
 */
export async function appendRecords(
  db: Db,
  key: Buffer,
  chain: number,
  heads: ChainHeads,
  processing: readonly ProcessingRecord[],
  actions: readonly UserActionRecord[],
): Promise<ChainHeads> {
  const appended = appendLogParameters(key, chain, heads, processing, actions);
  const [processingRows, actionRows] = appended.parameters;
  // One call with two JSON parameters: one round trip for both logs, planned once per connection.
  await sql`select append_log(${processingRows}::jsonb, ${actionRows}::jsonb)`.execute(db);
  return appended.heads;
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

export async function upsertProcessingActivities(
  db: Db,
  activities: Insertable<ProcessingActivitiesTable>[],
) {
  if (activities.length === 0) return;
  await db
    .insertInto('processingActivities')
    .values(activities)
    .onConflict((oc) => oc.columns(['id', 'version']).doNothing())
    .execute();
}

export async function listProcessingActivities(db: Db, id?: string) {
  let q = db.selectFrom('processingActivities').selectAll();
  if (id) q = q.where('id', '=', id);
  return q.orderBy('id').orderBy('version').execute();
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

export type EntryRow = Awaited<ReturnType<typeof findEntries>>[number];

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
      'p.recordType',
      'p.recordId',
      'a.seq as actionSeq',
      'a.action',
      'a.result',
      'a.actorType',
      'a.userId',
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
  // Strictly the records about these data subjects: not the other subjects of the same actions.
  // Each still shows its action (who, what, when) through the join on its parent span.
  if (query.subjects.length > 0) q = q.where('p.dataSubjectPseudonym', 'in', query.subjects);
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

/** Refused and exporting actions since a moment, counted per action and result. */
export async function actionCountsSince(db: Db, since: Date) {
  return db
    .selectFrom('userActionLog')
    .select(['action', 'result', sql<number>`count(*)::int`.as('count')])
    .where('at', '>=', since)
    .where((eb) => eb.or([eb('result', '=', 'denied'), eb('action', 'like', '%export%')]))
    .groupBy(['action', 'result'])
    .orderBy('action')
    .execute();
}

/** The processing log's monthly partitions, oldest first, with the first day of each month. */
export async function logMonths(db: Db): Promise<Array<{ name: string; month: string }>> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'processing_log'::regclass order by c.relname`.execute(db);
  return rows.flatMap((r) => {
    const m = /^processing_log_(\d{4})_(\d{2})$/.exec(r.name);
    return m ? [{ name: r.name, month: `${m[1]}-${m[2]}-01` }] : [];
  });
}

/** Per chain, what a month holds: its count and its last record. */
export async function monthChains(db: Db, partition: string) {
  const { rows } = await sql<{ chain: number; records: string; lastSeq: string; lastHash: string }>`
    select l.chain, c.records, l.seq as "lastSeq", l.hash as "lastHash"
    from (select chain, count(*) as records, max(seq) as last from ${sql.table(partition)} group by chain) c
    join ${sql.table(partition)} l on l.chain = c.chain and l.seq = c.last`.execute(db);
  return rows.map((r) => ({
    chain: r.chain,
    records: Number(r.records),
    lastSeq: Number(r.lastSeq),
    lastHash: r.lastHash,
  }));
}

export interface LogAnchor {
  month: string;
  chain: number;
  records: number;
  lastSeq: number;
  lastHash: string;
  anchor: string;
}

export async function insertAnchors(db: Db, anchors: readonly LogAnchor[], at: Date) {
  if (anchors.length === 0) return;
  await db
    .insertInto('processingLogAnchors')
    .values(anchors.map((a) => ({ ...a, droppedAt: at })))
    .execute();
}

export async function dropLogMonth(db: Db, partition: string) {
  await sql`drop table ${sql.table(partition)}`.execute(db);
}

export async function logAnchors(db: Db): Promise<LogAnchor[]> {
  const rows = await db
    .selectFrom('processingLogAnchors')
    .select(['month', 'chain', 'records', 'lastSeq', 'lastHash', 'anchor'])
    .orderBy('lastSeq')
    .execute();
  return rows.map((r) => ({
    ...r,
    month: String(r.month),
    records: Number(r.records),
    lastSeq: Number(r.lastSeq),
  }));
}

/** For the rest of the transaction, give up on a lock after this long instead of waiting. */
export async function limitLockWait(db: Db, wait: '5s') {
  await sql`select set_config('lock_timeout', ${wait}, true)`.execute(db);
}
