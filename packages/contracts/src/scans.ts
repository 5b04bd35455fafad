import { z } from 'zod';
import { locationAddress, locationKind, point } from './locations.js';
import { cbsMunicipalityCode, happenedOn, isoDate } from './reference.js';

/**
 * Scans (docs/norms-and-scans.md): a versioned set of questions or indicators with scoring, run
 * per municipality on a date (a weerbaarheidsscan, a quickscan mensenhandel against the
 * basisniveau) or over a municipality's objects (a horecascan, the real-estate risk indicators),
 * whose objects at or above the threshold feed the risk-location register.
 */
export const scanKinds = [
  'weerbaarheidsscan',
  'quickscan-mensenhandel',
  'horecascan',
  'real-estate',
  'other',
] as const;
export type ScanKind = (typeof scanKinds)[number];
/** What a run scores: the municipality itself, or objects (locations) in it. */
export const scanSubjects = ['municipality', 'objects'] as const;
export type ScanSubject = (typeof scanSubjects)[number];
/** A follow-up action's progress; each is a dated step. */
export const scanActionStatuses = ['open', 'in-progress', 'done', 'dropped'] as const;
export type ScanActionStatus = (typeof scanActionStatuses)[number];

const uuid = z.uuid('Dit is geen geldige id.');
const text = (max: number, message = 'Vul dit in.') =>
  z.string().trim().min(1, message).max(max, `Hoogstens ${max} tekens.`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Hoogstens ${max} tekens.`)
    .optional()
    .transform((v) => v || undefined);
const namedRef = z.object({ id: uuid, name: z.string() });
const scorePoints = z
  .number({ message: 'Geef een aantal punten.' })
  .min(0, 'Punten zijn niet negatief.')
  .max(1000, 'Hoogstens 1000 punten.');

export const scanKind = z.enum(scanKinds, 'Kies een soort scan.');
export const scanSubject = z.enum(scanSubjects, 'Kies of de scan de gemeente of objecten scoort.');
export const scanActionStatus = z.enum(scanActionStatuses, 'Kies een stand van de actie.');

/** A question's (or indicator's) code: its identity across the scan's versions. */
export const questionCode = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/,
    'Een code bestaat uit hoogstens twintig letters, cijfers, punten of streepjes.',
  );

export const scanOption = z.strictObject({
  value: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Een antwoordwaarde bestaat uit kleine letters, cijfers en streepjes.')
    .max(40),
  label: text(200, 'Geef het antwoord een tekst.'),
  points: scorePoints,
});
export type ScanOption = z.infer<typeof scanOption>;

export const scanQuestion = z.strictObject({
  code: questionCode,
  theme: optionalText(200).describe('The part of the scan the question belongs to'),
  text: text(1000, 'Geef de vraag een tekst.'),
  weight: z
    .number({ message: 'Een weging is een getal.' })
    .positive('Een weging is groter dan nul.')
    .max(100, 'Een weging is hoogstens 100.')
    .default(1),
  options: z
    .array(scanOption)
    .min(2, 'Een vraag heeft minstens twee antwoorden.')
    .max(12, 'Een vraag heeft hoogstens twaalf antwoorden.'),
  basis: scorePoints
    .optional()
    .describe('The points (before weighting) at which an answer meets the basisniveau; e.g. the quickscan'),
  recommendation: optionalText(2000).describe('The advice for an answer that falls short'),
});
export type ScanQuestion = z.infer<typeof scanQuestion>;

export const scanDefinition = z.strictObject({
  questions: z
    .array(scanQuestion)
    .min(1, 'Een scan heeft minstens één vraag.')
    .max(200, 'Een scan heeft hoogstens tweehonderd vragen.'),
  threshold: scorePoints
    .optional()
    .describe('Object scans only: an object whose weighted points reach it feeds the risk-location register'),
});
export type ScanDefinition = z.infer<typeof scanDefinition>;
export type ScanDefinitionInput = z.input<typeof scanDefinition>;

/** A definition as the API answers it (the request's schema trims and defaults; this one only describes). */
export const scanDefinitionView = z.object({
  questions: z.array(
    z.object({
      code: z.string(),
      theme: z.string().optional(),
      text: z.string(),
      weight: z.number(),
      options: z.array(z.object({ value: z.string(), label: z.string(), points: z.number() })),
      basis: z.number().optional(),
      recommendation: z.string().optional(),
    }),
  ),
  threshold: z.number().optional(),
});

export const createScanRequest = z.strictObject({
  name: text(200, 'Geef de scan een naam.'),
  kind: scanKind,
  subject: scanSubject,
  description: optionalText(2000),
  definition: scanDefinition,
});
export type CreateScanRequest = z.infer<typeof createScanRequest>;

export const createScanVersionRequest = z.strictObject({
  definition: scanDefinition,
  note: optionalText(2000).describe('What changed in this version'),
});
export type CreateScanVersionRequest = z.infer<typeof createScanVersionRequest>;

export const scanRef = z.object({ id: uuid, name: z.string(), kind: scanKind, subject: scanSubject });

export const scanSummary = scanRef.extend({
  description: z.string().nullable(),
  version: z.number().int().describe('The latest version'),
  questions: z.number().int(),
  threshold: z.number().nullable(),
  runs: z.number().int().describe('Runs the reader may open'),
  municipalities: z.number().int().describe('Municipalities among those runs'),
});
export type ScanSummary = z.infer<typeof scanSummary>;

export const scanVersion = z.object({
  number: z.number().int(),
  note: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  definition: scanDefinitionView,
  maxPoints: z.number().describe('Weighted points of the best (highest) answers'),
});
export type ScanVersion = z.infer<typeof scanVersion>;

export const scanDetail = scanSummary.extend({
  versions: z.array(scanVersion).describe('Oldest first'),
  canManage: z.boolean(),
  canRun: z.boolean().describe('Whether the reader may run the scan (for some municipality)'),
});
export type ScanDetail = z.infer<typeof scanDetail>;

export const scanParams = z.object({ scanId: uuid });
export const scanRunParams = z.object({ runId: uuid });
export const scanActionParams = z.object({ actionId: uuid });

/** Answers by question code: the chosen option's value. */
export const scanAnswers = z.record(questionCode, z.string().max(40));
export type ScanAnswers = z.infer<typeof scanAnswers>;

export const scanObjectInput = z.strictObject({
  answers: scanAnswers,
  locationId: uuid.optional().describe('An existing risk location the runner may open'),
  newLocation: z
    .strictObject({
      kind: locationKind,
      name: optionalText(200),
      address: locationAddress,
      point: point
        .optional()
        .describe('Placed on the map; else from the address register when it knows the address'),
    })
    .optional()
    .describe(
      'Where the object is, for one at or above the threshold: it becomes a flagged risk location. Below the threshold it is not kept',
    ),
});
export type ScanObjectInput = z.infer<typeof scanObjectInput>;

export const newScanAction = z.strictObject({
  title: text(300, 'Beschrijf de actie.'),
  questionCode: questionCode.optional().describe('The question whose recommendation it follows'),
  dueOn: isoDate.optional(),
});
export type NewScanAction = z.infer<typeof newScanAction>;

export const createScanRunRequest = z.strictObject({
  municipalityCode: cbsMunicipalityCode,
  heldOn: happenedOn.describe('The day the scan was held'),
  answers: scanAnswers.optional().describe('A municipality scan: an answer to every question'),
  objects: z
    .array(scanObjectInput)
    .max(500, 'Hoogstens 500 objecten per keer.')
    .optional()
    .describe('An object scan: the objects scored, each with an answer to every question'),
  actions: z.array(newScanAction).max(50).default([]),
  note: optionalText(2000),
});
export type CreateScanRunRequest = z.infer<typeof createScanRunRequest>;

export const scanScore = z.object({
  points: z.number(),
  maxPoints: z.number(),
  percentage: z.number().describe('points / maxPoints × 100, to one decimal'),
});
export type ScanScore = z.infer<typeof scanScore>;

export const scanQuestionResult = z.object({
  code: z.string(),
  theme: z.string().nullable(),
  text: z.string(),
  answer: z
    .object({ value: z.string(), label: z.string() })
    .nullable()
    .describe('Municipality scans; null for object scans'),
  points: z.number().describe('Weighted; for an object scan the mean over the objects'),
  maxPoints: z.number(),
  meetsBasis: z.boolean().nullable().describe('Null where the question has no basisniveau'),
  recommendation: z.string().nullable().describe('Where the answer falls short'),
  change: z.number().nullable().describe('Points against the previous run; null without one'),
  distribution: z
    .array(z.object({ value: z.string(), label: z.string(), count: z.number().int() }))
    .describe('Object scans: objects per answer; municipality scans: the one answer'),
});
export type ScanQuestionResult = z.infer<typeof scanQuestionResult>;

export const scanActionStep = z.object({
  status: scanActionStatus,
  happenedOn: isoDate,
  recordedAt: z.iso.datetime({ offset: true }),
  note: z.string().nullable(),
  organisation: namedRef,
});

export const scanAction = z.object({
  id: uuid,
  title: z.string(),
  questionCode: z.string().nullable(),
  dueOn: isoDate.nullable(),
  status: scanActionStatus,
  since: isoDate,
  steps: z.array(scanActionStep).describe('Oldest first'),
});
export type ScanAction = z.infer<typeof scanAction>;

export const scanObjectResult = z.object({
  id: uuid,
  position: z.number().int(),
  score: scanScore,
  atOrAboveThreshold: z.boolean(),
  location: z.object({ id: uuid, address: z.string(), kind: locationKind }),
  answers: z.array(z.object({ code: z.string(), label: z.string(), points: z.number() })),
});
export type ScanObjectResult = z.infer<typeof scanObjectResult>;

export const scanRun = z.object({
  id: uuid,
  scan: scanRef,
  version: z.number().int(),
  municipality: z.object({ code: z.string(), name: z.string() }),
  heldOn: isoDate,
  recordedAt: z.iso.datetime({ offset: true }),
  organisation: namedRef.describe('The organisation that ran it'),
  note: z.string().nullable(),
  score: scanScore.describe('Municipality scans: the answers; object scans: all objects together'),
  basis: z
    .object({ questions: z.number().int(), met: z.number().int() })
    .nullable()
    .describe('Questions with a basisniveau and how many meet it (municipality scans)'),
  themes: z.array(scanScore.extend({ theme: z.string() })),
  questions: z.array(scanQuestionResult),
  recommendations: z.array(z.object({ questionCode: z.string(), text: z.string() })),
  previous: z
    .object({
      id: uuid,
      heldOn: isoDate,
      version: z.number().int(),
      score: scanScore,
      change: z.number().describe('Percentage points since then'),
      objectsAtOrAboveThreshold: z.number().int().nullable(),
    })
    .nullable()
    .describe("The municipality's run before this one"),
  objects: z
    .object({
      threshold: z.number(),
      total: z.number().int(),
      atOrAboveThreshold: z.number().int(),
      inRegister: z.number().int().describe('Tied to a risk location'),
      shown: z
        .array(scanObjectResult)
        .describe('Only the objects whose location the reader may open; the others are in the counts'),
    })
    .nullable(),
  actions: z.array(scanAction),
  canRun: z.boolean().describe('Whether the reader may add actions and record their progress'),
});
export type ScanRun = z.infer<typeof scanRun>;

export const scanRunListQuery = z.strictObject({
  municipalityCode: cbsMunicipalityCode.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type ScanRunListQuery = z.infer<typeof scanRunListQuery>;

export const scanRunSummary = z.object({
  id: uuid,
  municipality: z.object({ code: z.string(), name: z.string() }),
  heldOn: isoDate,
  version: z.number().int(),
  score: scanScore,
  objects: z.object({ total: z.number().int(), atOrAboveThreshold: z.number().int() }).nullable(),
  actions: z.object({ total: z.number().int(), done: z.number().int() }),
  rerun: z.boolean().describe('The municipality ran the scan before'),
});
export type ScanRunSummary = z.infer<typeof scanRunSummary>;

export const createScanActionRequest = newScanAction;
export type CreateScanActionRequest = NewScanAction;

export const scanActionStepRequest = z.strictObject({
  status: scanActionStatus,
  note: optionalText(2000),
  happenedOn,
});
export type ScanActionStepRequest = z.infer<typeof scanActionStepRequest>;

export const scanComparisonQuery = z.strictObject({
  year: z.coerce
    .number({ message: 'Een jaar is een getal.' })
    .int()
    .min(2000)
    .max(2100)
    .optional()
    .describe("The runs of one year (each municipality's latest in it); without it, each one's latest"),
});
export type ScanComparisonQuery = z.infer<typeof scanComparisonQuery>;

const statistics = z.object({ mean: z.number(), median: z.number() });

export const scanComparison = z.object({
  scan: scanRef,
  year: z.number().int().nullable(),
  municipalities: z.number().int().describe('Municipalities compared (their latest run each)'),
  minimum: z
    .number()
    .int()
    .describe('Fewer municipalities than this: no figures for aggregates-only readers'),
  protected: z.boolean().describe('The reader sees aggregates only'),
  withheld: z.boolean().describe('Too few municipalities for this reader: no figures'),
  score: statistics.nullable().describe("Of the runs' percentages"),
  objects: z
    .object({ total: z.number().int(), atOrAboveThreshold: z.number().int() })
    .nullable()
    .describe('Object scans: all objects of the runs compared'),
  questions: z.array(
    z.object({
      code: z.string(),
      theme: z.string().nullable(),
      text: z.string(),
      maxPoints: z.number(),
      points: statistics.describe('Weighted points per municipality (object scans: their mean)'),
      distribution: z
        .array(z.object({ value: z.string(), label: z.string(), count: z.number().int() }))
        .describe('Municipalities (object scans: objects) per answer'),
    }),
  ),
  rows: z
    .array(
      z.object({
        runId: uuid,
        municipality: z.object({ code: z.string(), name: z.string() }),
        heldOn: isoDate,
        score: scanScore,
      }),
    )
    .nullable()
    .describe('Per municipality: RIEC analysts only'),
});
export type ScanComparison = z.infer<typeof scanComparison>;
