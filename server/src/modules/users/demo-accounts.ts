import type { Role } from '@samenspel/contracts';
import { base32 } from '@scure/base';
import type { Db } from '../../db/database.js';
import type { Actor, RequestContext } from '../../shared/context.js';
import { encrypt, hmac, type Keys } from '../../shared/crypto.js';
import { hashPassword } from '../../shared/passwords.js';
import { type AuditService, traceFrom } from '../audit/index.js';
import { secondFactorRequired } from './users.policy.js';
import * as repo from './users.repository.js';

interface DemoAccount {
  email: string;
  displayName: string;
  organisationCode: string;
  roles: Role[];
}

const REGION = 'midden-nederland';

/** One account per role, spread over a municipality, the police, the Tax Administration and the RIEC. */
export const demoAccounts: readonly DemoAccount[] = [
  {
    email: 'beheerder@riec-mn.example',
    displayName: 'Bram Beheer',
    organisationCode: 'riec',
    roles: ['administrator'],
  },
  {
    email: 'analist@riec-mn.example',
    displayName: 'Anouk de Analist',
    organisationCode: 'riec',
    roles: ['riec_analyst'],
  },
  {
    email: 'casusregisseur@riec-mn.example',
    displayName: 'Cor van der Regie',
    organisationCode: 'riec',
    roles: ['case_director'],
  },
  {
    email: 'fg@riec-mn.example',
    displayName: 'Fatima Gegevens',
    organisationCode: 'riec',
    roles: ['privacy_officer'],
  },
  {
    email: 'programmamanager@riec-mn.example',
    displayName: 'Pieter Programma',
    organisationCode: 'riec',
    roles: ['programme_manager'],
  },
  {
    email: 'voorzitter@politie-mn.example',
    displayName: 'Vera Voorzitter',
    organisationCode: 'politie',
    roles: ['meeting_chair', 'partner_staff'],
  },
  {
    email: 'medewerker@politie-mn.example',
    displayName: 'Mohamed Politie',
    organisationCode: 'politie',
    roles: ['partner_staff'],
  },
  {
    email: 'medewerker@utrecht.example',
    displayName: 'Ilse van Utrecht',
    organisationCode: 'GM0344',
    roles: ['partner_staff'],
  },
  {
    email: 'medewerker@belastingdienst.example',
    displayName: 'Bas Belasting',
    organisationCode: 'belastingdienst',
    roles: ['partner_staff'],
  },
];

export interface DemoCredentials {
  email: string;
  displayName: string;
  organisation: string;
  roles: Role[];
  password: string;
  /** Base32 TOTP secret, or null for a role that needs no second factor. */
  totpSecret: string | null;
}

/**
 * Creates (or resets) the demo accounts. Passwords and TOTP secrets are derived from this
 * installation's master key, so they are stable across runs but differ between machines
 * and are in no repository. Never for production: the CLI refuses there.
 */
export async function seedDemoAccounts(keys: Keys, audit: AuditService): Promise<DemoCredentials[]> {
  const context: RequestContext = {
    actor: null,
    trace: traceFrom(undefined),
    client: { address: null, userAgent: 'samenspel seed --demo' },
  };
  return audit.run(
    context,
    { action: 'user.seed-demo', activity: 'samenspel.user-administration' },
    async (trx, record) => {
      const policy = await repo.secondFactorPolicy(trx, REGION);
      const result: DemoCredentials[] = [];
      for (const account of demoAccounts) {
        const organisation = await trx
          .selectFrom('partnerOrganisations')
          .select(['id', 'name'])
          .where('regionId', '=', REGION)
          .where('code', '=', account.organisationCode)
          .executeTakeFirstOrThrow();
        const password = `demo-${hmac(keys.secrets, `demo-password:${account.email}`).slice(0, 12)}`;
        const totpSecret = secondFactorRequired(account.roles, policy)
          ? base32.encode(
              Buffer.from(hmac(keys.secrets, `demo-totp:${account.email}`), 'hex').subarray(0, 20),
            )
          : null;
        const existing = await repo.findUserByEmail(trx, account.email);
        const id =
          existing?.id ??
          (await repo.insertUser(trx, {
            regionId: REGION,
            organisationId: organisation.id,
            email: account.email,
            displayName: account.displayName,
            passwordHash: null,
            roles: account.roles,
          }));
        await repo.replaceRoles(trx, id, account.roles);
        await repo.updateUser(trx, id, {
          displayName: account.displayName,
          active: true,
          passwordHash: await hashPassword(password),
          totpSecret: totpSecret ? encrypt(keys.secrets, totpSecret) : null,
          totpConfirmedAt: totpSecret ? new Date() : null,
          totpLastStep: null,
        });
        record.subject({ type: 'employee', email: account.email });
        result.push({ ...account, organisation: organisation.name, password, totpSecret });
      }
      return result;
    },
  );
}

/** A demo account as the actor of seeded work, as if it were signed in. */
export async function demoActor(db: Db, email: string): Promise<Actor> {
  const user = await repo.findUserByEmail(db, email);
  if (!user) throw new Error(`demo account ${email} is missing: seed the demo accounts first`);
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    regionId: user.regionId,
    organisationId: user.organisationId,
    roles: user.roles,
    pendingSecondFactor: false,
    sessionHash: 'demo-seed',
  };
}
