import type { Permission } from '@samenspel/contracts';
import type { Db } from '../../db/database.js';

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

export async function listTokens(db: Db, regionId: string): Promise<ApiTokenRow[]> {
  return selectTokens(db).where('t.regionId', '=', regionId).orderBy('t.createdAt', 'desc').execute();
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

export async function tokensInRegion(db: Db, regionId: string, ids: readonly string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom('apiTokens')
    .select('id')
    .where('regionId', '=', regionId)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
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
