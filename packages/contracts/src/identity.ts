import { z } from 'zod';
import { slug } from './reference.js';
import { roles, tokenPermissions } from './vocabulary.js';

export const role = z.enum(roles);
export type Role = z.infer<typeof role>;

/**
 * Every permission the server knows. The server decides with these (deny by default); the web
 * app receives the ones a user holds as abilities, only to hide what the user cannot do.
 */
export const permissions = [
  'reference.read',
  'user.read',
  'user.manage',
  'api-token.manage',
  'security-settings.manage',
  'audit.read',
  'audit.export',
  'processing-activity.read',
  'signal.create',
  'signal.read',
  'signal.update',
  'signal.manage',
  'signal.decide',
  'signal.withdraw',
  'signal.start-case',
  'signal.statistics',
  'hitcheck.answer',
  'meeting.manage',
  'case.create',
  'case.read',
  'case.manage',
  'case.contribute',
  'case.prioritise',
  'report.read',
  'target.manage',
  'analysis-product.read',
  'analysis-product.manage',
  'subject.read',
  'subject.manage',
  'collaboration.read',
  'collaboration.manage',
  'notification.read',
  'search.use',
  'location.create',
  'location.read',
  'location.manage',
  'location.figures',
  'location-project.manage',
  'inspection.create',
  'inspection.read',
  'inspection.manage',
  'address-register.manage',
  'map-layer.read',
  'map-layer.manage',
  'programme.read',
  'programme.manage',
  'activity.read',
  'activity.manage',
  'case-progress.read',
  'finance.read',
  'finance.manage',
  'annual-report.read',
  'annual-report.write',
  'annual-report.manage',
  'norm.read',
  'norm.manage',
  'scan.read',
  'scan.manage',
  'scan.run',
  'retention.read',
  'retention.manage',
  'retention.approve',
  'legal-hold.manage',
  'job.read',
  'dsr.manage',
  'dsr.decide',
] as const;
export const permission = z.enum(permissions);
export type Permission = z.infer<typeof permission>;

export const tokenPermission = z.enum(tokenPermissions);

const email = z
  .email('Vul een geldig e-mailadres in.')
  .max(254)
  .transform((value) => value.toLowerCase());
const uuid = z.uuid('Dit is geen geldige id.');

export const signInRequest = z.strictObject({
  email: z.string().trim().min(1, 'Vul uw e-mailadres in.').max(254),
  password: z.string().min(1, 'Vul uw wachtwoord in.').max(1024),
  code: z
    .string()
    .trim()
    .max(32)
    .optional()
    .describe('Six-digit code from the authenticator app, or a recovery code'),
});
export type SignInRequest = z.infer<typeof signInRequest>;

export const sessionState = z.enum(['active', 'second-factor-enrolment', 'password-change']);

export const organisationRef = z.object({ id: uuid, code: z.string(), name: z.string() });

export const me = z.object({
  user: z.object({ id: uuid, email: z.string(), displayName: z.string() }),
  region: z.object({ id: slug, name: z.string() }),
  organisation: organisationRef,
  roles: z.array(role),
  abilities: z.array(permission),
  session: z.object({
    state: sessionState,
    method: z.enum(['password', 'oidc']),
    expiresAt: z.iso.datetime(),
    csrfToken: z.string().describe('Send as X-CSRF-Token with every state-changing request'),
  }),
  secondFactor: z.object({ enrolled: z.boolean(), required: z.boolean() }),
});
export type Me = z.infer<typeof me>;

