import { z } from 'zod';
import { REGIONAL_SCOPE, targetMeasures } from './accountability-lines.js';
import { accountabilityThemes, cbsMunicipalityCode, isoDate, slug } from './reference.js';
import { interventionKinds, signalSources } from './vocabulary.js';

/** Rows 2b–2g: where handled cases came from. */
export const originRows = [
  'analysisProduct',
  'municipality',
  'publicProsecution',
  'police',
  'taxAdministration',
  'otherPartners',
] as const;
export type OriginRow = (typeof originRows)[number];

const year = z.coerce
  .number({ message: 'Een jaar is een getal.' })
  .int('Een jaar is een heel getal.')
  .min(2000, 'Kies een jaar vanaf 2000.')
  .max(2100, 'Kies een jaar tot 2100.');

/**
 * A period (a year, a quarter of a year, or any two dates) and a scope (the region, one district,
 * the regional cases outside the districts, or one municipality).
 */
export const reportQuery = z
  .strictObject({
    year: year.optional(),
    quarter: z.coerce
      .number({ message: 'Een kwartaal is 1, 2, 3 of 4.' })
      .int('Een kwartaal is 1, 2, 3 of 4.')
      .min(1, 'Een kwartaal is 1, 2, 3 of 4.')
      .max(4, 'Een kwartaal is 1, 2, 3 of 4.')
      .optional(),
    from: isoDate.optional().describe('First day, inclusive (with to, instead of year)'),
    to: isoDate.optional().describe('Last day, inclusive'),
    district: z
      .union([slug, z.literal(REGIONAL_SCOPE)])
      .optional()
      .describe(`A district id, or "${REGIONAL_SCOPE}" for the regional cases outside the districts`),
    municipality: cbsMunicipalityCode.optional(),
  })
  .superRefine((q, ctx) => {
    const dates = q.from !== undefined || q.to !== undefined;
    if (dates && q.year !== undefined)
      ctx.addIssue({ code: 'custom', path: ['year'], message: 'Kies een jaar óf een begin- en einddatum.' });
    if (!dates && q.year === undefined)
      ctx.addIssue({ code: 'custom', path: ['year'], message: 'Kies een jaar, of een begin- en einddatum.' });
    if (q.quarter !== undefined && q.year === undefined)
      ctx.addIssue({ code: 'custom', path: ['quarter'], message: 'Een kwartaal hoort bij een jaar.' });
    if (dates && (q.from === undefined || q.to === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [q.from === undefined ? 'from' : 'to'],
        message: 'Geef zowel een begin- als een einddatum.',
      });
    if (q.from !== undefined && q.to !== undefined && q.from > q.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'De einddatum ligt voor de begindatum.' });
    if (q.district !== undefined && q.municipality !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['municipality'],
        message: 'Kies een district óf een gemeente.',
      });
  });
export type ReportQuery = z.infer<typeof reportQuery>;

/** The first and last day (inclusive) a report query covers. */
export function reportPeriod(q: ReportQuery): { from: string; to: string } {
  if (q.year === undefined) return { from: q.from ?? '', to: q.to ?? '' };
  if (q.quarter === undefined) return { from: `${q.year}-01-01`, to: `${q.year}-12-31` };
  const firstMonth = (q.quarter - 1) * 3 + 1;
  const last = new Date(Date.UTC(q.year, firstMonth + 2, 0)).getUTCDate();
  const month = (m: number) => String(m).padStart(2, '0');
  return {
    from: `${q.year}-${month(firstMonth)}-01`,
    to: `${q.year}-${month(firstMonth + 2)}-${last}`,
  };
}

const count = z.number().int().min(0);
const statistic = z.object({
  count,
  median: z.number().nullable().describe('Days'),
  p90: z.number().nullable().describe('Days, 90th percentile'),
});

/** The national accountability table, rows 1–5, for one period and scope. */
export const accountabilityTable = z.object({
  analysisProducts: count.nullable().describe('1: analysis products delivered (null for a municipality)'),
  casesHandled: z.object({ total: count, startedInPeriod: count, startedEarlier: count }),
  origins: z.record(z.enum(originRows), count),
  themes: z.record(z.enum(accountabilityThemes), count),
  advices: z.record(z.enum(interventionKinds), count),
  amounts: z
    .object({
      imposedCents: count.describe('5: confiscation amounts imposed in the period'),
      collectedOrSettledCents: count.describe(
        "Of what was imposed in the period, collected or settled by the period's last day",
      ),
      outstandingCents: count.describe(
        "Of what was imposed in the period, still outstanding at the period's end",
      ),
      collectedOnEarlierCents: count.describe(
        'Collected or settled in the period on amounts imposed before it (not part of imposed)',
      ),
    })
    .describe('imposedCents = collectedOrSettledCents + outstandingCents'),
});
export type AccountabilityTable = z.infer<typeof accountabilityTable>;

