import { z } from 'zod';
import { happenedOn, isoDate, slug } from './reference.js';

/**
 * Norm monitoring (docs/norms-and-scans.md): a norm such as the Flevolandse norm is a versioned
 * list of ambitions that each member (a municipality or a province) must meet. Per member and
 * ambition a dated status is recorded with its evidence; the matrix shows them as of a date,
 * the timeline per member, and a review's agenda holds the points not yet met on its date.
 */
export const normStatuses = ['not-started', 'in-progress', 'met'] as const;
export type NormStatus = (typeof normStatuses)[number];
/** The statuses of an open point: an ambition a member has not (yet) met. */
export const openNormStatuses = ['not-started', 'in-progress'] as const;

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

export const normStatus = z.enum(normStatuses, 'Kies niet gestart, bezig of voldaan.');

/** An ambition's code: its identity across the norm's versions (its statuses keep to it). */
export const ambitionCode = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/,
    'Een code bestaat uit hoogstens twintig letters, cijfers, punten of streepjes.',
  );

export const normAmbitionInput = z.strictObject({
  code: ambitionCode,
  title: text(300, 'Geef de ambitie een titel.'),
  description: optionalText(2000),
});

const versionFields = {
  validFrom: isoDate.describe('The day this list of ambitions and members takes effect'),
  ambitions: z
    .array(normAmbitionInput)
    .min(1, 'Een norm heeft minstens één ambitie.')
    .max(100, 'Een norm heeft hoogstens honderd ambities.'),
  memberIds: z
    .array(uuid)
    .min(1, 'Kies minstens één gemeente of provincie.')
    .max(100)
    .describe('Partner organisations of the region that are a municipality or a province'),
  note: optionalText(2000).describe('What changed in this version'),
};

export const createNormVersionRequest = z.strictObject(versionFields);
export type CreateNormVersionRequest = z.infer<typeof createNormVersionRequest>;

export const createNormRequest = z.strictObject({
  name: text(200, 'Geef de norm een naam.'),
  description: optionalText(2000),
  districtId: slug.optional().describe('The district whose working group reviews the norm'),
  ...versionFields,
});
export type CreateNormRequest = z.infer<typeof createNormRequest>;

export const normAmbition = z.object({
  code: z.string(),
  title: z.string(),
  description: z.string().nullable(),
});
export type NormAmbition = z.infer<typeof normAmbition>;

export const normMember = z.object({
  id: uuid,
  name: z.string(),
  kind: z.enum(['municipality', 'province']),
});
export type NormMember = z.infer<typeof normMember>;

export const normVersion = z.object({
  number: z.number().int(),
  validFrom: isoDate,
  note: z.string().nullable(),
  ambitions: z.array(normAmbition),
  members: z.array(normMember),
});
export type NormVersion = z.infer<typeof normVersion>;

export const normSummary = z.object({
  id: uuid,
  name: z.string(),
  description: z.string().nullable(),
  district: namedRef.extend({ id: z.string() }).nullable(),
  version: z.object({ number: z.number().int(), validFrom: isoDate }).describe('The latest version'),
  ambitions: z.number().int().describe('Ambitions of the latest version'),
  members: z.number().int().describe('Members of the latest version'),
});
export type NormSummary = z.infer<typeof normSummary>;

export const normReviewSummary = z.object({
  id: uuid,
  heldOn: isoDate,
  note: z.string().nullable(),
  points: z.number().int().describe('Points on the agenda'),
  outcomes: z.number().int().describe('Points with an outcome recorded'),
});
export type NormReviewSummary = z.infer<typeof normReviewSummary>;

export const normDetail = normSummary.extend({
  versions: z.array(normVersion).describe('Oldest first'),
  reviews: z.array(normReviewSummary).describe('Newest first'),
  canManage: z.boolean(),
});
export type NormDetail = z.infer<typeof normDetail>;

export const normParams = z.object({ normId: uuid });
export const normMemberParams = z.object({ normId: uuid, organisationId: uuid });

