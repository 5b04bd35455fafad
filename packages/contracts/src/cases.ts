import { z } from 'zod';
import { pageFields, pageOf, sortParam } from './lists.js';
import { cbsMunicipalityCode, happenedOn, isoDate, slug } from './reference.js';
import { signalSummary, subjectData, subjectInput } from './signals.js';
import {
  adviceStatuses,
  attachmentDocumentTypes,
  casePhases,
  classifications,
  interventionKinds,
  resultKinds,
  subjectRoles,
} from './vocabulary.js';

const uuid = z.uuid('Dit is geen geldige id.');
/** An id chosen in a list: left unchosen, the message says what to choose. */
const chosen = (message: string) =>
  z.uuid({
    error: (issue) => (issue.input === undefined || issue.input === '' ? message : 'Dit is geen geldige id.'),
  });
const text = (max: number, message = 'Vul dit in.') => z.string().trim().min(1, message).max(max);

export const caseOrigins = ['signal', 'analysis-product', 'direct'] as const;
export type CaseOrigin = (typeof caseOrigins)[number];
export const caseTypes = ['subject', 'network', 'facilitator', 'location', 'branch'] as const;
export type CaseType = (typeof caseTypes)[number];
export const casePhase = z.enum(casePhases);
export type CasePhase = z.infer<typeof casePhase>;
export const interventionKind = z.enum(interventionKinds);
export type InterventionKind = (typeof interventionKinds)[number];
export type AdviceStatus = (typeof adviceStatuses)[number];
export type ResultKind = (typeof resultKinds)[number];
export type Classification = (typeof classifications)[number];
export type SubjectRole = (typeof subjectRoles)[number];

/**
 * What a case needs next, computed on the server from its record (docs/cases.md, "Next action"):
 * the first of these that applies, in the order of the work.
 */
export const nextActionCodes = [
  'record-goal',
  'start-information',
  'gather-information',
  'start-analysis',
  'fill-matrix',
  'give-advice',
  'start-intervention',
  'follow-up-advice',
  'start-evaluation',
  'evaluate',
  'close',
] as const;
export type NextActionCode = (typeof nextActionCodes)[number];

export type AttachmentDocumentType = (typeof attachmentDocumentTypes)[number];

/** Euro amounts as whole cents: no fractions of a cent, never negative. */
export const cents = z
  .number({ message: 'Een bedrag is een getal in eurocenten.' })
  .int('Een bedrag is een heel aantal eurocenten.')
  .min(0, 'Een bedrag kan niet negatief zijn.')
  .max(100_000_000_000_00, 'Dit bedrag is te groot.');

export const createCaseRequest = z.strictObject({
  origin: z.enum(caseOrigins),
  signalIds: z
    .array(uuid)
    .max(20)
    .default([])
    .describe(
      'Accepted signals the case starts from (origin signal; a case from an analysis product may also name the signals it came from)',
    ),
  originOrganisationIds: z
    .array(uuid)
    .max(20)
    .default([])
    .describe(
      'The partners the case came from besides its signals; a direct case names at least one (not the RIEC)',
    ),
  codeName: text(100, 'Geef de casus een codenaam.'),
  districtId: slug
    .nullable()
    .describe(
      'The district; null for a regional case across districts (its municipalities may be anywhere in the region)',
    ),
  municipalityCodes: z.array(cbsMunicipalityCode).min(1, 'Kies minstens één gemeente.').max(40),
  themeIds: z.array(uuid).min(1, 'Kies minstens één thema.').max(20),
  type: z.enum(caseTypes),
  directorId: chosen('Kies een casusregisseur.'),
  participantIds: z.array(uuid).min(1, 'Kies minstens één deelnemende partner.').max(60),
  startedOn: isoDate,
  signalSubjects: z
    .array(z.strictObject({ signalSubjectId: uuid, role: z.enum(subjectRoles) }))
    .max(100)
    .default([])
    .describe("Subjects of the case's signals taken over into the case at its start, each with its role"),
});
export type CreateCaseRequest = z.infer<typeof createCaseRequest>;

const namedRef = z.object({ id: uuid, name: z.string() });

