import { z } from 'zod';

const uuid = z.uuid('Dit is geen geldige id.');
const text = (max: number, message = 'Vul dit in.') => z.string().trim().min(1, message).max(max);
const namedRef = z.object({ id: uuid, name: z.string() });

/** What kind of samenwerkingsverband: the RIEC covenant of a region, a signal table, another. */
export const collaborationKinds = ['covenant', 'signal-table', 'other'] as const;
export const collaborationKind = z.enum(collaborationKinds, 'Kies een soort samenwerkingsverband.');
export type CollaborationKind = z.infer<typeof collaborationKind>;

/** A member's part: the coordinator (the RIEC bureau), a partner, or an observer who only reads reports. */
export const memberRoles = ['coordinator', 'partner', 'observer'] as const;
export const memberRole = z.enum(memberRoles, 'Kies de rol van de partner.');
export type MemberRole = z.infer<typeof memberRole>;

/** The kinds of record a retention term is set for (the privacy lifecycle enforces them). */
export const retentionRecordKinds = [
  'signal-not-accepted',
  'signal-referred',
  'case-closed',
  'hitcheck-round',
  'suggestion-rejected',
  'attachment',
  'import-errors',
  'processing-log',
] as const;
export const retentionRecordKind = z.enum(retentionRecordKinds);
export type RetentionRecordKind = z.infer<typeof retentionRecordKind>;
export const retentionStarts = ['decision', 'closure', 'last-activity', 'creation'] as const;
export const retentionStart = z.enum(retentionStarts, 'Kies waarvandaan de termijn loopt.');
export type RetentionStart = z.infer<typeof retentionStart>;

export const collaborationSummary = z.object({
  id: uuid,
  kind: collaborationKind,
  name: z.string(),
  members: z.number().int(),
});
export type CollaborationSummary = z.infer<typeof collaborationSummary>;

export const collaborationDetail = z.object({
  id: uuid,
  kind: collaborationKind,
  name: z.string(),
  members: z.array(
    z.object({
      organisation: namedRef,
      role: memberRole,
      joinedOn: z.iso.date(),
      leftOn: z.iso.date().nullable(),
    }),
  ),
  purposes: z.array(z.object({ id: uuid, code: z.string(), description: z.string() })),
  legalBases: z.array(z.object({ id: uuid, code: z.string(), name: z.string() })),
  retentionTerms: z.array(
    z.object({ recordKind: retentionRecordKind, runsFrom: retentionStart, months: z.number().int() }),
  ),
  disclosureMinimum: z
    .number()
    .int()
    .describe(
      'The fewest records a published cell or row of a map or aggregate may stand for (k, at least 5)',
    ),
  /** Organisations of the region that are not (or no longer) members: the choice when adding one. */
  candidates: z.array(namedRef),
});
export type CollaborationDetail = z.infer<typeof collaborationDetail>;

export const collaborationParams = z.strictObject({ collaborationId: uuid });
export const memberParams = z.strictObject({ collaborationId: uuid, organisationId: uuid });
export const purposeParams = z.strictObject({ collaborationId: uuid, purposeId: uuid });
export const legalBasisParams = z.strictObject({ collaborationId: uuid, legalBasisId: uuid });
export const retentionParams = z.strictObject({ collaborationId: uuid, recordKind: retentionRecordKind });

const code = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,39}$/,
    'Een code bestaat uit kleine letters, cijfers en streepjes (hoogstens 40).',
  );

export const collaborationRequest = z.strictObject({
  kind: collaborationKind,
  name: text(200, 'Geef het samenwerkingsverband een naam.'),
});
export const memberRequest = z.strictObject({ role: memberRole });
export const purposeRequest = z.strictObject({
  code,
  description: text(2000, 'Beschrijf het doel.'),
});
export const purposeChange = z.strictObject({ description: text(2000, 'Beschrijf het doel.') });
export const legalBasisRequest = z.strictObject({
  code,
  name: text(300, 'Geef de grondslag een naam.'),
});
export const legalBasisChange = z.strictObject({ name: text(300, 'Geef de grondslag een naam.') });
export const retentionRequest = z.strictObject({
  runsFrom: retentionStart,
  months: z
    .number('Geef de termijn in maanden.')
    .int('Geef een heel aantal maanden.')
    .min(1, 'Een termijn is minstens één maand.')
    .max(1200, 'Een termijn is hoogstens 100 jaar.'),
});

export const disclosureRequest = z.strictObject({
  minimum: z
    .number('Geef het kleinste aantal als een getal.')
    .int('Geef een heel aantal.')
    .min(5, 'Het kleinste aantal is minstens 5: minder maakt een kaart herleidbaar tot personen.')
    .max(100, 'Het kleinste aantal is hoogstens 100.'),
});
export type DisclosureRequest = z.infer<typeof disclosureRequest>;

export type CollaborationRequest = z.infer<typeof collaborationRequest>;
export type MemberRequest = z.infer<typeof memberRequest>;
export type PurposeRequest = z.infer<typeof purposeRequest>;
export type LegalBasisRequest = z.infer<typeof legalBasisRequest>;
export type RetentionRequest = z.infer<typeof retentionRequest>;
