import type { DsrAnswer, RegisterData, SubjectRole } from '@samenspel/contracts';
import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { DataSubjectRequestMatchesTable, DataSubjectRequestsTable } from '../../db/schema.js';

/** Data-subject requests: the privacy module reads every module's records to find the person. */

export async function nextReference(db: Db, year: number): Promise<string> {
  const { rows } = await sql<{ n: number }>`
    select nextval('data_subject_request_reference_seq')::int as n`.execute(db);
  return `AVG-${year}-${String(rows[0]?.n ?? 0).padStart(4, '0')}`;
}

/** The requests of a region among `ids`: the contact point's one rule. */
export async function requestsIn(db: Db, regionId: string, ids: readonly string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom('dataSubjectRequests')
    .select('id')
    .where('regionId', '=', regionId)
    .where('id', '=', sql<string>`any(${ids as string[]}::uuid[])`)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * The tasks among `ids` the user owns and that hold a record confirmed as the person's: a
 * partner decides only for what it was given, and sees nothing of a request whose matches with
 * it are still to be reviewed or were not the person.
 */
export async function tasksOwnedBy(db: Db, userId: string, ids: readonly string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom('dataSubjectRequestTasks as k')
    .select('k.id')
    .where('k.ownerId', '=', userId)
    .where('k.id', '=', sql<string>`any(${ids as string[]}::uuid[])`)
    .where(
      sql<boolean>`exists (select from data_subject_request_matches m where m.task_id = k.id and m.review = 'confirmed')`,
    )
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function insertRequest(db: Db, values: Insertable<DataSubjectRequestsTable>): Promise<string> {
  const row = await db
    .insertInto('dataSubjectRequests')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The RIEC's own organisation in the region: it holds the register, the rounds and the log. */
export async function riecOf(db: Db, regionId: string): Promise<string | null> {
  const row = await db
    .selectFrom('partnerOrganisations')
    .select('id')
    .where('regionId', '=', regionId)
    .where('kind', '=', 'riec')
    .orderBy('code')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The register persons of the region with this BSN (their roots, merges followed). */
export async function rootsByBsn(db: Db, regionId: string, bsn: string): Promise<string[]> {
  const rows = await db
    .selectFrom('subjects')
    .select('rootId')
    .distinct()
    .where('regionId', '=', regionId)
    .where('bsn', '=', bsn)
    .execute();
  return rows.map((r) => r.rootId);
}

/** Every record of these register persons: each sighting with its signal or case, not destroyed. */
export async function sightingsOfRoots(db: Db, roots: readonly string[]) {
  if (roots.length === 0) return [];
  const { rows } = await sql<{
    root: string;
    signalId: string | null;
    signalReference: string | null;
    caseId: string | null;
    caseReference: string | null;
    signalSubjectId: string | null;
    organisationId: string | null;
    recordOrganisationId: string | null;
    role: SubjectRole | null;
    data: RegisterData;
  }>`
    select t.root_id as root, g.signal_id as "signalId", s.reference as "signalReference",
      g.case_id as "caseId", c.reference as "caseReference", g.signal_subject_id as "signalSubjectId",
      g.organisation_id as "organisationId",
      coalesce(s.received_from_organisation_id, su.organisation_id) as "recordOrganisationId",
      g.role, g.data
    from subject_sightings g
    join subjects t on t.id = g.subject_id
    left join signals s on s.id = g.signal_id
    left join users su on su.id = s.created_by
    left join cases c on c.id = g.case_id
    where t.root_id = any(${roots as string[]}::uuid[])
      and s.destroyed_at is null and c.destroyed_at is null
    order by g.seen_at`.execute(db);
  return rows;
}

/** The hit/no-hit rounds that asked about these subjects of signals. */
export async function roundsOfSignalSubjects(db: Db, signalSubjectIds: readonly string[]) {
  if (signalSubjectIds.length === 0) return [];
  const { rows } = await sql<{ id: string; signalSubjectId: string; createdAt: Date }>`
    select distinct on (r.id) r.id, rs.subject_id as "signalSubjectId", r.created_at as "createdAt"
    from hitcheck_round_subjects rs
    join hitcheck_rounds r on r.id = rs.round_id
    where rs.subject_id = any(${signalSubjectIds as string[]}::uuid[])
    order by r.id`.execute(db);
  return rows;
}

/**
 * How the processing log recorded these pseudonyms in this region (the log is the installation's;
 * an action's region is on its user-action record): per processing activity, counts and dates.
 */
export async function logActivities(db: Db, regionId: string, pseudonyms: readonly string[]) {
  if (pseudonyms.length === 0) return [];
  const { rows } = await sql<{
    pseudonym: string;
    activityId: string;
    name: string;
    count: number;
    first: Date;
    last: Date;
  }>`
    select l.data_subject_pseudonym as pseudonym, l.processing_activity_id as "activityId",
      (select a.name from processing_activities a where a.id = l.processing_activity_id
        order by a.version desc limit 1) as name,
      count(*)::int as count, min(l.started_at) as first, max(l.started_at) as last
    from processing_log l
    where l.data_subject_pseudonym = any(${pseudonyms as string[]}::text[])
      and exists (select from user_action_log a where a.trace_id = l.trace_id and a.region_id = ${regionId})
    group by 1, 2
    order by 2`.execute(db);
  return rows;
}

export async function insertTasks(db: Db, requestId: string, organisationIds: readonly string[]) {
  if (organisationIds.length === 0) return new Map<string, string>();
  const rows = await db
    .insertInto('dataSubjectRequestTasks')
    .values(organisationIds.map((organisationId) => ({ requestId, organisationId })))
    .returning(['id', 'organisationId'])
    .execute();
  return new Map(rows.map((r) => [r.organisationId, r.id]));
}

export async function insertMatches(
  db: Db,
  matches: ReadonlyArray<Insertable<DataSubjectRequestMatchesTable>>,
) {
  for (let i = 0; i < matches.length; i += 1000)
    await db
      .insertInto('dataSubjectRequestMatches')
      .values(matches.slice(i, i + 1000))
      .execute();
}

export async function lockRequest(db: Db, id: string) {
  return db.selectFrom('dataSubjectRequests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

const summaryColumns = sql`
  r.id, r.reference, r.kind, r.surname, r.first_names as "firstNames", r.received_on::text as "receivedOn",
  r.deadline::text as deadline, r.extension_notice_on is not null as extended,
  r.answered_on::text as "answeredOn",
  (select count(*)::int from data_subject_request_tasks k where k.request_id = r.id
    and exists (select from data_subject_request_matches m where m.task_id = k.id and m.review <> 'rejected'))
    as "tasksTotal",
  (select count(*)::int from data_subject_request_tasks k where k.request_id = r.id
    and exists (select from data_subject_request_matches m where m.task_id = k.id and m.review <> 'rejected')
    and not exists (select from data_subject_request_matches m where m.task_id = k.id
      and m.review <> 'rejected' and m.decision is null)) as "tasksDecided",
  exists (select from data_subject_request_matches m where m.request_id = r.id and m.review = 'pending')
    as "pendingReview"`;

export interface RequestSummaryRow {
  id: string;
  reference: string;
  kind: DataSubjectRequestsTable['kind'];
  surname: string;
  firstNames: string | null;
  receivedOn: string;
  deadline: string;
  extended: boolean;
  answeredOn: string | null;
  tasksTotal: number;
  tasksDecided: number;
  pendingReview: boolean;
}

/** The region's requests: open ones by deadline, then the answered ones, newest first. */
export async function requestsOf(
  db: Db,
  regionId: string,
): Promise<Array<RequestSummaryRow & { bsn: string | null; dateOfBirth: string }>> {
  const { rows } = await sql<RequestSummaryRow & { bsn: string | null; dateOfBirth: string }>`
    select ${summaryColumns}, r.bsn, r.date_of_birth::text as "dateOfBirth" from data_subject_requests r
    where r.region_id = ${regionId}
    order by r.answered_on is not null, r.deadline, r.answered_on desc, r.reference
    limit 500`.execute(db);
  return rows;
}

export async function requestRow(db: Db, id: string) {
  const { rows } = await sql<
    RequestSummaryRow & {
      dateOfBirth: string;
      bsn: string | null;
      contact: string;
      identityCheck: DataSubjectRequestsTable['identityCheck'];
      identityCheckedOn: string;
      details: string | null;
      extensionNoticeOn: string | null;
      extensionReason: string | null;
      registeredBy: string | null;
      registeredAt: Date;
      answer: DsrAnswer | null;
    }
  >`
    select ${summaryColumns}, r.date_of_birth::text as "dateOfBirth", r.bsn, r.contact,
      r.identity_check as "identityCheck", r.identity_checked_on::text as "identityCheckedOn", r.details,
      r.extension_notice_on::text as "extensionNoticeOn", r.extension_reason as "extensionReason",
      u.display_name as "registeredBy", r.registered_at as "registeredAt", r.answer
    from data_subject_requests r left join users u on u.id = r.registered_by
    where r.id = ${id}`.execute(db);
  return rows[0];
}

export interface MatchRow {
  id: string;
  taskId: string;
  recordKind: DataSubjectRequestMatchesTable['recordKind'];
  recordId: string | null;
  label: string;
  organisation: string;
  organisationId: string;
  matchedBy: DataSubjectRequestMatchesTable['matchedBy'];
  found: string;
  review: DataSubjectRequestMatchesTable['review'];
  decision: DataSubjectRequestMatchesTable['decision'];
  ground: DataSubjectRequestMatchesTable['ground'];
  explanation: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
}

/** The matches of a request, or of one task: by partner, then kind and number. */
export async function matchesOf(
  db: Db,
  where: { requestId: string } | { taskId: string },
): Promise<MatchRow[]> {
  const { rows } = await sql<MatchRow>`
    select m.id, m.task_id as "taskId", m.record_kind as "recordKind", m.record_id as "recordId", m.label,
      o.name as organisation, o.id as "organisationId", m.matched_by as "matchedBy", m.found, m.review,
      m.decision, m.ground, m.explanation, u.display_name as "decidedBy", m.decided_at as "decidedAt"
    from data_subject_request_matches m
    join data_subject_request_tasks k on k.id = m.task_id
    join partner_organisations o on o.id = k.organisation_id
    left join users u on u.id = m.decided_by
    where ${'requestId' in where ? sql`m.request_id = ${where.requestId}` : sql`m.task_id = ${where.taskId}`}
    order by o.name, array_position(array['register', 'signal', 'case', 'round', 'log'], m.record_kind),
      m.label, m.id`.execute(db);
  return rows;
}

export async function tasksOf(db: Db, requestId: string) {
  const { rows } = await sql<{
    id: string;
    organisationId: string;
    organisation: string;
    ownerId: string | null;
    owner: string | null;
    matches: number;
    decided: number;
  }>`
    select k.id, k.organisation_id as "organisationId", o.name as organisation, k.owner_id as "ownerId",
      u.display_name as owner,
      count(m.id) filter (where m.review <> 'rejected')::int as matches,
      count(m.id) filter (where m.review <> 'rejected' and m.decision is not null)::int as decided
    from data_subject_request_tasks k
    join partner_organisations o on o.id = k.organisation_id
    left join users u on u.id = k.owner_id
    left join data_subject_request_matches m on m.task_id = k.id
    where k.request_id = ${requestId}
    group by k.id, o.name, u.display_name
    order by o.name`.execute(db);
  return rows;
}

/** Who at these partners may own a task: active users holding one of the deciding roles. */
export async function candidatesOf(db: Db, organisationIds: readonly string[], roles: readonly string[]) {
  if (organisationIds.length === 0) return [];
  const { rows } = await sql<{ id: string; name: string; organisationId: string }>`
    select u.id, u.display_name as name, u.organisation_id as "organisationId"
    from users u
    where u.organisation_id = any(${organisationIds as string[]}::uuid[]) and u.active
      and exists (select from user_roles r where r.user_id = u.id and r.role = any(${roles as string[]}::text[]))
    order by u.display_name`.execute(db);
  return rows;
}

export async function setOwners(
  db: Db,
  requestId: string,
  owners: ReadonlyArray<{ taskId: string; ownerId: string }>,
) {
  for (const o of owners)
    await db
      .updateTable('dataSubjectRequestTasks')
      .set({ ownerId: o.ownerId })
      .where('id', '=', o.taskId)
      .where('requestId', '=', requestId)
      .execute();
}

export async function reviewMatch(
  db: Db,
  requestId: string,
  matchId: string,
  review: { confirmed: boolean; by: string | null },
) {
  return db
    .updateTable('dataSubjectRequestMatches')
    .set({ review: review.confirmed ? 'confirmed' : 'rejected', reviewedBy: review.by })
    .where('id', '=', matchId)
    .where('requestId', '=', requestId)
    .where('review', '=', 'pending')
    .returning('id')
    .executeTakeFirst();
}

export async function decideMatch(
  db: Db,
  owner: string | null,
  taskId: string,
  matchId: string,
  decision: Pick<DataSubjectRequestMatchesTable, 'decision' | 'ground' | 'explanation' | 'decidedBy'> & {
    decidedAt: Date;
  },
) {
  return (
    db
      .updateTable('dataSubjectRequestMatches')
      .set(decision)
      .where('id', '=', matchId)
      .where('taskId', '=', taskId)
      .where('review', '=', 'confirmed')
      // Still the owner: a change of owner committed since the access check wins.
      .where(
        sql<boolean>`exists (select from data_subject_request_tasks k where k.id = ${taskId} and k.owner_id = ${owner})`,
      )
      .returning('id')
      .executeTakeFirst()
  );
}

/** A task with its request, for its owner. */
export async function taskRow(db: Db, taskId: string) {
  const { rows } = await sql<{
    id: string;
    requestId: string;
    reference: string;
    kind: DataSubjectRequestsTable['kind'];
    surname: string;
    firstNames: string | null;
    dateOfBirth: string;
    bsn: string | null;
    details: string | null;
    deadline: string;
    answeredOn: string | null;
    organisation: string;
  }>`
    select k.id, r.id as "requestId", r.reference, r.kind, r.surname, r.first_names as "firstNames", r.bsn,
      r.date_of_birth::text as "dateOfBirth", r.details, r.deadline::text as deadline,
      r.answered_on::text as "answeredOn", o.name as organisation
    from data_subject_request_tasks k
    join data_subject_requests r on r.id = k.request_id
    join partner_organisations o on o.id = k.organisation_id
    where k.id = ${taskId}`.execute(db);
  return rows[0];
}

/** The user's own tasks on requests not yet answered, by deadline. */
export async function tasksOwned(db: Db, userId: string) {
  const { rows } = await sql<{
    id: string;
    requestReference: string;
    kind: DataSubjectRequestsTable['kind'];
    organisation: string;
    dueOn: string;
    matches: number;
    decided: number;
  }>`
    select k.id, r.reference as "requestReference", r.kind, o.name as organisation, r.deadline::text as "dueOn",
      count(m.id) filter (where m.review = 'confirmed')::int as matches,
      count(m.id) filter (where m.review = 'confirmed' and m.decision is not null)::int as decided
    from data_subject_request_tasks k
    join data_subject_requests r on r.id = k.request_id
    join partner_organisations o on o.id = k.organisation_id
    left join data_subject_request_matches m on m.task_id = k.id
    where k.owner_id = ${userId} and r.answered_on is null
    group by k.id, r.reference, r.kind, o.name, r.deadline
    having count(m.id) filter (where m.review = 'confirmed') > 0
    order by r.deadline, r.reference`.execute(db);
  return rows;
}

export async function extend(
  db: Db,
  requestId: string,
  values: { deadline: string; noticeOn: string; reason: string },
) {
  await db
    .updateTable('dataSubjectRequests')
    .set({ deadline: values.deadline, extensionNoticeOn: values.noticeOn, extensionReason: values.reason })
    .where('id', '=', requestId)
    .execute();
}

export async function answer(
  db: Db,
  requestId: string,
  values: { answeredOn: string; answeredBy: string | null; answer: DsrAnswer },
) {
  await db
    .updateTable('dataSubjectRequests')
    .set({
      answeredOn: values.answeredOn,
      answeredBy: values.answeredBy,
      answer: JSON.stringify(values.answer),
    })
    .where('id', '=', requestId)
    .execute();
}
