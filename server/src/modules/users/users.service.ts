import type {
  CreateUserRequest,
  SecuritySettings,
  UpdateUserRequest,
  UserSummary,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { Actor, RequestContext } from '../../shared/context.js';
import { AppError, conflict, invalid } from '../../shared/errors.js';
import { generatePassword, hashPassword } from '../../shared/passwords.js';
import type { Access } from '../access/index.js';
import type { AuditRecorder, AuditService } from '../audit/index.js';
import { presentUser } from './users.presenter.js';
import {
  findUserByEmail,
  findUserById,
  insertUser,
  listUsers,
  organisationInRegion,
  replaceRecoveryCodes,
  replaceRoles,
  revokeSessions,
  secondFactorPolicy,
  setSecondFactorPolicy,
  type UserRow,
  updateUser,
} from './users.repository.js';

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
  constructor(
    private readonly access: Access,
    private readonly audit: AuditService,
  ) {}

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
      const users = await listUsers(trx, { regionId: actor.regionId, ...filter });
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
      const organisation = await organisationInRegion(trx, actor.regionId, request.organisationId);
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
        passwordHash: await hashPassword(initialPassword),
        roles: request.roles,
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
        await revokeSessions(trx, userId);
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
      if (!active) await revokeSessions(trx, userId);
      return presentUser(await this.load(trx, record, userId));
    });
  }

  async resetSecondFactor(context: RequestContext, userId: string): Promise<UserSummary> {
    return this.audit.run(context, { action: 'user.reset-second-factor', activity }, async (trx, record) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'user.manage', [userId]);
      notOneself(actor, userId);
      await updateUser(trx, userId, { totpSecret: null, totpConfirmedAt: null, totpLastStep: null });
      await replaceRecoveryCodes(trx, userId, []);
      await revokeSessions(trx, userId);
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
}
