import type { RetentionRecordKind, RetentionStart } from '@samenspel/contracts';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { DestructionItemStatus, HoldGround, HoldRecordKind, JobRunStatus } from '../../db/schema.js';

/**
 * The retention engine's own records (runs, lists, items, postponements, holds, receipts) and
 * the one statement per kind of record that finds what falls due. Finding reads the other
 * modules' records; destroying them is each module's own function (retention.service.ts).
 */

// ---- job runs ----

/**
 * Starts a job's run for a period: the one run of that period (a singleton), taken up again
 * after an error or a kill (attempts counts them); null when the period's run already ended.
 */
export async function startRun(
  db: Db,
  run: { job: string; regionId: string | null; period: string; traceId: string; at: Date },
): Promise<{ id: string; attempts: number } | null> {
  const { rows } = await sql<{ id: string; attempts: number }>`
    insert into job_runs (job, region_id, period, status, started_at, trace_id)
    values (${run.job}, ${run.regionId}, ${run.period}, 'running', ${run.at}, ${run.traceId})
    on conflict on constraint job_runs_singleton do update
      set attempts = job_runs.attempts + 1, status = 'running', started_at = excluded.started_at,
        ended_at = null, trace_id = excluded.trace_id, message = null
      where job_runs.status <> 'ok'
    returning id, attempts`.execute(db);
  return rows[0] ?? null;
}

export async function finishRun(
  db: Db,
  id: string,
  end: { status: JobRunStatus; counts: Record<string, number>; message: string | null; at: Date },
): Promise<void> {
  await db
    .updateTable('jobRuns')
    .set({ status: end.status, counts: JSON.stringify(end.counts), message: end.message, endedAt: end.at })
    .where('id', '=', id)
    .execute();
}

export async function runsOf(db: Db, regionId: string, limit: number) {
  return (
    db
      .selectFrom('jobRuns')
      .selectAll()
      // The region's runs and the installation's (the processing log's rotation).
      .where((eb) => eb.or([eb('regionId', '=', regionId), eb('regionId', 'is', null)]))
      .orderBy('startedAt', 'desc')
      .limit(limit)
      .execute()
  );
}

// ---- what falls due ----

export interface DueRecord {
  recordKind: RetentionRecordKind;
  recordId: string;
  label: string;
  organisationId: string | null;
  dueOn: string;
  /** The signal or case a legal hold on this record is placed on. */
  holdOn: string;
}

const amsterdam = (column: RawBuilder<unknown>) => sql`(${column} at time zone 'Europe/Amsterdam')::date`;

function signalStart(from: RetentionStart) {
  if (from === 'creation') return amsterdam(sql`s.created_at`);
  if (from === 'last-activity')
    return sql`(select max(e.happened_on) from signal_events e where e.signal_id = s.id)`;
  return sql`coalesce((select max(e.happened_on) from signal_events e where e.signal_id = s.id and e.type = 'decided'),
    ${amsterdam(sql`s.stage_since`)})`;
}

function caseStart(from: RetentionStart) {
  if (from === 'creation') return sql`c.started_on`;
  if (from === 'last-activity')
    return sql`greatest(c.closed_on, (select max(e.happened_on) from case_events e where e.case_id = c.id))`;
  return sql`c.closed_on`;
}

