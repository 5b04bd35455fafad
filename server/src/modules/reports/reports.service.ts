import {
  type AccountabilityReport,
  type AnalysisProduct,
  type DistrictTarget,
  REGIONAL_SCOPE,
  type ReportQuery,
  reportPeriod,
  type SetTargetsRequest,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { Actor, RequestContext } from '../../shared/context.js';
import { amsterdamDate } from '../../shared/dates.js';
import { invalid } from '../../shared/errors.js';
import { type ServiceDeps, userOf } from '../../shared/service.js';
import type { Access } from '../access/index.js';
import type { AuditService } from '../audit/index.js';
import { districtIn, municipalityName, regionName } from '../organisations/index.js';
import { presentAnalysisProduct, targetsByDistrict } from './reports.presenter.js';
import {
  accountabilityTable,
  caseFlow,
  caseYears,
  districtFigures,
  districtsOf,
  insertAnalysisProduct,
  leadTimes,
  type ReportScope,
  replaceTargets,
  analysisProducts as repoAnalysisProducts,
  signalsBySource,
  targetsOf,
} from './reports.repository.js';

const activity = 'samenspel.accountability';

/**
 * Accountability and steering. Everything here is an aggregate: no name, no case, no link into
 * one. Who asked for which figures is still logged, as for any use of Samenspel.
 */
export class ReportsService {
  private readonly access: Access;
  private readonly audit: AuditService;
  private readonly now: () => Date;

  constructor(deps: ServiceDeps) {
    this.access = deps.access;
    this.audit = deps.audit;
    this.now = deps.now;
  }

  private async scope(
    trx: Db,
    actor: Actor,
    query: ReportQuery,
  ): Promise<{ scope: Exclude<ReportScope, { kind: 'base-team' }>; name: string }> {
    const regionId = actor.regionId;
    if (query.district === REGIONAL_SCOPE)
      return { scope: { kind: 'regional', regionId }, name: 'Regionale casussen' };
    if (query.district !== undefined) {
      await this.access.requireAccess(trx, actor, 'report.read', [query.district]);
      const d = await districtIn(trx, regionId, query.district);
      return { scope: { kind: 'district', regionId, districtId: query.district }, name: d?.name ?? '' };
    }
    if (query.municipality !== undefined) {
      await this.access.requireAccess(trx, actor, 'report.read', [query.municipality]);
      return {
        scope: { kind: 'municipality', regionId, municipalityCode: query.municipality },
        name: (await municipalityName(trx, query.municipality)) ?? '',
      };
    }
    return { scope: { kind: 'region', regionId }, name: (await regionName(trx, regionId)) ?? '' };
  }

  /** The accountability table with district figures, flow, lead times and signals by source. */
  async accountability(context: RequestContext, query: ReportQuery): Promise<AccountabilityReport> {
    return this.audit.run(context, { action: 'report.accountability', activity }, async (trx) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'report.read');
      const { scope, name } = await this.scope(trx, actor, query);
      const period = reportPeriod(query);
      const [table, districts, flow, times, sources] = [
        await accountabilityTable(trx, scope, period),
        await districtFigures(trx, scope, period),
        await caseFlow(trx, scope, period),
        await leadTimes(trx, scope, period),
        await signalsBySource(trx, scope, period),
      ];
      const span = await caseYears(trx, actor.regionId);
      const thisYear = this.now().getUTCFullYear();
      const yearOf = (d: string | null | undefined) => (d ? Number(String(d).slice(0, 4)) : thisYear);
      const years = {
        first: yearOf(span?.first),
        lastActivity: Math.max(yearOf(span?.started), span?.closed ? yearOf(span.closed) : 0),
      };
      const year = period.from.slice(0, 4);
      const targets =
        year === period.to.slice(0, 4) ? await this.targetsOf(trx, actor.regionId, Number(year)) : new Map();
      return {
        period,
        scope: {
          kind: scope.kind,
          id:
            scope.kind === 'district'
              ? scope.districtId
              : scope.kind === 'municipality'
                ? scope.municipalityCode
                : scope.kind === 'regional'
                  ? REGIONAL_SCOPE
                  : scope.regionId,
          name,
        },
        table,
        districts: districts.map((d) => ({
          ...d,
          targets: d.district ? (targets.get(d.district.id) ?? []) : [],
        })),
        flow,
        leadTimes: times,
        signalsBySource: sources,
        years,
      };
    });
  }

  private async targetsOf(trx: Db, regionId: string, year: number): Promise<Map<string, DistrictTarget[]>> {
    return targetsByDistrict(await targetsOf(trx, regionId, year));
  }

  /** Every district of the region with its targets for the year (none set: an empty list). */
  async targets(context: RequestContext, year: number) {
    return this.audit.run(context, { action: 'target.list', activity }, async (trx) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'report.read');
      return this.targetRows(trx, actor.regionId, year);
    });
  }

  private async targetRows(trx: Db, regionId: string, year: number) {
    const targets = await this.targetsOf(trx, regionId, year);
    const districts = await districtsOf(trx, regionId);
    return districts.map((d) => ({ district: d, year, targets: targets.get(d.id) ?? [] }));
  }

  /** Replaces a district's targets for a year (an empty list removes them). */
  async setTargets(context: RequestContext, districtId: string, year: number, request: SetTargetsRequest) {
    return this.audit.run(context, { action: 'target.update', activity }, async (trx) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'target.manage', [districtId]);
      await replaceTargets(
        trx,
        districtId,
        year,
        request.targets.map((t) => ({
          measure: t.measure,
          minimum: t.minimum,
          maximum: t.maximum,
          note: t.note || null,
          setBy: userOf(actor),
          setAt: this.now(),
        })),
      );
      const rows = await this.targetRows(trx, actor.regionId, year);
      const row = rows.find((r) => r.district.id === districtId);
      if (!row) throw new Error('District vanished');
      return row;
    });
  }

  async analysisProducts(context: RequestContext, year: number | undefined): Promise<AnalysisProduct[]> {
    return this.audit.run(context, { action: 'analysis-product.list', activity }, async (trx) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'analysis-product.read');
      const rows = await repoAnalysisProducts(trx, actor.regionId, year);
      return rows.map(presentAnalysisProduct);
    });
  }

  async addAnalysisProduct(
    context: RequestContext,
    request: { title: string; districtId: string | null; deliveredOn: string },
  ): Promise<AnalysisProduct> {
    return this.audit.run(context, { action: 'analysis-product.create', activity }, async (trx) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'analysis-product.manage');
      const now = this.now();
      const district = request.districtId
        ? await districtIn(trx, actor.regionId, request.districtId)
        : undefined;
      const problems = [];
      if (request.districtId !== null && !district)
        problems.push({
          name: 'districtId',
          in: 'body' as const,
          code: 'unknown_district',
          reason: 'Kies een district van uw regio.',
        });
      if (request.deliveredOn > amsterdamDate(now))
        problems.push({
          name: 'deliveredOn',
          in: 'body' as const,
          code: 'future',
          reason: 'Een analyseproduct kan niet in de toekomst zijn opgeleverd.',
        });
      if (problems.length) throw invalid(problems);
      const id = await insertAnalysisProduct(trx, {
        regionId: actor.regionId,
        districtId: request.districtId,
        title: request.title,
        deliveredOn: request.deliveredOn,
        createdBy: userOf(actor),
        createdAt: now,
      });
      return {
        id,
        title: request.title,
        deliveredOn: request.deliveredOn,
        district: district ?? null,
      };
    });
  }
}
