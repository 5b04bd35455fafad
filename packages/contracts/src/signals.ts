import { z } from 'zod';
import {
  bsn,
  establishmentNumber,
  houseNumber,
  iban,
  kvkNumber,
  postcode,
  registrationPlate,
  rsin,
} from './identifiers.js';
import { pageFields, pageOf, sortParam } from './lists.js';
import { cbsMunicipalityCode, happenedOn, isoDate, slug } from './reference.js';
import {
  decisions,
  notAcceptedReasons,
  signalSources,
  signalStages,
  subjectKinds,
  urgencies,
} from './vocabulary.js';

const uuid = z.uuid('Dit is geen geldige id.');
const text = (max: number, message = 'Vul dit in.') => z.string().trim().min(1, message).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

export const signalSource = z.enum(signalSources);
export type SignalSource = z.infer<typeof signalSource>;

export const urgency = z.enum(urgencies);
export type Urgency = (typeof urgencies)[number];
export const signalRoutes = ['quick', 'integral'] as const;
export type SignalRoute = (typeof signalRoutes)[number];

export const signalStage = z.enum(signalStages);
export type SignalStage = z.infer<typeof signalStage>;

export const decision = z.enum(decisions);
export type Decision = z.infer<typeof decision>;

export const dateOfBirth = isoDate.refine(
  (d) => d >= '1900-01-01' && d <= new Date().toISOString().slice(0, 10),
  {
    message: 'Deze geboortedatum kan niet kloppen.',
  },
);

/** The fields of a Dutch address, checked alike wherever one is recorded. */
const addressFields = {
  postcode,
  houseNumber,
  houseNumberAddition: optionalText(10),
  street: optionalText(200),
  town: optionalText(200),
};

/** Where a person lives or is registered, as the source recorded it. */
export const personAddress = z
  .strictObject(addressFields)
  .describe('The address the source recorded for the person (postcode and house number at least)');
export type PersonAddress = z.infer<typeof personAddress>;

export const personSubject = z.strictObject({
  kind: z.literal('person'),
  firstNames: text(200, 'Vul de voornamen in.'),
  prefix: optionalText(20).describe('Tussenvoegsel: van, de, van der …'),
  surname: text(200, 'Vul de achternaam in.'),
  dateOfBirth: dateOfBirth.optional(),
  bsn: bsn.optional(),
  address: personAddress.optional(),
});
export const companySubject = z.strictObject({
  kind: z.literal('company'),
  name: text(300, 'Vul de naam in.'),
  kvkNumber: kvkNumber.optional(),
  establishmentNumber: establishmentNumber.optional(),
  rsin: rsin.optional(),
});
export const addressSubject = z.strictObject({
  kind: z.literal('address'),
  ...addressFields,
});
export const accountSubject = z.strictObject({
  kind: z.literal('account'),
  iban,
  holder: optionalText(300),
});
export const vehicleSubject = z.strictObject({
  kind: z.literal('vehicle'),
  registration: registrationPlate,
});
export const subjectInput = z.discriminatedUnion('kind', [
  personSubject,
  companySubject,
  addressSubject,
  accountSubject,
  vehicleSubject,
]);
export type SubjectInput = z.infer<typeof subjectInput>;

const signalFields = {
  submittingOrganisationIds: z.array(uuid).min(1, 'Kies minstens één indienende organisatie.').max(10),
  source: signalSource,
  description: z.string().trim().min(20, 'Beschrijf het signaal in minstens twintig tekens.').max(20_000),
  municipalityCode: cbsMunicipalityCode,
  themeIds: z.array(uuid).min(1, 'Kies minstens één thema.').max(10),
  urgency,
  subjects: z.array(subjectInput).max(50, 'Hoogstens vijftig betrokkenen per signaal.'),
  receivedFromOrganisationId: uuid
    .optional()
    .describe(
      'The partner the signal came from (by phone or mail) when the RIEC registers it: recorded as its origin, not a submitter, so it does not see the signal as its own',
    ),
  collaborationId: uuid
    .optional()
    .describe(
      "The collaboration the signal belongs to (default: the region's RIEC covenant); fixed once submitted",
    ),
  happenedOn: happenedOn.describe(
    'The date the signal was received, when it is registered after the fact; today in the Netherlands when left out (only used on submission)',
  ),
};

/** A complete signal, as it must be to be submitted. */
export const signalInput = z.strictObject(signalFields);
export type SignalInput = z.infer<typeof signalInput>;

