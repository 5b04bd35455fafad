import type { AccountabilityTheme } from '@samenspel/contracts';
import { pick } from './people.js';

/**
 * The plan of the demo region's case history 2019–2022: which cases exist, where, from whom, on
 * which themes, when they were open, which advices were given and which amounts imposed. It is
 * made so that the report engine gives exactly the figures of 2021 in the annual plan
 * (`../../demo/figures-2021.json`); everything else (other years, phases, lead times)
 * is drawn from the generator to look like a real region. The plan is carried out through the
 * services by `seedDemoCases`.
 */

export type DemoOrigin =
  | 'analysis'
  | 'municipality+police'
  | 'municipality'
  | 'police'
  | 'om'
  | 'tax'
  | 'other';
export type AdviceKind = 'administrative' | 'bibob' | 'criminal' | 'fiscal' | 'other';

export interface PlannedResult {
  /** Imposed by the Belastingdienst, in cents. */
  imposedCents: number;
  imposedOn: string;
  collected?: { cents: number; on: string; settled: boolean };
}

export interface PlannedAdvice {
  kind: AdviceKind;
  on: string;
  /** The fiscal result that follows this advice (an intervention and a confiscation). */
  result?: PlannedResult;
}

export interface CasePlan {
  index: number;
  districtId: string | null;
  municipality: { code: string; name: string };
  /** Open periods: [opened, closed or null]; a reopened case has two. */
  periods: Array<[string, string | null]>;
  origin: DemoOrigin;
  themes: AccountabilityTheme[];
  advices: PlannedAdvice[];
  /** This case has the region's facilitator among its subjects. */
  facilitator: boolean;
}

export interface DemoPlace {
  code: string;
  name: string;
  districtId: string;
}

/** The figures of 2021 the plan must reproduce, per district; null is the regional cases. */
interface DistrictShape {
  districtId: string | null;
  handled2021: number;
  new2021: number;
  closed2021: number;
  /** Handled in 2020 but closed before 2021. */
  closed2020: number;
  /** Started and closed in 2019. */
  closed2019: number;
  new2022: number;
}

const shapes: DistrictShape[] = [
  {
    districtId: 'west-utrecht',
    handled2021: 17,
    new2021: 7,
    closed2021: 6,
    closed2020: 5,
    closed2019: 1,
    new2022: 6,
  },
  {
    districtId: 'oost-utrecht',
    handled2021: 36,
    new2021: 11,
    closed2021: 18,
    closed2020: 6,
    closed2019: 1,
    new2022: 9,
  },
  {
    districtId: 'utrecht-stad',
    handled2021: 14,
    new2021: 4,
    closed2021: 6,
    closed2020: 4,
    closed2019: 1,
    new2022: 4,
  },
  {
    districtId: 'flevoland',
    handled2021: 23,
    new2021: 9,
    closed2021: 6,
    closed2020: 5,
    closed2019: 1,
    new2022: 7,
  },
  {
    districtId: 'gooi-en-vechtstreek',
    handled2021: 29,
    new2021: 7,
    closed2021: 22,
    closed2020: 6,
    closed2019: 1,
    new2022: 6,
  },
  { districtId: null, handled2021: 10, new2021: 1, closed2021: 3, closed2020: 3, closed2019: 0, new2022: 1 },
];

/** Rows 2b–2g over the 129 cases handled in 2021: 12 + 46 + 1 + 83 + 3 + 7 = 152 counts. */
const origins2021: Array<[DemoOrigin, number]> = [
  ['analysis', 12],
  ['municipality+police', 23],
  ['municipality', 23],
  ['police', 60],
  ['om', 1],
  ['tax', 3],
  ['other', 7],
];
/** Row 3: 168 theme occurrences over 129 cases: one main theme each and 39 second themes. */
const mainThemes2021: Array<[AccountabilityTheme, number]> = [
  ['money_laundering', 60],
  ['drugs', 40],
  ['other', 17],
  ['real_estate', 7],
  ['human_trafficking', 4],
  ['omg', 1],
];
const secondThemes2021: Array<[AccountabilityTheme, number]> = [
  ['money_laundering', 15],
  ['drugs', 14],
  ['other', 5],
  ['real_estate', 4],
  ['human_trafficking', 1],
];
/** Row 4: advices given in 2021. */
const advices2021: Array<[AdviceKind, number]> = [
  ['administrative', 21],
  ['bibob', 3],
  ['criminal', 17],
  ['fiscal', 9],
  ['other', 4],
];
/**
 * Row 5, in euros: nine assessments of 2021 adding up to 1,336,000, of which 286,000 was
 * collected or settled in 2021; the largest is partly collected in 2022.
 */
