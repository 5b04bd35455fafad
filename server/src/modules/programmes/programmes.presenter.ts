import type { ComputedFigure, GoalStatus, ProgrammeGoal, TargetKind } from '@samenspel/contracts';
import type { GoalRow } from './programmes.repository.js';

const number = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });

/** A figure as the plan prints it: 1.336.000, or € 1.336.000 for an amount. */
export function formatFigure(value: number, unit: 'count' | 'euro'): string {
  return unit === 'euro' ? `€ ${number.format(value)}` : number.format(value);
}

export interface Target {
  kind: TargetKind;
  minimum: number | null;
  maximum: number | null;
  text: string | null;
}

export function targetLabel(t: Target): string {
  if (t.kind === 'range') return `${number.format(t.minimum ?? 0)}–${number.format(t.maximum ?? 0)}`;
  if (t.kind === 'number') return number.format(t.minimum ?? 0);
  return t.text ?? '';
}

/**
 * Whether a goal was reached: a number is reached at or above the target; a range below its
 * lower bound is not reached, within it reached, above it "above range"; a qualitative aim, or a
 * result given only in words, is judged by its text; no result yet is "no result".
 */
export function goalStatus(t: Target, value: number | null, hasText: boolean): GoalStatus {
  if (t.kind === 'qualitative') return 'qualitative';
  if (value === null) return hasText ? 'qualitative' : 'no-result';
  const minimum = t.minimum ?? 0;
  if (value < minimum) return 'not-reached';
  if (t.kind === 'range' && t.maximum !== null && value > t.maximum) return 'above-range';
  return 'reached';
}

/** "17 (nieuwe casussen: 7, afgesloten casussen: 6)": the first figure, and the others with it. */
export function figuresLabel(figures: readonly ComputedFigure[]): string {
  const [first, ...rest] = figures;
  if (!first) return '';
  const head = formatFigure(first.value, first.unit);
  if (!rest.length) return head;
  return `${head} (${rest.map((f) => `${f.name.toLocaleLowerCase('nl')}: ${formatFigure(f.value, f.unit)}`).join(', ')})`;
}

const iso = (v: string | Date) => new Date(v).toISOString();

export function presentGoal(row: GoalRow, regionName: string, figures: ComputedFigure[]): ProgrammeGoal {
  const target: Target = {
    kind: row.targetKind,
    minimum: row.targetMinimum === null ? null : Number(row.targetMinimum),
    maximum: row.targetMaximum === null ? null : Number(row.targetMaximum),
    text: row.targetText,
  };
  const recorded = row.recorded.map((r) => ({
    id: r.id,
    value: r.value === null ? null : Number(r.value),
    text: r.text,
    source: r.source,
    recordedOn: String(r.recordedOn).slice(0, 10),
    recordedAt: iso(r.recordedAt),
    recordedBy: r.recordedBy,
  }));
  const latest = recorded[0];
  const value = row.resultKind === 'computed' ? (figures[0]?.value ?? null) : (latest?.value ?? null);
  const resultLabel =
    row.resultKind === 'computed'
      ? figuresLabel(figures)
      : latest
        ? [latest.value === null ? null : number.format(latest.value), latest.text]
            .filter(Boolean)
            .join(' — ')
        : '';
  return {
    id: row.id,
    position: row.position,
    text: row.text,
    scope: {
      kind: row.scopeKind,
      district: row.districtId && row.districtName ? { id: row.districtId, name: row.districtName } : null,
      baseTeam: row.baseTeamId && row.baseTeamName ? { id: row.baseTeamId, name: row.baseTeamName } : null,
      municipality:
        row.municipalityCode && row.municipalityName
          ? { code: row.municipalityCode, name: row.municipalityName }
          : null,
      label:
        row.scopeKind === 'district'
          ? `District ${row.districtName}`
          : row.scopeKind === 'base-team'
            ? /^basisteam /i.test(row.baseTeamName ?? '')
              ? (row.baseTeamName ?? '')
              : `Basisteam ${row.baseTeamName}`
            : row.scopeKind === 'municipality'
              ? `Gemeente ${row.municipalityName}`
              : `Regio ${regionName}`,
    },
    period: { from: String(row.periodFrom).slice(0, 10), to: String(row.periodTo).slice(0, 10) },
    target: { ...target, label: targetLabel(target) },
    resultKind: row.resultKind,
    figures,
    recorded,
    status: goalStatus(target, value, Boolean(row.resultKind === 'recorded' && latest?.text)),
    resultLabel,
  };
}
