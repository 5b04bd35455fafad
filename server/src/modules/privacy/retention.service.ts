import { rm } from 'node:fs/promises';
import path from 'node:path';
import type {
  DestructionList,
  DestructionListSummary,
  JobRun,
  LegalHold,
  LegalHoldRequest,
  RetentionRecordKind,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { DestructionItemStatus } from '../../db/schema.js';
import type { RequestContext } from '../../shared/context.js';
import { amsterdamDate } from '../../shared/dates.js';
import { conflict, invalid, notFound } from '../../shared/errors.js';
import { type ServiceDeps, userOf } from '../../shared/service.js';
import { traceFrom } from '../audit/index.js';
import { deleteAttachments, destroyCaseContent, lockCasesForDestruction } from '../cases/index.js';
import { deleteHitcheckRounds } from '../hitcheck/index.js';
import { clearImportErrorRows, deleteFtmImportsOfCases } from '../imports/index.js';
import { clearInterventionTexts } from '../interventions/index.js';
import { unlinkCasesFromPlaces, unlinkSubjectsFromPlaces } from '../locations/index.js';
import { clearAgendaOutcomes } from '../meetings/index.js';
import { deleteNotificationsLinkingTo } from '../notifications/index.js';
import { destroySignalContent, lockSignalsForDestruction } from '../signals/index.js';
import { deleteMatchSuggestions, forgetSightings, recountSubjectNames } from '../subjects/index.js';
import * as repo from './retention.repository.js';

const activity = 'samenspel.retention';
export const DRAFT_JOB = 'retention-draft';
export const DESTROY_JOB = 'retention-destroy';
export const LOG_ROTATE_JOB = 'log-rotate';

/** A run started by the scheduler rather than a person: logged without an actor, with its own trace. */
function jobContext(): RequestContext {
  return { actor: null, trace: traceFrom(undefined), client: { address: null, userAgent: 'samenspel-jobs' } };
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export interface RetentionDeps extends ServiceDeps {
  /** Where attachments are stored: destroyed ones' files are removed there. */
  attachmentsDir: string;
}

/** Hands an approved list to the job runner. */
export type Enqueue = (job: string, data: { listId: string }) => Promise<void>;

/**
 * Retention that deletes: a daily run drafts, per collaboration, the list of what its terms
 * say is due; one person submits it, a second approves it (four eyes), and the destruction runs
 * as a job that can be killed and resumed. Postponements carry a reason and are counted per
 * record; a legal hold stops destruction until it is lifted, also when placed during a run.
 */
export class RetentionService {
  /** Set by the job runner when it starts; without one, an approved list waits for `executeList`. */
  enqueue: Enqueue | undefined;

  constructor(private readonly deps: RetentionDeps) {}

  private today(): string {
    return amsterdamDate(this.deps.now());
  }

  // ---- the jobs ----

  /**
   * The daily run for a region: for each collaboration, what its terms make due by today goes on
   * its draft list, with holds and postponements marked. One run per region and day; a second
   * call that day does nothing (null).
   */
  async draftRun(regionId: string, context: RequestContext = jobContext()) {
    const { db, now, audit } = this.deps;
    const today = this.today();
    const run = await repo.startRun(db, {
      job: DRAFT_JOB,
      regionId,
      period: today,
      traceId: context.trace.traceId,
      at: now(),
    });
    if (!run) return null;
    try {
      const counts = await audit.run(context, { action: 'retention.draft', activity }, (trx) =>
        this.draftIn(trx, regionId, today, run.id),
      );
      await repo.finishRun(db, run.id, { status: 'ok', counts, message: null, at: now() });
      return { runId: run.id, counts };
    } catch (error) {
      await repo.finishRun(db, run.id, {
        status: 'error',
        counts: {},
        message: error instanceof Error ? error.message : String(error),
        at: now(),
      });
      throw error;
    }
  }

  /** For each collaboration of the region, what its terms make due goes on its draft list. */
  private async draftIn(trx: Db, regionId: string, today: string, runId: string) {
    const totals: Record<string, number> = { lists: 0, due: 0, held: 0, postponed: 0 };
    const terms = await repo.termsOf(trx, regionId);
    for (const collaborationId of [...new Set(terms.map((t) => t.collaborationId))]) {
      const own = terms.filter((t) => t.collaborationId === collaborationId);
      const due = await repo.dueRecords(
        trx,
        { collaborationId, regionId, covenant: own[0]?.kind === 'covenant' },
        own,
        today,
      );
      // A case postponed postpones its attachments too (they are due on their own term).
      const { held, postponed } = await repo.restraints(
        trx,
        due.map((d) => d.holdOn),
        due.flatMap((d) => (d.recordKind === 'attachment' ? [d.recordId, d.holdOn] : [d.recordId])),
        today,
      );
      const items = due.map((d) => ({
        ...d,
        status: (held.has(d.holdOn)
          ? 'held'
          : postponed.has(d.recordId) || (d.recordKind === 'attachment' && postponed.has(d.holdOn))
            ? 'postponed'
            : 'due') as DestructionItemStatus,
      }));
      const listId = await repo.draftListOf(trx, { regionId, collaborationId, today, runId });
      if (!listId) continue;
      await repo.replaceDraftItems(trx, listId, items);
      totals.lists = (totals.lists ?? 0) + 1;
      for (const i of items) totals[i.status] = (totals[i.status] ?? 0) + 1;
    }
    return totals;
  }

  /** The approved lists not yet executed: the job runner takes them up again when it starts. */
  approvedLists(): Promise<string[]> {
    return repo.approvedLists(this.deps.db);
  }

  /**
   * The processing log's retention, once a month for the whole installation: months older than
   * `keepMonths` are dropped whole, each leaving its anchors. One run per month (a second call
   * that month does nothing: null).
   */
  async rotateLog(keepMonths: number): Promise<{ months: number; records: number } | null> {
    const { db, now, audit } = this.deps;
    const context = jobContext();
    const run = await repo.startRun(db, {
      job: LOG_ROTATE_JOB,
      regionId: null,
      period: this.today().slice(0, 7),
      traceId: context.trace.traceId,
      at: now(),
    });
    if (!run) return null;
    try {
      const dropped = await audit.rotate({ keepMonths, now: now() });
      const counts = { months: dropped.length, records: dropped.reduce((n, d) => n + d.records, 0) };
      await repo.finishRun(db, run.id, {
        status: 'ok',
        counts,
        message: dropped.length
          ? `Vervallen maanden: ${dropped.map((d) => d.month.slice(0, 7)).join(', ')}`
          : null,
        at: now(),
      });
      return counts;
    } catch (error) {
      await repo.finishRun(db, run.id, {
        status: 'error',
        counts: {},
        message: error instanceof Error ? error.message : String(error),
        at: now(),
      });
      throw error;
    }
  }

  /**
   * The daily run of every region with retention terms. A region that fails does not keep the
   * others from their run (its run is recorded as an error); the job fails after all were tried,
   * so that pg-boss retries it and the failed region's run is taken up again.
   */
  async draftAll(): Promise<Record<string, Record<string, number> | null>> {
    const done: Record<string, Record<string, number> | null> = {};
    const failures: unknown[] = [];
    for (const regionId of await repo.regionsWithTerms(this.deps.db)) {
      try {
        done[regionId] = (await this.draftRun(regionId))?.counts ?? null;
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length)
      throw new AggregateError(failures, `The daily retention run failed in ${failures.length} region(s)`);
    return done;
  }

  /**
   * Destroys what an approved list holds, a batch per transaction: each record locked, its holds,
   * postponement and state checked again under the lock, then destroyed by its own module and
   * marked on the list, in one commit. Files go after the commit (recorded first, so a killed
   * run removes them when it resumes). A resumed run skips what is done and finishes the rest;
   * the list is executed and the receipts issued only when nothing is left.
   */
  async executeList(
    listId: string,
    options: {
      batchSize?: number;
      context?: RequestContext;
      /** For the fault tests: fail inside the n-th batch's transaction, or just after its commit. */
      fault?: { batch: number; at: 'before-commit' | 'after-commit' };
    } = {},
  ) {
    const { db, now, audit } = this.deps;
    const context = options.context ?? jobContext();
    const list = await db.transaction().execute((trx) => repo.lockList(trx, listId));
    if (!list || (list.status !== 'approved' && list.status !== 'executed')) return null;
    const run = await repo.startRun(db, {
      job: DESTROY_JOB,
      regionId: list.regionId,
      period: listId,
      traceId: context.trace.traceId,
      at: now(),
    });
    if (!run) return null;
    const counts: Record<string, number> = { destroyed: 0, held: 0, postponed: 0, 'not-due': 0, files: 0 };
    try {
      counts.files = (counts.files ?? 0) + (await this.removePendingFiles());
      for (let batch = 1; ; batch += 1) {
        const done = await audit.run(context, { action: 'retention.destroy', activity }, async (trx) => {
          const items = await repo.itemsToDestroy(trx, listId, options.batchSize ?? 200);
          if (!items.length) return null;
          const result = await this.destroyBatch(trx, listId, items);
          if (options.fault?.batch === batch && options.fault.at === 'before-commit')
            throw new Error('Opzettelijke storing in de test, midden in een batch');
          return result;
        });
        if (!done) break;
        for (const [k, v] of Object.entries(done)) counts[k] = (counts[k] ?? 0) + v;
        if (options.fault?.batch === batch && options.fault.at === 'after-commit')
          throw new Error('Opzettelijke storing in de test, na een batch');
        counts.files = (counts.files ?? 0) + (await this.removePendingFiles());
      }
      // Executed only when nothing is left: another run of the list may still hold some records.
      const finished = await db.transaction().execute(async (trx) => {
        if ((await repo.itemsLeft(trx, listId)) > 0) return false;
        await recountSubjectNames(trx);
        counts.receipts = await repo.issueReceipts(trx, listId, now());
        await repo.setListStatus(trx, listId, { status: 'executed', executedAt: now() });
        return true;
      });
      await repo.finishRun(db, run.id, {
        status: finished ? 'ok' : 'partial',
        counts,
        message: finished ? null : 'Een andere uitvoering van deze lijst vernietigt de rest.',
        at: now(),
      });
      return { runId: run.id, counts };
    } catch (error) {
      await repo.finishRun(db, run.id, {
        status: counts.destroyed ? 'partial' : 'error',
        counts,
        message: error instanceof Error ? error.message : String(error),
        at: now(),
      });
      throw error;
    }
  }

  private async destroyBatch(
    trx: Db,
    listId: string,
    items: ReadonlyArray<{ id: string; recordKind: RetentionRecordKind; recordId: string }>,
  ): Promise<Record<string, number>> {
    const at = this.deps.now();
    const today = this.today();
    const of = (kind: RetentionRecordKind | RetentionRecordKind[]) =>
      items.filter((i) => (Array.isArray(kind) ? kind.includes(i.recordKind) : i.recordKind === kind));
    // Lock the signals and cases first, then look at holds: a hold placed meanwhile is seen.
    const signalItems = of(['signal-not-accepted', 'signal-referred']);
    const caseItems = of('case-closed');
    const signals = new Set(
      await lockSignalsForDestruction(
        trx,
        signalItems.map((i) => i.recordId),
      ),
    );
    const cases = await lockCasesForDestruction(
      trx,
      caseItems.map((i) => i.recordId),
    );
    const targets = await repo.holdTargets(trx, items);
    const holdOn = (i: { recordKind: string; recordId: string }) => targets.get(i.recordId) ?? i.recordId;
    // A hold on a signal a case came from holds the case too: they are one matter.
    const held = await repo.heldNow(trx, [
      ...new Set([...items.map(holdOn), ...cases.flatMap((c) => c.signalIds)]),
    ]);
    for (const c of cases) if (c.signalIds.some((id) => held.has(id))) held.add(c.id);
    const postponed = await repo.postponedNow(
      trx,
      items.flatMap((i) => (i.recordKind === 'attachment' ? [i.recordId, holdOn(i)] : [i.recordId])),
      today,
    );
    // Closed still, and for a case still due by its term: reopened and closed again, it runs anew.
    const term = await repo.termOfList(trx, listId, 'case-closed');
    const closed = await repo.stillClosed(
      trx,
      caseItems.map((i) => i.recordId),
      term ? { ...term, today } : undefined,
    );
    const casesOfAttachments = await repo.stillClosed(
      trx,
      of('attachment').map((i) => holdOn(i)),
    );
    const status = new Map<string, DestructionItemStatus>();
    for (const i of items) {
      if (held.has(holdOn(i))) status.set(i.id, 'held');
      else if (postponed.has(i.recordId) || (i.recordKind === 'attachment' && postponed.has(holdOn(i))))
        status.set(i.id, 'postponed');
      else if (i.recordKind === 'case-closed' && !closed.has(i.recordId)) status.set(i.id, 'not-due');
      // An attachment whose case went first (on this list or another) is gone already: destroyed.
      else if (i.recordKind === 'attachment' && targets.has(i.recordId) && !casesOfAttachments.has(holdOn(i)))
        status.set(i.id, 'not-due');
    }
    const go = (list: typeof items) => list.filter((i) => !status.has(i.id));

    // Cases, with the signals they came from (one matter with the case).
    const caseIds = go(caseItems)
      .map((i) => i.recordId)
      .filter((id) => cases.some((c) => c.id === id));
    const caseSignals = cases.filter((c) => caseIds.includes(c.id)).flatMap((c) => c.signalIds);
    const signalIds = [
      ...go(signalItems)
        .map((i) => i.recordId)
        .filter((id) => signals.has(id)),
      ...(await lockSignalsForDestruction(trx, caseSignals)),
    ];
    const register = await forgetSightings(trx, { signalIds, caseIds }, unlinkSubjectsFromPlaces, at);
    const rounds = await deleteHitcheckRounds(trx, {
      signalIds,
      ids: go(of('hitcheck-round')).map((i) => i.recordId),
    });
    await clearAgendaOutcomes(trx, signalIds);
    await clearInterventionTexts(trx, caseIds);
    await unlinkCasesFromPlaces(trx, caseIds);
    await deleteFtmImportsOfCases(trx, caseIds);
    // Notifications that lead to what is gone go with it, a round's request to answer too.
    await deleteNotificationsLinkingTo(trx, [...caseIds, ...signalIds, ...rounds]);
    const files = [
      ...(await destroyCaseContent(trx, caseIds, at)),
      ...(await deleteAttachments(
        trx,
        go(of('attachment')).map((i) => i.recordId),
      )),
    ];
    await destroySignalContent(trx, signalIds, at);
    await deleteMatchSuggestions(
      trx,
      go(of('suggestion-rejected')).map((i) => i.recordId),
    );
    await clearImportErrorRows(
      trx,
      go(of('import-errors')).map((i) => i.recordId),
    );
    await repo.recordFileDeletions(trx, listId, files, at);

    for (const s of ['held', 'postponed', 'not-due'] as const)
      await repo.setItemStatus(
        trx,
        items.filter((i) => status.get(i.id) === s).map((i) => i.id),
        s,
      );
    const destroyed = go(items);
    await repo.markDestroyed(
      trx,
      destroyed.map((i) => ({
        id: i.id,
        counts: (i.recordKind === 'case-closed'
          ? { signals: cases.find((c) => c.id === i.recordId)?.signalIds.length ?? 0 }
          : {}) as Record<string, number>,
      })),
      at,
    );
    const count = (s: DestructionItemStatus) => [...status.values()].filter((v) => v === s).length;
    return {
      destroyed: destroyed.length,
      held: count('held'),
      postponed: count('postponed'),
      'not-due': count('not-due'),
      sightings: register.sightings,
      subjects: register.subjects,
    };
  }

  /** Removes stored files whose rows are gone; returns how many. */
  private async removePendingFiles(): Promise<number> {
    const names = await repo.pendingFileDeletions(this.deps.db);
    for (const name of names) {
      await rm(path.join(this.deps.attachmentsDir, path.basename(name)), { force: true });
      await repo.fileDeleted(this.deps.db, name);
    }
    return names.length;
  }

  // ---- the API ----

  async runs(context: RequestContext): Promise<{ items: JobRun[] }> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'job.list', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'job.read');
      const rows = await repo.runsOf(trx, actor.regionId, 100);
      return {
        items: rows.map((r) => ({
          id: r.id,
          job: r.job,
          period: r.period,
          status: r.status,
          attempts: r.attempts,
          startedAt: new Date(r.startedAt).toISOString(),
          endedAt: iso(r.endedAt),
          counts: r.counts,
          message: r.message,
          traceId: r.traceId,
        })),
      };
    });
  }

  /**
   * Drafts today's lists now, as the daily run would: the same run of the day (a second call
   * that day drafts nothing again), in the person's own logged action.
   */
  async draftNow(context: RequestContext): Promise<{ items: DestructionListSummary[] }> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'retention.draft', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'retention.manage');
      const today = this.today();
      const run = await repo.startRun(trx, {
        job: DRAFT_JOB,
        regionId: actor.regionId,
        period: today,
        traceId: context.trace.traceId,
        at: now(),
      });
      if (run) {
        const counts = await this.draftIn(trx, actor.regionId, today, run.id);
        await repo.finishRun(trx, run.id, { status: 'ok', counts, message: null, at: now() });
      }
      return { items: (await repo.listsOf(trx, actor.regionId)).map(summary) };
    });
  }

  async lists(context: RequestContext): Promise<{ items: DestructionListSummary[] }> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'retention.list', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'retention.read');
      return { items: (await repo.listsOf(trx, actor.regionId)).map(summary) };
    });
  }

  private async detail(trx: Db, regionId: string, listId: string, context: RequestContext) {
    const [row] = await repo.listsOf(trx, regionId, [listId]);
    if (!row) throw notFound();
    const items = await repo.itemsOf(trx, listId);
    const receipts = await repo.receiptsOf(trx, listId);
    const actor = context.actor;
    const holds = (p: 'retention.manage' | 'retention.approve') => this.deps.access.holds(actor, p);
    const me = actor ? userOf(actor) : null;
    return {
      ...summary(row),
      items: items.map((i) => ({
        ...i,
        destroyedAt: iso(i.destroyedAt),
      })),
      receipts: receipts.map((r) => ({ ...r, issuedAt: new Date(r.issuedAt).toISOString() })),
      may: {
        submit: row.status === 'draft' && holds('retention.manage'),
        approve: row.status === 'submitted' && holds('retention.approve') && row.submittedById !== me,
        postpone: (row.status === 'draft' || row.status === 'submitted') && holds('retention.manage'),
      },
    } satisfies DestructionList;
  }

  async list(context: RequestContext, listId: string): Promise<DestructionList> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'retention.read', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'retention.read', [listId]);
      return this.detail(trx, actor.regionId, listId, context);
    });
  }

  /** The first pair of eyes: the FG puts the draft forward for destruction. */
  async submit(context: RequestContext, listId: string): Promise<DestructionList> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'retention.submit', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'retention.manage', [listId]);
      const list = await repo.lockList(trx, listId);
      if (list?.status !== 'draft')
        throw conflict('list_not_draft', 'Alleen een conceptlijst kan worden voorgedragen.');
      const items = await repo.itemsOf(trx, listId);
      if (!items.some((i) => i.status === 'due'))
        throw conflict('list_empty', 'Er staat niets op deze lijst dat vernietigd kan worden.');
      await repo.setListStatus(trx, listId, {
        status: 'submitted',
        submittedBy: userOf(actor),
        submittedAt: now(),
        returnedReason: null,
      });
      return this.detail(trx, actor.regionId, listId, context);
    });
  }

  /** The second pair of eyes: someone other than who submitted it approves; the destruction is queued. */
  async approve(context: RequestContext, listId: string): Promise<DestructionList> {
    const { audit, access, now } = this.deps;
    const detail = await audit.run(context, { action: 'retention.approve', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'retention.approve', [listId]);
      const list = await repo.lockList(trx, listId);
      if (list?.status !== 'submitted')
        throw conflict('list_not_submitted', 'Alleen een voorgedragen lijst kan worden goedgekeurd.');
      if (list.submittedBy === userOf(actor))
        throw conflict(
          'four_eyes',
          'U heeft deze lijst zelf voorgedragen. Een tweede persoon moet haar goedkeuren.',
        );
      await repo.setListStatus(trx, listId, {
        status: 'approved',
        approvedBy: userOf(actor),
        approvedAt: now(),
      });
      return this.detail(trx, actor.regionId, listId, context);
    });
    await this.enqueue?.(DESTROY_JOB, { listId });
    return detail;
  }

  /** Sends a submitted list back to draft, with the reason. */
  async returnList(context: RequestContext, listId: string, reason: string): Promise<DestructionList> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'retention.return', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'retention.approve', [listId]);
      const list = await repo.lockList(trx, listId);
      if (list?.status !== 'submitted')
        throw conflict('list_not_submitted', 'Alleen een voorgedragen lijst kan worden teruggestuurd.');
      await repo.setListStatus(trx, listId, {
        status: 'returned',
        returnedReason: reason,
        submittedBy: null,
        submittedAt: null,
      });
      return this.detail(trx, actor.regionId, listId, context);
    });
  }

  /** Postpones one record's destruction until a date, with the reason; counted per record. */
  async postpone(
    context: RequestContext,
    listId: string,
    itemId: string,
    request: { until: string; reason: string },
  ): Promise<DestructionList> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'retention.postpone', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'retention.manage', [listId]);
      const list = await repo.lockList(trx, listId);
      const item = await repo.findItem(trx, listId, itemId);
      if (!list || !item) throw notFound();
      if (list.status !== 'draft' && list.status !== 'submitted' && list.status !== 'returned')
        throw conflict(
          'list_closed',
          'Op een goedgekeurde of uitgevoerde lijst kan niets meer worden uitgesteld.',
        );
      if (request.until <= this.today())
        throw invalid([
          {
            name: 'until',
            in: 'body',
            code: 'not_after_today',
            reason: 'Stel uit tot een datum na vandaag.',
          },
        ]);
      if (item.status === 'destroyed') throw conflict('destroyed', 'Dit is al vernietigd.');
      await repo.insertPostponement(trx, {
        regionId: actor.regionId,
        recordKind: item.recordKind,
        recordId: item.recordId,
        listId,
        until: request.until,
        reason: request.reason,
        postponedBy: userOf(actor),
        postponedAt: now(),
      });
      await repo.setItemStatus(trx, [item.id], 'postponed');
      return this.detail(trx, actor.regionId, listId, context);
    });
  }

  async postponements(context: RequestContext) {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'retention.postponements', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'retention.read');
      return { items: await repo.postponementCounts(trx, actor.regionId) };
    });
  }

  async holds(context: RequestContext, active?: boolean): Promise<{ items: LegalHold[] }> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'legal-hold.list', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'legal-hold.manage');
      return {
        items: (await repo.holdsOf(trx, actor.regionId, active === undefined ? {} : { active })).map(
          presentHold,
        ),
      };
    });
  }

  /** Places a legal hold on a signal or case by its number. */
  async placeHold(context: RequestContext, request: LegalHoldRequest): Promise<LegalHold> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'legal-hold.place', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'legal-hold.manage');
      const record = await repo.recordByReference(trx, actor.regionId, request.reference);
      if (!record)
        throw invalid([
          {
            name: 'reference',
            in: 'body',
            code: 'unknown_reference',
            reason: 'Er is geen signaal of casus met dit nummer in de regio.',
          },
        ]);
      if (record.destroyed)
        throw invalid([
          {
            name: 'reference',
            in: 'body',
            code: 'destroyed',
            reason: 'Dit signaal of deze casus is al vernietigd.',
          },
        ]);
      const id = await repo.insertHold(trx, {
        regionId: actor.regionId,
        recordKind: record.kind,
        recordId: record.id,
        ground: request.ground,
        reason: request.reason,
        placedBy: userOf(actor),
        placedAt: now(),
      });
      const [hold] = await repo.holdsOf(trx, actor.regionId, { id });
      if (!hold) throw new Error('The hold just placed was not found');
      return presentHold(hold);
    });
  }

  async liftHold(context: RequestContext, holdId: string, reason: string): Promise<LegalHold> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'legal-hold.lift', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'legal-hold.manage');
      const lifted = await repo.liftHold(trx, actor.regionId, holdId, {
        liftedBy: userOf(actor),
        liftedAt: now(),
        liftReason: reason,
      });
      const [hold] = await repo.holdsOf(trx, actor.regionId, { id: holdId });
      if (!hold) throw notFound();
      if (!lifted) throw conflict('hold_lifted', 'Deze bewaarplicht is al opgeheven.');
      return presentHold(hold);
    });
  }
}

function summary(row: Awaited<ReturnType<typeof repo.listsOf>>[number]): DestructionListSummary {
  const counts = row.counts ?? {};
  return {
    id: row.id,
    collaboration: row.collaboration,
    draftedOn: row.draftedOn,
    status: row.status,
    counts: {
      due: counts.due ?? 0,
      postponed: counts.postponed ?? 0,
      held: counts.held ?? 0,
      'not-due': counts['not-due'] ?? 0,
      destroyed: counts.destroyed ?? 0,
    },
    submittedBy: row.submittedBy,
    submittedAt: iso(row.submittedAt),
    approvedBy: row.approvedBy,
    approvedAt: iso(row.approvedAt),
    executedAt: iso(row.executedAt),
    returnedReason: row.returnedReason,
  };
}

function presentHold(h: Awaited<ReturnType<typeof repo.holdsOf>>[number]): LegalHold {
  return {
    ...h,
    placedAt: new Date(h.placedAt).toISOString(),
    liftedAt: iso(h.liftedAt),
  };
}
