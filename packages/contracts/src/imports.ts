import { z } from 'zod';

/**
 * Imports: a region's registers and history from spreadsheets (CSV or XLSX), through one
 * pipeline: columns mapped to fields, every row checked with the API's own rules, a dry run, and
 * a commit that writes every row or none. Nothing is dropped silently: rows = accepted + rejected
 * + skipped (with a reason).
 */

export const importKinds = [
  'finance',
  'activities',
  'case-history',
  'risk-locations',
  'signals',
  'inspections',
  'subjects',
  'address-register',
] as const;
export type ImportKind = (typeof importKinds)[number];

export const importModes = ['dry-run', 'commit'] as const;

export const importKindParams = z.strictObject({
  kind: z.enum(importKinds, 'Dit soort import bestaat niet.'),
});
export const importParams = z.strictObject({ importId: z.uuid('Dit is geen geldige id.') });

/** The fields of a kind: what a column can be mapped to. */
export const importField = z.object({
  key: z.string(),
  label: z.string(),
  required: z.boolean(),
  description: z.string(),
});

export const importKindView = z.object({
  kind: z.enum(importKinds),
  name: z.string(),
  description: z.string(),
  fields: z.array(importField),
  /** The mapping saved by the organisation's last committed import of this kind, if any. */
  savedMapping: z.record(z.string(), z.string()).nullable(),
});
export type ImportKindView = z.infer<typeof importKindView>;

export const importRowProblem = z.object({
  line: z.number().int().describe("The row's line in the file (CSV) or its row number on the sheet (XLSX)"),
  column: z.string().nullable().describe("The file's column heading, or null for the row as a whole"),
  value: z.string().nullable().describe('The value as read; masked where it is personal data'),
  code: z.string().describe('Stable: what kind of problem'),
  reason: z.string().describe('Dutch, with a hint how to fix it'),
});
export type ImportRowProblem = z.infer<typeof importRowProblem>;

export const importReport = z.object({
  id: z.uuid(),
  kind: z.enum(importKinds),
  mode: z.enum(importModes),
  status: z
    .enum(['checked', 'committed', 'refused'])
    .describe(
      'checked: a dry run; committed: every accepted row written; refused: a commit with rejected rows wrote nothing',
    ),
  fileName: z.string(),
  fileSha256: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable().describe('CSV only: utf-8 or windows-1252'),
  separator: z.string().nullable(),
  sheet: z.string().nullable(),
  sheets: z.array(z.string()),
  mapping: z.array(
    z.object({
      column: z.string(),
      field: z.string().nullable(),
      label: z.string().nullable().describe("The field's Dutch name"),
    }),
  ),
  rows: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  skipped: z.number().int(),
  written: z.number().int(),
  problems: z.array(importRowProblem),
  skippedRows: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  createdAt: z.iso.datetime(),
  createdBy: z.string().nullable(),
});
export type ImportReport = z.infer<typeof importReport>;

export const importSummary = importReport.omit({
  problems: true,
  skippedRows: true,
  mapping: true,
  sheets: true,
});
export type ImportSummary = z.infer<typeof importSummary>;

export const importRunQuery = z.strictObject({
  mode: z.enum(importModes, 'Kies dry-run of commit.').default('dry-run'),
  fileName: z.string().trim().min(1, 'Geef de naam van het bestand.').max(255),
  sheet: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe("A workbook's sheet; the first one with data by default"),
  mapping: z
    .string()
    .max(10_000)
    .optional()
    .describe(
      'JSON: column heading → field key ("" leaves a column out); else the saved or automatic mapping',
    ),
});
export const importKindList = z.object({ items: z.array(importKindView) });
export const importList = z.object({ items: z.array(importSummary) });

/**
 * An import run in the background by the job runner (a large file): where it is, and when it
 * ended, the import it made (its report at `/imports/{importId}`) or why it failed.
 */
export const importJob = z.object({
  id: z.uuid(),
  kind: z.enum(importKinds),
  mode: z.enum(importModes),
  fileName: z.string(),
  status: z
    .enum(['queued', 'running', 'done', 'failed'])
    .describe('queued: waiting for the runner; running; done: see importId; failed: see error'),
  phase: z
    .enum(['reading', 'checking', 'writing'])
    .nullable()
    .describe('While running, in the process that runs it'),
  done: z.number().int().nullable().describe('Rows checked so far, while checking'),
  total: z.number().int().nullable().describe('Rows in the file, once read'),
  attempts: z.number().int().describe('Runs started; a run that was killed is started again'),
  importId: z.uuid().nullable(),
  error: z.string().nullable().describe('Dutch: why the job failed (a refused file, for one)'),
  createdAt: z.iso.datetime(),
});
export type ImportJob = z.infer<typeof importJob>;
export const importJobParams = z.strictObject({ jobId: z.uuid('Dit is geen geldige id.') });
