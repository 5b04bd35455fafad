import {
  type CaseProgress,
  type ComputedFigure,
  type CreateProgrammeRequest,
  casePhases,
  defaultActivityKinds,
  type IndicatorRef,
  type InvalidParam,
  interventionKinds,
  type Programme,
  type ProgrammeGoalRequest,
  type ProgrammeSummary,
  type RecordResultRequest,
  resultKinds,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { Actor, RequestContext } from '../../shared/context.js';
import { amsterdamDate } from '../../shared/dates.js';
import { invalid, notFound } from '../../shared/errors.js';
import { type ServiceDeps, userOf } from '../../shared/service.js';
import { covenantOf, disclosureMinimumOf } from '../collaborations/index.js';
import { aggregatesOnly, gatedCount } from '../locations/index.js';
import { districtIn, municipalitiesIn, regionName } from '../organisations/index.js';
import {
  accountabilityTable,
  caseCounts,
  interventionCounts,
  leadTimes,
  phaseAndResultCounts,
  type ReportScope,
} from '../reports/index.js';
import { indicators } from './indicators.js';
import { presentGoal } from './programmes.presenter.js';
import * as repo from './programmes.repository.js';

const activity = 'samenspel.programmes';
const problem = (name: string, code: string, reason: string): InvalidParam => ({
  name,
  in: 'body',
  code,
  reason,
});

function reportScope(scope: repo.IndicatorScope): ReportScope {
  switch (scope.kind) {
    case 'region':
      return { kind: 'region', regionId: scope.regionId };
    case 'district':
      return { kind: 'district', regionId: scope.regionId, districtId: scope.districtId ?? '' };
    case 'base-team':
      return { kind: 'base-team', regionId: scope.regionId, baseTeamId: scope.baseTeamId ?? '' };
    case 'municipality':
      return {
        kind: 'municipality',
        regionId: scope.regionId,
        municipalityCode: scope.municipalityCode ?? '',
      };
  }
}

/**
 * Computes indicators from the record, one statement per family and scope, remembered for the
 * request: a programme page asks "cases" once per goal, not once per figure.
 */
class Calculator {
  private readonly cache = new Map<string, Promise<Record<string, number>>>();
  constructor(private readonly db: Db) {}

  private family(ref: IndicatorRef, scope: repo.IndicatorScope, period: repo.Period) {
    const [family] = ref.indicator.split('.');
    const option = family === 'activities' ? ref.option : null;
    const key = JSON.stringify([family, option, scope, period]);
    let figures = this.cache.get(key);
    if (!figures) {
      figures = this.compute(family ?? '', option, scope, period);
      this.cache.set(key, figures);
    }
    return figures;
  }

  private async compute(
    family: string,
    option: string | null,
    scope: repo.IndicatorScope,
    period: repo.Period,
  ): Promise<Record<string, number>> {
    const db = this.db;
    switch (family) {
      case 'cases': {
        const c = await caseCounts(db, reportScope(scope), period);
        return { 'cases.handled': c.handled, 'cases.new': c.new, 'cases.closed': c.closed };
      }
      case 'loo':
        return repo.looFigures(db, scope, period);
      case 'inspections':
        return repo.inspectionFigures(db, scope, period);
      case 'locations':
        return repo.locationFigures(db, scope, period);
      case 'maps':
        return repo.mapFigures(db, scope, period);
      case 'fiu':
        return repo.fiuFigures(db, scope, period);
      case 'activities':
        return repo.activityFigures(db, scope, period, option);
      case 'advices':
      case 'confiscation': {
        const t = await accountabilityTable(db, reportScope(scope), period);
        return {
          ...Object.fromEntries(Object.entries(t.advices).map(([k, v]) => [`advices.given:${k}`, v])),
          'advices.given': Object.values(t.advices).reduce((a, b) => a + b, 0),
          'confiscation.imposed': Math.round(t.amounts.imposedCents / 100),
          'confiscation.collected': Math.round(t.amounts.collectedOrSettledCents / 100),
        };
      }
      case 'interventions': {
        const counts = await interventionCounts(db, reportScope(scope), period);
        return {
          ...Object.fromEntries(
            Object.entries(counts).map(([k, v]) => [`interventions.carried-out:${k}`, v]),
          ),
          'interventions.carried-out': Object.values(counts).reduce((a, b) => a + b, 0),
        };
      }
      default:
        throw new Error(`unknown indicator family ${family}`);
    }
  }

  async figure(ref: IndicatorRef, scope: repo.IndicatorScope, period: repo.Period): Promise<ComputedFigure> {
    const figures = await this.family(ref, scope, period);
    const definition = indicators[ref.indicator];
    const byKind = definition.option === 'intervention-kind' && ref.option;
    const value = figures[byKind ? `${ref.indicator}:${ref.option}` : ref.indicator] ?? 0;
    return {
      indicator: ref.indicator,
      option: ref.option,
      name: definition.name,
      value,
      unit: definition.unit,
    };
  }
}

/** The kinds of activity a region has: Samenspel's own and those it added. */
export async function activityKindsOf(db: Db, regionId: string) {
  const own = await repo.regionActivityKinds(db, regionId);
  return [
    ...defaultActivityKinds.map((k) => ({ code: k.code, name: k.name, own: false })),
    ...own.map((k) => ({ code: k.code, name: k.name, own: true })),
  ];
}

/**
 * Programmes with their goals computed from the record (or as recorded by hand), for a region:
 * the programme pages and the annual report read the same.
 */
export async function presentProgrammes(
  trx: Db,
  regionId: string,
  rows: repo.ProgrammeRow[],
): Promise<Programme[]> {
  const goals = await repo.findGoals(
    trx,
    rows.map((r) => r.id),
  );
  const region = (await regionName(trx, regionId)) ?? regionId;
  const calculator = new Calculator(trx);
  const presented: Array<{ programmeId: string; goal: ReturnType<typeof presentGoal> }> = [];
  // One goal after the other: a transaction runs one statement at a time.
  for (const g of goals) {
    {
      const scope: repo.IndicatorScope = {
        regionId: regionId,
        kind: g.scopeKind,
        districtId: g.districtId,
        baseTeamId: g.baseTeamId,
        municipalityCode: g.municipalityCode,
      };
      const period = { from: String(g.periodFrom).slice(0, 10), to: String(g.periodTo).slice(0, 10) };
      const figures = [];
      if (g.resultKind === 'computed')
        for (const ref of g.indicators) figures.push(await calculator.figure(ref, scope, period));
      presented.push({ programmeId: g.programmeId, goal: presentGoal(g, region, figures) });
    }
  }
  return rows.map((r) => {
    const items = presented.filter((p) => p.programmeId === r.id).map((p) => p.goal);
    return {
      id: r.id,
      year: r.year,
      kind: r.kind,
      district: r.districtId && r.districtName ? { id: r.districtId, name: r.districtName } : null,
      name: r.name,
      description: r.description,
      goals: r.goals,
      reached: items.filter((g) => g.status === 'reached' || g.status === 'above-range').length,
      items,
    };
  });
}

/** A region's programmes of a year, computed now. */
export async function programmesOfYear(db: Db, regionId: string, year: number): Promise<Programme[]> {
  return presentProgrammes(db, regionId, await repo.findProgrammes(db, regionId, { year }));
}

/** Programmes and district action plans with their goals, computed from the record or recorded by hand. */
export class ProgrammesService {
  constructor(private readonly deps: ServiceDeps) {}

  async indicators(context: RequestContext) {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'indicator.list', activity }, async (trx) => {
      await access.requireAccess(trx, context.actor, 'programme.read');
      return Object.values(indicators);
    });
  }

  async list(
    context: RequestContext,
    filter: { year?: number | undefined; districtId?: string | undefined },
  ): Promise<ProgrammeSummary[]> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'programme.list', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'programme.read');
      const rows = await repo.findProgrammes(trx, actor.regionId, filter);
      return (await presentProgrammes(trx, actor.regionId, rows)).map(({ items: _, ...summary }) => summary);
    });
  }

  async get(context: RequestContext, programmeId: string): Promise<Programme> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'programme.read', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'programme.read', [programmeId]);
      return this.one(trx, actor, programmeId);
    });
  }

  private async one(trx: Db, actor: Actor, programmeId: string): Promise<Programme> {
    const [programme] = await presentProgrammes(
      trx,
      actor.regionId,
      await repo.findProgrammes(trx, actor.regionId, { ids: [programmeId] }),
    );
    if (!programme) throw notFound();
    return programme;
  }

  async create(context: RequestContext, request: CreateProgrammeRequest): Promise<Programme> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'programme.create', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'programme.manage');
      const problems: InvalidParam[] = [];
      const districtId = request.kind === 'district' ? (request.districtId ?? null) : null;
      if (request.kind === 'district' && !request.districtId)
        problems.push(problem('districtId', 'district_missing', 'Kies het district van dit districtsplan.'));
      else if (districtId && !(await districtIn(trx, actor.regionId, districtId)))
        problems.push(problem('districtId', 'unknown_district', 'Dit district hoort niet bij uw regio.'));
      if (request.kind === 'programme' && request.districtId)
        problems.push(
          problem('districtId', 'not_a_district_plan', 'Alleen een districtsplan hoort bij één district.'),
        );
      const taken = await repo.programmeTaken(trx, actor.regionId, request.year, request.name, districtId);
      if (taken.name)
        problems.push(
          problem('name', 'name_taken', `Er is in ${request.year} al een programma met deze naam.`),
        );
      if (taken.district)
        problems.push(
          problem(
            'districtId',
            'plan_exists',
            `Dit district heeft voor ${request.year} al een districtsplan.`,
          ),
        );
      if (problems.length) throw invalid(problems);
      const id = await repo.insertProgramme(trx, {
        regionId: actor.regionId,
        year: request.year,
        kind: request.kind,
        districtId,
        name: request.name,
        description: request.description ?? null,
        createdAt: now(),
        createdBy: userOf(actor),
      });
      return this.one(trx, actor, id);
    });
  }

  /** A goal's fields, checked all at once: its scope in the region, its target, its indicators. */
  private async goalValues(
    trx: Db,
    actor: Actor,
    programme: Programme,
    request: ProgrammeGoalRequest,
  ): Promise<repo.GoalValues> {
    const problems: InvalidParam[] = [];
    const { scope, target, result } = request;
    const at = (name: string, code: string, reason: string) => problems.push(problem(name, code, reason));
    if (scope.kind === 'district') {
      if (!scope.districtId) at('scope.districtId', 'district_missing', 'Kies een district.');
      else if (!(await districtIn(trx, actor.regionId, scope.districtId)))
        at('scope.districtId', 'unknown_district', 'Dit district hoort niet bij uw regio.');
    }
    if (scope.kind === 'base-team') {
      if (!scope.baseTeamId) at('scope.baseTeamId', 'base_team_missing', 'Kies een basisteam.');
      else if (!(await repo.baseTeamOfRegion(trx, actor.regionId, scope.baseTeamId)))
        at('scope.baseTeamId', 'unknown_base_team', 'Dit basisteam hoort niet bij uw regio.');
    }
    if (scope.kind === 'municipality') {
      if (!scope.municipalityCode) at('scope.municipalityCode', 'municipality_missing', 'Kies een gemeente.');
      else if (!(await municipalitiesIn(trx, actor.regionId, [scope.municipalityCode])).length)
        at('scope.municipalityCode', 'unknown_municipality', 'Deze gemeente hoort niet bij uw regio.');
    }
    const period = request.period ?? { from: `${programme.year}-01-01`, to: `${programme.year}-12-31` };
    if (period.from > period.to) at('period.to', 'period_reversed', 'De einddatum ligt voor de begindatum.');
    if (target.kind !== 'qualitative' && target.minimum === undefined)
      at('target.minimum', 'target_missing', 'Vul het beoogde aantal in.');
    if (target.kind === 'range') {
      if (target.maximum === undefined) at('target.maximum', 'maximum_missing', 'Vul de bovengrens in.');
      else if (target.minimum !== undefined && target.maximum < target.minimum)
        at('target.maximum', 'range_reversed', 'De bovengrens is kleiner dan de ondergrens.');
    }
    if (target.kind === 'qualitative' && !target.text)
      at('target.text', 'aim_missing', 'Beschrijf wat er beoogd wordt.');
    const refs = result.kind === 'computed' ? result.indicators : [];
    const activityKinds = new Set((await activityKindsOf(trx, actor.regionId)).map((k) => k.code));
    refs.forEach((ref, i) => {
      const definition = indicators[ref.indicator];
      const name = `result.indicators.${i}.option`;
      if (definition.option === 'none' && ref.option)
        at(name, 'option_not_allowed', `${definition.name} kent geen soort.`);
      if (
        definition.option === 'intervention-kind' &&
        ref.option &&
        !(interventionKinds as readonly string[]).includes(ref.option)
      )
        at(name, 'unknown_kind', 'Kies een soort advies of interventie.');
      if (definition.option === 'activity-kind' && ref.option && !activityKinds.has(ref.option))
        at(name, 'unknown_activity_kind', 'Deze soort activiteit bestaat niet in uw regio.');
    });
    if (problems.length) throw invalid(problems);
    return {
      text: request.text,
      scopeKind: scope.kind,
      districtId: scope.kind === 'district' ? (scope.districtId ?? null) : null,
      baseTeamId: scope.kind === 'base-team' ? (scope.baseTeamId ?? null) : null,
      municipalityCode: scope.kind === 'municipality' ? (scope.municipalityCode ?? null) : null,
      periodFrom: period.from,
      periodTo: period.to,
      targetKind: target.kind,
      targetMinimum: target.kind === 'qualitative' ? null : (target.minimum ?? null),
      targetMaximum: target.kind === 'range' ? (target.maximum ?? null) : null,
      targetText: target.text ?? null,
      resultKind: result.kind,
      indicators: refs.map((r) => ({ indicator: r.indicator, option: r.option ?? null })),
    };
  }

  async addGoal(
    context: RequestContext,
    programmeId: string,
    request: ProgrammeGoalRequest,
  ): Promise<Programme> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'goal.create', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'programme.manage', [programmeId]);
      const programme = await this.one(trx, actor, programmeId);
      const values = await this.goalValues(trx, actor, programme, request);
      await repo.insertGoal(trx, programmeId, values, now(), userOf(actor));
      return this.one(trx, actor, programmeId);
    });
  }

  async updateGoal(
    context: RequestContext,
    programmeId: string,
    goalId: string,
    request: ProgrammeGoalRequest,
  ): Promise<Programme> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'goal.update', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'programme.manage', [programmeId]);
      const programme = await this.one(trx, actor, programmeId);
      if (!programme.items.some((g) => g.id === goalId)) throw notFound();
      const values = await this.goalValues(trx, actor, programme, request);
      await repo.updateGoal(trx, programmeId, goalId, values, now(), userOf(actor));
      return this.one(trx, actor, programmeId);
    });
  }

  async deleteGoal(context: RequestContext, programmeId: string, goalId: string): Promise<Programme> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'goal.delete', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'programme.manage', [programmeId]);
      if (!(await repo.deleteGoal(trx, programmeId, goalId))) throw notFound();
      return this.one(trx, actor, programmeId);
    });
  }

  /** A result recorded by hand, with its source; a computed result cannot be overwritten. */
  async recordResult(
    context: RequestContext,
    programmeId: string,
    goalId: string,
    request: RecordResultRequest,
  ): Promise<Programme> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'goal.record-result', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'programme.manage', [programmeId]);
      const programme = await this.one(trx, actor, programmeId);
      const goal = programme.items.find((g) => g.id === goalId);
      if (!goal) throw notFound();
      const problems: InvalidParam[] = [];
      if (goal.resultKind === 'computed')
        problems.push(
          problem(
            'goalId',
            'computed_result',
            'Dit resultaat wordt berekend uit het dossier en kan niet met de hand worden vastgelegd.',
          ),
        );
      if (request.value === undefined && !request.text)
        problems.push(
          problem('value', 'result_missing', 'Vul een aantal of een omschrijving van het resultaat in.'),
        );
      if (request.recordedOn > amsterdamDate(now()))
        problems.push(problem('recordedOn', 'in_the_future', 'Deze datum ligt in de toekomst.'));
      if (problems.length) throw invalid(problems);
      await repo.insertGoalResult(trx, {
        goalId,
        value: request.value ?? null,
        text: request.text ?? null,
        source: request.source,
        recordedOn: request.recordedOn,
        recordedAt: now(),
        recordedBy: userOf(actor),
      });
      return this.one(trx, actor, programmeId);
    });
  }

  /**
   * Cases by phase, lead times, interventions and results per district for a year: aggregates
   * for the partners' constituencies. Readers other than RIEC analysts get the disclosure gate of
   * the region's covenant: counts below its minimum suppressed, the rest rounded to five, and a
   * median only over at least that many cases.
   */
  async caseProgress(
    context: RequestContext,
    query: { year: number; districtId?: string | undefined },
  ): Promise<CaseProgress> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'case-progress.read', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'case-progress.read');
      if (query.districtId && !(await districtIn(trx, actor.regionId, query.districtId)))
        throw invalid([
          {
            name: 'districtId',
            in: 'query',
            code: 'unknown_district',
            reason: 'Dit district hoort niet bij uw regio.',
          },
        ]);
      const gated = aggregatesOnly(actor);
      const minimum = await disclosureMinimumOf(trx, await covenantOf(trx, actor.regionId));
      const show = (n: number) => (gated ? gatedCount(n, minimum) : n);
      const period = { from: `${query.year}-01-01`, to: `${query.year}-12-31` };
      const districts = (await repo.districtsOf(trx, actor.regionId)).filter(
        (d) => !query.districtId || d.id === query.districtId,
      );
      const rows: CaseProgress['districts'] = [];
      for (const d of districts) {
        const scope: ReportScope = { kind: 'district', regionId: actor.regionId, districtId: d.id };
        const counts = await caseCounts(trx, scope, period);
        const { phases, results } = await phaseAndResultCounts(trx, scope, period);
        const interventions = await interventionCounts(trx, scope, period);
        const lead = await leadTimes(trx, scope, period);
        const median = (s: { count: number; median: number | null }) =>
          gated && s.count < minimum ? null : s.median;
        rows.push({
          district: { id: d.id, name: d.name },
          handled: show(counts.handled),
          new: show(counts.new),
          closed: show(counts.closed),
          byPhase: casePhases.map((phase) => ({ phase, count: show(phases[phase] ?? 0) })),
          interventions: interventionKinds.map((kind) => ({ kind, count: show(interventions[kind] ?? 0) })),
          results: resultKinds.map((kind) => ({ kind, count: show(results[kind] ?? 0) })),
          leadTime: {
            signalToDecisionMedianDays: median(lead.signalToDecision),
            startToFirstInterventionMedianDays: median(lead.startToFirstIntervention),
            count: show(lead.startToFirstIntervention.count),
          },
        });
      }
      return { year: query.year, protected: gated, minimum, districts: rows };
    });
  }
}
