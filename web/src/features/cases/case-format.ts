import type { CaseSummary } from '@samenspel/contracts';
import { formatNumber, type MessageKey, t } from '../../i18n/i18n.js';

/** An amount in whole cents as people read it: "€ 120.000" or "€ 1.250,50". */
export function euros(cents: number | null): string {
  if (cents === null) return '—';
  const whole = cents % 100 === 0;
  return `€ ${whole ? formatNumber(cents / 100) : (cents / 100).toLocaleString('nl-NL', { minimumFractionDigits: 2 })}`;
}

/** Euros as typed by people (`120.000,50` or `1200`) to whole cents; NaN when it is no amount. */
export function toCents(value: string): number | undefined {
  if (!value) return undefined;
  const normalised = value.replace(/[€\s.]/g, '').replace(',', '.');
  return /^-?\d+(\.\d{1,2})?$/.test(normalised) ? Math.round(Number(normalised) * 100) : Number.NaN;
}

const moment = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Amsterdam',
});

/** A moment in Dutch time, without seconds: "12 juni 2026 om 14:05". */
export function formatMoment(iso: string): string {
  return moment.format(new Date(iso));
}

/** The tabs of the case screen, each its own address under the case (`/casussen/:id/<tab>`). */
export const caseTabs = [
  'overzicht',
  'betrokkenen',
  'informatie',
  'matrix',
  'interventies',
  'documenten',
  'geschiedenis',
] as const;
export type CaseTab = (typeof caseTabs)[number];

type NextAction = NonNullable<CaseSummary['nextAction']>;

/** Where each next action is done: the tab, and the part of it. */
const actionPlace: Record<NextAction['code'], { tab: CaseTab; part: string }> = {
  'record-goal': { tab: 'overzicht', part: 'doel' },
  'start-information': { tab: 'overzicht', part: 'fase' },
  'gather-information': { tab: 'informatie', part: 'verstrekkingen' },
  'start-analysis': { tab: 'overzicht', part: 'fase' },
  'fill-matrix': { tab: 'matrix', part: 'matrix' },
  'give-advice': { tab: 'matrix', part: 'adviezen' },
  'start-intervention': { tab: 'overzicht', part: 'fase' },
  'follow-up-advice': { tab: 'interventies', part: 'interventies' },
  'start-evaluation': { tab: 'overzicht', part: 'fase' },
  evaluate: { tab: 'overzicht', part: 'evaluatie' },
  close: { tab: 'overzicht', part: 'fase' },
};

/** The next action in words: "Interventie vastleggen op het advies aan Belastingdienst". */
export function nextActionText(action: NextAction): string {
  return t(`nextAction.${action.code}` as MessageKey, { organisation: action.organisation?.name ?? '' });
}

/** The address where the next action of a case is done. */
export function nextActionHref(caseId: string, action: NextAction): string {
  const place = actionPlace[action.code];
  return `/casussen/${caseId}/${place.tab}#${place.part}`;
}