/** A draft: anything may still be missing, but what is there must be valid. */
export const signalDraftInput = z.strictObject({
  ...signalFields,
  description: z.string().trim().max(20_000).optional(),
  source: signalSource.optional(),
  municipalityCode: cbsMunicipalityCode.optional(),
  themeIds: z.array(uuid).max(10).optional(),
  urgency: urgency.optional(),
  submittingOrganisationIds: z.array(uuid).max(10).optional(),
  subjects: signalFields.subjects.optional(),
  receivedFromOrganisationId: uuid.optional(),
  happenedOn: signalFields.happenedOn,
});
export type SignalDraftInput = z.infer<typeof signalDraftInput>;

/**
 * A signal to submit, or a draft to save: told apart by `submit`, so that a signal submitted
 * incomplete is answered with each missing field by name, not with "invalid input".
 */
export const createSignalRequest = z.discriminatedUnion('submit', [
  signalInput.extend({ submit: z.literal(true) }),
  signalDraftInput.extend({ submit: z.literal(false) }),
]);

/** Subject data as stored (already normalised): the output shape, without input transforms. */
const opt = z.string().optional();
export const subjectData = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('person'),
    firstNames: z.string(),
    prefix: opt,
    surname: z.string(),
    dateOfBirth: opt,
    bsn: opt,
    address: z
      .object({
        postcode: z.string(),
        houseNumber: z.number(),
        houseNumberAddition: opt,
        street: opt,
        town: opt,
      })
      .optional(),
  }),
  z.object({
    kind: z.literal('company'),
    name: z.string(),
    kvkNumber: opt,
    establishmentNumber: opt,
    rsin: opt,
  }),
  z.object({
    kind: z.literal('address'),
    postcode: z.string(),
    houseNumber: z.number(),
    houseNumberAddition: opt,
    street: opt,
    town: opt,
  }),
  z.object({ kind: z.literal('account'), iban: z.string(), holder: opt }),
  z.object({ kind: z.literal('vehicle'), registration: z.string() }),
]);

export const signalSubject = z.object({
  id: uuid,
  kind: z.enum(subjectKinds),
  label: z
    .string()
    .describe('How people recognise the subject: a name with date of birth, a company name, …'),
  data: subjectData,
});
export type SignalSubject = z.infer<typeof signalSubject>;

export const signalEventType = z.enum([
  'created',
  'received',
  'discussed',
  'substantiated',
  'triaged',
  'round-started',
  'round-closed',
  'decided',
]);
const recorder = z.object({
  userId: uuid.nullable(),
  name: z.string().nullable(),
  organisation: z.string().nullable(),
});
export const signalEvent = z.object({
  id: uuid,
  type: signalEventType,
  happenedOn: isoDate.describe('The date the step happened'),
  recordedAt: z.iso.datetime().describe('When the step was recorded'),
  recordedBy: recorder.describe('Who recorded the step'),
  at: z.iso.datetime().describe('Same as recordedAt (kept for existing clients)'),
  by: recorder.describe('Same as recordedBy (kept for existing clients)'),
  details: z.record(z.string(), z.unknown()),
});
export type SignalEvent = z.infer<typeof signalEvent>;

export const leadTimes = z.object({
  intakeToLoo: z
    .number()
    .nullable()
    .describe('Days from receipt to discussion in the LOO, by the dates they happened'),
  looToTriage: z.number().nullable(),
  triageToDecision: z.number().nullable(),
  intakeToDecision: z.number().nullable(),
});
export type LeadTimes = z.infer<typeof leadTimes>;

const namedRef = z.object({ id: uuid, name: z.string() });

export const signalSummary = z.object({
  id: uuid,
  reference: z.string(),
  stage: signalStage,
  decision: decision.nullable(),
  urgency,
  source: signalSource.nullable(),
  municipality: z.object({ code: z.string(), name: z.string() }).nullable(),
  district: z.object({ id: slug, name: z.string() }).nullable(),
  submittingOrganisations: z.array(namedRef),
  themes: z.array(namedRef),
  receivedAt: z.iso.datetime().nullable().describe('When the receipt was recorded'),
  receivedOn: isoDate.nullable().describe('The date the signal was received'),
  stageSince: z.iso.datetime(),
  subjectCount: z.number().int(),
});
export type SignalSummary = z.infer<typeof signalSummary>;