export const caseSummary = z.object({
  id: uuid,
  reference: z.string(),
  codeName: z.string(),
  origin: z.enum(caseOrigins),
  type: z.enum(caseTypes),
  phase: casePhase,
  district: z.object({ id: slug, name: z.string() }).nullable().describe('Null for a regional case'),
  themes: z.array(namedRef),
  startedOn: isoDate,
  closedOn: isoDate.nullable(),
  priority: z.number().int().nullable().describe('Priority in the current quarter, if set'),
  leadTimes: z.object({
    signalToCase: z.number().nullable().describe('Days from the first signal received to the case start'),
    startToFirstIntervention: z.number().nullable(),
    startToClosure: z.number().nullable(),
    startToClosureSoFar: z
      .number()
      .describe('Days from the case start to its closure, or to today while it is open'),
  }),
  nextAction: z
    .object({
      code: z.enum(nextActionCodes),
      organisation: namedRef
        .nullable()
        .describe('The partner the action waits on, where there is one (an advice to follow up)'),
    })
    .nullable()
    .describe('What the case needs next, from its record; null for a closed case'),
});
export type CaseSummary = z.infer<typeof caseSummary>;

export const caseDetail = caseSummary.extend({
  goal: z.string().nullable(),
  strategy: z.string().nullable(),
  director: namedRef.nullable(),
  municipalities: z.array(z.object({ code: z.string(), name: z.string() })),
  originOrganisations: z.array(namedRef),
  signals: z.array(z.object({ id: uuid, reference: z.string() })),
  participants: z.array(
    z.object({
      organisation: namedRef,
      addedAt: z.iso.datetime(),
      addedReason: z.string(),
      removedAt: z.iso.datetime().nullable(),
      removedReason: z.string().nullable(),
    }),
  ),
  events: z.array(
    z.object({
      type: z.string(),
      happenedOn: isoDate.describe('The date the step happened'),
      recordedAt: z.iso.datetime().describe('When the step was recorded'),
      recordedBy: z.string().nullable().describe('Who recorded the step'),
      at: z.iso.datetime().describe('Same as recordedAt (kept for existing clients)'),
      by: z.string().nullable().describe('Same as recordedBy (kept for existing clients)'),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
  subjects: z.array(
    z.object({
      id: uuid,
      kind: z.string(),
      role: z.enum(subjectRoles),
      label: z.string(),
      data: subjectData,
      knownElsewhere: z
        .object({
          registerId: uuid.nullable().describe('The subject in the register (analysts can open it)'),
          records: z.number().int().describe('Other cases and signals the subject is known in'),
          hidden: z.number().int().describe('Of those, how many the reader may not see: ask the RIEC'),
        })
        .describe('Also known elsewhere; never which records'),
    }),
  ),
  provisions: z.array(
    z.object({
      id: uuid,
      organisation: namedRef,
      subjectId: uuid.nullable(),
      providedOn: isoDate,
      legalBasis: z.object({ id: uuid, code: z.string(), name: z.string() }),
      classification: z.enum(classifications),
      title: z.string(),
      body: z.string(),
    }),
  ),
  matrix: z.array(
    z.object({
      id: uuid,
      barrier: z.string(),
      intervention: z.object({ id: uuid, kind: interventionKind, name: z.string() }),
      organisation: namedRef,
      chosen: z.boolean(),
    }),
  ),
  advices: z.array(
    z.object({
      id: uuid,
      kind: interventionKind,
      organisation: namedRef,
      givenOn: isoDate,
      status: z.enum(adviceStatuses),
      description: z.string(),
    }),
  ),
  interventions: z.array(
    z.object({
      id: uuid,
      adviceId: uuid.nullable(),
      kind: interventionKind,
      organisation: namedRef,
      carriedOutOn: isoDate,
      description: z.string(),
      outcome: z.string().nullable(),
    }),
  ),
  results: z.array(
    z.object({
      id: uuid,
      interventionId: uuid.nullable(),
      confiscationId: uuid
        .nullable()
        .describe('A later collection or settlement: the confiscation of the case it pays off'),
      kind: z.enum(resultKinds),
      organisation: namedRef,
      imposedCents: z.number().int().nullable(),
      imposedOn: isoDate.nullable(),
      collectedCents: z.number().int().nullable(),
      collectedOn: isoDate.nullable(),
      settledCents: z.number().int().nullable(),
      settledOn: isoDate.nullable(),
      count: z.number().int().nullable(),
      description: z.string().nullable(),
    }),
  ),
  communications: z.array(
    z.object({ id: uuid, onDate: isoDate, channel: z.string(), description: z.string() }),
  ),
  evaluation: z
    .object({
      whatWorked: z.string().nullable(),
      whatDidNot: z.string().nullable(),
      lessons: z.string().nullable(),
      waivedReason: z.string().nullable(),
    })
    .nullable(),
  signalSubjects: z
    .array(z.object({ id: uuid, label: z.string() }))
    .describe("Subjects of the case's signals that can be taken over (for who manages the case)"),
  abilities: z.array(z.string()),
});
export type CaseDetail = z.infer<typeof caseDetail>;

export const caseParams = z.strictObject({ caseId: uuid });
/**
 * The cases part of a start page ("Mijn werk"): the open cases the caller directs, each with its
 * next action; the open cases whose next action lies with the caller's organisation; and the
 * accepted signals without a case yet, for whoever starts cases. No personal data.
 */
export const caseWork = z.object({
  directed: z.array(caseSummary).nullable().describe('Open cases the caller directs (case directors)'),
  forOrganisation: z
    .array(caseSummary)
    .describe("Open cases the caller may read whose next action is for the caller's organisation"),
  startable: z
    .array(signalSummary)
    .nullable()
    .describe('Accepted signals without a case, for whoever may start one from them'),
});
export type CaseWork = z.infer<typeof caseWork>;

/** What a list of cases can be narrowed to; the same filter selects what an export holds. */
const caseFilterFields = {
  signalId: uuid.optional().describe('Only the case started from this signal'),
  districtId: slug.optional(),
  regional: z.stringbool().optional().describe('Only regional cases (without a district)'),
  phase: casePhase.optional(),
  open: z.stringbool().optional().describe('Only cases not closed'),
  themeId: uuid.optional(),
  municipalityCode: cbsMunicipalityCode.optional(),
  from: isoDate.optional().describe('Started on or after this date'),
  to: isoDate.optional().describe('Started on or before this date'),
  own: z.stringbool().optional().describe("Only cases the caller's organisation takes part in"),
  priority: z.coerce
    .number({ message: 'Een prioriteit is 1, 2 of 3.' })
    .int('Een prioriteit is 1, 2 of 3.')
    .min(1, 'Een prioriteit is 1, 2 of 3.')
    .max(3, 'Een prioriteit is 1, 2 of 3.')
    .optional()
    .describe("The DTO's priority in the current quarter"),
};
export const caseSortColumns = [
  'codeName',
  'reference',
  'phase',
  'district',
  'startedOn',
  'priority',
] as const;
export type CaseSortColumn = (typeof caseSortColumns)[number];
const periodInOrder = (v: { from?: string | undefined; to?: string | undefined }) =>
  !v.from || !v.to || v.from <= v.to;
const periodMessage = {
  message: 'De einddatum ligt vóór de begindatum.',
  path: ['to'],
  // Checked beside the other fields' problems, so that every problem is listed at once.
  when: (payload: { value: unknown }) => {
    const v = payload.value as { from?: unknown; to?: unknown };
    return isoDate.safeParse(v.from).success && isoDate.safeParse(v.to).success;
  },
};

export const caseExportQuery = z
  .strictObject({ ...caseFilterFields, sort: sortParam(caseSortColumns, '-startedOn') })
  .refine(periodInOrder, periodMessage);
export const caseListQuery = z
  .strictObject({ ...caseFilterFields, sort: sortParam(caseSortColumns, '-startedOn'), ...pageFields })
  .refine(periodInOrder, periodMessage);
export const casePage = pageOf(caseSummary);
export type CasePage = z.infer<typeof casePage>;

export const casePhaseRequest = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('advance'),
    to: z.enum(['information', 'analysis', 'intervention', 'evaluation']),
    happenedOn,
  }),
  z.strictObject({ type: z.literal('close'), happenedOn }),
  z.strictObject({
    type: z.literal('reopen'),
    reason: text(2000, 'Geef de reden om de casus te heropenen.'),
    happenedOn,
  }),
]);
export const goalRequest = z.strictObject({
  goal: text(5000, 'Beschrijf het doel.'),
  strategy: text(10_000, 'Beschrijf de strategie.'),
});
export const participantRequest = z.strictObject({
  organisationId: chosen('Kies de organisatie die gaat deelnemen.'),
  reason: text(2000, 'Geef de reden.'),
});
export const participantParams = z.strictObject({ caseId: uuid, organisationId: uuid });
export const removeParticipantRequest = z.strictObject({ reason: text(2000, 'Geef de reden.') });
export const caseSubjectRequest = z.strictObject({
  role: z.enum(subjectRoles),
  signalSubjectId: uuid.optional().describe('Take the subject over from one of the case’s signals'),
  subject: subjectInput.optional(),
});
export const provisionRequest = z.strictObject({
  subjectId: uuid.optional(),
  providedOn: happenedOn.describe('The date the information was provided; today when left out'),
  legalBasisId: z.uuid({
    error: (issue) =>
      issue.input === undefined || issue.input === ''
        ? 'Kies een grondslag voor de verstrekking.'
        : 'Dit is geen geldige id.',
  }),
  classification: z.enum(classifications),
  title: text(300, 'Geef de verstrekking een titel.'),
  body: text(50_000, 'Vul de inhoud in.'),
});
export const matrixRequest = z.strictObject({
  barrier: text(2000, 'Beschrijf de barrière of kans.'),
  catalogueId: chosen('Kies een interventie uit de catalogus.'),
  organisationId: chosen('Kies de partner die de interventie kan inzetten.'),
  chosen: z.boolean().default(false),
});
export const adviceRequest = z.strictObject({
  kind: z.enum(interventionKinds, { error: 'Kies het soort advies.' }),
  organisationId: chosen('Kies de partner die het advies krijgt.'),
  givenOn: happenedOn.describe('The date the advice was given; today when left out'),
  description: text(5000, 'Beschrijf het advies.'),
});
export const adviceStatusRequest = z.strictObject({ status: z.enum(adviceStatuses) });
export const adviceParams = z.strictObject({ caseId: uuid, adviceId: uuid });
export const interventionRequest = z.strictObject({
  adviceId: uuid.optional(),
  organisationId: uuid
    .optional()
    .describe(
      "The partner that carried it out. Partner staff record their own organisation's; who manages the case records any participant's. Default: the advice's partner, else the caller's organisation",
    ),
  kind: z.enum(interventionKinds, { error: 'Kies het soort interventie.' }),
  carriedOutOn: happenedOn.describe('The date the intervention was carried out; today when left out'),
  description: text(5000, 'Beschrijf de interventie.'),
  outcome: z.string().trim().max(5000).optional(),
});
/**
 * A result of the case. Amounts belong to confiscations only (the accountability table counts
 * nothing else), each with its date. A confiscation states what was imposed, and may state what
 * was collected or settled so far; what is collected or settled later (often after the case is
 * closed) is a result of its own naming the confiscation (`confiscationId`), without an imposed
 * amount. Collected and settled together never exceed what was imposed, and never precede it.
 * The server also refuses dates in the future.
 */
