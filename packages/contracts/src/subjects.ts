import { z } from 'zod';
import { isoDate } from './reference.js';
import type { SubjectInput } from './signals.js';
import { relationTypes } from './vocabulary.js';

const uuid = z.uuid('Dit is geen geldige id.');

export const registerKinds = [
  'person',
  'company',
  'organisation',
  'address',
  'account',
  'vehicle',
  'network',
] as const;
export type RegisterKind = (typeof registerKinds)[number];

export type RelationType = (typeof relationTypes)[number];

export const suggestionStatuses = ['open', 'confirmed', 'rejected'] as const;
export type SuggestionStatus = (typeof suggestionStatuses)[number];
export const importStatuses = ['review', 'applied', 'discarded'] as const;
export type ImportStatus = (typeof importStatuses)[number];
/** Where the register saw a subject. */
export const sightingSources = ['signal', 'case', 'import'] as const;
export type SightingSource = (typeof sightingSources)[number];

const evidence = z.object({
  field: z.string(),
  level: z.string(),
  weight: z.number(),
  explanation: z.string(),
});

const subjectRef = z.object({ id: uuid, kind: z.enum(registerKinds), label: z.string() });

export const sighting = z.object({
  record: z.enum(['case', 'signal']),
  id: uuid,
  reference: z.string(),
  organisation: z.string().nullable().describe('Who supplied it (provenance)'),
  role: z.string().nullable(),
  seenAt: z.iso.datetime(),
  subjectId: uuid.describe('The register subject it was recorded as (a merged one keeps its own)'),
  data: z.record(z.string(), z.unknown()).describe('The subject as that source recorded it'),
});

export const matchSuggestion = z.object({
  id: uuid,
  probability: z.number(),
  evidence: z.array(evidence),
  a: subjectRef.extend({ records: z.number().int() }),
  b: subjectRef.extend({ records: z.number().int() }),
  household: subjectRef
    .nullable()
    .describe(
      "Who lives at the other's address under the one's surname, when that lifted the score (the partner)",
    ),
  status: z.enum(suggestionStatuses),
  createdAt: z.iso.datetime(),
});
export type MatchSuggestion = z.infer<typeof matchSuggestion>;

export const subjectDetail = subjectRef.extend({
  data: z.record(z.string(), z.unknown()),
  conflicts: z
    .array(
      z.object({
        id: uuid,
        identifier: z.enum(['bsn']),
        other: subjectRef,
        evidence: z.array(evidence),
        createdAt: z.iso.datetime(),
      }),
    )
    .describe(
      'Records that share an exact identifier with this subject but clearly are someone else: not linked',
    ),
  sightings: z.array(sighting),
  merges: z.array(
    z.object({
      id: uuid,
      merged: subjectRef,
      mergedAt: z.iso.datetime(),
      undoneAt: z.iso.datetime().nullable(),
    }),
  ),
  suggestions: z.array(matchSuggestion),
});
export type SubjectDetail = z.infer<typeof subjectDetail>;

export const networkNode = subjectRef.extend({
  records: z.number().int().describe('Records (cases and signals) the subject is known in'),
  hidden: z
    .number()
    .int()
    .describe('Of those, how many the caller may not see: "also known elsewhere — ask the RIEC"'),
});
export const networkEdge = z.object({
  id: uuid,
  from: uuid,
  to: uuid,
  type: z.enum(relationTypes),
  startDate: isoDate.nullable(),
  endDate: isoDate.nullable(),
  recorded: z
    .number()
    .int()
    .describe('How often this relation was recorded (in cases, signals, imports): one edge for all of them'),
});
export const network = z.object({ nodes: z.array(networkNode), edges: z.array(networkEdge) });
export type Network = z.infer<typeof network>;

export const networkQuery = z.strictObject({
  depth: z.coerce.number().int().min(1, 'Minstens 1 stap.').max(3, 'Hoogstens 3 stappen.').default(1),
  types: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',') : []))
    .pipe(z.array(z.enum(relationTypes, 'Onbekend soort relatie.')))
    .describe('Comma-separated relation types; none for all'),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

/** The fields and levels of a suggestion's evidence, for filtering. */
export const evidenceFields = ['bsn', 'surname', 'firstNames', 'dateOfBirth', 'address'] as const;
export const evidenceLevels = ['exact', 'strong', 'partial', 'weak', 'different', 'missing'] as const;

const probability = z.coerce
  .number({ message: 'Een kans is een getal tussen 0 en 1.' })
  .min(0, 'Een kans is een getal tussen 0 en 1.')
  .max(1, 'Een kans is een getal tussen 0 en 1.');