export const hitAnswer = z.enum(['hit', 'no-hit', 'cannot-check']);
export type HitAnswer = z.infer<typeof hitAnswer>;

export const roundView = z.object({
  id: uuid,
  createdAt: z.iso.datetime(),
  deadline: isoDate,
  closedAt: z.iso.datetime().nullable(),
  test: z
    .object({ necessity: z.string(), proportionality: z.string(), subsidiarity: z.string() })
    .nullable()
    .describe('The legal test; for the analyst and the DTO chair, who weighs it before deciding'),
  organisations: z
    .array(namedRef)
    .nullable()
    .describe('The partners asked; for the DTO chair and the analyst only (others see that a check runs)'),
  subjects: z
    .array(z.object({ id: uuid, label: z.string() }))
    .nullable()
    .describe('The subjects checked; for the DTO chair and the analyst only'),
  answers: z
    .array(
      z.object({ subjectId: uuid, organisationId: uuid, answer: hitAnswer, answeredAt: z.iso.datetime() }),
    )
    .nullable()
    .describe('The answer matrix; only for the analyst'),
  hitsPerSubject: z
    .array(z.object({ subjectId: uuid, hits: z.number().int(), answered: z.number().int() }))
    .nullable()
    .describe('How many partners had a hit: what the DTO chair sees (and the analyst)'),
  overdue: z
    .array(namedRef)
    .nullable()
    .describe('Addressed partners who have not answered everything past the deadline; for the analyst'),
});
export type RoundView = z.infer<typeof roundView>;

/**
 * What was written while weighing a signal, for those who weigh it (analysts, LOO/DTO chairs):
 * the LOO notes, the joint substantiation, the triage and its reason. The legal test of a round is
 * on the round. Others who may read the signal get null.
 */
export const signalWeighing = z.object({
  discussions: z.array(
    z.object({ happenedOn: isoDate, note: z.string().nullable(), meetingId: uuid.nullable() }),
  ),
  substantiation: z
    .object({ happenedOn: isoDate, note: z.string(), organisations: z.array(z.string()) })
    .nullable(),
  triage: z.object({ happenedOn: isoDate, route: z.enum(signalRoutes), reason: z.string() }).nullable(),
});
export type SignalWeighing = z.infer<typeof signalWeighing>;

/** The decision on a signal and its explanation: every reader of the signal sees it. */
export const signalOutcome = z.object({
  happenedOn: isoDate,
  decision,
  reason: z.enum(notAcceptedReasons).nullable(),
  note: z.string().nullable(),
  referredTo: namedRef.nullable(),
});
export type SignalOutcome = z.infer<typeof signalOutcome>;

export const signalDetail = signalSummary.extend({
  description: z.string().nullable(),
  subjects: z.array(signalSubject),
  events: z.array(signalEvent),
  rounds: z.array(roundView),
  leadTimes,
  route: z.enum(signalRoutes).nullable(),
  receivedFrom: namedRef
    .nullable()
    .describe('The partner the RIEC registered the signal for, when it came by phone or mail'),
  weighing: signalWeighing
    .nullable()
    .describe('The notes of the weighing; only for those who weigh signals (analysts, chairs)'),
  outcome: signalOutcome.nullable().describe('The decision and its explanation, once decided'),
  abilities: z.array(z.string()).describe('What the caller may do with this signal now'),
});
export type SignalDetail = z.infer<typeof signalDetail>;

export const signalParams = z.strictObject({ signalId: uuid });

/** What a list of signals can be narrowed to; the same filter selects what an export holds. */
const signalFilterFields = {
  stage: signalStage.optional(),
  open: z.stringbool().optional().describe('Only signals still open: received and not yet decided'),
  decision: decision.optional().describe('Only decided signals with this decision'),
  districtId: slug.optional(),
  municipalityCode: cbsMunicipalityCode.optional(),
  themeId: uuid.optional(),
  from: isoDate.optional().describe('Received on or after this date'),
  to: isoDate.optional().describe('Received on or before this date'),
  own: z.stringbool().optional().describe("Only signals the caller's organisation submitted"),
};
export const signalSortColumns = [
  'reference',
  'stage',
  'municipality',
  'urgency',
  'receivedOn',
  'stageSince',
] as const;
export type SignalSortColumn = (typeof signalSortColumns)[number];
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