export const normMatrixQuery = z.strictObject({
  on: isoDate
    .optional()
    .describe('The day the statuses are shown as of; today in the Netherlands by default'),
});
export type NormMatrixQuery = z.infer<typeof normMatrixQuery>;

const statusCounts = z.object({
  met: z.number().int(),
  inProgress: z.number().int(),
  notStarted: z.number().int(),
});
export type NormStatusCounts = z.infer<typeof statusCounts>;

export const normCell = z.object({
  ambitionCode: z.string(),
  status: normStatus,
  since: isoDate.nullable().describe('The day the status was reached; null for never recorded'),
  evidence: z.string().nullable(),
});
export type NormCell = z.infer<typeof normCell>;

export const normMatrix = z.object({
  norm: namedRef,
  on: isoDate,
  version: z.object({ number: z.number().int(), validFrom: isoDate }),
  ambitions: z.array(normAmbition),
  members: z.array(
    normMember.extend({
      cells: z.array(normCell).describe('In the order of the ambitions'),
      counts: statusCounts,
    }),
  ),
  ambitionCounts: z.array(statusCounts.extend({ ambitionCode: z.string() })),
  totals: statusCounts,
});
export type NormMatrix = z.infer<typeof normMatrix>;

export const normStatusEntry = z.object({
  id: uuid,
  ambitionCode: z.string(),
  ambitionTitle: z.string().describe('As the latest version names it'),
  status: normStatus,
  previousStatus: normStatus.describe('The status of the point before this entry'),
  happenedOn: isoDate,
  recordedAt: z.iso.datetime({ offset: true }),
  evidence: z.string().nullable(),
  organisation: namedRef.describe('The organisation that recorded it'),
});
export type NormStatusEntry = z.infer<typeof normStatusEntry>;

export const normTimeline = z.object({
  norm: namedRef,
  member: normMember,
  entries: z.array(normStatusEntry).describe('Oldest first, by the day they happened'),
  counts: statusCounts.describe("Today's statuses of the member on the latest version's ambitions"),
});
export type NormTimeline = z.infer<typeof normTimeline>;

export const recordNormStatusRequest = z.strictObject({
  organisationId: uuid.describe('The member'),
  ambitionCode,
  status: normStatus,
  evidence: optionalText(2000).describe(
    'What shows it: a council decision, a policy, a report; needed for met',
  ),
  happenedOn,
});
export type RecordNormStatusRequest = z.infer<typeof recordNormStatusRequest>;

export const createNormReviewRequest = z.strictObject({
  heldOn: happenedOn.describe('The day of the review; its agenda holds the points open on that day'),
  note: optionalText(2000),
});
export type CreateNormReviewRequest = z.infer<typeof createNormReviewRequest>;

export const normReviewPoint = z.object({
  id: uuid,
  member: normMember,
  ambitionCode: z.string(),
  ambitionTitle: z.string(),
  status: z.enum(openNormStatuses),
  since: isoDate.nullable(),
  outcome: z.string().nullable(),
});
export type NormReviewPoint = z.infer<typeof normReviewPoint>;

export const normReview = z.object({
  id: uuid,
  norm: namedRef,
  district: namedRef.extend({ id: z.string() }).nullable(),
  heldOn: isoDate,
  note: z.string().nullable(),
  version: z.number().int(),
  points: z.array(normReviewPoint).describe('The agenda: per member, the ambitions open on the day'),
  canManage: z.boolean(),
});
export type NormReview = z.infer<typeof normReview>;

export const normReviewParams = z.object({ reviewId: uuid });
export const normReviewPointParams = z.object({ reviewId: uuid, pointId: uuid });
export const normReviewOutcomeRequest = z.strictObject({
  outcome: text(2000, 'Beschrijf de uitkomst van dit punt.'),
});
export type NormReviewOutcomeRequest = z.infer<typeof normReviewOutcomeRequest>;