export const resultRequest = z
  .strictObject({
    interventionId: uuid.optional(),
    confiscationId: uuid
      .optional()
      .describe('Collected or settled later on this confiscation of the case (no imposed amount)'),
    kind: z.enum(resultKinds, { error: 'Kies het soort resultaat.' }),
    organisationId: uuid
      .optional()
      .describe(
        "The partner the result is credited to. Partner staff record their own organisation's; who manages the case records any participant's. Default: the partner of the intervention (or of the confiscation) it follows, else the caller's organisation",
      ),
    imposedCents: cents.optional(),
    imposedOn: isoDate.optional(),
    collectedCents: cents.optional(),
    collectedOn: isoDate.optional(),
    settledCents: cents.optional(),
    settledOn: isoDate.optional(),
    count: z.number().int().min(0).max(100_000).optional(),
    description: z.string().trim().max(2000).optional(),
  })
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    for (const [amount, date] of [
      ['imposedCents', 'imposedOn'],
      ['collectedCents', 'collectedOn'],
      ['settledCents', 'settledOn'],
    ] as const) {
      if ((r[amount] === undefined) !== (r[date] === undefined))
        issue(r[amount] === undefined ? amount : date, 'Geef bij een bedrag ook de datum, en andersom.');
    }
    if (r.kind !== 'confiscation') {
      for (const amount of ['imposedCents', 'collectedCents', 'settledCents'] as const)
        if (r[amount] !== undefined)
          issue(amount, 'Alleen een afpakresultaat heeft bedragen; kies het soort afpakken.');
      if (r.confiscationId !== undefined)
        issue('confiscationId', 'Innen of verrekenen op een afpakbedrag is een afpakresultaat.');
      return;
    }
    if (r.count !== undefined) issue('count', 'Een afpakresultaat heeft geen aantal, maar bedragen.');
    if (r.confiscationId !== undefined) {
      if (r.imposedCents !== undefined)
        issue('imposedCents', 'Een latere inning of verrekening legt geen nieuw bedrag op.');
      if (r.collectedCents === undefined && r.settledCents === undefined)
        issue('collectedCents', 'Geef het geïnde of verrekende bedrag.');
      return;
    }
    if (r.imposedCents === undefined) {
      issue('imposedCents', 'Geef het opgelegde bedrag.');
      return;
    }
    if ((r.collectedCents ?? 0) + (r.settledCents ?? 0) > r.imposedCents)
      issue(
        r.collectedCents !== undefined ? 'collectedCents' : 'settledCents',
        'Geïnd en verrekend samen is meer dan het opgelegde bedrag.',
      );
    for (const date of ['collectedOn', 'settledOn'] as const) {
      const on = r[date];
      if (on !== undefined && r.imposedOn !== undefined && on < r.imposedOn)
        issue(date, 'Deze datum ligt voor de datum van opleggen.');
    }
  });
