import {
  type FinanceLineCode,
  type FinanceYear,
  type FinanceYearRequest,
  financeLineDefinitions,
  type InvalidParam,
  RESERVE_LINE,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { RequestContext } from '../../shared/context.js';
import { invalid } from '../../shared/errors.js';
import { type ServiceDeps, userOf } from '../../shared/service.js';
import * as repo from './finance.repository.js';

const activity = 'samenspel.programmes';
const euro = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const columnNames = {
  budget: 'de begroting',
  realisation: 'de realisatie',
  nextBudget: 'de begroting van het jaar erna',
};

/**
 * A year's exploitatieoverzicht: budget and realisation of the year, and the next year's budget
 * beside them, as the annual plan prints it; the totals computed, with a warning (not a refusal)
 * where income and costs do not balance.
 */
export async function financeYearOf(db: Db, regionId: string, year: number): Promise<FinanceYear> {
  const rows = await repo.linesOf(db, regionId, [year, year + 1]);
  const value = (y: number, line: string, key: 'budget' | 'realisation') => {
    const raw = rows.find((r) => r.year === y && r.line === line)?.[key];
    return raw === null || raw === undefined ? null : Number(raw);
  };
  const lines = financeLineDefinitions.map((d) => ({
    line: d.code,
    group: d.group,
    name: d.name,
    unit: d.group === 'fte' ? ('fte' as const) : ('euro' as const),
    budget: value(year, d.code, 'budget'),
    realisation: value(year, d.code, 'realisation'),
    nextBudget: value(year + 1, d.code, 'budget'),
  }));
  const total = (group: 'income' | 'costs', key: 'budget' | 'realisation' | 'nextBudget') => {
    const figures = lines.filter((l) => l.group === group).map((l) => l[key]);
    return figures.every((f) => f === null) ? null : figures.reduce<number>((a, f) => a + (f ?? 0), 0);
  };
  const totals = {
    income: {
      budget: total('income', 'budget'),
      realisation: total('income', 'realisation'),
      nextBudget: total('income', 'nextBudget'),
    },
    costs: {
      budget: total('costs', 'budget'),
      realisation: total('costs', 'realisation'),
      nextBudget: total('costs', 'nextBudget'),
    },
  };
  const warnings = (['budget', 'realisation', 'nextBudget'] as const).flatMap((column) => {
    const income = totals.income[column];
    const costs = totals.costs[column];
    if (income === null || costs === null || income === costs) return [];
    return [
      {
        code: 'unbalanced',
        column,
        reason: `In ${columnNames[column]} zijn de baten (€ ${euro.format(income)}) niet gelijk aan de lasten (€ ${euro.format(costs)}).`,
      },
    ];
  });
  const updated = rows.filter((r) => r.year === year).map((r) => new Date(r.updatedAt).getTime());
  return {
    year,
    lines,
    totals,
    warnings,
    updatedAt: updated.length ? new Date(Math.max(...updated)).toISOString() : null,
  };
}

/**
 * What is wrong with a year's lines, each problem named by its line's index: amounts in whole
 * euros and never negative (but for a withdrawal from the reserve, which is negative when money is
 * added to it), FTE with at most two decimals, no line twice. The API and the import check the same.
 */
export function financeLineProblems(lines: FinanceYearRequest['lines']): InvalidParam[] {
  const problems: InvalidParam[] = [];
  const seen = new Set<FinanceLineCode>();
  lines.forEach((l, i) => {
    const at = (field: string, code: string, reason: string) =>
      problems.push({ name: `lines.${i}.${field}`, in: 'body', code, reason });
    const definition = financeLineDefinitions.find((d) => d.code === l.line);
    if (seen.has(l.line)) at('line', 'line_twice', `De regel '${definition?.name}' staat er twee keer in.`);
    seen.add(l.line);
    for (const field of ['budget', 'realisation'] as const) {
      const v = l[field];
      if (v === null || v === undefined) continue;
      if (v < 0 && l.line !== RESERVE_LINE)
        at(field, 'negative', `Een bedrag op '${definition?.name}' kan niet negatief zijn.`);
      if (definition?.group === 'fte' ? Math.round(v * 100) !== v * 100 : !Number.isInteger(v))
        at(
          field,
          'precision',
          definition?.group === 'fte'
            ? 'Vul fte in met hoogstens twee decimalen.'
            : 'Vul een bedrag in hele euro’s in.',
        );
      if (Math.abs(v) >= 1e12) at(field, 'too_large', 'Dit bedrag is te groot.');
    }
  });
  return problems;
}

export class FinanceService {
  constructor(private readonly deps: ServiceDeps) {}

  async get(context: RequestContext, year: number): Promise<FinanceYear> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'finance.read', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'finance.read');
      return financeYearOf(trx, actor.regionId, year);
    });
  }

  /**
   * Records a year's lines, all or none: amounts in whole euros and never negative (but for a
   * withdrawal from the reserve, which is negative when money is added to it), FTE with at most
   * two decimals; a line given twice is refused.
   */
  async put(context: RequestContext, year: number, request: FinanceYearRequest): Promise<FinanceYear> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'finance.update', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'finance.manage');
      const problems = financeLineProblems(request.lines);
      if (problems.length) throw invalid(problems);
      await repo.upsertLines(
        trx,
        actor.regionId,
        year,
        request.lines.map((l) => ({
          line: l.line,
          budget: l.budget ?? null,
          realisation: l.realisation ?? null,
        })),
        now(),
        userOf(actor),
      );
      return financeYearOf(trx, actor.regionId, year);
    });
  }
}
