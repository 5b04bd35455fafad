import { z } from 'zod';
import { bsn } from './identifiers.js';
import { isoDate } from './reference.js';
import { dateOfBirth } from './signals.js';

/**
 * Data-subject requests (AVG articles 15–21): one contact point per region registers a request
 * with the identity check done, Samenspel finds everything about the person across the
 * partners' records, each partner decides for its own data (a legal ground for every refusal
 * or restriction), and the answer goes out as one package.
 */
const uuid = z.uuid('Dit is geen geldige id.');
const text = (max: number, message: string) =>
  z.string().trim().min(1, message).max(max, `Schrijf dit in hoogstens ${max} tekens.`);

export const dsrKinds = ['access', 'rectification', 'erasure', 'restriction', 'objection'] as const;
export const dsrKind = z.enum(dsrKinds, 'Kies wat de betrokkene vraagt.');
export type DsrKind = z.infer<typeof dsrKind>;

/** How the contact point made sure the requester is who they say they are. */
export const identityChecks = ['id-document-desk', 'id-document-copy', 'digid', 'representative'] as const;
export const identityCheck = z.enum(identityChecks, 'Kies hoe de identiteit is vastgesteld.');

export const dsrStatuses = ['review', 'with-partners', 'ready', 'answered'] as const;
export type DsrStatus = (typeof dsrStatuses)[number];

/** Where the person was found; `log` is the processing log (who processed their data, when). */
export const dsrRecordKinds = ['signal', 'case', 'round', 'register', 'log'] as const;
export type DsrRecordKind = (typeof dsrRecordKinds)[number];

export const dsrDecisions = ['grant', 'restrict', 'refuse'] as const;
export const dsrDecision = z.enum(dsrDecisions, 'Kies het besluit.');
export type DsrDecision = z.infer<typeof dsrDecision>;

/**
 * The grounds on which a partner may refuse or restrict (AVG article 23 as the UAVG article 41
 * applies it, the rights of others, and the sector laws the police, the Public Prosecution
 * Service and the Tax Administration answer under).
 */
export const refusalGrounds = [
  'uavg-41-crime',
  'uavg-41-supervision',
  'uavg-41-others',
  'avg-15-4',
  'wpg',
  'wjsg',
  'awr-67',
] as const;
export const refusalGround = z.enum(refusalGrounds, 'Kies de wettelijke grond.');
export type RefusalGround = z.infer<typeof refusalGround>;

export const dsrRegistration = z.strictObject({
  kind: dsrKind,
  receivedOn: isoDate.describe('The day the request was received: the statutory month runs from it'),
  person: z.strictObject({
    surname: text(200, 'Vul de achternaam in.'),
    firstNames: z.string().trim().max(200).optional(),
    dateOfBirth,
    bsn: bsn.optional(),
  }),
  contact: text(500, 'Vul in hoe de betrokkene het antwoord ontvangt.'),
  identityCheck,
  identityCheckedOn: isoDate,
  details: z.string().trim().max(4000, 'Schrijf dit in hoogstens 4000 tekens.').optional(),
});
export type DsrRegistration = z.infer<typeof dsrRegistration>;

export const dsrSummary = z.object({
  id: uuid,
  reference: z.string(),
  kind: dsrKind,
  status: z.enum(dsrStatuses),
  person: z.string().describe("The person's name as the request gives it"),
  receivedOn: isoDate,
  deadline: isoDate.describe('One month after receipt, or three when extended with notice'),
  extended: z.boolean(),
  answeredOn: isoDate.nullable(),
  tasks: z.object({ total: z.number().int(), decided: z.number().int() }),
});
export type DsrSummary = z.infer<typeof dsrSummary>;
export const dsrList = z.object({ items: z.array(dsrSummary) });