export const suggestionsQuery = z.strictObject({
  status: z
    .enum(suggestionStatuses, 'Kies open, confirmed of rejected.')
    .default('open')
    .describe('Open (default), confirmed or rejected suggestions'),
  minProbability: probability.optional(),
  maxProbability: probability.optional(),
  subjectId: uuid.optional().describe('Only suggestions about this subject or anything merged with it'),
  field: z
    .enum(evidenceFields, 'Onbekend veld.')
    .optional()
    .describe('Only suggestions with evidence on this field (with `level`: at that level)'),
  level: z.enum(evidenceLevels, 'Onbekend niveau.').optional(),
  since: isoDate.optional().describe('Made on or after this date (in the Netherlands)'),
  limit: z.coerce
    .number({ message: 'Een aantal is een getal.' })
    .int('Een aantal is een heel getal.')
    .min(1, 'Minstens 1 per pagina.')
    .max(200, 'Hoogstens 200 per pagina.')
    .default(50),
  cursor: z.string().max(200).optional().describe('From `nextCursor` of the page before'),
});
export type SuggestionsQuery = z.infer<typeof suggestionsQuery>;

export const suggestionPage = z.object({
  items: z.array(matchSuggestion).describe('Most probable first'),
  nextCursor: z.string().nullable().describe('For the next page; null on the last'),
});
export type SuggestionPage = z.infer<typeof suggestionPage>;

export const compareParams = z.strictObject({ subjectId: uuid, otherId: uuid });

export const matchExplanation = z.object({
  a: subjectRef,
  b: subjectRef,
  verdict: z.string().describe('In Dutch: why they are (not) suggested as the same'),
  sameSubject: z.boolean().describe('Already one subject (merged, or one stands for the other)'),
  compared: z
    .boolean()
    .describe('Whether matching compares them at all: persons sharing a blocking key of a small block'),
  keys: z
    .array(
      z.object({
        kind: z.string(),
        description: z.string(),
        block: z.number().int().describe('Subjects under this key (up to 1000)'),
        skipped: z.boolean().describe('A key shared by too many subjects is not used'),
      }),
    )
    .describe('The blocking keys they share, one per kind with its smallest block (never the key itself)'),
  score: z
    .object({
      probability: z.number(),
      weight: z.number().describe('The evidence in bits'),
      threshold: z.number(),
      decisive: z.boolean(),
      evidence: z.array(evidence),
      household: subjectRef
        .nullable()
        .describe("Who lives at the other's address under the one's surname, when that lifted the score"),
      records: z
        .object({ a: z.number().int(), b: z.number().int() })
        .describe('How many records of each were compared; the best pair counts'),
    })
    .nullable()
    .describe('Only for two persons'),
  suggestion: z.object({ id: uuid, status: z.enum(suggestionStatuses) }).nullable(),
  conflict: z.boolean().describe('They share a BSN but clearly are two people'),
});
export type MatchExplanation = z.infer<typeof matchExplanation>;

export const decisionRequest = z.strictObject({ decision: z.enum(['confirmed', 'rejected']) });
export const suggestionParams = z.strictObject({ suggestionId: uuid });
export const mergeParams = z.strictObject({ mergeId: uuid });
export const subjectParams = z.strictObject({ subjectId: uuid });

export const relationRequest = z.strictObject({
  fromSubjectId: uuid.describe("A subject of the case (the case subject's id)"),
  toSubjectId: uuid,
  type: z.enum(relationTypes, 'Kies een soort relatie.'),
  startDate: isoDate.optional(),
  endDate: isoDate.optional(),
});

export const crossRecordSignals = z.object({
  subjects: z
    .array(subjectRef.extend({ records: z.number().int() }))
    .describe('Subjects in two or more cases or signals'),
  facilitators: z
    .array(subjectRef.extend({ cases: z.number().int(), networks: z.number().int() }))
    .describe('Facilitators linked to two or more cases or networks'),
  addresses: z
    .array(subjectRef.extend({ companies: z.number().int() }))
    .describe('Addresses where many companies are registered'),
});
export type CrossRecordSignals = z.infer<typeof crossRecordSignals>;

export const ftmImportReport = z.object({
  id: uuid,
  status: z.enum(importStatuses),
  accepted: z.array(
    z.object({
      line: z.number().int(),
      schema: z.string(),
      caption: z.string(),
      registerSubject: subjectRef
        .extend({
          linked: z
            .boolean()
            .describe('Linked to a subject the register already had (shared identifier), not a new one'),
        })
        .nullable()
        .optional()
        .describe('Once applied: the register subject the line became (null for a relation)'),
    }),
  ),
  refused: z.array(z.object({ line: z.number().int(), reason: z.string() })),
});
export type FtmImportReport = z.infer<typeof ftmImportReport>;
export const ftmImportParams = z.strictObject({ caseId: uuid, importId: uuid });

export type NetworkQuery = z.infer<typeof networkQuery>;
export type RelationRequest = z.infer<typeof relationRequest>;
export type MatchEvidence = z.infer<typeof evidence>;

/** What the register holds of a subject: a signal's or case's subject, or an organisation or network. */
export type RegisterData =
  | SubjectInput
  | { kind: 'organisation'; name: string }
  | { kind: 'network'; name: string; description?: string | undefined };