export const communicationRequest = z.strictObject({
  onDate: happenedOn.describe('The date of the communication; today when left out'),
  channel: text(100, 'Geef het kanaal.'),
  description: text(5000, 'Beschrijf de communicatie.'),
});
export const evaluationRequest = z.union([
  z.strictObject({
    whatWorked: text(10_000, 'Vul in wat werkte.'),
    whatDidNot: text(10_000, 'Vul in wat niet werkte.'),
    lessons: text(10_000, 'Vul de lessen in.'),
    happenedOn,
  }),
  z.strictObject({
    waivedReason: text(2000, 'Geef de reden om van de evaluatie af te zien.'),
    happenedOn,
  }),
]);
export const priorityRequest = z.strictObject({
  quarter: z.string().regex(/^\d{4}-Q[1-4]$/, 'Een kwartaal heeft de vorm 2026-Q4.'),
  priority: z.number().int().min(1).max(3),
});
/** What an upload says about its file (the multipart fields before the file). */
export const attachmentMetadata = z.strictObject({
  title: text(200, 'Geef de bijlage een titel.'),
  documentType: z.enum(attachmentDocumentTypes, { error: 'Kies het soort document.' }),
  classification: z.enum(classifications, { error: 'Kies de rubricering.' }),
  provisionId: uuid.optional().describe('The provision the document belongs to'),
});
export type AttachmentMetadata = z.infer<typeof attachmentMetadata>;

