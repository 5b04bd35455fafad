import { z } from 'zod';

/**
 * The annual report: a tree of sections, each with prose written by its owner and tables from
 * the record; approved by the programme manager section by section, then as a whole, which
 * freezes it. A published report carries no personal data and reads the same for ever.
 */

const uuid = z.uuid('Dit is geen geldige id.');

export const reportSectionStatuses = ['draft', 'submitted', 'approved'] as const;
export type ReportSectionStatus = (typeof reportSectionStatuses)[number];

/** What a section shows beside its prose. */
export const reportBlock = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('accountability-table') }),
  z.object({ kind: z.literal('district-cases') }),
  z.object({ kind: z.literal('programme'), programmeId: uuid }),
  z.object({ kind: z.literal('finance') }),
  z.object({ kind: z.literal('places-map') }),
]);
export type ReportBlock = z.infer<typeof reportBlock>;

export const reportCell = z.object({
  value: z
    .number()
    .nullable()
    .describe('Null where the figure is not published (a small count) or there is none'),
  display: z.string().describe('As printed: "17", "€ 1.336.000", "< 5", "–"'),
});
export const reportTable = z.object({
  id: z.string().describe('Stable within the report: the anchor and the CSV file name'),
  title: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  scope: z.string(),
  definition: z
    .string()
    .describe("Where the figures' definitions are written (a page of the documentation or the indicators)"),
  gated: z.boolean().describe('Counts below the minimum are shown as "< k"'),
  columns: z.array(z.string()),
  rows: z.array(
    z.object({
      label: z.string(),
      level: z.number().int().min(0).max(2),
      note: z.string().nullable(),
      cells: z.array(reportCell),
    }),
  ),
  footnotes: z.array(z.string()),
  graphic: z
    .object({
      kind: z.enum(['chart', 'map']),
      svg: z
        .string()
        .describe("The picture as frozen with the table; the table's cells are its text version"),
      description: z.string().describe('The text alternative'),
    })
    .optional()
    .describe('A chart or map of the same cells, drawn at publication (aggregates only)'),
});
export type ReportTable = z.infer<typeof reportTable>;

export const reportSectionView = z.object({
  id: uuid,
  key: z.string(),
  parentId: uuid.nullable(),
  title: z.string(),
  owner: z.object({ id: uuid, name: z.string() }).nullable(),
  status: z.enum(reportSectionStatuses),
  prose: z.string(),
  history: z.array(
    z.object({
      status: z.enum(['draft', 'submitted', 'approved', 'returned']),
      note: z.string().nullable(),
      recordedAt: z.iso.datetime(),
      recordedBy: z.string().nullable(),
    }),
  ),
  tables: z.array(reportTable),
});
export type ReportSectionView = z.infer<typeof reportSectionView>;

export const annualReportSummary = z.object({
  id: uuid,
  year: z.number().int(),
  title: z.string(),
  status: z.enum(['draft', 'published']),
  publishedAt: z.iso.datetime().nullable(),
  sha256: z.string().nullable(),
  sections: z.number().int(),
  approved: z.number().int(),
});
export type AnnualReportSummary = z.infer<typeof annualReportSummary>;

export const annualReport = annualReportSummary.extend({
  minimum: z.number().int(),
  items: z.array(reportSectionView).describe('Depth first, in the order they are printed'),
});
export type AnnualReport = z.infer<typeof annualReport>;

/** The frozen report, as published: what the web page, the PDF and the companion files read. */
export const publishedReport = z.object({
  id: uuid,
  region: z.string(),
  year: z.number().int(),
  title: z.string(),
  publishedAt: z.iso.datetime(),
  sha256: z.string(),
  minimum: z.number().int(),
  definitions: z
    .array(z.object({ id: z.string(), name: z.string(), definition: z.string() }))
    .describe("The indicators' definitions as they were at publication: the report explains its own figures"),
  sections: z.array(
    z.object({
      key: z.string(),
      level: z.number().int().min(1).max(3),
      title: z.string(),
      prose: z.string(),
      tables: z.array(reportTable),
    }),
  ),
});
export type PublishedReport = z.infer<typeof publishedReport>;

/** Who may own a section: the region's active users whose role lets them write the report. */
export const possibleOwner = z.object({ id: uuid, name: z.string(), organisation: z.string() });
export type PossibleOwner = z.infer<typeof possibleOwner>;

export const annualReportParams = z.strictObject({ reportId: uuid });
export const reportSectionParams = z.strictObject({ reportId: uuid, sectionId: uuid });
export const reportTableParams = z.strictObject({
  reportId: uuid,
  tableId: z.string().regex(/^[a-z0-9-]+$/),
});

export const createAnnualReportRequest = z.strictObject({
  year: z.number('Vul een jaar in.').int().min(2000, 'Kies een jaar vanaf 2000.').max(2100),
  title: z.string().trim().min(1, 'Geef het verslag een titel.').max(200).optional(),
});
export const sectionOwnerRequest = z.strictObject({ ownerId: uuid.nullable() });
export const sectionProseRequest = z.strictObject({
  prose: z.string().max(50_000, 'Hoogstens 50.000 tekens per hoofdstuk.'),
});
export const sectionStepRequest = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('submit') }),
    z.strictObject({ type: z.literal('approve') }),
    z.strictObject({
      type: z.literal('return'),
      note: z.string().trim().min(1, 'Zeg wat er nog moet gebeuren.').max(4000),
    }),
  ],
  'Kies indienen, goedkeuren of terugsturen.',
);
export type SectionStepRequest = z.infer<typeof sectionStepRequest>;
