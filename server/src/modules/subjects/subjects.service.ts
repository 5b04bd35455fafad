import type {
  CrossRecordSignals,
  FtmImportReport,
  MatchSuggestion,
  Network,
  RelationType,
  SubjectDetail,
  SubjectInput,
} from '@samenspel/contracts';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Actor, RequestContext } from '../../shared/context.js';
import { conflict, invalid, notFound } from '../../shared/errors.js';
import type { Access } from '../access/index.js';
import type { AuditRecorder, AuditService } from '../audit/index.js';
import { caseToFtm, parseFtmLines } from './ftm.js';
import { linkBatch, type RegisterInput, registerSubject, rootOf } from './register.js';

const activity = 'samenspel.subjects';

/** A register subject holds personal data when it stands for a person, company or account. */
function recordRead(record: AuditRecorder, kind: string, data: unknown, name: string): void {
  if (['person', 'company', 'address', 'account', 'vehicle'].includes(kind))
    record.subjectData(data as SubjectInput, name);
}

function userOf(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}

/** The subject and every subject merged into it, at any depth. */
function treeOf(root: string) {
  return sql<{ id: string }>`(with recursive tree as (
      select id from subjects where id = ${root}
      union all select s.id from subjects s join tree t on s.merged_into = t.id
    ) select id from tree)`;
}

/**
 * Over a CTE `seen (root, case_id, signal_id)` of distinct sightings: the rows that are matters of
 * their own. A signal that became a case the subject is also in is one matter, counted as the case.
 */
const oneMatter = sql`(s.case_id is not null or not exists (
  select 1 from case_signals cs join seen c on c.case_id = cs.case_id and c.root = s.root
  where cs.signal_id = s.signal_id
))`;

