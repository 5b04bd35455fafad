import type {
  CrossRecordSignals,
  InvalidParam,
  MatchExplanation,
  MatchSuggestion,
  Network,
  NetworkQuery,
  RelationRequest,
  SubjectDetail,
  SuggestionPage,
  SuggestionsQuery,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { Actor, RequestContext } from '../../shared/context.js';
import { conflict, invalid, notFound } from '../../shared/errors.js';
import { type ServiceDeps, userOf } from '../../shared/service.js';
import type { AuditRecorder } from '../audit/index.js';
import { caseToFtm } from './ftm.js';
import { DEFAULT_THRESHOLD } from './matching.js';
import { comparePersons } from './register.js';
import {
  type MatterCounts,
  presentExplanation,
  presentNodes,
  presentSubject,
  presentSuggestion,
  readCursor,
  recordRead,
  writeCursor,
} from './subjects.presenter.js';
import * as repo from './subjects.repository.js';

const activity = 'samenspel.subjects';

/** The references of cases and signals, for showing where a subject was seen (from those modules). */
export interface RecordReferences {
  of(
    db: Db,
    records: { caseIds: readonly string[]; signalIds: readonly string[] },
  ): Promise<Map<string, string>>;
}

export interface KnownElsewhere {
  registerId: string | null;
  /** Other cases and signals the subject is known in. */
  records: number;
  /** Of those, how many the reader may not open: the screen says "ask the RIEC". */
  hidden: number;
}

/** The subject register across cases and signals: matching, merges, networks, FollowTheMoney. */
export class SubjectsService {
  constructor(private readonly deps: ServiceDeps & { references: RecordReferences }) {}

  /** Per root subject, the cases and signals it is known in and how many of them the actor may not open. */
  private async matters(trx: Db, actor: Actor, roots: readonly string[]): Promise<MatterCounts> {
    const rows = await repo.mattersOf(trx, actor, roots);
    const { access } = this.deps;
    const cases = await access.allowed(trx, actor, 'case.read', [
      ...new Set(rows.flatMap((r) => (r.caseId ? [r.caseId] : []))),
    ]);
    const signals = await access.allowed(trx, actor, 'signal.read', [
      ...new Set(rows.flatMap((r) => (r.signalId && !r.caseId ? [r.signalId] : []))),
    ]);
    const out: MatterCounts = new Map();
    for (const r of rows) {
      const entry = out.get(r.root) ?? { total: 0, hidden: 0 };
      entry.total += 1;
      const visible = r.caseId ? cases.has(r.caseId) : r.signalId ? signals.has(r.signalId) : false;
      if (!visible) entry.hidden += 1;
      out.set(r.root, entry);
    }
    return out;
  }

  /**
   * For each subject of a case: in how many other records (cases and signals, not this case or
   * its own signals) the register knows it, and how many of those the reader may not see. Never
   * which records: that is for the RIEC to answer. Runs in the caller's transaction.
   */
  async knownElsewhere(
    trx: Db,
    actor: Actor,
    caseId: string,
    caseSubjectIds: readonly string[],
  ): Promise<Map<string, KnownElsewhere>> {
    const rows = await repo.elsewhereOf(trx, caseId, caseSubjectIds);
    const { access } = this.deps;
    const cases = await access.allowed(trx, actor, 'case.read', [
      ...new Set(rows.flatMap((r) => (r.caseId ? [r.caseId] : []))),
    ]);
    const signals = await access.allowed(trx, actor, 'signal.read', [
      ...new Set(rows.flatMap((r) => (r.signalId ? [r.signalId] : []))),
    ]);
    const out = new Map<string, KnownElsewhere>();
    for (const r of rows) {
      const entry = out.get(r.caseSubjectId) ?? { registerId: r.root, records: 0, hidden: 0 };
      if (r.caseId || r.signalId) {
        entry.records += 1;
        if (!(r.caseId ? cases.has(r.caseId) : signals.has(r.signalId ?? ''))) entry.hidden += 1;
      }
      out.set(r.caseSubjectId, entry);
    }
    return out;
  }

  private async suggestionViews(
    trx: Db,
    actor: Actor,
    record: AuditRecorder,
    rows: repo.SuggestionRow[],
  ): Promise<MatchSuggestion[]> {
    const counts = await this.matters(
      trx,
      actor,
      rows.flatMap((r) => [r.aId, r.bId]),
    );
    for (const r of rows) {
      recordRead(record, r.aData, 'subject.suggestion.read');
      recordRead(record, r.bData, 'subject.suggestion.read');
      // A household's evidence says something of the subject whose household it is.
      if (r.viaData) recordRead(record, r.viaData, 'subject.suggestion.read');
    }
    return rows.map((r) => presentSuggestion(r, counts));
  }

  /**
   * Suggestions "probably the same as …" of the region, with the evidence: most probable first,
   * a page at a time (the cursor is where the page before ended), filtered by status,
   * probability, subject, evidence and date.
   */
  async suggestions(context: RequestContext, query: SuggestionsQuery): Promise<SuggestionPage> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'subject.suggestions', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'subject.read');
      const after = query.cursor ? readCursor(query.cursor) : undefined;
      const problems: InvalidParam[] = [];
      if (after === null)
        problems.push({
          name: 'cursor',
          in: 'query',
          code: 'invalid_cursor',
          reason: 'Deze cursor is ongeldig; vraag de eerste pagina opnieuw op.',
        });
      if (
        query.minProbability !== undefined &&
        query.maxProbability !== undefined &&
        query.minProbability > query.maxProbability
      )
        problems.push({
          name: 'maxProbability',
          in: 'query',
          code: 'below_minimum',
          reason: 'De hoogste kans is lager dan de laagste.',
        });
      if (query.level && !query.field)
        problems.push({
          name: 'level',
          in: 'query',
          code: 'needs_field',
          reason: 'Kies ook het veld waarvoor dit niveau geldt.',
        });
      if (problems.length) throw invalid(problems);
      const subjectIds = query.subjectId
        ? await repo.treeOf(trx, await repo.rootOf(trx, query.subjectId))
        : undefined;
      const rows = await repo.suggestionRows(trx, actor, {
        status: query.status,
        ...(subjectIds ? { subjectIds } : {}),
        minProbability: query.minProbability,
        maxProbability: query.maxProbability,
        field: query.field,
        level: query.level,
        since: query.since,
        after: after ?? undefined,
        // One more than the page: whether there is a next one.
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: await this.suggestionViews(trx, actor, record, page),
        nextCursor: rows.length > query.limit && last ? writeCursor(last) : null,
      };
    });
  }

  /**
   * Why two subjects are, or are not, suggested as the same ("why not?"): whether matching
   * compares them at all (the blocking keys they share), the score of their best pair of records
   * with the evidence per field, and any suggestion or conflict between them.
   */
  async compare(context: RequestContext, subjectId: string, otherId: string): Promise<MatchExplanation> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'subject.compare', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'subject.read', [subjectId, otherId]);
      const [rootA, rootB] = [await repo.rootOf(trx, subjectId), await repo.rootOf(trx, otherId)];
      const [a, b] = [await repo.findSubject(trx, rootA), await repo.findSubject(trx, rootB)];
      if (!a || !b) throw notFound();
      recordRead(record, a.data, 'subject.compare');
      recordRead(record, b.data, 'subject.compare');
      const [treeA, treeB] = [await repo.treeOf(trx, rootA), await repo.treeOf(trx, rootB)];
      const same = rootA === rootB;
      const persons = a.kind === 'person' && b.kind === 'person' && !same;
      const compared = persons ? await comparePersons(trx, actor, treeA, treeB) : null;
      const via = compared?.score?.via ? await repo.findSubject(trx, compared.score.via) : undefined;
      if (via) recordRead(record, via.data, 'subject.compare');
      const between = same
        ? { suggestion: null, conflict: false }
        : await repo.betweenTrees(trx, actor, treeA, treeB);
      return presentExplanation({
        a,
        b,
        same,
        compared,
        ...between,
        threshold: DEFAULT_THRESHOLD,
        household: via ?? null,
      });
    });
  }

  /** Confirms (merges the two subjects; the older survives) or rejects a suggestion. */
  async decide(context: RequestContext, suggestionId: string, decision: 'confirmed' | 'rejected') {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: `subject.suggestion-${decision}`, activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'subject.manage', [suggestionId]);
      const s = await repo.findSuggestion(trx, suggestionId);
      if (!s) throw notFound();
      if (s.status !== 'open')
        throw conflict('subject.suggestion_decided', 'Over deze suggestie is al besloten.');
      const at = now();
      await repo.decideSuggestion(trx, suggestionId, {
        status: decision,
        decidedBy: userOf(actor),
        decidedAt: at,
      });
      let mergeId: string | null = null;
      if (decision === 'confirmed') {
        const a = await repo.rootOf(trx, s.subjectA);
        const b = await repo.rootOf(trx, s.subjectB);
        if (a !== b) {
          const both = await repo.subjectsByIds(trx, [a, b]);
          both.sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime() || x.id.localeCompare(y.id));
          const [survivor, merged] = both;
          if (!survivor || !merged) throw notFound();
          mergeId = await repo.merge(trx, {
            regionId: actor.regionId,
            survivorId: survivor.id,
            mergedId: merged.id,
            suggestionId,
            by: userOf(actor),
            at,
          });
          for (const x of both) recordRead(record, x.data, 'subject.merge');
        }
      }
      return { id: suggestionId, status: decision, mergeId };
    });
  }

  /**
   * Undoes a merge: the merged subject stands on its own again, with its own sightings, and the
   * suggestion that was confirmed is open again, to be decided anew (undone is as before).
   */
  async undo(context: RequestContext, mergeId: string) {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'subject.merge-undo', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'subject.manage', [mergeId]);
      const m = await repo.findMerge(trx, mergeId);
      if (!m) throw notFound();
      if (m.undoneAt) throw conflict('subject.merge_undone', 'Deze samenvoeging is al ongedaan gemaakt.');
      await repo.undoMerge(trx, { id: mergeId, mergedId: m.mergedId, by: userOf(actor), at: now() });
      if (m.suggestionId)
        await repo.decideSuggestion(trx, m.suggestionId, {
          status: 'open',
          decidedBy: null,
          decidedAt: null,
        });
      for (const x of await repo.subjectsByIds(trx, [m.survivorId, m.mergedId]))
        recordRead(record, x.data, 'subject.merge-undo');
      return { id: mergeId, undone: true };
    });
  }

  /** A subject with every source's version of it, where it was seen, merges and suggestions. */
  async get(context: RequestContext, subjectId: string): Promise<SubjectDetail> {
    const { audit, access, references } = this.deps;
    return audit.run(context, { action: 'subject.read', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'subject.read', [subjectId]);
      const root = await repo.rootOf(trx, subjectId);
      const subject = await repo.findSubject(trx, root);
      if (!subject) throw notFound();
      const sightings = await repo.sightingsOf(trx, actor, root);
      for (const s of sightings) recordRead(record, s.data, 'subject.read');
      const refs = await references.of(trx, {
        caseIds: sightings.flatMap((s) => (s.caseId ? [s.caseId] : [])),
        signalIds: sightings.flatMap((s) => (s.signalId && !s.caseId ? [s.signalId] : [])),
      });
      const tree = await repo.treeOf(trx, root);
      const suggestions = await this.suggestionViews(
        trx,
        actor,
        record,
        await repo.suggestionRows(trx, actor, { subjectIds: tree, status: 'open', limit: 200 }),
      );
      const conflicts = await repo.conflictsOf(trx, actor, root);
      for (const c of conflicts) recordRead(record, c.other.data, 'subject.read');
      return presentSubject(
        subject,
        sightings,
        refs,
        await repo.mergesInto(trx, root),
        suggestions,
        conflicts,
      );
    });
  }

  private async graph(
    trx: Db,
    actor: Actor,
    record: AuditRecorder,
    start: readonly string[],
    query: NetworkQuery & { caseId?: string },
  ): Promise<Network> {
    const roots = new Set<string>();
    for (const id of start) roots.add(await repo.rootOf(trx, id));
    const edges = new Map<string, Network['edges'][number]>();
    const seen = new Set<string>();
    let frontier = [...roots];
    for (let step = 0; step < query.depth && frontier.length; step++) {
      const rows = await repo.relationsAround(trx, actor, frontier, query);
      const next: string[] = [];
      for (const r of rows) {
        // The same relation recorded in several cases is one edge that says how often.
        if (seen.has(r.id)) continue;
        seen.add(r.id);
        const key = `${r.fromRoot}|${r.toRoot}|${r.type}|${r.startDate}|${r.endDate}`;
        const edge = edges.get(key);
        if (edge) edge.recorded += 1;
        else
          edges.set(key, {
            id: r.id,
            from: r.fromRoot,
            to: r.toRoot,
            type: r.type,
            startDate: r.startDate,
            endDate: r.endDate,
            recorded: 1,
          });
        for (const n of [r.fromRoot, r.toRoot])
          if (!roots.has(n)) {
            roots.add(n);
            next.push(n);
          }
      }
      frontier = next;
    }
    const ids = [...roots];
    const subjects = await repo.subjectsByIds(trx, ids);
    const counts = await this.matters(trx, actor, ids);
    for (const s of subjects) recordRead(record, s.data, 'subject.network.read');
    return { nodes: presentNodes(subjects, counts), edges: [...edges.values()] };
  }

  /** The network around a subject (analysts): relations from every case and signal. */
  async network(context: RequestContext, subjectId: string, query: NetworkQuery) {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'subject.network', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'subject.read', [subjectId]);
      return this.graph(trx, actor, record, [subjectId], query);
    });
  }

  /**
   * The network of a case, for everyone who may read the case: its subjects and the relations
   * recorded in it, and per subject only a count of the other records it is known in.
   */
  async caseNetwork(context: RequestContext, caseId: string, query: NetworkQuery) {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'case.network', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'case.read', [caseId]);
      return this.graph(trx, actor, record, await repo.subjectsSeenInCase(trx, caseId), {
        ...query,
        depth: 1,
        caseId,
      });
    });
  }

  /** Records a relation between two of a case's subjects. */
  async addRelation(context: RequestContext, caseId: string, r: RelationRequest) {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'case.relation-add', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'case.manage', [caseId]);
      const found = await repo.caseSubjectsInRegister(trx, caseId, [r.fromSubjectId, r.toSubjectId]);
      const from = found.find((f) => f.caseSubjectId === r.fromSubjectId);
      const to = found.find((f) => f.caseSubjectId === r.toSubjectId);
      const problems = [];
      if (!from)
        problems.push({
          name: 'fromSubjectId',
          in: 'body' as const,
          code: 'unknown_subject',
          reason: 'Kies een betrokkene van deze casus.',
        });
      if (!to)
        problems.push({
          name: 'toSubjectId',
          in: 'body' as const,
          code: 'unknown_subject',
          reason: 'Kies een betrokkene van deze casus.',
        });
      if (from && to && r.fromSubjectId === r.toSubjectId)
        problems.push({
          name: 'toSubjectId',
          in: 'body' as const,
          code: 'same_subject',
          reason: 'Een relatie is tussen twee verschillende betrokkenen.',
        });
      if (r.startDate && r.endDate && r.endDate < r.startDate)
        problems.push({
          name: 'endDate',
          in: 'body' as const,
          code: 'before_start',
          reason: 'De einddatum ligt voor de begindatum.',
        });
      if (problems.length || !from || !to) throw invalid(problems);
      const [id] = await repo.insertRelations(trx, [
        {
          regionId: actor.regionId,
          collaborationId: from.collaborationId,
          fromId: from.subjectId,
          toId: to.subjectId,
          type: r.type,
          caseId,
          signalId: null,
          organisationId: actor.organisationId,
          startDate: r.startDate ?? null,
          endDate: r.endDate ?? null,
          createdBy: userOf(actor),
          createdAt: now(),
        },
      ]);
      recordRead(record, from.data, 'case.relation.write');
      recordRead(record, to.data, 'case.relation.write');
      return { id: id ?? '' };
    });
  }

  /** Signals across records: recurring subjects, facilitators across cases, virtual offices. */
  async crossRecord(context: RequestContext, minCompanies = 10): Promise<CrossRecordSignals> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'subject.cross-record', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'subject.read');
      const recurring = await repo.recurringSubjects(trx, actor);
      const facilitators = await repo.facilitatorsAcrossRecords(trx, actor);
      const addresses = await repo.crowdedAddresses(trx, actor, minCompanies);
      for (const s of [...recurring, ...facilitators, ...addresses])
        recordRead(record, s.data, 'subject.cross-record');
      const ref = (s: { id: string; kind: (typeof recurring)[number]['kind']; label: string }) => ({
        id: s.id,
        kind: s.kind,
        label: s.label,
      });
      return {
        subjects: recurring.map((s) => ({ ...ref(s), records: s.records })),
        facilitators: facilitators.map((s) => ({ ...ref(s), cases: s.cases, networks: s.networks })),
        addresses: addresses.map((s) => ({ ...ref(s), companies: s.companies })),
      };
    });
  }

  /** A case's subjects and relations as FollowTheMoney entities, one JSON object per line. */
  async exportFtm(context: RequestContext, caseId: string): Promise<string> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'case.ftm-export', activity }, async (trx, record) => {
      await access.requireAccess(trx, context.actor, 'case.read', [caseId]);
      const { subjects, relations } = await repo.caseRegister(trx, caseId);
      for (const s of subjects) recordRead(record, s.data, 'case.ftm-export');
      return caseToFtm(subjects, relations)
        .map((e) => JSON.stringify(e))
        .join('\n');
    });
  }
}
