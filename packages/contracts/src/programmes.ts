import { z } from 'zod';
import { cbsMunicipalityCode, isoDate, slug } from './reference.js';

/**
 * Programmes: a region's programmes and district action plans per year, their goals ("Beoogd")
 * and results ("Gerealiseerd"), computed from the record by a named indicator or recorded by
 * hand with a source; and the activity register. Figures only: no goal, programme or activity
 * page names a person, and a case only to a reader who may open it.
 */

const uuid = z.uuid('Dit is geen geldige id.');
const text = (max: number, message = 'Vul dit in.') => z.string().trim().min(1, message).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || undefined);
const namedRef = z.object({ id: z.string(), name: z.string() });

export const programmeKinds = ['programme', 'district'] as const;
export type ProgrammeKind = (typeof programmeKinds)[number];
export const goalScopeKinds = ['region', 'district', 'base-team', 'municipality'] as const;
export type GoalScopeKind = (typeof goalScopeKinds)[number];
export const targetKinds = ['number', 'range', 'qualitative'] as const;
export type TargetKind = (typeof targetKinds)[number];
export const goalResultKinds = ['computed', 'recorded'] as const;
export type GoalResultKind = (typeof goalResultKinds)[number];
export const goalStatuses = ['reached', 'not-reached', 'above-range', 'qualitative', 'no-result'] as const;
export type GoalStatus = (typeof goalStatuses)[number];

/**
 * The indicators a goal's result can be computed with. Each is defined in docs/programmes.md
 * and tested on small histories; `option` names the kind an indicator counts, where it has one.
 */
export const indicatorIds = [
  'cases.handled',
  'cases.new',
  'cases.closed',
  'loo.held',
  'loo.structural',
  'loo.building',
  'inspections.held',
  'inspections.integral',
  'inspections.other',
  'locations.flagged',
  'locations.looked-into',
  'locations.addressed',
  'maps.opportunity',
  'maps.risk',
  'fiu.signals',
  'fiu.criminal',
  'fiu.cases',
  'fiu.fiscal',
  'advices.given',
  'interventions.carried-out',
  'confiscation.imposed',
  'confiscation.collected',
  'activities.count',
  'activities.municipalities',
  'activities.participants',
  'activities.participants-average',
  'activities.pupils',
  'activities.dossiers',
  'activities.reach',
] as const;
export type IndicatorId = (typeof indicatorIds)[number];
export const indicatorOptionKinds = ['none', 'intervention-kind', 'activity-kind'] as const;

export const indicatorRef = z.strictObject({
  indicator: z.enum(indicatorIds, 'Kies een indicator.'),
  option: z
    .string()
    .trim()
    .max(60)
    .nullish()
    .transform((v) => v || null)
    .describe('The kind it counts: an advice or intervention kind, or an activity kind'),
});
export type IndicatorRef = z.infer<typeof indicatorRef>;

export const indicatorDefinition = z.object({
  id: z.enum(indicatorIds),
  name: z.string(),
  definition: z.string().describe('How it is computed, in Dutch; the same text as docs/programmes.md'),
  unit: z.enum(['count', 'euro']),
  option: z.enum(indicatorOptionKinds),
});
export type IndicatorDefinition = z.infer<typeof indicatorDefinition>;

export const programmeScope = z.object({
  kind: z.enum(goalScopeKinds),
  district: namedRef.nullable(),
  baseTeam: namedRef.nullable(),
  municipality: z.object({ code: z.string(), name: z.string() }).nullable(),
  label: z.string().describe('"Regio Midden-Nederland", "District Flevoland", "Gemeente Almere", …'),
});

export const goalTarget = z.object({
  kind: z.enum(targetKinds),
  minimum: z.number().nullable(),
  maximum: z.number().nullable(),
  text: z.string().nullable(),
  label: z.string().describe('As the plan prints it: "20", "12–15", or the aim in words'),
});

export const computedFigure = z.object({
  indicator: z.enum(indicatorIds),
  option: z.string().nullable(),
  name: z.string(),
  value: z.number(),
  unit: z.enum(['count', 'euro']),
});
export type ComputedFigure = z.infer<typeof computedFigure>;

