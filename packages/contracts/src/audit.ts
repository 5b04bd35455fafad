import { z } from 'zod';
import { isoDate } from './reference.js';

export * from './audit-labels.js';

/** An entry of the register of processing activities (AVG art. 30), kept as versioned data. */
export const processingActivity = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  purpose: z.string(),
  legalBasis: z.string(),
  dataSubjectCategories: z.array(z.string()),
  personalDataCategories: z.array(z.string()),
  retention: z.string(),
  /** Who receives the data, by category; empty in versions before they were recorded. */
  recipients: z.array(z.string()).default([]),
  /** The collaboration the processing belongs to (the covenant, a collaboration within it). */
  collaboration: z.string().nullable().default(null),
  validFrom: isoDate,
});
export type ProcessingActivity = z.infer<typeof processingActivity>;
export const processingActivityParams = z.strictObject({
  activityId: z.string().regex(/^samenspel\.[a-z-]+$/),
});
export const processingActivityVersions = z.object({
  id: z.string(),
  versions: z.array(processingActivity).describe('Every version, oldest first; the last is in force'),
});

/**
 * Who provides information to whom under which legal basis, counted from the provisions
 * recorded in cases (the provider to each other partner taking part in the case): counts only.
 */
export const sharingMatrix = z.object({
  year: z.number().int().nullable(),
  organisations: z.array(z.object({ id: z.string(), name: z.string() })),
  cells: z.array(
    z.object({
      from: z.string().describe('The providing organisation'),
      to: z.string().describe('The receiving organisation'),
      basis: z.string().describe('The legal basis the provisions rest on'),
      provisions: z.number().int(),
      cases: z.number().int(),
    }),
  ),
});
export type SharingMatrix = z.infer<typeof sharingMatrix>;
export const sharingMatrixQuery = z.strictObject({
  year: z.coerce
    .number()
    .int()
    .min(2000, 'Kies een jaar vanaf 2000.')
    .max(2100, 'Kies een geldig jaar.')
    .optional(),
});

/** Kinds of data subject whose pseudonym a processing record carries. */
export const dataSubjectTypes = ['employee', 'person', 'company'] as const;
export const dataSubjectType = z.enum(dataSubjectTypes);
export type DataSubjectType = z.infer<typeof dataSubjectType>;

export const actionResults = ['success', 'denied', 'invalid', 'failed'] as const;
export const actionResult = z.enum(actionResults);
export type ActionResult = z.infer<typeof actionResult>;

/** A processing record with the user action of its trace beside it, as the log viewer shows it. */
export const auditEntry = z.object({
  sequence: z.number().int(),
  traceId: z.string(),
  spanId: z.string(),
  parentSpanId: z.string().nullable(),
  name: z.string(),
  status: z.enum(['ok', 'error']),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime(),
  processingActivity: z.object({ id: z.string(), version: z.number().int(), name: z.string() }),
  label: z.string().describe('The processing in Dutch ("Signaal ingezien")'),
  dataSubject: z.object({ type: dataSubjectType, pseudonym: z.string() }).nullable(),
  record: z
    .object({
      type: z.enum(['signal', 'case', 'subject', 'round', 'meeting', 'location', 'inspection']),
      id: z.uuid(),
      label: z
        .string()
        .nullable()
        .describe('The signal reference or the case code name with its reference; null for other records'),
    })
    .nullable()
    .describe('The record the processing concerned, when it concerned one'),
  action: z
    .object({
      action: z.string(),
      label: z.string().describe('The action in Dutch'),
      result: actionResult,
      actorType: z.enum(['user', 'api-token', 'anonymous']),
      userId: z.uuid().nullable(),
      userName: z.string().nullable(),
      apiTokenId: z.uuid().nullable(),
      organisation: z.object({ id: z.uuid(), name: z.string() }).nullable(),
      roles: z.array(z.string()),
      purpose: z.string().nullable(),
      clientAddress: z.string().nullable(),
      userAgent: z.string().nullable(),
    })
    .nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

const pseudonym = z.string().regex(/^[0-9a-f]{64}$/, 'Dit is geen geldig pseudoniem.');

/**
 * What asks the privacy officer's attention in the user-action log of the last days: refusals
 * and exports, counted per action. Counts only, no one's data.
 */
export const auditAttention = z.object({
  since: isoDate.describe('The first day counted'),
  refused: z.array(z.object({ action: z.string(), label: z.string(), count: z.number().int() })),
  exports: z.array(z.object({ action: z.string(), label: z.string(), count: z.number().int() })),
});
export type AuditAttention = z.infer<typeof auditAttention>;

export const auditQuery = z.strictObject({
  userId: z.uuid('Dit is geen geldige id.').optional(),
  organisationId: z.uuid('Dit is geen geldige id.').optional(),
  subject: z
    .union([pseudonym, z.array(pseudonym).max(10)])
    .optional()
    .describe('Pseudonym(s) of a data subject, from POST /audit/subject-pseudonyms'),
  activity: z.string().max(100).optional(),
  from: isoDate.optional().describe('First day, inclusive'),
  to: isoDate.optional().describe('Last day, inclusive'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(1).optional().describe('Page on: entries before this sequence'),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditPage = z.object({
  items: z.array(auditEntry),
  nextBefore: z.number().int().nullable(),
});

/**
 * The identifiers of a data subject, pseudonymised the same way the log does; the plain values
 * travel only in this request's body, never in a URL or a log.
 */
export const subjectPseudonymRequest = z
  .strictObject({
    email: z.email('Vul een geldig e-mailadres in.').optional(),
    bsn: z
      .string()
      .regex(/^\d{9}$/, 'Een BSN heeft negen cijfers.')
      .optional(),
    kvkNumber: z
      .string()
      .regex(/^\d{8}$/, 'Een KvK-nummer heeft acht cijfers.')
      .optional(),
    surname: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe(
        "With dateOfBirth: the person as logged without a BSN, and every person of the caller's region's register with this name and date of birth (under each identifier their records were logged by)",
      ),
    firstNames: z
      .string()
      .trim()
      .max(200)
      .optional()
      .describe(
        'With surname and dateOfBirth: narrows the register persons to these first names or initials',
      ),
    dateOfBirth: isoDate.optional(),
    companyName: z
      .string()
      .trim()
      .min(1)
      .max(300)
      .optional()
      .describe('A company without a known KvK number'),
  })
  .refine((v) => v.email || v.bsn || v.kvkNumber || (v.surname && v.dateOfBirth) || v.companyName, {
    message: 'Vul minstens één kenmerk in (bij een naam ook de geboortedatum).',
  });
export type SubjectPseudonymRequest = z.infer<typeof subjectPseudonymRequest>;
export const subjectPseudonyms = z.object({
  pseudonyms: z.array(pseudonym),
  registerPersons: z
    .number()
    .int()
    .describe(
      'How many persons of the register the name and date of birth found (never who): more than one means the BSN tells them apart',
    ),
});

export const auditVerification = z.object({
  chain: z.enum(['processing', 'user-action']),
  records: z.number().int(),
  firstBroken: z.number().int().nullable(),
});