/**
 * What a new password must be. Administrators never type one (Samenspel generates the initial
 * password), so these are the only rules: NCSC's advice of length over composition, at least 12
 * characters, not the current one; the server also refuses one containing the e-mail address's
 * name or made of fewer than five different characters.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const newPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Kies een wachtwoord van minstens ${PASSWORD_MIN_LENGTH} tekens.`)
  .max(256, 'Kies een wachtwoord van hoogstens 256 tekens.');

export const changePasswordRequest = z
  .strictObject({
    currentPassword: z.string().min(1, 'Vul uw huidige wachtwoord in.').max(1024),
    newPassword,
    repeatPassword: z.string().max(256),
  })
  .superRefine((value, context) => {
    if (value.repeatPassword !== value.newPassword)
      context.addIssue({
        code: 'custom',
        path: ['repeatPassword'],
        message: 'Dit is niet hetzelfde als het nieuwe wachtwoord.',
      });
    if (value.newPassword && value.newPassword === value.currentPassword)
      context.addIssue({
        code: 'custom',
        path: ['newPassword'],
        message: 'Kies een ander wachtwoord dan uw huidige.',
      });
  });
export type ChangePasswordRequest = z.infer<typeof changePasswordRequest>;

export const passwordChanged = z.object({
  state: sessionState.describe('The new session: active, or still to enrol a second factor'),
  otherSessionsEnded: z.number().int().describe('Sessions on other devices that were ended'),
});

export const secondFactorEnrolment = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  qrCodeSvg: z.string().describe('The otpauth URI as an SVG QR code'),
});
export type SecondFactorEnrolment = z.infer<typeof secondFactorEnrolment>;

export const confirmSecondFactorRequest = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Vul de zes cijfers uit de authenticator-app in.'),
});
export const recoveryCodes = z.object({
  recoveryCodes: z.array(z.string()).describe('Shown once; each works once instead of a code'),
});

export const userSummary = z.object({
  id: uuid,
  email: z.string(),
  displayName: z.string(),
  organisation: organisationRef,
  roles: z.array(role),
  active: z.boolean(),
  secondFactorEnrolled: z.boolean(),
  singleSignOn: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type UserSummary = z.infer<typeof userSummary>;

const displayName = z.string().trim().min(2, 'Vul een naam in.').max(200);
const roleList = z.array(role).min(1, 'Kies minstens één rol.').max(roles.length);

export const createUserRequest = z.strictObject({
  email,
  displayName,
  organisationId: uuid,
  roles: roleList,
});
export type CreateUserRequest = z.infer<typeof createUserRequest>;
export const createdUser = z.object({
  user: userSummary,
  initialPassword: z.string().describe('Shown once; the user signs in with it and enrols a second factor'),
});

export const updateUserRequest = z
  .strictObject({ displayName: displayName.optional(), roles: roleList.optional() })
  .refine((value) => value.displayName !== undefined || value.roles !== undefined, {
    message: 'Geef een naam of rollen om te wijzigen.',
  });
export type UpdateUserRequest = z.infer<typeof updateUserRequest>;

export const userParams = z.strictObject({ userId: uuid });
export const userListQuery = z.strictObject({
  organisationId: uuid.optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const apiToken = z.object({
  id: uuid,
  name: z.string(),
  organisation: organisationRef,
  permissions: z.array(permission),
  prefix: z.string().describe('First characters of the token, to recognise it'),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
});
export type ApiToken = z.infer<typeof apiToken>;
export const createApiTokenRequest = z.strictObject({
  name: z.string().trim().min(2, 'Geef het token een naam.').max(100),
  organisationId: uuid,
  permissions: z.array(tokenPermission).min(1, 'Kies minstens één recht.'),
  expiresAt: z.iso
    .datetime({ offset: true, message: 'Geef een datum en tijd in ISO 8601.' })
    .describe('At most one year ahead'),
});
export const createdApiToken = z.object({
  apiToken,
  token: z.string().describe('Shown once: send as `Authorization: Bearer <token>`'),
});
export const apiTokenParams = z.strictObject({ tokenId: uuid });

export const signInResult = z.object({
  state: sessionState.describe(
    '`second-factor-enrolment`: set up the authenticator app before anything else',
  ),
  expiresAt: z.iso.datetime(),
});
export const signInMethods = z.object({
  password: z.literal(true),
  oidc: z.object({ name: z.string(), url: z.string() }).nullable(),
});
export const signedOutEverywhere = z.object({ ended: z.number().int() });

export const secondFactorPolicy = z.enum(['personal-data-roles', 'all-roles']);
export const securitySettings = z.object({
  regionId: slug,
  secondFactorRequiredFor: secondFactorPolicy.describe(
    '`personal-data-roles`: every role that can see personal data (all but programme managers); `all-roles`: everyone',
  ),
});
export type SecuritySettings = z.infer<typeof securitySettings>;
export const updateSecuritySettingsRequest = z.strictObject({ secondFactorRequiredFor: secondFactorPolicy });