export class SubjectsService {
  constructor(
    private readonly access: Access,
    private readonly audit: AuditService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Records (cases and signals) per root subject, and which of them the actor may open. */
  private async records(trx: Db, actor: Actor, roots: readonly string[]) {
    if (!roots.length) return new Map<string, { total: number; hidden: number }>();
    const { rows } = await sql<{ root: string; caseId: string | null; signalId: string | null }>`
      with recursive tree as (
        select id, id as root from subjects where id = any(${roots as string[]}::uuid[])
        union all select s.id, t.root from subjects s join tree t on s.merged_into = t.id
      ),
      seen as (
        select distinct t.root, g.case_id, g.signal_id from tree t join subject_sightings g on g.subject_id = t.id
      )
      select root, case_id as "caseId", signal_id as "signalId" from seen s where ${oneMatter}`.execute(trx);
    const caseIds = [...new Set(rows.flatMap((r) => (r.caseId ? [r.caseId] : [])))];
    const signalIds = [...new Set(rows.flatMap((r) => (r.signalId && !r.caseId ? [r.signalId] : [])))];
    const cases = await this.access.allowed(trx, actor, 'case.read', caseIds);
    const signals = await this.access.allowed(trx, actor, 'signal.read', signalIds);
    const out = new Map<string, { total: number; hidden: number }>();
    for (const r of rows) {
      const entry = out.get(r.root) ?? { total: 0, hidden: 0 };
      entry.total += 1;
      const visible = r.caseId ? cases.has(r.caseId) : r.signalId ? signals.has(r.signalId) : false;
      if (!visible) entry.hidden += 1;
      out.set(r.root, entry);
    }
    return out;
  }

  private async suggestionRows(trx: Db, where: { regionId: string; subjectIds?: string[]; status?: string }) {
    let q = trx
      .selectFrom('matchSuggestions as m')
      .innerJoin('subjects as a', 'a.id', 'm.subjectA')
      .innerJoin('subjects as b', 'b.id', 'm.subjectB')
      .select([
        'm.id',
        'm.probability',
        'm.evidence',
        'm.status',
        'm.createdAt',
        'a.id as aId',
        'a.kind as aKind',
        'a.label as aLabel',
        'a.data as aData',
        'b.id as bId',
        'b.kind as bKind',
        'b.label as bLabel',
        'b.data as bData',
      ])
      .where('m.regionId', '=', where.regionId);
    if (where.status) q = q.where('m.status', '=', where.status);
    if (where.subjectIds?.length)
      q = q.where((eb) =>
        eb.or([
          eb('m.subjectA', 'in', where.subjectIds ?? []),
          eb('m.subjectB', 'in', where.subjectIds ?? []),
        ]),
      );
    return q.orderBy('m.probability', 'desc').orderBy('m.createdAt').limit(200).execute();
  }

  private async suggestionViews(
    trx: Db,
    actor: Actor,
    record: AuditRecorder,
    rows: Awaited<ReturnType<SubjectsService['suggestionRows']>>,
  ): Promise<MatchSuggestion[]> {
    const counts = await this.records(
      trx,
      actor,
      rows.flatMap((r) => [r.aId, r.bId]),
    );
    return rows.map((r) => {
      recordRead(record, r.aKind, r.aData, 'subject.suggestion.read');
      recordRead(record, r.bKind, r.bData, 'subject.suggestion.read');
      return {
        id: r.id,
        probability: Math.round(r.probability * 1000) / 1000,
        evidence: r.evidence as MatchSuggestion['evidence'],
        status: r.status as MatchSuggestion['status'],
        createdAt: r.createdAt.toISOString(),
        a: { id: r.aId, kind: r.aKind as never, label: r.aLabel, records: counts.get(r.aId)?.total ?? 0 },
        b: { id: r.bId, kind: r.bKind as never, label: r.bLabel, records: counts.get(r.bId)?.total ?? 0 },
      };
    });
  }

  /** Open suggestions "probably the same as …" of the region, with the evidence. */
  async suggestions(context: RequestContext): Promise<MatchSuggestion[]> {
    return this.audit.run(context, { action: 'subject.suggestions', activity }, async (trx, record) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'subject.read');
      const rows = await this.suggestionRows(trx, { regionId: actor.regionId, status: 'open' });
      return this.suggestionViews(trx, actor, record, rows);
    });
  }

  /** Confirms (merges the two subjects; the older survives) or rejects a suggestion. */
  async decide(context: RequestContext, suggestionId: string, decision: 'confirmed' | 'rejected') {
    return this.audit.run(
      context,
      { action: `subject.suggestion-${decision}`, activity },
      async (trx, record) => {
        const actor = await this.access.requireAccess(trx, context.actor, 'subject.manage', [suggestionId]);
        const s = await trx
          .selectFrom('matchSuggestions')
          .selectAll()
          .where('id', '=', suggestionId)
          .executeTakeFirst();
        if (!s) throw notFound();
        if (s.status !== 'open')
          throw conflict('subject.suggestion_decided', 'Over deze suggestie is al besloten.');
        const at = this.now();
        await trx
          .updateTable('matchSuggestions')
          .set({ status: decision, decidedBy: userOf(actor), decidedAt: at })
          .where('id', '=', suggestionId)
          .execute();
        let mergeId: string | null = null;
        if (decision === 'confirmed') {
          const a = await rootOf(trx, s.subjectA);
          const b = await rootOf(trx, s.subjectB);
          if (a !== b) {
            const both = await trx
              .selectFrom('subjects')
              .select(['id', 'createdAt', 'kind', 'data'])
              .where('id', 'in', [a, b])
              .execute();
            both.sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime() || x.id.localeCompare(y.id));
            const [survivor, merged] = both;
            if (!survivor || !merged) throw notFound();
            await trx
              .updateTable('subjects')
              .set({ mergedInto: survivor.id })
              .where('id', '=', merged.id)
              .execute();
            const row = await trx
              .insertInto('subjectMerges')
              .values({
                regionId: actor.regionId,
                survivorId: survivor.id,
                mergedId: merged.id,
                suggestionId,
                mergedBy: userOf(actor),
                mergedAt: at,
                undoneBy: null,
                undoneAt: null,
              })
              .returning('id')
              .executeTakeFirstOrThrow();
            mergeId = row.id;
            for (const x of both) recordRead(record, x.kind, x.data, 'subject.merge');
          }
        }
        return { id: suggestionId, status: decision, mergeId };
      },
    );
  }

  /** Undoes a merge: the merged subject stands on its own again, with its own sightings. */
  async undo(context: RequestContext, mergeId: string) {
    return this.audit.run(context, { action: 'subject.merge-undo', activity }, async (trx, record) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'subject.manage', [mergeId]);
      const m = await trx
        .selectFrom('subjectMerges')
        .selectAll()
        .where('id', '=', mergeId)
        .executeTakeFirst();
      if (!m) throw notFound();
      if (m.undoneAt) throw conflict('subject.merge_undone', 'Deze samenvoeging is al ongedaan gemaakt.');
      await trx.updateTable('subjects').set({ mergedInto: null }).where('id', '=', m.mergedId).execute();
      await trx
        .updateTable('subjectMerges')
        .set({ undoneAt: this.now(), undoneBy: userOf(actor) })
        .where('id', '=', mergeId)
        .execute();
      const subjects = await trx
        .selectFrom('subjects')
        .select(['kind', 'data'])
        .where('id', 'in', [m.survivorId, m.mergedId])
        .execute();
      for (const x of subjects) recordRead(record, x.kind, x.data, 'subject.merge-undo');
      return { id: mergeId, undone: true };
    });
  }

  /** A subject with every source's version of it, where it was seen, merges and suggestions. */
  async get(context: RequestContext, subjectId: string): Promise<SubjectDetail> {
    return this.audit.run(context, { action: 'subject.read', activity }, async (trx, record) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'subject.read', [subjectId]);
      const root = await rootOf(trx, subjectId);
      const subject = await trx
        .selectFrom('subjects')
        .selectAll()
        .where('id', '=', root)
        .executeTakeFirstOrThrow();
      const { rows: sightings } = await sql<{
        caseId: string | null;
        signalId: string | null;
        caseReference: string | null;
        signalReference: string | null;
        organisation: string | null;
        role: string | null;
        seenAt: Date;
        subjectId: string;
        data: Record<string, unknown>;
        kind: string;
      }>`
        select g.case_id as "caseId", g.signal_id as "signalId", c.reference as "caseReference",
          s2.reference as "signalReference", o.name as organisation, g.role, g.seen_at as "seenAt",
          g.subject_id as "subjectId", coalesce(cs.data, ss.data, sub.data) as data, sub.kind
        from subject_sightings g
        join subjects sub on sub.id = g.subject_id
        left join cases c on c.id = g.case_id
        left join signals s2 on s2.id = g.signal_id
        left join case_subjects cs on cs.id = g.case_subject_id
        left join signal_subjects ss on ss.id = g.signal_subject_id
        left join partner_organisations o on o.id = g.organisation_id
        where g.subject_id in ${treeOf(root)}
        order by g.seen_at`.execute(trx);
      for (const s of sightings) recordRead(record, s.kind, s.data, 'subject.read');
      const merges = await trx
        .selectFrom('subjectMerges as m')
        .innerJoin('subjects as s', 's.id', 'm.mergedId')
        .select(['m.id', 'm.mergedAt', 'm.undoneAt', 's.id as sId', 's.kind', 's.label'])
        .where('m.survivorId', '=', root)
        .orderBy('m.mergedAt')
        .execute();
      const tree = (await treeOf(root).execute(trx)).rows.map((r) => r.id);
      const suggestions = await this.suggestionViews(
        trx,
        actor,
        record,
        await this.suggestionRows(trx, { regionId: actor.regionId, subjectIds: tree, status: 'open' }),
      );
      return {
        id: subject.id,
        kind: subject.kind as never,
        label: subject.label,
        data: subject.data as Record<string, unknown>,
        sightings: sightings.map((s) => ({
          record: s.caseId ? ('case' as const) : ('signal' as const),
          id: (s.caseId ?? s.signalId) as string,
          reference: (s.caseReference ?? s.signalReference) as string,
          organisation: s.organisation,
          role: s.role,
          seenAt: s.seenAt.toISOString(),
          subjectId: s.subjectId,
          data: s.data,
        })),
        merges: merges.map((m) => ({
          id: m.id,
          merged: { id: m.sId, kind: m.kind as never, label: m.label },
          mergedAt: m.mergedAt.toISOString(),
          undoneAt: m.undoneAt ? m.undoneAt.toISOString() : null,
        })),
        suggestions,
      };
    });
  }

  private async graph(
    trx: Db,
    actor: Actor,
    record: AuditRecorder,
    start: string[],
    query: {
      depth: number;
      types: string[];
      from?: string | undefined;
      to?: string | undefined;
      caseId?: string;
    },
  ): Promise<Network> {
    const roots = new Set<string>();
    for (const id of start) roots.add(await rootOf(trx, id));
    const edges = new Map<string, Network['edges'][number]>();
    const seen = new Set<string>();
    let frontier = [...roots];
    for (let step = 0; step < query.depth && frontier.length; step++) {
      const { rows } = await sql<{
        id: string;
        fromRoot: string;
        toRoot: string;
        type: RelationType;
        startDate: string | null;
        endDate: string | null;
      }>`
        with recursive up as (
          select id, id as root from subjects where merged_into is null and id = any(${frontier}::uuid[])
          union all select s.id, u.root from subjects s join up u on s.merged_into = u.id
        ), rel as (
          select r.* from subject_relations r
          where r.region_id = ${actor.regionId}
            and (r.from_id in (select id from up) or r.to_id in (select id from up))
            ${query.caseId ? sql`and r.case_id = ${query.caseId}` : sql``}
            ${query.types.length ? sql`and r.type = any(${query.types}::text[])` : sql``}
            ${query.from ? sql`and (r.end_date is null or r.end_date >= ${query.from}::date)` : sql``}
            ${query.to ? sql`and (r.start_date is null or r.start_date <= ${query.to}::date)` : sql``}
        )
        select rel.id, rel.type, rel.start_date::text as "startDate", rel.end_date::text as "endDate",
          (with recursive r2 as (select id, merged_into from subjects where id = rel.from_id
             union all select s.id, s.merged_into from subjects s join r2 on s.id = r2.merged_into)
           select id from r2 where merged_into is null limit 1) as "fromRoot",
          (with recursive r3 as (select id, merged_into from subjects where id = rel.to_id
             union all select s.id, s.merged_into from subjects s join r3 on s.id = r3.merged_into)
           select id from r3 where merged_into is null limit 1) as "toRoot"
        from rel`.execute(trx);
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
    const subjects = ids.length
      ? await trx
          .selectFrom('subjects')
          .select(['id', 'kind', 'label', 'data'])
          .where('id', 'in', ids)
          .execute()
      : [];
    const counts = await this.records(trx, actor, ids);
    for (const s of subjects) recordRead(record, s.kind, s.data, 'subject.network.read');
    return {
      nodes: subjects.map((s) => ({
        id: s.id,
        kind: s.kind as never,
        label: s.label,
        records: counts.get(s.id)?.total ?? 0,
        hidden: counts.get(s.id)?.hidden ?? 0,
      })),
      edges: [...edges.values()],
    };
  }

  /** The network around a subject (analysts): relations from every case and signal. */
  async network(
    context: RequestContext,
    subjectId: string,
    query: { depth: number; types: string[]; from?: string | undefined; to?: string | undefined },
  ) {
    return this.audit.run(context, { action: 'subject.network', activity }, async (trx, record) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'subject.read', [subjectId]);
      return this.graph(trx, actor, record, [subjectId], query);
    });
  }

  /**
   * The network of a case, for everyone who may read the case: its subjects and the relations
   * recorded in it, and per subject only a count of the other records it is known in.
   */
  async caseNetwork(
    context: RequestContext,
    caseId: string,
    query: { depth: number; types: string[]; from?: string | undefined; to?: string | undefined },
  ) {
    return this.audit.run(context, { action: 'case.network', activity }, async (trx, record) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'case.read', [caseId]);
      const start = await trx
        .selectFrom('subjectSightings')
        .select('subjectId')
        .where('caseId', '=', caseId)
        .execute();
      return this.graph(trx, actor, record, [...new Set(start.map((s) => s.subjectId))], {
        ...query,
        depth: 1,
        caseId,
      });
    });
  }

  /** Records a relation between two of a case's subjects. */
  async addRelation(
    context: RequestContext,
    caseId: string,
    r: {
      fromSubjectId: string;
      toSubjectId: string;
      type: RelationType;
      startDate?: string | undefined;
      endDate?: string | undefined;
    },
  ) {
    return this.audit.run(context, { action: 'case.relation-add', activity }, async (trx, record) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'case.manage', [caseId]);
      const found = await trx
        .selectFrom('subjectSightings as g')
        .innerJoin('subjects as s', 's.id', 'g.subjectId')
        .select(['g.caseSubjectId', 'g.subjectId', 's.kind', 's.data'])
        .where('g.caseId', '=', caseId)
        .where('g.caseSubjectId', 'in', [r.fromSubjectId, r.toSubjectId])
        .execute();
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
      const row = await trx
        .insertInto('subjectRelations')
        .values({
          regionId: actor.regionId,
          fromId: from.subjectId,
          toId: to.subjectId,
          type: r.type,
          caseId,
          signalId: null,
          organisationId: actor.organisationId,
          startDate: r.startDate ?? null,
          endDate: r.endDate ?? null,
          createdBy: userOf(actor),
          createdAt: this.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      recordRead(record, from.kind, from.data, 'case.relation.write');
      recordRead(record, to.kind, to.data, 'case.relation.write');
      return { id: row.id };
    });
  }

  /** Signals across records: recurring subjects, facilitators across cases, virtual offices. */
  async crossRecord(context: RequestContext, minCompanies = 10): Promise<CrossRecordSignals> {
    return this.audit.run(context, { action: 'subject.cross-record', activity }, async (trx, record) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'subject.read');
      const { rows: recurring } = await sql<{
        id: string;
        kind: string;
        label: string;
        data: unknown;
        records: number;
      }>`
        with recursive up as (
          select id, id as root from subjects where region_id = ${actor.regionId} and merged_into is null
          union all select s.id, u.root from subjects s join up u on s.merged_into = u.id
        )
        , seen as (select distinct up.root, g.case_id, g.signal_id from up join subject_sightings g on g.subject_id = up.id),
        matters as (select root from seen s where ${oneMatter})
        select s.id, s.kind, s.label, s.data, count(*)::int as records
        from matters m join subjects s on s.id = m.root
        group by s.id having count(*) >= 2
        order by records desc, s.label limit 100`.execute(trx);
      const { rows: facilitators } = await sql<{
        id: string;
        kind: string;
        label: string;
        data: unknown;
        cases: number;
        networks: number;
      }>`
        select s.id, s.kind, s.label, s.data,
          count(distinct g.case_id) filter (where g.role = 'facilitator')::int as cases,
          count(distinct r.to_id) filter (where t.kind = 'network')::int as networks
        from subjects s
        left join subject_sightings g on g.subject_id = s.id
        left join subject_relations r on r.from_id = s.id and r.type in ('facilitates', 'member')
        left join subjects t on t.id = r.to_id
        where s.region_id = ${actor.regionId} and s.merged_into is null
        group by s.id
        having count(distinct g.case_id) filter (where g.role = 'facilitator') >= 2
          or count(distinct r.to_id) filter (where t.kind = 'network') >= 2
        order by cases desc limit 100`.execute(trx);
      const { rows: addresses } = await sql<{
        id: string;
        kind: string;
        label: string;
        data: unknown;
        companies: number;
      }>`
        select a.id, a.kind, a.label, a.data, count(distinct r.from_id)::int as companies
        from subjects a join subject_relations r on r.to_id = a.id and r.type = 'registered-at'
        where a.region_id = ${actor.regionId} and a.kind = 'address'
        group by a.id having count(distinct r.from_id) >= ${minCompanies}
        order by companies desc limit 100`.execute(trx);
      for (const s of [...recurring, ...facilitators, ...addresses])
        recordRead(record, s.kind, s.data, 'subject.cross-record');
      const ref = (s: { id: string; kind: string; label: string }) => ({
        id: s.id,
        kind: s.kind as never,
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
    return this.audit.run(context, { action: 'case.ftm-export', activity }, async (trx, record) => {
      await this.access.requireAccess(trx, context.actor, 'case.read', [caseId]);
      const subjects = await trx
        .selectFrom('subjectSightings as g')
        .innerJoin('subjects as s', 's.id', 'g.subjectId')
        .select(['s.id', 's.kind', 's.data'])
        .distinct()
        .where('g.caseId', '=', caseId)
        .execute();
      const relations = await trx
        .selectFrom('subjectRelations')
        .select(['id', 'fromId', 'toId', 'type', 'startDate', 'endDate'])
        .where('caseId', '=', caseId)
        .execute();
      for (const s of subjects) recordRead(record, s.kind, s.data, 'case.ftm-export');
      return caseToFtm(
        subjects.map((s) => ({ id: s.id, kind: s.kind, data: s.data as RegisterInput })),
        relations,
      )
        .map((e) => JSON.stringify(e))
        .join('\n');
    });
  }

  /** Reads FtM entities for a case and keeps them for review: nothing is written to the case yet. */
  async previewImport(context: RequestContext, caseId: string, text: string): Promise<FtmImportReport> {
    return this.audit.run(context, { action: 'case.ftm-import-preview', activity }, async (trx) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'case.manage', [caseId]);
      const parsed = parseFtmLines(text);
      const row = await trx
        .insertInto('ftmImports')
        .values({
          caseId,
          entities: JSON.stringify(parsed.entities),
          report: JSON.stringify({ accepted: parsed.accepted, refused: parsed.refused }),
          createdBy: userOf(actor),
          createdAt: this.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, status: 'review', accepted: parsed.accepted, refused: parsed.refused };
    });
  }

  /** Applies a reviewed import: every accepted entity or none, and only without refused rows. */
  async applyImport(context: RequestContext, caseId: string, importId: string): Promise<FtmImportReport> {
    return this.audit.run(context, { action: 'case.ftm-import-apply', activity }, async (trx, record) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'case.manage', [caseId]);
      const pending = await trx
        .selectFrom('ftmImports')
        .selectAll()
        .where('id', '=', importId)
        .where('caseId', '=', caseId)
        .executeTakeFirst();
      if (!pending) throw notFound();
      if (pending.status !== 'review') throw conflict('ftm.import_done', 'Deze import is al verwerkt.');
      const report = pending.report as Pick<FtmImportReport, 'accepted' | 'refused'>;
      if (report.refused.length)
        throw conflict(
          'ftm.import_refused_rows',
          'Deze import heeft geweigerde regels. Verbeter het bestand en lees het opnieuw in; er is niets geïmporteerd.',
        );
      const phase = await trx
        .selectFrom('cases')
        .select('phase')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      if (phase.phase === 'closed')
        throw conflict('case.closed', 'Deze casus is gesloten. Heropen hem eerst.');
      const entities = pending.entities as ReturnType<typeof parseFtmLines>['entities'];
      const at = this.now();
      const ids = new Map<string, string>();
      const created: string[] = [];
      for (const e of entities) {
        if (!e.subject) continue;
        const input = e.subject;
        let caseSubjectId: string | null = null;
        if (['person', 'company', 'address', 'account', 'vehicle'].includes(input.kind)) {
          const added = await trx
            .insertInto('caseSubjects')
            .values({
              caseId,
              kind: input.kind,
              role: 'other',
              label: e.caption,
              data: JSON.stringify(input),
              signalSubjectId: null,
              addedAt: at,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          caseSubjectId = added.id;
          record.subjectData(input as SubjectInput, 'case.ftm-import');
        }
        const { subjectId, linked } = await registerSubject(
          trx,
          actor.regionId,
          input,
          {
            caseId,
            caseSubjectId,
            organisationId: actor.organisationId,
            role: 'other',
            source: 'import',
            at,
          },
          { suggest: false },
        );
        ids.set(e.id, subjectId);
        if (!linked) created.push(subjectId);
      }
      // The imported persons are matched against the register in one pass.
      await linkBatch(trx, actor.regionId, created, at);
      for (const e of entities) {
        if (!e.relation) continue;
        const fromId = ids.get(e.relation.from);
        const toId = ids.get(e.relation.to);
        if (!fromId || !toId || fromId === toId) continue;
        await trx
          .insertInto('subjectRelations')
          .values({
            regionId: actor.regionId,
            fromId,
            toId,
            type: e.relation.type,
            caseId,
            signalId: null,
            organisationId: actor.organisationId,
            startDate: e.relation.startDate ?? null,
            endDate: e.relation.endDate ?? null,
            createdBy: userOf(actor),
            createdAt: at,
          })
          .execute();
      }
      await trx.updateTable('ftmImports').set({ status: 'applied' }).where('id', '=', importId).execute();
      return { id: importId, status: 'applied', accepted: report.accepted, refused: [] };
    });
  }
}
