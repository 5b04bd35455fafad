import type { Permission } from '@samenspel/contracts';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Db } from '../../db/database.js';
import type { ApiTokensTable, DB } from '../../db/schema.js';

export interface ApiTokenRow {
  id: string;
  regionId: string;
  organisationId: string;
  organisationCode: string;
  organisationName: string;
  name: string;
  prefix: string;
  permissions: Permission[];
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

function selectTokens(db: Db) {
  return db
    .selectFrom('apiTokens as t')
    .innerJoin('partnerOrganisations as o', 'o.id', 't.organisationId')
    .select([
      't.id',
      't.regionId',
      't.organisationId',
      'o.code as organisationCode',
      'o.name as organisationName',
      't.name',
      't.prefix',
      't.permissions',
      't.createdAt',
      't.expiresAt',
      't.revokedAt',
      't.lastUsedAt',
    ])
    .$castTo<ApiTokenRow>();
}

/** The tokens a predicate reaches (the access rule's), newest first. */
export async function listTokens(
  db: Db,
  reachable: (eb: ExpressionBuilder<DB & { t: ApiTokensTable }, 't'>) => Expression<SqlBool>,
): Promise<ApiTokenRow[]> {
  return selectTokens(db).where(reachable).orderBy('t.createdAt', 'desc').execute();
}

export async function findToken(db: Db, id: string): Promise<ApiTokenRow | undefined> {
  return selectTokens(db).where('t.id', '=', id).executeTakeFirst();
}

/** A token that may be used now: not revoked, not expired. */
export async function findUsableToken(db: Db, tokenHash: string): Promise<ApiTokenRow | undefined> {
  return selectTokens(db)
    .where('t.tokenHash', '=', tokenHash)
    .where('t.revokedAt', 'is', null)
    .where('t.expiresAt', '>', new Date())
    .executeTakeFirst();
}

export async function insertToken(
  db: Db,
  token: {
    regionId: string;
    organisationId: string;
    name: string;
    prefix: string;
    tokenHash: string;
    permissions: Permission[];
    createdBy: string | null;
    expiresAt: Date;
  },
): Promise<string> {
  const row = await db
    .insertInto('apiTokens')
    .values({ ...token, revokedAt: null, lastUsedAt: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function revokeToken(db: Db, id: string): Promise<void> {
  await db
    .updateTable('apiTokens')
    .set({ revokedAt: new Date() })
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .execute();
}

export async function markTokenUsed(db: Db, id: string): Promise<void> {
  await db.updateTable('apiTokens').set({ lastUsedAt: new Date() }).where('id', '=', id).execute();
}