export const recordedResult = z.object({
  id: uuid,
  value: z.number().nullable(),
  text: z.string().nullable(),
  source: z.string(),
  recordedOn: isoDate,
  recordedAt: z.iso.datetime(),
  recordedBy: z.string().nullable(),
});
export type RecordedResult = z.infer<typeof recordedResult>;

export const programmeGoal = z.object({
  id: uuid,
  position: z.number().int(),
  text: z.string(),
  scope: programmeScope,
  period: z.object({ from: isoDate, to: isoDate }),
  target: goalTarget,
  resultKind: z.enum(goalResultKinds),
  /** Computed goals: the first figure is compared with the target, the others shown with it. */
  figures: z.array(computedFigure),
  /** Recorded goals: the results recorded by hand, newest first; the first is the result. */
  recorded: z.array(recordedResult),
  status: z.enum(goalStatuses),
  resultLabel: z.string().describe('The result as the plan prints it: "17, waarvan 7 nieuw en 6 afgesloten"'),
});
export type ProgrammeGoal = z.infer<typeof programmeGoal>;

export const programmeSummary = z.object({
  id: uuid,
  year: z.number().int(),
  kind: z.enum(programmeKinds),
  district: namedRef.nullable(),
  name: z.string(),
  description: z.string().nullable(),
  goals: z.number().int(),
  reached: z.number().int(),
});
export type ProgrammeSummary = z.infer<typeof programmeSummary>;

export const programme = programmeSummary.extend({ items: z.array(programmeGoal) });
export type Programme = z.infer<typeof programme>;

export const programmeListQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  districtId: slug.optional(),
});
export const programmeParams = z.strictObject({ programmeId: uuid });
export const goalParams = z.strictObject({ programmeId: uuid, goalId: uuid });

export const createProgrammeRequest = z.strictObject({
  year: z.number('Vul een jaar in.').int().min(2000, 'Kies een jaar vanaf 2000.').max(2100),
  kind: z.enum(programmeKinds, 'Kies programma of districtsplan.'),
  districtId: slug.optional().describe('For a district action plan'),
  name: text(200, 'Geef het programma een naam.'),
  description: optionalText(4000),
});
export type CreateProgrammeRequest = z.infer<typeof createProgrammeRequest>;

export const programmeGoalRequest = z.strictObject({
  text: text(2000, 'Beschrijf het doel.'),
  scope: z.strictObject({
    kind: z.enum(goalScopeKinds, 'Kies waarvoor het doel geldt.'),
    districtId: slug.optional(),
    baseTeamId: slug.optional(),
    municipalityCode: cbsMunicipalityCode.optional(),
  }),
  period: z.strictObject({ from: isoDate, to: isoDate }).optional().describe("Default: the programme's year"),
  target: z.strictObject({
    kind: z.enum(targetKinds, 'Kies een getal, een bandbreedte of een kwalitatief doel.'),
    minimum: z.number('Vul een getal in.').min(0, 'Vul een getal van 0 of meer in.').optional(),
    maximum: z.number('Vul een getal in.').min(0, 'Vul een getal van 0 of meer in.').optional(),
    text: optionalText(2000),
  }),
  result: z.discriminatedUnion(
    'kind',
    [
      z.strictObject({
        kind: z.literal('computed'),
        indicators: z.array(indicatorRef).min(1, 'Kies ten minste één indicator.').max(8),
      }),
      z.strictObject({ kind: z.literal('recorded') }),
    ],
    'Kies of het resultaat berekend of met de hand vastgelegd wordt.',
  ),
});
export type ProgrammeGoalRequest = z.infer<typeof programmeGoalRequest>;

export const recordResultRequest = z.strictObject({
  value: z.number('Vul een getal in.').min(0, 'Vul een getal van 0 of meer in.').optional(),
  text: optionalText(4000),
  source: text(1000, 'Vermeld de bron van dit resultaat.'),
  recordedOn: isoDate.describe('The date the result describes (not in the future)'),
});
export type RecordResultRequest = z.infer<typeof recordResultRequest>;

// ---- activities ----

