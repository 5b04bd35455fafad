import type { Role } from '@samenspel/contracts';
import { base32 } from '@scure/base';
import { secondFactorRequired } from '../modules/users/index.js';
import { hmac, type Keys } from '../shared/crypto.js';
import type { DemoClock } from './clock.js';

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
export async function seedDemoAccounts(demo: DemoClock, keys: Keys): Promise<DemoCredentials[]> {
  const { users, organisations } = demo.services;
  const context = demo.system();
  const policy = await users.secondFactorPolicy(REGION);
  const credentials = demoAccounts.map((account) => ({
    ...account,
    password: `demo-${hmac(keys.secrets, `demo-password:${account.email}`).slice(0, 12)}`,
    totpSecret: secondFactorRequired(account.roles, policy)
      ? base32.encode(Buffer.from(hmac(keys.secrets, `demo-totp:${account.email}`), 'hex').subarray(0, 20))
      : null,
  }));
  await users.provision(
    context,
    credentials.map((c) => ({
      email: c.email,
      displayName: c.displayName,
      regionId: REGION,
      organisationCode: c.organisationCode,
      roles: c.roles,
      password: c.password,
      totpSecret: c.totpSecret,
    })),
  );
  const admin = demo.as(await demo.actorOf('beheerder@riec-mn.example'));
  const partners = await organisations.listPartnerOrganisations(admin, { region: REGION, all: true });
  return credentials.map((c) => ({
    email: c.email,
    displayName: c.displayName,
    roles: c.roles,
    password: c.password,
    totpSecret: c.totpSecret,
    organisation: partners.find((p) => p.code === c.organisationCode)?.name ?? c.organisationCode,
  }));
}
