import type { ApiToken } from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { RequestContext } from '../../shared/context.js';
import { randomToken, sha256 } from '../../shared/crypto.js';
import { invalid } from '../../shared/errors.js';
import type { ServiceDeps } from '../../shared/service.js';
import type { Access } from '../access/index.js';
import type { AuditService } from '../audit/index.js';
import { organisationsIn } from '../organisations/index.js';
import { tokensReachable } from './api-tokens.access.js';
import { present } from './api-tokens.presenter.js';
import {
  type ApiTokenRow,
  findToken,
  findUsableToken,
  insertToken,
  listTokens,
  markTokenUsed,
  revokeToken,
} from './api-tokens.repository.js';

const activity = 'samenspel.user-administration';
const PREFIX = 'ssp_';
const MAX_LIFETIME_DAYS = 366;

/** API tokens of partner systems: shown once, stored as a hash, scoped, expiring, revocable. */
export class ApiTokensService {
  private readonly db: Db;
  private readonly access: Access;
  private readonly audit: AuditService;

  constructor(deps: ServiceDeps) {
    this.db = deps.db;
    this.access = deps.access;
    this.audit = deps.audit;
  }

  async list(context: RequestContext): Promise<ApiToken[]> {
    return this.audit.run(context, { action: 'api-token.list', activity }, async (trx) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'api-token.manage');
      return (await listTokens(trx, tokensReachable(actor))).map(present);
    });
  }

  async create(
    context: RequestContext,
    request: {
      name: string;
      organisationId: string;
      permissions: ApiToken['permissions'];
      expiresAt: string;
    },
  ): Promise<{ apiToken: ApiToken; token: string }> {
    return this.audit.run(context, { action: 'api-token.create', activity }, async (trx) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'api-token.manage');
      const problems = [];
      const [organisation] = await organisationsIn(trx, actor.regionId, [request.organisationId]);
      if (!organisation)
        problems.push({
          name: 'organisationId',
          in: 'body' as const,
          code: 'unknown_organisation',
          reason: 'Deze organisatie hoort niet bij uw regio.',
        });
      const expiresAt = new Date(request.expiresAt);
      const days = (expiresAt.getTime() - Date.now()) / 86_400_000;
      if (days <= 0 || days > MAX_LIFETIME_DAYS)
        problems.push({
          name: 'expiresAt',
          in: 'body' as const,
          code: 'out_of_range',
          reason: 'Kies een vervaldatum in de toekomst, hoogstens een jaar vooruit.',
        });
      if (problems.length > 0 || !organisation) throw invalid(problems);
      const token = `${PREFIX}${randomToken()}`;
      const id = await insertToken(trx, {
        regionId: actor.regionId,
        organisationId: organisation.id,
        name: request.name,
        prefix: token.slice(0, PREFIX.length + 6),
        tokenHash: sha256(token),
        permissions: [...new Set(request.permissions)],
        createdBy: actor.kind === 'user' ? actor.userId : null,
        expiresAt,
      });
      const row = await findToken(trx, id);
      if (!row) throw new Error('token vanished inside its transaction');
      return { apiToken: present(row), token };
    });
  }

  async revoke(context: RequestContext, tokenId: string): Promise<ApiToken> {
    return this.audit.run(context, { action: 'api-token.revoke', activity }, async (trx) => {
      await this.access.requireAccess(trx, context.actor, 'api-token.manage', [tokenId]);
      await revokeToken(trx, tokenId);
      const row = await findToken(trx, tokenId);
      if (!row) throw new Error('token vanished inside its transaction');
      return present(row);
    });
  }

  /** The token behind a bearer value, if it may be used now. */
  async authenticate(bearer: string): Promise<ApiTokenRow | undefined> {
    if (!bearer.startsWith(PREFIX)) return undefined;
    const row = await findUsableToken(this.db, sha256(bearer));
    if (row && (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000))
      await markTokenUsed(this.db, row.id);
    return row;
  }
}