/** Samenspel's own kinds of activity; a region adds its own (activity_kinds). */
export const defaultActivityKinds = [
  { code: 'bibob-support', name: 'Bibob-ondersteuning' },
  { code: 'tov-support', name: 'Ondersteuning Team Operationele Versterking (TOV)' },
  { code: 'legal-support', name: 'Juridische ondersteuning' },
  { code: 'training', name: 'Training' },
  { code: 'webinar', name: 'Webinar' },
  { code: 'q-college', name: 'Q-college' },
  { code: 'school-programme', name: 'Schoolprogramma' },
  { code: 'campaign', name: 'Campagne' },
  { code: 'learning-circle', name: 'Leerkring' },
  { code: 'information-request', name: 'Informatieverzoek' },
  { code: 'fiu-information', name: 'Aanvullende FIU-informatie verstrekt' },
] as const;

export const activityKind = z.object({ code: z.string(), name: z.string(), own: z.boolean() });
export type ActivityKind = z.infer<typeof activityKind>;
export const createActivityKindRequest = z.strictObject({
  code: slug.max(40),
  name: text(120, 'Geef de soort een naam.'),
});

const count = z
  .number('Vul een aantal in.')
  .int('Vul een heel aantal in.')
  .min(0, 'Vul een aantal van 0 of meer in.')
  .max(10_000_000)
  .optional();

export const createActivityRequest = z.strictObject({
  kind: z.string('Kies een soort activiteit.').trim().min(1, 'Kies een soort activiteit.').max(40),
  title: text(300, 'Geef de activiteit een titel.'),
  heldOn: isoDate,
  municipalityCode: cbsMunicipalityCode.optional(),
  partnerId: uuid.optional(),
  participants: count,
  pupils: count,
  dossiers: count,
  reach: count,
  caseId: uuid.optional(),
  programmeId: uuid.optional(),
  note: optionalText(2000),
});
export type CreateActivityRequest = z.infer<typeof createActivityRequest>;

export const activity = z.object({
  id: uuid,
  kind: z.object({ code: z.string(), name: z.string() }),
  title: z.string(),
  heldOn: isoDate,
  municipality: z.object({ code: z.string(), name: z.string() }).nullable(),
  district: namedRef.nullable(),
  partner: namedRef.nullable(),
  participants: z.number().int().nullable(),
  pupils: z.number().int().nullable(),
  dossiers: z.number().int().nullable(),
  reach: z.number().int().nullable(),
  case: z
    .object({ id: uuid, reference: z.string() })
    .nullable()
    .describe('Only for a reader who may open the case'),
  programme: namedRef.nullable(),
  note: z.string().nullable(),
  recordedBy: namedRef.describe('The organisation that recorded it'),
  recordedAt: z.iso.datetime(),
});
export type Activity = z.infer<typeof activity>;

export const activityListQuery = z.strictObject({
  kind: z.string().max(40).optional(),
  districtId: slug.optional(),
  municipalityCode: cbsMunicipalityCode.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  programmeId: uuid.optional(),
});
export type ActivityListQuery = z.infer<typeof activityListQuery>;

export const activityList = z.object({
  items: z.array(activity),
  totals: z.object({
    activities: z.number().int(),
    municipalities: z.number().int(),
    participants: z.number().int(),
    pupils: z.number().int(),
    dossiers: z.number().int(),
    reach: z.number().int(),
  }),
});
export type ActivityList = z.infer<typeof activityList>;

// ---- case progress for partners' constituencies ----

export const caseProgressQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100),
  districtId: slug.optional(),
});
const gated = z.number().int().nullable().describe('Null where the disclosure gate suppresses a small count');
export const caseProgress = z.object({
  year: z.number().int(),
  protected: z.boolean().describe('Whether the counts went through the disclosure gate (rounded to five)'),
  minimum: z.number().int(),
  districts: z.array(
    z.object({
      district: namedRef,
      handled: gated,
      new: gated,
      closed: gated,
      byPhase: z.array(z.object({ phase: z.string(), count: gated })),
      interventions: z.array(z.object({ kind: z.string(), count: gated })),
      results: z.array(z.object({ kind: z.string(), count: gated })),
      leadTime: z.object({
        signalToDecisionMedianDays: z.number().nullable(),
        startToFirstInterventionMedianDays: z.number().nullable(),
        count: gated,
      }),
    }),
  ),
});
export type CaseProgress = z.infer<typeof caseProgress>;