const results2021: Array<{ imposed: number; collected?: number; settled?: boolean; nextYear?: number }> = [
  { imposed: 312_000, nextYear: 90_000 },
  { imposed: 248_000 },
  { imposed: 196_000 },
  { imposed: 164_000, collected: 100_000 },
  { imposed: 131_000 },
  { imposed: 108_000, collected: 108_000, settled: true },
  { imposed: 87_000 },
  { imposed: 52_000, collected: 52_000 },
  { imposed: 38_000, collected: 26_000, settled: true },
];

const DAY = 86_400_000;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function expand<T>(list: Array<[T, number]>): T[] {
  return list.flatMap(([value, n]) => Array<T>(n).fill(value));
}

function shuffle<T>(rnd: () => number, list: T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** A date drawn between two dates (inclusive). */
function between(rnd: () => number, from: string, to: string): string {
  const a = day(from);
  const b = day(to);
  return iso(a + Math.floor(rnd() * ((b - a) / DAY + 1)) * DAY);
}

/** Where a case was open within a year, leaving a day before its closure. */
function openIn(c: CasePlan, year: number, margin = 0): [string, string] | null {
  for (const [opened, closed] of c.periods) {
    const from = Math.max(day(opened) + margin * DAY, day(`${year}-01-01`));
    const to = Math.min(closed ? day(closed) - DAY : day('2022-12-20'), day(`${year}-12-31`));
    if (to >= from) return [iso(from), iso(to)];
  }
  return null;
}

export function planDemoHistory(rnd: () => number, places: readonly DemoPlace[]): CasePlan[] {
  const plans: CasePlan[] = [];
  const inDistrict = (districtId: string | null) =>
    districtId === null ? places : places.filter((p) => p.districtId === districtId);
  const add = (districtId: string | null, periods: Array<[string, string | null]>): CasePlan => {
    const place = pick(rnd, inDistrict(districtId));
    const plan: CasePlan = {
      index: plans.length,
      districtId,
      municipality: { code: place.code, name: place.name },
      periods,
      origin: 'police',
      themes: [],
      advices: [],
      facilitator: false,
    };
    plans.push(plan);
    return plan;
  };

  const handled2021: CasePlan[] = [];
  for (const shape of shapes) {
    const d = shape.districtId;
    for (let i = 0; i < shape.closed2019; i += 1) {
      const start = between(rnd, '2019-01-07', '2019-04-30');
      add(d, [[start, between(rnd, '2019-08-01', '2019-12-18')]]);
    }
    for (let i = 0; i < shape.closed2020; i += 1) {
      const start = between(rnd, '2019-01-07', '2020-05-31');
      const earliest = iso(Math.max(day(start) + 120 * DAY, day('2020-01-15')));
      add(d, [[start, between(rnd, earliest, '2020-12-18')]]);
    }
    const closedNew = Math.min(shape.new2021, Math.round(shape.closed2021 * 0.2));
    const closedEarlier = shape.closed2021 - closedNew;
    const earlier = shape.handled2021 - shape.new2021;
    for (let i = 0; i < earlier; i += 1) {
      const start = between(rnd, '2019-01-07', '2020-12-15');
      let periods: Array<[string, string | null]>;
      if (i < closedEarlier) {
        const earliest = iso(Math.max(day(start) + 150 * DAY, day('2021-01-11')));
        periods = [[start, between(rnd, earliest, '2021-12-17')]];
      } else if (d === 'oost-utrecht' && i === closedEarlier) {
        // Closed in 2020, reopened in 2021 on new information, closed again in 2022.
        periods = [
          ['2019-03-11', '2020-05-14'],
          ['2021-02-08', '2022-06-23'],
        ];
      } else {
        periods = [[start, rnd() < 0.6 ? between(rnd, '2022-01-17', '2022-12-16') : null]];
      }
      handled2021.push(add(d, periods));
    }
    for (let i = 0; i < shape.new2021; i += 1) {
      if (i < closedNew) {
        const start = between(rnd, '2021-01-11', '2021-05-31');
        handled2021.push(add(d, [[start, between(rnd, iso(day(start) + 120 * DAY), '2021-12-17')]]));
      } else {
        const start = between(rnd, '2021-01-11', '2021-12-10');
        handled2021.push(add(d, [[start, rnd() < 0.5 ? between(rnd, '2022-03-01', '2022-12-16') : null]]));
      }
    }
    for (let i = 0; i < shape.new2022; i += 1) add(d, [[between(rnd, '2022-01-10', '2022-11-25'), null]]);
  }

  // Origins and themes of the cases handled in 2021 are dealt out exactly; the rest drawn.
  const origins = shuffle(rnd, expand(origins2021));
  handled2021.forEach((c, i) => {
    c.origin = origins[i] ?? 'police';
  });
  const mains = shuffle(rnd, expand(mainThemes2021));
  handled2021.forEach((c, i) => {
    c.themes = [mains[i] ?? 'drugs'];
  });
  const order = shuffle(rnd, handled2021);
  for (const second of expand(secondThemes2021)) {
    const c = order.find((x) => x.themes.length === 1 && x.themes[0] !== second);
    if (!c) throw new Error('The demo plan cannot place a second theme');
    c.themes.push(second);
  }
  const others = plans.filter((c) => !handled2021.includes(c));
  for (const c of others) {
    c.origin = pick(rnd, [
      'police',
      'police',
      'municipality+police',
      'municipality',
      'analysis',
      'tax',
      'other',
    ]);
    c.themes = [pick(rnd, ['money_laundering', 'drugs', 'drugs', 'other', 'real_estate'] as const)];
  }

  // Advices given in 2021, on cases open long enough that year; fiscal ones lead to the results.
  const results = [...results2021];
  for (const kind of shuffle(rnd, expand(advices2021))) {
    const fiscal = kind === 'fiscal';
    const candidates = handled2021.filter((c) => {
      const open = openIn(c, 2021, 30);
      if (!open) return false;
      const length = (day(open[1]) - day(open[0])) / DAY;
      return length >= (fiscal ? 90 : 20) && (!fiscal || !c.advices.some((a) => a.result));
    });
    const c = pick(rnd, candidates);
    const open = openIn(c, 2021, 30) as [string, string];
    if (!fiscal) {
      c.advices.push({ kind, on: between(rnd, open[0], open[1]) });
      continue;
    }
    const planned = results.shift();
    if (!planned) throw new Error('More fiscal advices than results');
    const on = between(rnd, open[0], iso(day(open[1]) - 60 * DAY));
    const imposedOn = between(rnd, iso(day(on) + 20 * DAY), iso(Math.min(day(on) + 60 * DAY, day(open[1]))));
    const collectedOn = between(rnd, imposedOn, open[1]);
    const later = planned.nextYear ? openIn(c, 2022) : null;
    c.advices.push({
      kind,
      on,
      result: {
        imposedCents: planned.imposed * 100,
        imposedOn,
        ...(planned.collected
          ? {
              collected: {
                cents: planned.collected * 100,
                on: collectedOn,
                settled: planned.settled ?? false,
              },
            }
          : later && planned.nextYear
            ? { collected: { cents: planned.nextYear * 100, on: later[0], settled: false } }
            : {}),
      },
    });
  }

  // Advices and results in the other years, never dated 2021.
  for (const c of plans)
    for (const year of [2019, 2020, 2022]) {
      const open = openIn(c, year, 45);
      if (!open || rnd() < 0.45) continue;
      const kind = pick(rnd, [
        'administrative',
        'administrative',
        'criminal',
        'criminal',
        'fiscal',
        'bibob',
        'other',
      ] as const);
      const on = between(rnd, open[0], open[1]);
      const room = (day(open[1]) - day(on)) / DAY;
      const result =
        kind === 'fiscal' && room > 30
          ? (() => {
              const imposedOn = between(rnd, iso(day(on) + 15 * DAY), open[1]);
              const imposedCents = (15 + Math.floor(rnd() * 220)) * 1_000_00;
              return {
                imposedCents,
                imposedOn,
                ...(rnd() < 0.5
                  ? {
                      collected: {
                        cents: Math.floor((imposedCents * (0.2 + rnd() * 0.6)) / 100) * 100,
                        on: between(rnd, imposedOn, open[1]),
                        settled: rnd() < 0.3,
                      },
                    }
                  : {}),
              };
            })()
          : undefined;
      c.advices.push({ kind, on, ...(result ? { result } : {}) });
    }

  // The facilitator: one administration office in six cases across four districts.
  const withMoney = handled2021.filter((c) => c.themes.includes('money_laundering'));
  const seen = new Set<string | null>();
  for (const c of withMoney) {
    if (plans.filter((p) => p.facilitator).length >= 6) break;
    if (seen.has(c.districtId) && seen.size < 4) continue;
    seen.add(c.districtId);
    c.facilitator = true;
  }
  return plans;
}