export const dsrMatch = z.object({
  id: uuid,
  recordKind: z.enum(dsrRecordKinds),
  label: z.string().describe("The record's number, or the processing activity for the log"),
  organisation: z.string().describe('The partner that holds the data'),
  organisationId: uuid,
  matchedBy: z.enum(['bsn', 'name-and-birth']),
  /** As the record has the person: the name and date of birth it holds, and in what role. */
  found: z.string(),
  review: z.enum(['pending', 'confirmed', 'rejected']),
  decision: dsrDecision.nullable(),
  ground: refusalGround.nullable(),
  explanation: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type DsrMatch = z.infer<typeof dsrMatch>;

export const dsrTask = z.object({
  id: uuid,
  organisation: z.string(),
  organisationId: uuid,
  owner: z.string().nullable(),
  ownerId: uuid.nullable(),
  dueOn: isoDate,
  matches: z.number().int(),
  decided: z.number().int(),
  /** Who at the partner may own the task (for the contact point choosing one). */
  candidates: z.array(z.object({ id: uuid, name: z.string() })),
});
export type DsrTask = z.infer<typeof dsrTask>;

export const dsrDetail = dsrSummary.extend({
  surname: z.string(),
  firstNames: z.string().nullable(),
  dateOfBirth: isoDate,
  bsn: z.string().nullable(),
  contact: z.string(),
  identityCheck,
  identityCheckedOn: isoDate,
  details: z.string().nullable(),
  extension: z.object({ noticeOn: isoDate, reason: z.string() }).nullable(),
  registeredBy: z.string().nullable(),
  registeredAt: z.string(),
  matches: z.array(dsrMatch),
  tasks: z.array(dsrTask),
});
export type DsrDetail = z.infer<typeof dsrDetail>;

export const dsrParams = z.strictObject({ requestId: uuid });
export const dsrMatchParams = z.strictObject({ requestId: uuid, matchId: uuid });
export const dsrTaskParams = z.strictObject({ taskId: uuid });
export const dsrTaskMatchParams = z.strictObject({ taskId: uuid, matchId: uuid });
export const dsrReview = z.strictObject({
  confirmed: z.boolean('Zeg of dit dezelfde persoon is.'),
});
export const dsrOwners = z.strictObject({
  owners: z
    .array(z.strictObject({ taskId: uuid, ownerId: uuid }))
    .min(1, 'Kies voor minstens één partner wie het besluit neemt.'),
});
export const dsrExtension = z.strictObject({
  noticeOn: isoDate.describe('The day the person was told of the extension and why'),
  reason: text(1000, 'Schrijf op waarom er meer tijd nodig is.'),
});
export const dsrDecisionRequest = z
  .strictObject({
    decision: dsrDecision,
    ground: refusalGround.optional(),
    explanation: z.string().trim().max(2000, 'Schrijf dit in hoogstens 2000 tekens.').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision !== 'grant' && !v.ground)
      ctx.addIssue({
        code: 'custom',
        path: ['ground'],
        message: 'Een weigering of beperking heeft een wettelijke grond nodig.',
      });
    if (v.decision !== 'grant' && !v.explanation)
      ctx.addIssue({
        code: 'custom',
        path: ['explanation'],
        message: 'Licht toe wat er wordt geweigerd of beperkt en waarom.',
      });
  });
export type DsrDecisionRequest = z.infer<typeof dsrDecisionRequest>;

/** A partner's task as its owner sees it: the request's kind and clock, and its own matches. */
export const dsrTaskDetail = z.object({
  id: uuid,
  requestReference: z.string(),
  kind: dsrKind,
  person: z.string(),
  dateOfBirth: isoDate,
  details: z.string().nullable(),
  organisation: z.string(),
  dueOn: isoDate,
  matches: z.array(dsrMatch),
});
export type DsrTaskDetail = z.infer<typeof dsrTaskDetail>;
export const dsrTaskList = z.object({
  items: z.array(
    z.object({
      id: uuid,
      requestReference: z.string(),
      kind: dsrKind,
      organisation: z.string(),
      dueOn: isoDate,
      matches: z.number().int(),
      decided: z.number().int(),
    }),
  ),
});

/** The answer to the person: what may be given, and the grounds for what may not. */
export const dsrAnswer = z.object({
  reference: z.string(),
  kind: dsrKind,
  person: z.object({ name: z.string(), dateOfBirth: isoDate }),
  receivedOn: isoDate,
  answeredOn: isoDate,
  controllers: z.array(z.string()).describe('The partners that hold data about the person'),
  provided: z.array(
    z.object({
      organisation: z.string(),
      record: z.string(),
      recordKind: z.enum(dsrRecordKinds),
      data: z.string(),
      restricted: z.boolean(),
      explanation: z.string().nullable(),
      ground: z.string().nullable(),
    }),
  ),
  refused: z.array(z.object({ organisation: z.string(), ground: z.string(), explanation: z.string() })),
});
export type DsrAnswer = z.infer<typeof dsrAnswer>;