export const signalExportQuery = z
  .strictObject({ ...signalFilterFields, sort: sortParam(signalSortColumns, '-stageSince') })
  .refine(periodInOrder, periodMessage);
export const signalListQuery = z
  .strictObject({
    ...signalFilterFields,
    sort: sortParam(signalSortColumns, '-stageSince'),
    ...pageFields,
  })
  .refine(periodInOrder, periodMessage);
export const signalPage = pageOf(signalSummary);
export type SignalPage = z.infer<typeof signalPage>;

/** A move of a signal to its next stage; each records the date it happened, and who recorded it when. */
export const signalTransition = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('discussed'),
    meetingId: uuid.optional(),
    note: optionalText(5000),
    happenedOn,
  }),
  z.strictObject({
    type: z.literal('substantiated'),
    note: text(20_000, 'Vul de gezamenlijke onderbouwing in.'),
    organisationIds: z.array(uuid).min(2, 'Een onderbouwing is van de gemeente en de politie samen.').max(10),
    happenedOn,
  }),
  z.strictObject({
    type: z.literal('triaged'),
    route: z.enum(signalRoutes),
    reason: text(5000, 'Geef de reden voor deze route.'),
    happenedOn,
  }),
  z.strictObject({
    type: z.literal('decided'),
    decision: z.enum(['accepted', 'referred', 'not-accepted']),
    referredToOrganisationId: uuid.optional(),
    reason: z.enum(notAcceptedReasons).optional(),
    note: optionalText(5000),
    happenedOn,
  }),
  z.strictObject({
    type: z.literal('withdrawn'),
    note: text(5000, 'Geef aan waarom het signaal wordt ingetrokken.'),
    happenedOn,
  }),
]);
export type SignalTransition = z.infer<typeof signalTransition>;

export const startRoundRequest = z.strictObject({
  necessity: text(5000, 'Vul de noodzaak in.'),
  proportionality: text(5000, 'Vul de proportionaliteit in.'),
  subsidiarity: text(5000, 'Vul de subsidiariteit in.'),
  subjectIds: z.array(uuid).min(1, 'Kies minstens één betrokkene.').max(50),
  organisationIds: z.array(uuid).min(1, 'Kies minstens één partner.').max(30),
  deadline: isoDate,
});
export const roundParams = z.strictObject({ roundId: uuid });

/** What an addressed partner sees: only what it needs to search its own systems. */
export const hitCheckRequest = z.object({
  roundId: uuid,
  deadline: isoDate,
  closed: z.boolean(),
  subjects: z.array(
    z.object({
      id: uuid,
      kind: z.enum(subjectKinds),
      search: z
        .record(z.string(), z.string())
        .describe('Name and date of birth, KvK number, address or IBAN'),
      answer: hitAnswer.nullable(),
    }),
  ),
});
export type HitCheckRequest = z.infer<typeof hitCheckRequest>;
export const answerRoundRequest = z.strictObject({
  answers: z
    .array(z.strictObject({ subjectId: uuid, answer: hitAnswer }))
    .min(1)
    .max(50),
});

/** Whose turn it is with an open signal, and what they do next. */
export const queueHolders = ['riec', 'municipality-and-police', 'partners', 'dto'] as const;
export const queueNextSteps = [
  'discuss',
  'substantiate',
  'triage',
  'start-round',
  'await-answers',
  'decide',
] as const;
export type QueueHolder = (typeof queueHolders)[number];
export type QueueNextStep = (typeof queueNextSteps)[number];

export const queueItem = signalSummary.extend({
  daysInStage: z.number(),
  daysOpen: z.number(),
  timeInStages: z.record(z.string(), z.number()).describe('Days spent in each stage so far'),
  summary: z
    .string()
    .nullable()
    .describe('The start of the description (about 100 characters), to recognise the signal by'),
  holder: z
    .enum(queueHolders)
    .describe(
      'Who holds the signal now: the RIEC (LOO, triage, a round), the municipality with the police (the joint note), the partners asked in an open round, or the DTO (the decision)',
    ),
  lastStepBy: z.string().nullable().describe('Who recorded the last step'),
  nextStep: z.enum(queueNextSteps),
});
export type QueueItem = z.infer<typeof queueItem>;

/**
 * The signals part of a start page ("Mijn werk"): each list is there for whoever holds the
 * permission it needs, null otherwise. References, places and stages only: no personal data.
 */