/** One kind's records of a collaboration whose term has passed by `today`. */
function dueQuery(
  kind: RetentionRecordKind,
  from: RetentionStart,
  months: number,
  scope: { collaborationId: string; regionId: string; covenant: boolean },
  today: string,
): RawBuilder<DueRecord> | null {
  const due = (start: RawBuilder<unknown>) => sql`(${start} + make_interval(months => ${months}))::date`;
  const c = scope.collaborationId;
  switch (kind) {
    case 'signal-not-accepted':
    case 'signal-referred': {
      const decisions = kind === 'signal-referred' ? ['referred'] : ['not-accepted', 'withdrawn'];
      return sql<DueRecord>`
        select * from (
          select ${kind}::text as "recordKind", s.id as "recordId", s.reference as label,
            coalesce(s.received_from_organisation_id, u.organisation_id) as "organisationId",
            ${due(signalStart(from))} as "dueOn", s.id as "holdOn"
          from signals s left join users u on u.id = s.created_by
          where s.collaboration_id = ${c} and s.destroyed_at is null and s.decision = any(${decisions}::text[])
            and not exists (select 1 from case_signals cs where cs.signal_id = s.id)
        ) x where "dueOn" <= ${today}::date`;
    }
    case 'case-closed':
      return sql<DueRecord>`
        select * from (
          select ${kind}::text as "recordKind", c.id as "recordId", c.reference as label,
            null::uuid as "organisationId", ${due(caseStart(from))} as "dueOn", c.id as "holdOn"
          from cases c
          where c.collaboration_id = ${c} and c.destroyed_at is null and c.phase = 'closed' and c.closed_on is not null
        ) x where "dueOn" <= ${today}::date`;
    case 'attachment':
      return sql<DueRecord>`
        select * from (
          select ${kind}::text as "recordKind", a.id as "recordId",
            c.reference || ', bijlage van ' || to_char(${amsterdam(sql`a.uploaded_at`)}, 'DD-MM-YYYY') as label,
            a.organisation_id as "organisationId",
            ${due(from === 'creation' ? amsterdam(sql`a.uploaded_at`) : caseStart(from))} as "dueOn", c.id as "holdOn"
          from attachments a join cases c on c.id = a.case_id
          where a.collaboration_id = ${c} and c.destroyed_at is null and c.phase = 'closed' and c.closed_on is not null
        ) x where "dueOn" <= ${today}::date`;
    case 'hitcheck-round':
      return sql<DueRecord>`
        select * from (
          select ${kind}::text as "recordKind", r.id as "recordId",
            s.reference || ', ronde van ' || to_char(${amsterdam(sql`r.created_at`)}, 'DD-MM-YYYY') as label,
            coalesce(s.received_from_organisation_id, u.organisation_id) as "organisationId",
            ${due(from === 'creation' ? amsterdam(sql`r.created_at`) : amsterdam(sql`r.closed_at`))} as "dueOn",
            s.id as "holdOn"
          from hitcheck_rounds r join signals s on s.id = r.signal_id left join users u on u.id = s.created_by
          where r.collaboration_id = ${c} and r.closed_at is not null
        ) x where "dueOn" <= ${today}::date`;
    // The register and the imports are the region's: their terms are the covenant's.
    case 'suggestion-rejected':
      if (!scope.covenant) return null;
      return sql<DueRecord>`
        select * from (
          select ${kind}::text as "recordKind", m.id as "recordId",
            'Afgewezen suggestie van ' || to_char(${amsterdam(sql`m.created_at`)}, 'DD-MM-YYYY') as label,
            null::uuid as "organisationId",
            ${due(from === 'creation' ? amsterdam(sql`m.created_at`) : amsterdam(sql`m.decided_at`))} as "dueOn",
            m.id as "holdOn"
          from match_suggestions m
          where m.region_id = ${scope.regionId} and m.status = 'rejected' and m.decided_at is not null
        ) x where "dueOn" <= ${today}::date`;
    case 'import-errors':
      if (!scope.covenant) return null;
      return sql<DueRecord>`
        select * from (
          select ${kind}::text as "recordKind", i.id as "recordId",
            'Foutenbestand van ' || i.file_name || ', ' || to_char(${amsterdam(sql`i.created_at`)}, 'DD-MM-YYYY') as label,
            i.organisation_id as "organisationId", ${due(amsterdam(sql`i.created_at`))} as "dueOn", i.id as "holdOn"
          from imports i
          where i.region_id = ${scope.regionId} and jsonb_array_length(i.error_rows -> 'rows') > 0
        ) x where "dueOn" <= ${today}::date`;
    // The processing log's own retention drops whole months of it (not a list of records).
    case 'processing-log':
      return null;
  }
}

