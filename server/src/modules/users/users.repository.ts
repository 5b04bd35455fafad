import type { Role } from '@samenspel/contracts';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { DB, UsersTable } from '../../db/schema.js';

export interface UserRow {
  id: string;
  regionId: string;
  organisationId: string;
  organisationCode: string;
  organisationName: string;
  email: string;
  displayName: string;
  passwordHash: string | null;
  totpSecret: string | null;
  totpConfirmedAt: Date | null;
  totpLastStep: number | null;
  oidcIssuer: string | null;
  oidcSubject: string | null;
  active: boolean;
  createdAt: Date;
  /** Someone else chose the password: the next sign-in must choose a new one first. */
  passwordChangeRequired: boolean;
  roles: Role[];
}

function selectUsers(db: Db) {
  return db
    .selectFrom('users as u')
    .innerJoin('partnerOrganisations as o', 'o.id', 'u.organisationId')
    .select([
      'u.id',
      'u.regionId',
      'u.organisationId',
      'o.code as organisationCode',
      'o.name as organisationName',
      'u.email',
      'u.displayName',
      'u.passwordHash',
      'u.totpSecret',
      'u.totpConfirmedAt',
      'u.totpLastStep',
      'u.oidcIssuer',
      'u.oidcSubject',
      'u.active',
      'u.createdAt',
      'u.passwordChangeRequired',
      sql<
        Role[]
      >`coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = u.id), '{}')`.as(
        'roles',
      ),
    ]);
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return selectUsers(db).where('u.email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return selectUsers(db).where('u.id', '=', id).executeTakeFirst();
}

export async function findUserByOidc(db: Db, issuer: string, subject: string) {
  return selectUsers(db)
    .where('u.oidcIssuer', '=', issuer)
    .where('u.oidcSubject', '=', subject)
    .executeTakeFirst();
}

/** The users a predicate reaches (the access rule's), by organisation and name. */
export async function listUsers(
  db: Db,
  reachable: (eb: ExpressionBuilder<DB & { u: UsersTable }, 'u'>) => Expression<SqlBool>,
  filter: { organisationId?: string | undefined; active?: boolean | undefined },
): Promise<UserRow[]> {
  let q = selectUsers(db).where(reachable);
  if (filter.organisationId) q = q.where('u.organisationId', '=', filter.organisationId);
  if (filter.active !== undefined) q = q.where('u.active', '=', filter.active);
  return q.orderBy('o.name').orderBy('u.displayName').execute();
}

export async function insertUser(
  db: Db,
  user: {
    regionId: string;
    organisationId: string;
    email: string;
    displayName: string;
    passwordHash: string | null;
    roles: readonly Role[];
    /** The password was chosen for the user, who must choose their own at the first sign-in. */
    passwordChangeRequired?: boolean;
  },
): Promise<string> {
  const { id } = await db
    .insertInto('users')
    .values({
      regionId: user.regionId,
      organisationId: user.organisationId,
      email: user.email.toLowerCase(),
      displayName: user.displayName,
      passwordHash: user.passwordHash,
      passwordChangeRequired: user.passwordChangeRequired ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceRoles(db, id, user.roles);
  return id;
}

export async function replaceRoles(db: Db, userId: string, roles: readonly Role[]): Promise<void> {
  await db.deleteFrom('userRoles').where('userId', '=', userId).execute();
  if (roles.length > 0)
    await db
      .insertInto('userRoles')
      .values([...new Set(roles)].map((role) => ({ userId, role })))
      .execute();
}

export async function updateUser(
  db: Db,
  userId: string,
  changes: Partial<{
    displayName: string;
    active: boolean;
    passwordHash: string | null;
    totpSecret: string | null;
    totpConfirmedAt: Date | null;
    totpLastStep: number | null;
    oidcIssuer: string | null;
    oidcSubject: string | null;
    passwordChangeRequired: boolean;
  }>,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ ...changes, updatedAt: new Date() })
    .where('id', '=', userId)
    .execute();
}

/** Sets the last used TOTP step only if it moves forward: a code is accepted once. */
export async function advanceTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totpLastStep: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totpLastStep', 'is', null), eb('totpLastStep', '<', step)]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function replaceRecoveryCodes(db: Db, userId: string, hashes: string[]): Promise<void> {
  await db.deleteFrom('recoveryCodes').where('userId', '=', userId).execute();
  if (hashes.length > 0)
    await db
      .insertInto('recoveryCodes')
      .values(hashes.map((codeHash) => ({ userId, codeHash, usedAt: null })))
      .execute();
}

/** Uses a recovery code once; false when it is unknown or already used. */
export async function useRecoveryCode(db: Db, userId: string, codeHash: string): Promise<boolean> {
  const result = await db
    .updateTable('recoveryCodes')
    .set({ usedAt: new Date() })
    .where('userId', '=', userId)
    .where('codeHash', '=', codeHash)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function secondFactorPolicy(db: Db, regionId: string) {
  const row = await db
    .selectFrom('regionSecurity')
    .select('secondFactorRequiredFor')
    .where('regionId', '=', regionId)
    .executeTakeFirst();
  return row?.secondFactorRequiredFor ?? 'personal-data-roles';
}

export async function setSecondFactorPolicy(
  db: Db,
  regionId: string,
  policy: 'personal-data-roles' | 'all-roles',
): Promise<void> {
  await db
    .insertInto('regionSecurity')
    .values({ regionId, secondFactorRequiredFor: policy })
    .onConflict((oc) => oc.column('regionId').doUpdateSet({ secondFactorRequiredFor: policy }))
    .execute();
}

/** Display names of users by id, for showing who recorded a step. */
export async function displayNames(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'displayName']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

/** The active case directors of a region, by name. */
export async function caseDirectors(db: Db, regionId: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('userRoles as r', 'r.userId', 'u.id')
    .select(['u.id', 'u.displayName as name', 'u.email'])
    .where('u.regionId', '=', regionId)
    .where('u.active', '=', true)
    .where('r.role', '=', 'case_director')
    .orderBy('u.displayName')
    .execute();
}

/** Whether the user is a case director of the region (active or not: a case keeps its director). */
export async function isCaseDirector(db: Db, regionId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('userRoles as r', 'r.userId', 'u.id')
    .select('u.id')
    .where('u.id', '=', userId)
    .where('u.regionId', '=', regionId)
    .where('r.role', '=', 'case_director')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The active users of some organisations, and some users by id, with their roles: whom a step
 * may concern (the notifications module then keeps those who may open its record).
 */
export async function activeUsersOf(
  db: Db,
  who: { organisationIds: readonly string[]; userIds: readonly string[] },
) {
  if (who.organisationIds.length === 0 && who.userIds.length === 0) return [];
  return db
    .selectFrom('users as u')
    .select([
      'u.id',
      'u.email',
      'u.regionId',
      'u.organisationId',
      sql<
        Role[]
      >`coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = u.id), '{}')`.as(
        'roles',
      ),
    ])
    .where('u.active', '=', true)
    .where((eb) =>
      eb.or([
        ...(who.organisationIds.length ? [eb('u.organisationId', 'in', who.organisationIds)] : []),
        ...(who.userIds.length ? [eb('u.id', 'in', who.userIds)] : []),
      ]),
    )
    .execute();
}

/** The demo's and tests' way to find an account by e-mail address. */
export async function userIdByEmail(db: Db, email: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  return row?.id ?? null;
}
