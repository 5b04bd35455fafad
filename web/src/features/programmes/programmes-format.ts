import {
  type ActivityKind,
  type ComputedFigure,
  type GoalStatus,
  type IndicatorDefinition,
  type InterventionKind,
  interventionKinds,
  type ProgrammeSummary,
} from '@samenspel/contracts';
import { formatNumber, type MessageKey, t } from '../../i18n/i18n.js';

const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

/** A figure as the annual plan prints it: 17, or € 1.336.000 for an amount. */
export function formatFigure(value: number, unit: 'count' | 'euro'): string {
  return unit === 'euro' ? euro.format(value) : formatNumber(value);
}

/** A status in words and the badge it wears: the word carries the meaning, the colour repeats it. */
export function statusOf(status: GoalStatus): {
  label: string;
  badge: 'safe' | 'warning' | 'danger' | 'neutral';
} {
  const badge = (
    {
      reached: 'safe',
      'above-range': 'safe',
      'not-reached': 'danger',
      qualitative: 'neutral',
      'no-result': 'warning',
    } as const
  )[status];
  return { label: t(`programmes.status.${status}` as MessageKey), badge };
}

/** Where the address points to an indicator's definition. */
export function indicatorHref(indicator: string): string {
  return `/programmas/indicatoren#${indicator}`;
}

function isInterventionKind(option: string): option is InterventionKind {
  return (interventionKinds as readonly string[]).includes(option);
}

/** The kind an indicator counts, in words: "Bestuurlijk", "Webinar"; the code when unknown. */
export function optionLabel(
  definition: Pick<IndicatorDefinition, 'option'> | undefined,
  option: string,
  activityKinds: readonly ActivityKind[] | undefined,
): string {
  if (definition?.option === 'intervention-kind' && isInterventionKind(option)) return t(`kindOf.${option}`);
  return activityKinds?.find((k) => k.code === option)?.name ?? option;
}

/** A figure's name with the kind it counts: "Activiteiten (Webinar)". */
export function figureName(
  figure: Pick<ComputedFigure, 'name' | 'option' | 'indicator'>,
  indicators: readonly IndicatorDefinition[] | undefined,
  activityKinds: readonly ActivityKind[] | undefined,
): string {
  if (!figure.option) return figure.name;
  const definition = indicators?.find((i) => i.id === figure.indicator);
  return `${figure.name} (${optionLabel(definition, figure.option, activityKinds)})`;
}

/** "District Flevoland" or "Regionaal programma": what a programme covers. */
export function programmeKindLabel(p: Pick<ProgrammeSummary, 'kind' | 'district'>): string {
  return p.kind === 'district' && p.district
    ? t('programmes.districtPlanOf', { district: p.district.name })
    : t('programmes.regional');
}

/** "5 van 7 doelen behaald", or that none has been set yet. */
export function reachedLabel(p: Pick<ProgrammeSummary, 'goals' | 'reached'>): string {
  return p.goals === 0
    ? t('programmes.noGoalsShort')
    : t('programmes.reachedOf', { reached: p.reached, count: p.goals });
}

/**
 * A number typed the Dutch way — 12, 12,5 or 1.336.000 — or the English way (12.5); undefined when
 * empty, NaN (sent as null, which the server refuses next to the field) when it is no number.
 */
export function numberOf(text: string): number | undefined {
  const typed = text.trim().replace(/\s/g, '');
  if (!typed) return undefined;
  const dutch = typed.includes(',') || /^\d{1,3}(\.\d{3})+$/.test(typed);
  const value = Number(dutch ? typed.replace(/\./g, '').replace(',', '.') : typed);
  return Number.isFinite(value) ? value : Number.NaN;
}