export const attachmentView = z.object({
  id: uuid,
  title: z.string(),
  documentType: z.enum(attachmentDocumentTypes),
  classification: z.enum(classifications).describe('A label for the reader; access follows participation'),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  organisation: namedRef,
  provisionId: uuid.nullable(),
  uploadedAt: z.iso.datetime(),
});
export type AttachmentView = z.infer<typeof attachmentView>;

export const caseConfiguration = z.object({
  directors: z.array(namedRef),
  legalBases: z.array(z.object({ id: uuid, code: z.string(), name: z.string() })),
  interventions: z.array(z.object({ id: uuid, kind: interventionKind, code: z.string(), name: z.string() })),
});

export type CaseListQuery = z.infer<typeof caseListQuery>;
export type CaseExportQuery = z.infer<typeof caseExportQuery>;
export type CaseFilter = Omit<CaseExportQuery, 'sort'>;
export type CasePhaseRequest = z.infer<typeof casePhaseRequest>;
export type GoalRequest = z.infer<typeof goalRequest>;
export type ParticipantRequest = z.infer<typeof participantRequest>;
export type CaseSubjectRequest = z.infer<typeof caseSubjectRequest>;
export type ProvisionRequest = z.infer<typeof provisionRequest>;
export type MatrixRequest = z.infer<typeof matrixRequest>;
export type AdviceRequest = z.infer<typeof adviceRequest>;
export type InterventionRequest = z.infer<typeof interventionRequest>;
export type ResultRequest = z.infer<typeof resultRequest>;
export type CommunicationRequest = z.infer<typeof communicationRequest>;
export type EvaluationRequest = z.infer<typeof evaluationRequest>;
export type PriorityRequest = z.infer<typeof priorityRequest>;
export type CaseConfiguration = z.infer<typeof caseConfiguration>;
