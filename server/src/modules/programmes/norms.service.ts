import type {
  CreateNormRequest,
  CreateNormReviewRequest,
  CreateNormVersionRequest,
  InvalidParam,
  NormDetail,
  NormMatrix,
  NormMatrixQuery,
  NormReview,
  NormStatusEntry,
  NormSummary,
  NormTimeline,
  RecordNormStatusRequest,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { Actor, RequestContext } from '../../shared/context.js';
import { amsterdamDate, dutchDate, happenedProblems } from '../../shared/dates.js';
import { invalid, notFound } from '../../shared/errors.js';
import { type ServiceDeps, userOf } from '../../shared/service.js';
import { districtIn } from '../organisations/index.js';
import {
  ambitionTitles,
  cellOf,
  countStatuses,
  presentNormSummary,
  presentVersion,
  statusesOn,
  versionOn,
} from './norms.presenter.js';
import * as repo from './norms.repository.js';

const activity = 'samenspel.programmes';
const problem = (name: string, code: string, reason: string): InvalidParam => ({
  name,
  in: 'body',
  code,
  reason,
});

/**
 * Norm monitoring: norms and their versions, dated statuses per member and ambition, the matrix
 * and the timeline as of a day, and the district working group's reviews whose agenda is the
 * norm's open points on the review's day.
 */
export class NormsService {
  constructor(private readonly deps: ServiceDeps) {}

  private today(): string {
    return amsterdamDate(this.deps.now());
  }

  private async norm(trx: Db, actor: Actor, normId: string): Promise<repo.NormRow> {
    const [row] = await repo.findNorms(trx, actor.regionId, [normId]);
    if (!row?.versions.length) throw notFound();
    return row;
  }

  private async detail(trx: Db, actor: Actor, normId: string): Promise<NormDetail> {
    const row = await this.norm(trx, actor, normId);
    const reviews = await repo.findNormReviews(trx, normId);
    return {
      ...presentNormSummary(row),
      versions: row.versions.map(presentVersion),
      reviews: reviews.map((r) => ({
        id: r.id,
        heldOn: r.heldOn,
        note: r.note,
        points: Number(r.points ?? 0),
        outcomes: Number(r.outcomes ?? 0),
      })),
      canManage: this.deps.access.holds(actor, 'norm.manage'),
    };
  }

  /** The problems with a version's ambitions and members: every one at once. */
  private async versionProblems(
    trx: Db,
    actor: Actor,
    request: CreateNormVersionRequest,
  ): Promise<InvalidParam[]> {
    const problems: InvalidParam[] = [];
    const seen = new Set<string>();
    request.ambitions.forEach((a, i) => {
      const code = a.code.toLowerCase();
      if (seen.has(code))
        problems.push(
          problem(`ambitions.${i}.code`, 'duplicate_code', `De code ${a.code} staat al eerder in de lijst.`),
        );
      seen.add(code);
    });
    const members = new Set(
      (await repo.memberCandidates(trx, actor.regionId, request.memberIds)).map((m) => m.id),
    );
    request.memberIds.forEach((id, i) => {
      if (!members.has(id))
        problems.push(
          problem(`memberIds.${i}`, 'not_a_member', 'Kies een gemeente of de provincie uit uw regio.'),
        );
    });
    if (new Set(request.memberIds).size !== request.memberIds.length)
      problems.push(problem('memberIds', 'duplicate_member', 'Een deelnemer staat twee keer in de lijst.'));
    return problems;
  }

  private versionValues(request: CreateNormVersionRequest) {
    return {
      validFrom: request.validFrom,
      note: request.note ?? null,
      ambitions: request.ambitions.map((a) => ({
        code: a.code,
        title: a.title,
        description: a.description ?? null,
      })),
      memberIds: request.memberIds,
    };
  }

  async list(context: RequestContext): Promise<NormSummary[]> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'norm.list', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'norm.read');
      return (await repo.findNorms(trx, actor.regionId))
        .filter((n) => n.versions.length)
        .map(presentNormSummary);
    });
  }

  async get(context: RequestContext, normId: string): Promise<NormDetail> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'norm.read', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'norm.read', [normId]);
      return this.detail(trx, actor, normId);
    });
  }

  /** A norm with its first version: its ambitions and members. */
  async create(context: RequestContext, request: CreateNormRequest): Promise<NormDetail> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'norm.create', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'norm.manage');
      const problems = await this.versionProblems(trx, actor, request);
      if (await repo.normNameTaken(trx, actor.regionId, request.name))
        problems.unshift(problem('name', 'name_taken', 'Er is al een norm met deze naam.'));
      if (request.districtId && !(await districtIn(trx, actor.regionId, request.districtId)))
        problems.push(problem('districtId', 'unknown_district', 'Dit district hoort niet bij uw regio.'));
      if (problems.length) throw invalid(problems);
      const normId = await repo.insertNorm(trx, {
        regionId: actor.regionId,
        districtId: request.districtId ?? null,
        name: request.name,
        description: request.description ?? null,
        createdAt: now(),
        createdBy: userOf(actor),
      });
      await repo.insertNormVersion(trx, {
        normId,
        number: 1,
        ...this.versionValues(request),
        createdAt: now(),
        createdBy: userOf(actor),
      });
      return this.detail(trx, actor, normId);
    });
  }

  /** A new version of the list: it takes effect on its day; the statuses keep to the ambitions' codes. */
  async addVersion(context: RequestContext, normId: string, request: CreateNormVersionRequest) {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'norm.version', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'norm.manage', [normId]);
      const norm = await this.norm(trx, actor, normId);
      const latest = norm.versions.at(-1);
      const problems = await this.versionProblems(trx, actor, request);
      if (latest && request.validFrom <= latest.validFrom)
        problems.unshift(
          problem(
            'validFrom',
            'not_after_previous',
            `Een nieuwe versie gaat in na de vorige (versie ${latest.number}, vanaf ${dutchDate(latest.validFrom)}).`,
          ),
        );
      if (problems.length) throw invalid(problems);
      await repo.insertNormVersion(trx, {
        normId,
        number: (latest?.number ?? 0) + 1,
        ...this.versionValues(request),
        createdAt: now(),
        createdBy: userOf(actor),
      });
      return this.detail(trx, actor, normId);
    });
  }

  /** Members × ambitions of the version in force on the day, each cell the status as of that day. */
  async matrix(context: RequestContext, normId: string, query: NormMatrixQuery): Promise<NormMatrix> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'norm.matrix', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'norm.read', [normId]);
      const norm = await this.norm(trx, actor, normId);
      const on = query.on ?? this.today();
      const row = versionOn(norm.versions, on);
      if (!row) throw notFound();
      const version = presentVersion(row);
      const statuses = statusesOn(await repo.normStatusRows(trx, normId), on);
      const members = version.members.map((m) => {
        const cells = version.ambitions.map((a) => cellOf(statuses, m, a));
        return { ...m, cells, counts: countStatuses(cells.map((c) => c.status)) };
      });
      const all = members.flatMap((m) => m.cells);
      return {
        norm: { id: norm.id, name: norm.name },
        on,
        version: { number: version.number, validFrom: version.validFrom },
        ambitions: version.ambitions,
        members,
        ambitionCounts: version.ambitions.map((a) => ({
          ambitionCode: a.code,
          ...countStatuses(all.filter((c) => c.ambitionCode === a.code).map((c) => c.status)),
        })),
        totals: countStatuses(all.map((c) => c.status)),
      };
    });
  }

  /** One member's statuses over time, as they happened, with today's counts. */
  async timeline(context: RequestContext, normId: string, organisationId: string): Promise<NormTimeline> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'norm.timeline', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'norm.read', [normId]);
      const norm = await this.norm(trx, actor, normId);
      const member = norm.versions
        .map(presentVersion)
        .flatMap((v) => v.members)
        .find((m) => m.id === organisationId);
      if (!member) throw notFound();
      const rows = await repo.normStatusRows(trx, normId, organisationId);
      const titles = ambitionTitles(norm.versions);
      const before = new Map<string, NormStatusEntry['status']>();
      const entries = rows.map((r) => {
        const previousStatus = before.get(r.ambitionCode) ?? 'not-started';
        before.set(r.ambitionCode, r.status);
        return {
          id: r.id,
          ambitionCode: r.ambitionCode,
          ambitionTitle: titles.get(r.ambitionCode) ?? r.ambitionCode,
          status: r.status,
          previousStatus,
          happenedOn: r.happenedOn,
          recordedAt: r.recordedAt.toISOString(),
          evidence: r.evidence,
          organisation: { id: r.recorderId, name: r.recorderName },
        };
      });
      const latestRow = norm.versions.at(-1);
      if (!latestRow) throw notFound();
      const latest = presentVersion(latestRow);
      const today = statusesOn(rows, this.today());
      return {
        norm: { id: norm.id, name: norm.name },
        member,
        entries,
        counts: countStatuses(latest.ambitions.map((a) => cellOf(today, member, a).status)),
      };
    });
  }

  /** A member's status on an ambition, on the day it was reached, with its evidence. */
  async recordStatus(
    context: RequestContext,
    normId: string,
    request: RecordNormStatusRequest,
  ): Promise<NormStatusEntry> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'norm.status', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'norm.manage', [normId]);
      const norm = await this.norm(trx, actor, normId);
      const on = request.happenedOn ?? this.today();
      const last = await repo.lastNormStatus(trx, normId, request.organisationId, request.ambitionCode);
      const problems = happenedProblems('happenedOn', on, this.today(), [
        last ? { on: last.happenedOn, what: 'de vorige stand van deze ambitie' } : null,
      ]);
      const first = norm.versions[0];
      const version = versionOn(norm.versions, on);
      if (first && on < first.validFrom)
        problems.push(
          problem(
            'happenedOn',
            'before_norm',
            `De norm gold op deze datum nog niet (versie 1 gaat in op ${dutchDate(first.validFrom)}).`,
          ),
        );
      else if (version) {
        if (!version.members.some((m) => m.id === request.organisationId))
          problems.push(
            problem(
              'organisationId',
              'not_a_member',
              'Deze organisatie doet op deze datum niet mee aan de norm.',
            ),
          );
        if (!version.ambitions.some((a) => a.code === request.ambitionCode))
          problems.push(
            problem('ambitionCode', 'unknown_ambition', 'Deze ambitie hoort op deze datum niet bij de norm.'),
          );
      }
      if (request.status === 'met' && !request.evidence)
        problems.push(
          problem('evidence', 'evidence_missing', 'Geef aan waaruit blijkt dat de ambitie is gehaald.'),
        );
      if (problems.length) throw invalid(problems);
      const id = await repo.insertNormStatus(trx, {
        normId,
        organisationId: request.organisationId,
        ambitionCode: request.ambitionCode,
        status: request.status,
        happenedOn: on,
        evidence: request.evidence ?? null,
        recordedAt: now(),
        recordedBy: userOf(actor),
        recordingOrganisationId: actor.organisationId,
      });
      const rows = await repo.normStatusRows(trx, normId, request.organisationId);
      const index = rows.findIndex((r) => r.id === id);
      const row = rows[index];
      if (!row) throw notFound();
      const previous = rows
        .slice(0, index)
        .filter((r) => r.ambitionCode === row.ambitionCode)
        .at(-1);
      return {
        id,
        ambitionCode: row.ambitionCode,
        ambitionTitle: ambitionTitles(norm.versions).get(row.ambitionCode) ?? row.ambitionCode,
        status: row.status,
        previousStatus: previous?.status ?? 'not-started',
        happenedOn: row.happenedOn,
        recordedAt: row.recordedAt.toISOString(),
        evidence: row.evidence,
        organisation: { id: row.recorderId, name: row.recorderName },
      };
    });
  }

  private async review(trx: Db, actor: Actor, reviewId: string): Promise<NormReview> {
    const row = await repo.findNormReview(trx, reviewId);
    if (!row) throw notFound();
    const norm = await this.norm(trx, actor, row.normId);
    const version = norm.versions.find((v) => v.id === row.versionId);
    const titles = new Map((version?.ambitions ?? []).map((a) => [a.code, a.title]));
    return {
      id: row.id,
      norm: { id: norm.id, name: norm.name },
      district:
        norm.districtId && norm.districtName ? { id: norm.districtId, name: norm.districtName } : null,
      heldOn: row.heldOn,
      note: row.note,
      version: row.versionNumber,
      points: row.points.flatMap((p) =>
        p.organisationKind === 'municipality' || p.organisationKind === 'province'
          ? [
              {
                id: p.id,
                member: { id: p.organisationId, name: p.organisationName, kind: p.organisationKind },
                ambitionCode: p.ambitionCode,
                ambitionTitle: titles.get(p.ambitionCode) ?? p.ambitionCode,
                status: p.status,
                since: p.since,
                outcome: p.outcome,
              },
            ]
          : [],
      ),
      canManage: this.deps.access.holds(actor, 'norm.manage'),
    };
  }

  /**
   * The district working group's review on its day: the agenda is every ambition of the version
   * then in force that a member had not met on that day, member by member, kept as it was.
   */
  async createReview(
    context: RequestContext,
    normId: string,
    request: CreateNormReviewRequest,
  ): Promise<NormReview> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'norm-review.create', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'norm.manage', [normId]);
      const norm = await this.norm(trx, actor, normId);
      const on = request.heldOn ?? this.today();
      const problems = happenedProblems('heldOn', on, this.today());
      const first = norm.versions[0];
      if (first && on < first.validFrom)
        problems.push(
          problem(
            'heldOn',
            'before_norm',
            `De norm gold op deze datum nog niet (versie 1 gaat in op ${dutchDate(first.validFrom)}).`,
          ),
        );
      if (problems.length) throw invalid(problems);
      const row = versionOn(norm.versions, on);
      if (!row) throw notFound();
      const version = presentVersion(row);
      const statuses = statusesOn(await repo.normStatusRows(trx, normId), on);
      const points = version.members.flatMap((m) =>
        version.ambitions.flatMap((a) => {
          const cell = cellOf(statuses, m, a);
          return cell.status === 'met'
            ? []
            : [{ organisationId: m.id, ambitionCode: a.code, status: cell.status, since: cell.since }];
        }),
      );
      const id = await repo.insertNormReview(trx, {
        normId,
        versionId: row.id,
        heldOn: on,
        note: request.note ?? null,
        createdAt: now(),
        createdBy: userOf(actor),
        points,
      });
      return this.review(trx, actor, id);
    });
  }

  async getReview(context: RequestContext, reviewId: string): Promise<NormReview> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'norm-review.read', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'norm.read', [reviewId]);
      return this.review(trx, actor, reviewId);
    });
  }

  /** What the working group agreed on one point of the agenda. */
  async recordOutcome(
    context: RequestContext,
    reviewId: string,
    pointId: string,
    outcome: string,
  ): Promise<NormReview> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'norm-review.outcome', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'norm.manage', [reviewId]);
      const updated = await repo.setReviewOutcome(trx, reviewId, pointId, {
        outcome,
        outcomeRecordedAt: now(),
        outcomeRecordedBy: userOf(actor),
      });
      if (!updated) throw notFound();
      return this.review(trx, actor, reviewId);
    });
  }
}