export const signalWork = z.object({
  drafts: z.array(signalSummary).nullable().describe("The organisation's drafts (signal.update)"),
  recent: z
    .array(signalSummary)
    .nullable()
    .describe("The organisation's own submitted signals, latest first, and what became of them"),
  stageCounts: z
    .array(z.object({ stage: signalStage, count: z.number().int() }))
    .nullable()
    .describe('Open signals per stage (signal.manage)'),
  awaitingDecision: z
    .array(signalSummary.extend({ waitingSince: isoDate }))
    .nullable()
    .describe('Weighed signals without an open round, waiting for the DTO (signal.decide)'),
  overdueRounds: z
    .array(
      z.object({
        signal: z.object({ id: uuid, reference: z.string() }),
        roundId: uuid,
        deadline: isoDate,
        missing: z.array(namedRef),
      }),
    )
    .nullable()
    .describe('Open rounds past their deadline, with the partners that have not answered (signal.manage)'),
});
export type SignalWork = z.infer<typeof signalWork>;

/** A partner's open hit/no-hit requests, counted: for a start page, without the data searched on. */
export const hitCheckRequestSummary = z.object({
  roundId: uuid,
  deadline: isoDate,
  subjects: z.number().int(),
  answered: z.number().int(),
});
export type HitCheckRequestSummary = z.infer<typeof hitCheckRequestSummary>;

export const leadTimeQuery = z.strictObject({
  from: isoDate.optional().describe('First month (by decision date), inclusive'),
  to: isoDate.optional(),
  districtId: slug.optional(),
});
export const leadTimeRow = z.object({
  districtId: slug,
  month: z.string().regex(/^\d{4}-\d{2}$/),
  decided: z.number().int(),
  segments: z.record(
    z.enum(['intakeToLoo', 'looToTriage', 'triageToDecision', 'intakeToDecision']),
    z.object({ median: z.number().nullable(), p90: z.number().nullable() }),
  ),
});

export const meetingKind = z.enum(['loo', 'dto']);
export type MeetingKind = z.infer<typeof meetingKind>;
export const createMeetingRequest = z.strictObject({
  kind: meetingKind,
  districtId: slug,
  municipalityCode: cbsMunicipalityCode
    .optional()
    .describe('For a local meeting (LOO): the municipality whose meeting it is, in the district'),
  date: isoDate,
  attendingOrganisationIds: z.array(uuid).min(1, 'Kies wie er aanwezig zijn.').max(60),
  signalIds: z.array(uuid).max(100).default([]),
});
export const meeting = z.object({
  id: uuid,
  kind: meetingKind,
  district: z.object({ id: slug, name: z.string() }),
  municipality: z.object({ code: z.string(), name: z.string() }).nullable(),
  date: isoDate,
  attendingOrganisations: z.array(namedRef),
  agenda: z.array(z.object({ signalId: uuid, reference: z.string(), outcome: z.string().nullable() })),
  priorities: z.array(z.object({ signalId: uuid, reference: z.string(), rank: z.number().int() })),
});
export type Meeting = z.infer<typeof meeting>;
export const meetingParams = z.strictObject({ meetingId: uuid });
export const meetingOutcomeRequest = z.strictObject({
  signalId: uuid,
  outcome: text(5000, 'Vul de uitkomst in.'),
});
export const meetingPrioritiesRequest = z.strictObject({
  signalIds: z.array(uuid).max(100).describe('In order of priority, highest first'),
});
export const meetingListQuery = z.strictObject({
  districtId: slug.optional(),
  kind: meetingKind.optional(),
  from: isoDate.optional().describe('Meetings on or after this date (the next ones: today)'),
});

export type StartRoundRequest = z.infer<typeof startRoundRequest>;
export type AnswerRoundRequest = z.infer<typeof answerRoundRequest>;
export type CreateMeetingRequest = z.infer<typeof createMeetingRequest>;
export type MeetingListQuery = z.infer<typeof meetingListQuery>;
export type SignalListQuery = z.infer<typeof signalListQuery>;
export type SignalExportQuery = z.infer<typeof signalExportQuery>;
export type SignalFilter = Omit<SignalExportQuery, 'sort'>;
export type LeadTimeQuery = z.infer<typeof leadTimeQuery>;
export type LeadTimeRow = z.infer<typeof leadTimeRow>;
export type NotAcceptedReason = (typeof notAcceptedReasons)[number];
export type SubjectKind = (typeof subjectKinds)[number];