export type TargetMeasure = (typeof targetMeasures)[number];
export const districtTarget = z.object({
  measure: z.enum(targetMeasures),
  minimum: count,
  maximum: count.nullable().describe('For a range such as 12–15'),
  note: z.string().nullable(),
});
export type DistrictTarget = z.infer<typeof districtTarget>;

export const districtFigures = z.object({
  district: z.object({ id: slug, name: z.string() }).nullable().describe('Null: the regional cases'),
  handled: count,
  new: count,
  closed: count,
  targets: z.array(districtTarget).describe('Targets of the year, when the period lies within one year'),
});
export type DistrictFigures = z.infer<typeof districtFigures>;

export const accountabilityReport = z.object({
  period: z.object({ from: isoDate, to: isoDate }),
  scope: z.object({
    kind: z.enum(['region', 'district', 'regional', 'municipality']),
    id: z.string(),
    name: z.string(),
  }),
  table: accountabilityTable,
  districts: z.array(districtFigures),
  flow: z
    .array(z.object({ month: z.string(), new: count, closed: count, ongoing: count }))
    .describe('Per month: cases started, closed, and open at the end of the month'),
  leadTimes: z.object({
    signalToDecision: statistic.describe('Signals decided in the period: received → decision'),
    startToFirstIntervention: statistic.describe('Cases with their first intervention in the period'),
    startToClosure: statistic.describe('Cases closed in the period'),
  }),
  signalsBySource: z
    .array(z.object({ month: z.string(), source: z.enum([...signalSources, 'unknown']), count }))
    .describe('Signals received in the period, per month and source'),
  years: z
    .object({ first: z.number().int(), lastActivity: z.number().int() })
    .describe("The region's first year with a case, and the last year a case started or closed"),
});
export type AccountabilityReport = z.infer<typeof accountabilityReport>;

export const targetsQuery = z.strictObject({ year });
export const targetParams = z.strictObject({ districtId: slug, year });
export const districtTargetsRow = z.object({
  district: z.object({ id: slug, name: z.string() }),
  year: z.number().int(),
  targets: z.array(districtTarget),
});
export const setTargetsRequest = z.strictObject({
  targets: z
    .array(
      z
        .strictObject({
          measure: z.enum(targetMeasures, 'Kies behandeld, nieuw of afgesloten.'),
          minimum: z
            .number({ message: 'Vul een aantal in.' })
            .int('Een doel is een heel aantal.')
            .min(0, 'Een doel kan niet negatief zijn.')
            .max(10_000),
          maximum: z
            .number({ message: 'Vul een aantal in.' })
            .int('Een doel is een heel aantal.')
            .min(0, 'Een doel kan niet negatief zijn.')
            .max(10_000)
            .nullable()
            .default(null),
          note: z.string().trim().max(500).nullable().default(null),
        })
        .refine((t) => t.maximum === null || t.maximum >= t.minimum, {
          path: ['maximum'],
          message: 'Het maximum is kleiner dan het minimum.',
        }),
    )
    .max(3)
    .refine((list) => new Set(list.map((t) => t.measure)).size === list.length, {
      message: 'Geef elk soort doel één keer.',
    }),
});
export type SetTargetsRequest = z.infer<typeof setTargetsRequest>;

export const analysisProduct = z.object({
  id: z.uuid(),
  title: z.string(),
  district: z.object({ id: slug, name: z.string() }).nullable(),
  deliveredOn: isoDate,
});
export type AnalysisProduct = z.infer<typeof analysisProduct>;
export const createAnalysisProductRequest = z.strictObject({
  title: z.string().trim().min(3, 'Geef het analyseproduct een titel.').max(200),
  districtId: slug.nullable().describe('Null for a regional product'),
  deliveredOn: isoDate,
});
export const analysisProductQuery = z.strictObject({ year: year.optional() });
