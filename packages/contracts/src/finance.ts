import { z } from 'zod';

/**
 * Finance: a region's budget and realisation per year in the structure of the annual plan's
 * exploitatieoverzicht. Amounts are whole euros (the plan prints them × €1,000); the partners'
 * contributions in kind are FTE.
 */
export const financeGroups = ['income', 'costs', 'fte'] as const;
export type FinanceGroup = (typeof financeGroups)[number];

export const financeLineDefinitions = [
  { code: 'justice-contribution', group: 'income', name: 'Bijdragen ministerie van Justitie en Veiligheid' },
  {
    code: 'justice-advance-wpdg',
    group: 'income',
    name: 'Vooruitontvangen bijdragen JenV (Wie praat, die gaat)',
  },
  {
    code: 'justice-advance-confiscation',
    group: 'income',
    name: 'Vooruitontvangen bijdragen JenV (afpakken)',
  },
  { code: 'municipalities', group: 'income', name: 'Bijdragen gemeenten' },
  { code: 'provinces', group: 'income', name: 'Bijdragen provincies' },
  { code: 'reserve-withdrawal', group: 'income', name: 'Onttrekking aan de reserve' },
  { code: 'personnel', group: 'costs', name: 'Personele lasten' },
  { code: 'projects-and-materials', group: 'costs', name: 'Projectkosten en materiële lasten' },
  { code: 'management', group: 'costs', name: 'Beheerlasten' },
  { code: 'fte-police', group: 'fte', name: 'Politie' },
  { code: 'fte-tax-administration', group: 'fte', name: 'Belastingdienst' },
] as const satisfies ReadonlyArray<{ code: string; group: FinanceGroup; name: string }>;
export type FinanceLineCode = (typeof financeLineDefinitions)[number]['code'];
export const financeLineCodes = financeLineDefinitions.map((l) => l.code) as [
  FinanceLineCode,
  ...FinanceLineCode[],
];

/** The one line that may be negative: a negative withdrawal is an addition to the reserve. */
export const RESERVE_LINE: FinanceLineCode = 'reserve-withdrawal';

const figure = z.number('Vul een bedrag in.').nullable().optional();

export const financeYearRequest = z.strictObject({
  lines: z
    .array(
      z.strictObject({
        line: z.enum(financeLineCodes, 'Kies een regel van het exploitatieoverzicht.'),
        budget: figure.describe('Whole euros; FTE for the fte lines; null: no figure'),
        realisation: figure,
      }),
    )
    .max(50),
});
export type FinanceYearRequest = z.infer<typeof financeYearRequest>;

const column = z.object({
  budget: z.number().nullable(),
  realisation: z.number().nullable(),
  nextBudget: z.number().nullable().describe("The next year's budget, as the plan's third column"),
});

export const financeYear = z.object({
  year: z.number().int(),
  lines: z.array(
    column.extend({
      line: z.enum(financeLineCodes),
      group: z.enum(financeGroups),
      name: z.string(),
      unit: z.enum(['euro', 'fte']),
    }),
  ),
  totals: z.object({ income: column, costs: column }),
  warnings: z
    .array(
      z.object({
        code: z.string(),
        column: z.enum(['budget', 'realisation', 'nextBudget']),
        reason: z.string(),
      }),
    )
    .describe('Income and costs that do not balance: a warning, not a refusal'),
  updatedAt: z.iso.datetime().nullable(),
});
export type FinanceYear = z.infer<typeof financeYear>;

export const financeParams = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
