import type {
  CreateUserRequest,
  Role,
  SecuritySettings,
  UpdateUserRequest,
  UserSummary,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { Actor, RequestContext } from '../../shared/context.js';
import { encrypt, type Keys } from '../../shared/crypto.js';
import { AppError, conflict, invalid } from '../../shared/errors.js';
import { generatePassword, type Passwords } from '../../shared/passwords.js';
import type { ServiceDeps } from '../../shared/service.js';
import type { AuditRecorder } from '../audit/index.js';
import { organisationByCode, organisationsIn } from '../organisations/index.js';
import { usersReachable } from './users.access.js';
import { presentUser } from './users.presenter.js';
import {
  findUserByEmail,
  findUserById,
  insertUser,
  listUsers,
  replaceRecoveryCodes,
  replaceRoles,
  secondFactorPolicy,
  setSecondFactorPolicy,
  type UserRow,
  updateUser,
} from './users.repository.js';

/** Ends a user's sessions (the auth module's), when their rights change. */
export interface SessionRevoker {
  revokeAll(db: Db, userId: string): Promise<number>;
}

/** An account with credentials chosen by the system (demo accounts, test users), not by an administrator. */
export interface ProvisionedAccount {
  email: string;
  displayName: string;
  regionId: string;
  organisationCode: string;
  roles: readonly Role[];
  password: string;
  /** Base32 TOTP secret, already confirmed; null for an account without a second factor. */
  totpSecret: string | null;
}

const activity = 'samenspel.user-administration';

function notOneself(actor: Actor, userId: string): void {
  if (actor.kind === 'user' && actor.userId === userId) {
    throw new AppError({
      code: 'user.self_management',
      status: 403,
      title: 'Niet toegestaan',
      detail: 'U kunt uw eigen account niet beheren. Vraag een andere beheerder.',
    });
  }
}

/** Administration of the users of a region. */
export class UsersService {
  private readonly access: ServiceDeps['access'];
  private readonly audit: ServiceDeps['audit'];

  constructor(
    private readonly deps: ServiceDeps & { sessions: SessionRevoker; passwords: Passwords; keys: Keys },
  ) {
    this.access = deps.access;
    this.audit = deps.audit;
  }

  private revokeSessions(trx: Db, userId: string): Promise<number> {
    return this.deps.sessions.revokeAll(trx, userId);
  }

  private async load(trx: Db, record: AuditRecorder, userId: string): Promise<UserRow> {
    const user = await findUserById(trx, userId);
    if (!user) throw new Error(`user ${userId} vanished inside its transaction`);
    record.subject({ type: 'employee', email: user.email });
    return user;
  }

  async list(
    context: RequestContext,
    filter: { organisationId?: string | undefined; active?: boolean | undefined },
  ): Promise<UserSummary[]> {
    return this.audit.run(context, { action: 'user.list', activity }, async (trx, record) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'user.read');
      const users = await listUsers(trx, usersReachable(actor), filter);
      for (const user of users) record.subject({ type: 'employee', email: user.email });
      return users.map(presentUser);
    });
  }

  async get(context: RequestContext, userId: string): Promise<UserSummary> {
    return this.audit.run(context, { action: 'user.read', activity }, async (trx, record) => {
      await this.access.requireAccess(trx, context.actor, 'user.read', [userId]);
      return presentUser(await this.load(trx, record, userId));
    });
  }

  async create(
    context: RequestContext,
    request: CreateUserRequest,
  ): Promise<{ user: UserSummary; initialPassword: string }> {
    return this.audit.run(context, { action: 'user.create', activity }, async (trx, record) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'user.manage');
      const [organisation] = await organisationsIn(trx, actor.regionId, [request.organisationId]);
      if (!organisation) {
        throw invalid([
          {
            name: 'organisationId',
            in: 'body',
            code: 'unknown_organisation',
            reason: 'Deze organisatie hoort niet bij uw regio.',
          },
        ]);
      }
      if (await findUserByEmail(trx, request.email)) {
        throw conflict('user.email_taken', 'Er is al een gebruiker met dit e-mailadres.');
      }
      const initialPassword = generatePassword();
      const id = await insertUser(trx, {
        regionId: actor.regionId,
        organisationId: organisation.id,
        email: request.email,
        displayName: request.displayName,
        passwordHash: await this.deps.passwords.hash(initialPassword),
        roles: request.roles,
        passwordChangeRequired: true,
      });
      return { user: presentUser(await this.load(trx, record, id)), initialPassword };
    });
  }

  async update(context: RequestContext, userId: string, request: UpdateUserRequest): Promise<UserSummary> {
    return this.audit.run(context, { action: 'user.update', activity }, async (trx, record) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'user.manage', [userId]);
      notOneself(actor, userId);
      if (request.displayName !== undefined)
        await updateUser(trx, userId, { displayName: request.displayName });
      if (request.roles !== undefined) {
        await replaceRoles(trx, userId, request.roles);
        // Rights changed: the next request must sign in again under the new roles.
        await this.revokeSessions(trx, userId);
      }
      return presentUser(await this.load(trx, record, userId));
    });
  }

  async setActive(context: RequestContext, userId: string, active: boolean): Promise<UserSummary> {
    const action = active ? 'user.reactivate' : 'user.deactivate';
    return this.audit.run(context, { action, activity }, async (trx, record) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'user.manage', [userId]);
      notOneself(actor, userId);
      await updateUser(trx, userId, { active });
      if (!active) await this.revokeSessions(trx, userId);
      return presentUser(await this.load(trx, record, userId));
    });
  }

  async resetSecondFactor(context: RequestContext, userId: string): Promise<UserSummary> {
    return this.audit.run(context, { action: 'user.reset-second-factor', activity }, async (trx, record) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'user.manage', [userId]);
      notOneself(actor, userId);
      await updateUser(trx, userId, { totpSecret: null, totpConfirmedAt: null, totpLastStep: null });
      await replaceRecoveryCodes(trx, userId, []);
      await this.revokeSessions(trx, userId);
      return presentUser(await this.load(trx, record, userId));
    });
  }

  async securitySettings(context: RequestContext): Promise<SecuritySettings> {
    return this.audit.run(context, { action: 'security-settings.read', activity }, async (trx) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'security-settings.manage');
      return {
        regionId: actor.regionId,
        secondFactorRequiredFor: await secondFactorPolicy(trx, actor.regionId),
      };
    });
  }

  /** Who must sign in with a second factor in the administrator's region. */
  async updateSecuritySettings(
    context: RequestContext,
    secondFactorRequiredFor: SecuritySettings['secondFactorRequiredFor'],
  ): Promise<SecuritySettings> {
    return this.audit.run(context, { action: 'security-settings.update', activity }, async (trx) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'security-settings.manage');
      await setSecondFactorPolicy(trx, actor.regionId, secondFactorRequiredFor);
      return { regionId: actor.regionId, secondFactorRequiredFor };
    });
  }

  /**
   * The first administrator of a new installation, from the CLI (no one is signed in yet).
   * Returns the initial password, shown once.
   */
  async createAdmin(
    context: RequestContext,
    admin: { email: string; displayName: string; regionId: string; organisationCode: string },
  ): Promise<{ initialPassword: string }> {
    return this.audit.run(context, { action: 'user.create-admin', activity }, async (trx, record) => {
      const organisation = await organisationByCode(trx, admin.regionId, admin.organisationCode);
      if (!organisation)
        throw invalid([
          {
            name: 'organisation',
            in: 'body',
            code: 'unknown_organisation',
            reason: `No organisation ${admin.organisationCode} in region ${admin.regionId}.`,
          },
        ]);
      if (await findUserByEmail(trx, admin.email))
        throw conflict('user.email_taken', `A user with e-mail address ${admin.email} exists already.`);
      const initialPassword = generatePassword();
      await insertUser(trx, {
        regionId: admin.regionId,
        organisationId: organisation.id,
        email: admin.email,
        displayName: admin.displayName,
        passwordHash: await this.deps.passwords.hash(initialPassword),
        roles: ['administrator'],
        passwordChangeRequired: true,
      });
      record.subject({ type: 'employee', email: admin.email });
      return { initialPassword };
    });
  }

  /**
   * Creates the accounts, or resets an existing one to exactly these roles and credentials.
   * For accounts whose credentials the system chooses (the demo region's), never for people's own.
   */
  async provision(context: RequestContext, accounts: readonly ProvisionedAccount[]): Promise<string[]> {
    return this.audit.run(context, { action: 'user.provision', activity }, async (trx, record) => {
      const ids: string[] = [];
      for (const account of accounts) {
        const organisation = await organisationByCode(trx, account.regionId, account.organisationCode);
        if (!organisation)
          throw new Error(`no organisation ${account.organisationCode} in ${account.regionId}`);
        const existing = await findUserByEmail(trx, account.email);
        const id =
          existing?.id ??
          (await insertUser(trx, {
            regionId: account.regionId,
            organisationId: organisation.id,
            email: account.email,
            displayName: account.displayName,
            passwordHash: null,
            roles: account.roles,
          }));
        await replaceRoles(trx, id, account.roles);
        await updateUser(trx, id, {
          displayName: account.displayName,
          active: true,
          passwordHash: await this.deps.passwords.hash(account.password),
          // The system chose these credentials and hands them out itself: nothing to change.
          passwordChangeRequired: false,
          totpSecret: account.totpSecret ? encrypt(this.deps.keys.secrets, account.totpSecret) : null,
          totpConfirmedAt: account.totpSecret ? this.deps.now() : null,
          totpLastStep: null,
        });
        record.subject({ type: 'employee', email: account.email });
        ids.push(id);
      }
      return ids;
    });
  }

  /** Who must sign in with a second factor in a region (for choosing demo credentials). */
  secondFactorPolicy(regionId: string) {
    return secondFactorPolicy(this.deps.db, regionId);
  }

  /** A user as the actor of work done on their behalf (the demo's seeded steps), as if signed in. */
  async actorOf(email: string): Promise<Actor> {
    const user = await findUserByEmail(this.deps.db, email);
    if (!user) throw new Error(`account ${email} is missing`);
    return actorFor(user, 'system');
  }
}

/**
 * A user as the actor of work done on their behalf without a session (the demo's steps, a
 * background import, a notification's audience), with the roles they hold now; `sessionHash`
 * names what acts.
 */
export function actorFor(
  user: Pick<UserRow, 'id' | 'email' | 'regionId' | 'organisationId' | 'roles'>,
  sessionHash: string,
): Actor {
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    regionId: user.regionId,
    organisationId: user.organisationId,
    roles: user.roles,
    pendingSecondFactor: false,
    sessionHash,
  };
}
