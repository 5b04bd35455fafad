import { z } from 'zod';
import { retentionRecordKind } from './collaborations.js';
import { isoDate } from './reference.js';

/**
 * The privacy lifecycle: the runs of scheduled jobs, the draft destruction lists a daily run
 * writes, their approval by a second person, postponements with a reason, and legal holds.
 */
const uuid = z.uuid('Dit is geen geldige id.');
const reason = (message: string) =>
  z.string().trim().min(3, message).max(1000, 'Schrijf de reden in hoogstens 1000 tekens.');

export const jobNames = ['retention-draft', 'retention-destroy', 'log-rotate'] as const;
export const jobName = z.enum(jobNames);
export type JobName = z.infer<typeof jobName>;
export const jobRunStatuses = ['running', 'ok', 'partial', 'error'] as const;

export const jobRun = z.object({
  id: uuid,
  job: z.string(),
  period: z.string().describe('The period the run is for: a day, or the destruction list it executes'),
  status: z.enum(jobRunStatuses),
  attempts: z.number().int().describe('How often the run was started: more than one after a resume'),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  counts: z.record(z.string(), z.number().int()).describe('What the run did, zero counts included'),
  message: z.string().nullable(),
  traceId: z.string(),
});
export type JobRun = z.infer<typeof jobRun>;
export const jobRunList = z.object({ items: z.array(jobRun) });

export const holdGrounds = [
  'criminal-investigation',
  'court-case',
  'woo-request',
  'complaint',
  'other',
] as const;
export const holdGround = z.enum(holdGrounds, 'Kies de grond van de bewaarplicht.');
export type HoldGround = z.infer<typeof holdGround>;
export const holdRecordKinds = ['signal', 'case'] as const;

export const legalHold = z.object({
  id: uuid,
  recordKind: z.enum(holdRecordKinds),
  recordId: uuid,
  label: z.string().describe("The record's reference number"),
  ground: holdGround,
  reason: z.string(),
  placedBy: z.string().nullable(),
  placedAt: z.string(),
  liftedBy: z.string().nullable(),
  liftedAt: z.string().nullable(),
  liftReason: z.string().nullable(),
});
export type LegalHold = z.infer<typeof legalHold>;
export const legalHoldList = z.object({ items: z.array(legalHold) });

export const legalHoldRequest = z.strictObject({
  reference: z
    .string()
    .trim()
    .min(1, 'Vul het nummer van het signaal of de casus in.')
    .max(40, 'Dit is geen nummer van een signaal of casus.'),
  ground: holdGround,
  reason: reason('Schrijf op waarom de gegevens bewaard moeten blijven.'),
});
export type LegalHoldRequest = z.infer<typeof legalHoldRequest>;
export const liftHoldRequest = z.strictObject({
  reason: reason('Schrijf op waarom de bewaarplicht vervalt.'),
});
export const holdParams = z.strictObject({ holdId: uuid });

export const destructionItemStatuses = ['due', 'postponed', 'held', 'not-due', 'destroyed'] as const;
export const destructionItem = z.object({
  id: uuid,
  recordKind: retentionRecordKind,
  recordId: uuid,
  label: z.string(),
  organisation: z.string().nullable().describe('The partner the record came from'),
  dueOn: isoDate,
  status: z.enum(destructionItemStatuses),
  postponements: z.number().int().describe('How often this record was postponed before'),
  holds: z.number().int().describe('Legal holds in force on the record'),
  destroyedAt: z.string().nullable(),
});
export type DestructionItem = z.infer<typeof destructionItem>;

export const destructionListStatuses = ['draft', 'submitted', 'approved', 'executed', 'returned'] as const;
export type DestructionListStatus = (typeof destructionListStatuses)[number];
export const destructionListSummary = z.object({
  id: uuid,
  collaboration: z.string(),
  draftedOn: isoDate,
  status: z.enum(destructionListStatuses),
  counts: z.record(z.enum(destructionItemStatuses), z.number().int()),
  submittedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  executedAt: z.string().nullable(),
  returnedReason: z.string().nullable(),
});
export type DestructionListSummary = z.infer<typeof destructionListSummary>;
export const destructionListList = z.object({ items: z.array(destructionListSummary) });

export const destructionReceipt = z.object({
  organisation: z.string(),
  counts: z.record(z.string(), z.number().int()),
  issuedAt: z.string(),
});
export const destructionList = destructionListSummary.extend({
  items: z.array(destructionItem),
  receipts: z.array(destructionReceipt),
  /** What the signed-in person may do with the list now. */
  may: z.object({ submit: z.boolean(), approve: z.boolean(), postpone: z.boolean() }),
});
export type DestructionList = z.infer<typeof destructionList>;

export const listParams = z.strictObject({ listId: uuid });
export const itemParams = z.strictObject({ listId: uuid, itemId: uuid });
export const postponeRequest = z.strictObject({
  until: isoDate.describe('Until when destruction is postponed'),
  reason: reason('Schrijf op waarom de vernietiging wordt uitgesteld.'),
});
export const returnListRequest = z.strictObject({
  reason: reason('Schrijf op waarom de lijst wordt teruggestuurd.'),
});

/** Postponements per record, for the FG: the records postponed most often first. */
export const postponementStatistics = z.object({
  items: z.array(
    z.object({
      recordKind: retentionRecordKind,
      label: z.string(),
      postponements: z.number().int(),
      lastUntil: isoDate,
      lastReason: z.string(),
    }),
  ),
});