/** The collaborations of a region with their retention terms. */
export async function termsOf(db: Db, regionId: string) {
  return db
    .selectFrom('collaborations as k')
    .innerJoin('retentionTerms as t', 't.collaborationId', 'k.id')
    .select(['k.id as collaborationId', 'k.kind', 't.recordKind', 't.runsFrom', 't.months'])
    .where('k.regionId', '=', regionId)
    .orderBy('k.id')
    .execute();
}

/** What falls due in one collaboration by `today`, every kind with a term, skipping those on a list in progress. */
export async function dueRecords(
  db: Db,
  scope: { collaborationId: string; regionId: string; covenant: boolean },
  terms: ReadonlyArray<{ recordKind: RetentionRecordKind; runsFrom: RetentionStart; months: number }>,
  today: string,
): Promise<DueRecord[]> {
  const found: DueRecord[] = [];
  for (const t of terms) {
    const query = dueQuery(t.recordKind, t.runsFrom, t.months, scope, today);
    if (!query) continue;
    const { rows } = await sql<DueRecord>`
      select q.* from (${query}) q
      where not exists (select 1 from destruction_items i join destruction_lists l on l.id = i.list_id
        where i.record_id = q."recordId" and l.status in ('submitted', 'approved'))`.execute(
      db.withoutPlugins(),
    );
    found.push(...rows);
  }
  return found;
}

/** Of these records, the ones a legal hold is on now, and the ones postponed beyond today. */
export async function restraints(
  db: Db,
  holdOn: readonly string[],
  recordIds: readonly string[],
  today: string,
) {
  const [held, postponed] = await Promise.all([
    holdOn.length
      ? db
          .selectFrom('legalHolds')
          .select('recordId')
          .distinct()
          .where(sql<boolean>`record_id = any(${holdOn}::uuid[])`)
          .where('liftedAt', 'is', null)
          .execute()
      : [],
    recordIds.length
      ? db
          .selectFrom('retentionPostponements')
          .select('recordId')
          .distinct()
          .where(sql<boolean>`record_id = any(${recordIds}::uuid[])`)
          .where('until', '>', today)
          .execute()
      : [],
  ]);
  return { held: new Set(held.map((r) => r.recordId)), postponed: new Set(postponed.map((r) => r.recordId)) };
}

// ---- destruction lists ----

