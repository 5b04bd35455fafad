import { randomBytes } from 'node:crypto';
import type { Role } from '@samenspel/contracts';
import { base32 } from '@scure/base';
import { generate } from 'otplib';
import type { Db } from '../db/database.js';
import { loadCovenants } from '../modules/collaborations/index.js';
import { organisationByCode } from '../modules/organisations/index.js';
import { encrypt, type Keys } from '../shared/crypto.js';
import { cheapPasswords } from '../shared/passwords.js';

export const OTHER_REGION = 'test-regio';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  /** Base32 TOTP secret; null for an account without a second factor. */
  totpSecret: string | null;
  regionId: string;
  organisationId: string;
}

let counter = 0;

/** A second region with one organisation and its covenant, for "a user of another region". */
export async function ensureOtherRegion(db: Db): Promise<void> {
  await db
    .insertInto('regions')
    .values({
      id: OTHER_REGION,
      name: 'Testregio',
      policeUnit: 'Politie eenheid Test',
      referenceDataVersion: 'test',
      referenceDataChecksum: 'test',
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await db
    .insertInto('partnerOrganisations')
    .values({
      regionId: OTHER_REGION,
      code: 'riec',
      kind: 'riec',
      name: 'RIEC Testregio',
      shortName: 'RIEC T',
      municipalityCode: null,
      provinceCode: null,
      validFrom: null,
      validUntil: null,
    })
    .onConflict((oc) => oc.columns(['regionId', 'code']).doNothing())
    .execute();
  // Its covenant, as every region gets with its reference data.
  await loadCovenants(db);
}

/** A user made directly in the database (a factory, not the administration under test). */
export async function createUser(
  db: Db,
  keys: Keys,
  options: {
    roles: Role[];
    organisationCode?: string;
    regionId?: string;
    totp?: boolean;
    email?: string;
  },
): Promise<TestUser> {
  const regionId = options.regionId ?? 'midden-nederland';
  if (regionId === OTHER_REGION) await ensureOtherRegion(db);
  const organisation = await organisationByCode(db, regionId, options.organisationCode ?? 'riec');
  if (!organisation) throw new Error(`no organisation ${options.organisationCode} in ${regionId}`);
  counter += 1;
  const email =
    options.email ??
    `${options.roles.join('-').replaceAll('_', '-')}-${counter}-${randomBytes(3).toString('hex')}@test.example`;
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const totpSecret = options.totp === false ? null : base32.encode(randomBytes(20));
  const { id } = await db
    .insertInto('users')
    .values({
      regionId,
      organisationId: organisation.id,
      email: email.toLowerCase(),
      displayName: `Test ${options.roles.join(' ')} ${counter}`,
      passwordHash: await cheapPasswords.hash(password),
      totpSecret: totpSecret ? encrypt(keys.secrets, totpSecret) : null,
      totpConfirmedAt: totpSecret ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (options.roles.length)
    await db
      .insertInto('userRoles')
      .values(options.roles.map((role) => ({ userId: id, role })))
      .execute();
  return { id, email, password, totpSecret, regionId, organisationId: organisation.id };
}

/** The current TOTP code of a secret (or the code of `offsetSteps` periods later). */
export function totpCode(secret: string, offsetSteps = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });
}

/** Lets a test sign the same user in twice within one TOTP period. */
export async function forgetTotpStep(db: Db, userId: string): Promise<void> {
  await db.updateTable('users').set({ totpLastStep: null }).where('id', '=', userId).execute();
}