/** The collaboration's list still being drafted, created when there is none (null: today's is further). */
export async function draftListOf(
  db: Db,
  list: { regionId: string; collaborationId: string; today: string; runId: string },
): Promise<string | null> {
  const open = await db
    .selectFrom('destructionLists')
    .select('id')
    .where('collaborationId', '=', list.collaborationId)
    .where('status', 'in', ['draft', 'returned'])
    .forUpdate()
    .executeTakeFirst();
  if (open) {
    await db
      .updateTable('destructionLists')
      .set({ status: 'draft', runId: list.runId })
      .where('id', '=', open.id)
      .execute();
    return open.id;
  }
  const created = await db
    .insertInto('destructionLists')
    .values({
      regionId: list.regionId,
      collaborationId: list.collaborationId,
      draftedOn: list.today,
      runId: list.runId,
      status: 'draft',
    })
    // Today's list already submitted or further (a run taken up again): it is left as it is.
    .onConflict((oc) => oc.columns(['collaborationId', 'draftedOn']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return created?.id ?? null;
}

/**
 * Puts what is due on the draft (new records added, others brought up to date) and marks what
 * is on it but no longer due as not due; returns the counts per status.
 */
export async function replaceDraftItems(
  db: Db,
  listId: string,
  items: ReadonlyArray<DueRecord & { status: DestructionItemStatus }>,
): Promise<void> {
  const ids = items.map((i) => i.recordId);
  await db
    .updateTable('destructionItems')
    .set({ status: 'not-due' })
    .where('listId', '=', listId)
    .where('status', '<>', 'destroyed')
    // One array parameter, not one per record: a list may hold a hundred thousand.
    .$if(ids.length > 0, (q) => q.where(sql<boolean>`record_id <> all(${ids}::uuid[])`))
    .execute();
  for (let i = 0; i < items.length; i += 1000) {
    const page = items.slice(i, i + 1000);
    await db
      .insertInto('destructionItems')
      .values(
        page.map((r) => ({
          listId,
          recordKind: r.recordKind,
          recordId: r.recordId,
          label: r.label,
          organisationId: r.organisationId,
          dueOn: r.dueOn,
          status: r.status,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['listId', 'recordKind', 'recordId']).doUpdateSet((eb) => ({
          status: eb.ref('excluded.status'),
          dueOn: eb.ref('excluded.dueOn'),
          label: eb.ref('excluded.label'),
        })),
      )
      .execute();
  }
}

export async function listsOf(db: Db, regionId: string, ids?: readonly string[]) {
  const { rows } = await sql<{
    id: string;
    collaboration: string;
    draftedOn: string;
    status: 'draft' | 'submitted' | 'approved' | 'executed' | 'returned';
    submittedBy: string | null;
    submittedById: string | null;
    submittedAt: Date | null;
    approvedBy: string | null;
    approvedAt: Date | null;
    executedAt: Date | null;
    returnedReason: string | null;
    counts: Record<string, number> | null;
  }>`
    select l.id, k.name as collaboration, l.drafted_on as "draftedOn", l.status,
      su.display_name as "submittedBy", l.submitted_by as "submittedById", l.submitted_at as "submittedAt",
      au.display_name as "approvedBy", l.approved_at as "approvedAt", l.executed_at as "executedAt",
      l.returned_reason as "returnedReason",
      (select jsonb_object_agg(status, n) from (select i.status, count(*)::int as n from destruction_items i
        where i.list_id = l.id group by i.status) c) as counts
    from destruction_lists l
    join collaborations k on k.id = l.collaboration_id
    left join users su on su.id = l.submitted_by
    left join users au on au.id = l.approved_by
    where l.region_id = ${regionId} ${ids ? sql`and l.id = any(${ids}::uuid[])` : sql``}
    order by l.drafted_on desc, k.name`.execute(db.withoutPlugins());
  return rows;
}

/** Which of these lists are the region's (the record check of every permission on lists). */
export async function listsIn(db: Db, regionId: string, ids: readonly string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom('destructionLists')
    .select('id')
    .where('regionId', '=', regionId)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function itemsOf(db: Db, listId: string) {
  const { rows } = await sql<{
    id: string;
    recordKind: RetentionRecordKind;
    recordId: string;
    label: string;
    organisation: string | null;
    dueOn: string;
    status: DestructionItemStatus;
    destroyedAt: Date | null;
    postponements: number;
    holds: number;
  }>`
    select i.id, i.record_kind as "recordKind", i.record_id as "recordId", i.label, o.name as organisation,
      i.due_on as "dueOn", i.status, i.destroyed_at as "destroyedAt",
      (select count(*)::int from retention_postponements p where p.record_id = i.record_id) as postponements,
      (select count(*)::int from legal_holds h where h.lifted_at is null and h.record_id = i.record_id) as holds
    from destruction_items i left join partner_organisations o on o.id = i.organisation_id
    where i.list_id = ${listId}
    order by i.due_on, i.label`.execute(db.withoutPlugins());
  return rows;
}

export async function receiptsOf(db: Db, listId: string) {
  return db
    .selectFrom('destructionReceipts as r')
    .innerJoin('partnerOrganisations as o', 'o.id', 'r.organisationId')
    .select(['o.name as organisation', 'r.counts', 'r.issuedAt'])
    .where('r.listId', '=', listId)
    .orderBy('o.name')
    .execute();
}

export async function lockList(db: Db, listId: string) {
  return db
    .selectFrom('destructionLists')
    .selectAll()
    .where('id', '=', listId)
    .forUpdate()
    .executeTakeFirst();
}

export async function setListStatus(
  db: Db,
  listId: string,
  values: Partial<{
    status: 'draft' | 'submitted' | 'approved' | 'executed' | 'returned';
    submittedBy: string | null;
    submittedAt: Date | null;
    approvedBy: string | null;
    approvedAt: Date | null;
    returnedReason: string | null;
    executedAt: Date | null;
  }>,
): Promise<void> {
  await db.updateTable('destructionLists').set(values).where('id', '=', listId).execute();
}

export async function findItem(db: Db, listId: string, itemId: string) {
  return db
    .selectFrom('destructionItems')
    .selectAll()
    .where('listId', '=', listId)
    .where('id', '=', itemId)
    .executeTakeFirst();
}

export async function setItemStatus(db: Db, itemIds: readonly string[], status: DestructionItemStatus) {
  if (itemIds.length)
    await db.updateTable('destructionItems').set({ status }).where('id', 'in', itemIds).execute();
}

export async function insertPostponement(
  db: Db,
  p: {
    regionId: string;
    recordKind: RetentionRecordKind;
    recordId: string;
    listId: string;
    until: string;
    reason: string;
    postponedBy: string | null;
    postponedAt: Date;
  },
): Promise<void> {
  await db.insertInto('retentionPostponements').values(p).execute();
}

/** Per record postponed at least once: how often, until when and why the last time. */
export async function postponementCounts(db: Db, regionId: string) {
  const { rows } = await sql<{
    recordKind: RetentionRecordKind;
    label: string;
    postponements: number;
    lastUntil: string;
    lastReason: string;
  }>`
    select p.record_kind as "recordKind",
      coalesce((select i.label from destruction_items i where i.record_id = p.record_id order by i.id limit 1), '') as label,
      count(*)::int as postponements,
      (array_agg(p.until order by p.postponed_at desc))[1]::text as "lastUntil",
      (array_agg(p.reason order by p.postponed_at desc))[1] as "lastReason"
    from retention_postponements p
    where p.region_id = ${regionId}
    group by p.record_kind, p.record_id
    order by count(*) desc, 2`.execute(db.withoutPlugins());
  return rows;
}

/** The items of a list still to destroy, a batch at a time, in a stable order. */
export async function itemsToDestroy(db: Db, listId: string, limit: number) {
  return (
    db
      .selectFrom('destructionItems')
      .select(['id', 'recordKind', 'recordId', 'organisationId'])
      .where('listId', '=', listId)
      .where('status', '=', 'due')
      .orderBy('id')
      .limit(limit)
      // A second run of the same list (a retry while the first still runs) takes other records.
      .forUpdate()
      .skipLocked()
      .execute()
  );
}

export async function markDestroyed(
  db: Db,
  items: ReadonlyArray<{ id: string; counts: Record<string, number> }>,
  at: Date,
): Promise<void> {
  for (const item of items)
    await db
      .updateTable('destructionItems')
      .set({ status: 'destroyed', destroyedAt: at, counts: JSON.stringify(item.counts) })
      .where('id', '=', item.id)
      .execute();
}

// ---- files removed after the commit ----

export async function recordFileDeletions(db: Db, listId: string, names: readonly string[], at: Date) {
  if (names.length)
    await db
      .insertInto('pendingFileDeletions')
      .values(names.map((storageName) => ({ storageName, listId, recordedAt: at })))
      .onConflict((oc) => oc.doNothing())
      .execute();
}

export async function pendingFileDeletions(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('pendingFileDeletions').select('storageName').execute();
  return rows.map((r) => r.storageName);
}

export async function fileDeleted(db: Db, name: string): Promise<void> {
  await db.deleteFrom('pendingFileDeletions').where('storageName', '=', name).execute();
}

// ---- receipts ----

/**
 * A receipt per partner for what a list destroyed: of signals and rounds, the partner that
 * brought the signal in; of cases, every partner that took part or from whom it came; of
 * attachments and error files, the partner that uploaded them.
 */
export async function issueReceipts(db: Db, listId: string, at: Date): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with parties as (
      -- A record once per partner, also when the partner both brought a case in and took part.
      select i.record_kind, i.record_id, i.organisation_id from destruction_items i
      where i.list_id = ${listId} and i.status = 'destroyed' and i.organisation_id is not null
      union
      select i.record_kind, i.record_id, p.organisation_id from destruction_items i
      join case_participants p on p.case_id = i.record_id
      where i.list_id = ${listId} and i.status = 'destroyed' and i.record_kind = 'case-closed'
      union
      select i.record_kind, i.record_id, o.organisation_id from destruction_items i
      join case_origin_organisations o on o.case_id = i.record_id
      where i.list_id = ${listId} and i.status = 'destroyed' and i.record_kind = 'case-closed'
    ),
    per_kind as (
      select organisation_id, record_kind, count(*)::int as n from parties group by 1, 2
    ),
    receipts as (
      insert into destruction_receipts (list_id, organisation_id, counts, issued_at)
      select ${listId}, organisation_id, jsonb_object_agg(record_kind, n), ${at} from per_kind group by organisation_id
      on conflict (list_id, organisation_id) do update set counts = excluded.counts, issued_at = excluded.issued_at
      returning 1
    )
    select count(*)::int as n from receipts`.execute(db);
  return rows[0]?.n ?? 0;
}

// ---- legal holds ----

/** The region's legal holds: in force, lifted or all; or the one with this id. */
export async function holdsOf(db: Db, regionId: string, filter: { active?: boolean; id?: string } = {}) {
  const { active, id } = filter;
  const { rows } = await sql<{
    id: string;
    recordKind: HoldRecordKind;
    recordId: string;
    label: string;
    ground: HoldGround;
    reason: string;
    placedBy: string | null;
    placedAt: Date;
    liftedBy: string | null;
    liftedAt: Date | null;
    liftReason: string | null;
  }>`
    select h.id, h.record_kind as "recordKind", h.record_id as "recordId",
      coalesce(s.reference, c.reference, '') as label, h.ground, h.reason,
      pu.display_name as "placedBy", h.placed_at as "placedAt", lu.display_name as "liftedBy",
      h.lifted_at as "liftedAt", h.lift_reason as "liftReason"
    from legal_holds h
    left join signals s on h.record_kind = 'signal' and s.id = h.record_id
    left join cases c on h.record_kind = 'case' and c.id = h.record_id
    left join users pu on pu.id = h.placed_by
    left join users lu on lu.id = h.lifted_by
    where h.region_id = ${regionId}
      ${active === undefined ? sql`` : active ? sql`and h.lifted_at is null` : sql`and h.lifted_at is not null`}
      ${id === undefined ? sql`` : sql`and h.id = ${id}`}
    order by h.placed_at desc`.execute(db.withoutPlugins());
  return rows;
}

/**
 * The signal or case of the region with this reference (a hold is placed by number), locked for
 * share: a destruction batch that has it locked finishes first (and the hold is refused as too
 * late), or waits for the hold's commit and then sees it.
 */
export async function recordByReference(db: Db, regionId: string, reference: string) {
  const signal = await sql<{ id: string; destroyed: boolean }>`
    select id, destroyed_at is not null as destroyed from signals
    where region_id = ${regionId} and upper(reference) = upper(${reference}) for share`.execute(db);
  const s = signal.rows[0];
  if (s) return { kind: 'signal' as const, ...s };
  const found = await sql<{ id: string; destroyed: boolean }>`
    select id, destroyed_at is not null as destroyed from cases
    where region_id = ${regionId} and upper(reference) = upper(${reference}) for share`.execute(db);
  const c = found.rows[0];
  return c ? { kind: 'case' as const, ...c } : undefined;
}

export async function insertHold(
  db: Db,
  hold: {
    regionId: string;
    recordKind: HoldRecordKind;
    recordId: string;
    ground: HoldGround;
    reason: string;
    placedBy: string | null;
    placedAt: Date;
  },
): Promise<string> {
  const row = await db.insertInto('legalHolds').values(hold).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function liftHold(
  db: Db,
  regionId: string,
  id: string,
  lift: { liftedBy: string | null; liftedAt: Date; liftReason: string },
): Promise<boolean> {
  const result = await db
    .updateTable('legalHolds')
    .set(lift)
    .where('id', '=', id)
    .where('regionId', '=', regionId)
    .where('liftedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Which of these records a hold is on now (checked again under the record's lock). */
export async function heldNow(db: Db, recordIds: readonly string[]): Promise<Set<string>> {
  if (!recordIds.length) return new Set();
  const rows = await db
    .selectFrom('legalHolds')
    .select('recordId')
    .where('recordId', 'in', recordIds)
    .where('liftedAt', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.recordId));
}

/** Which of these records are postponed beyond today (checked again when destroying). */
export async function postponedNow(
  db: Db,
  recordIds: readonly string[],
  today: string,
): Promise<Set<string>> {
  if (!recordIds.length) return new Set();
  const rows = await db
    .selectFrom('retentionPostponements')
    .select('recordId')
    .where('recordId', 'in', recordIds)
    .where('until', '>', today)
    .execute();
  return new Set(rows.map((r) => r.recordId));
}

/** Where a round's or an attachment's hold would be: the signal or case it belongs to. */
export async function holdTargets(db: Db, items: ReadonlyArray<{ recordKind: string; recordId: string }>) {
  const rounds = items.filter((i) => i.recordKind === 'hitcheck-round').map((i) => i.recordId);
  const attachments = items.filter((i) => i.recordKind === 'attachment').map((i) => i.recordId);
  const map = new Map<string, string>();
  if (rounds.length)
    for (const r of await db
      .selectFrom('hitcheckRounds')
      .select(['id', 'signalId'])
      .where('id', 'in', rounds)
      .execute())
      map.set(r.id, r.signalId);
  if (attachments.length)
    for (const a of await db
      .selectFrom('attachments')
      .select(['id', 'caseId'])
      .where('id', 'in', attachments)
      .execute())
      map.set(a.id, a.caseId);
  return map;
}

/**
 * Of these closed cases, those that are still closed (a reopened case is not due) and, with the
 * term, still due by it today: a case reopened and closed again runs from its new closure.
 */
export async function stillClosed(
  db: Db,
  caseIds: readonly string[],
  term?: { runsFrom: RetentionStart; months: number; today: string },
): Promise<Set<string>> {
  if (!caseIds.length) return new Set();
  const due = term
    ? sql`and (${caseStart(term.runsFrom)} + make_interval(months => ${term.months}))::date <= ${term.today}::date`
    : sql``;
  const { rows } = await sql<{ id: string }>`
    select c.id from cases c
    where c.id = any(${caseIds as string[]}::uuid[]) and c.phase = 'closed' and c.closed_on is not null ${due}`.execute(
    db,
  );
  return new Set(rows.map((r) => r.id));
}

/** The list's collaboration's term for a kind of record, if it has one. */
export async function termOfList(db: Db, listId: string, kind: RetentionRecordKind) {
  return db
    .selectFrom('destructionLists as l')
    .innerJoin('retentionTerms as t', 't.collaborationId', 'l.collaborationId')
    .select(['t.runsFrom', 't.months'])
    .where('l.id', '=', listId)
    .where('t.recordKind', '=', kind)
    .executeTakeFirst();
}

/** The regions whose collaborations have retention terms: the daily run's regions. */
export async function regionsWithTerms(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('collaborations as k')
    .innerJoin('retentionTerms as t', 't.collaborationId', 'k.id')
    .select('k.regionId')
    .distinct()
    .orderBy('k.regionId')
    .execute();
  return rows.map((r) => r.regionId);
}

/** How many records of a list are still to destroy. */
export async function itemsLeft(db: Db, listId: string): Promise<number> {
  const row = await db
    .selectFrom('destructionItems')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('listId', '=', listId)
    .where('status', '=', 'due')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The approved lists not yet executed (handed to the job runner again when it starts). */
export async function approvedLists(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('destructionLists')
    .select('id')
    .where('status', '=', 'approved')
    .execute();
  return rows.map((r) => r.id);
}
