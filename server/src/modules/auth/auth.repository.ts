import type { Role } from '@samenspel/contracts';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

export interface SessionRow {
  tokenHash: string;
  state: 'active' | 'second-factor-enrolment' | 'password-change';
  method: 'password' | 'oidc';
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userId: string;
  email: string;
  regionId: string;
  organisationId: string;
  roles: Role[];
}

export async function insertSession(
  db: Db,
  session: {
    tokenHash: string;
    userId: string;
    state: SessionRow['state'];
    method: SessionRow['method'];
    csrfToken: string;
    expiresAt: Date;
    clientAddress: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ ...session, revokedAt: null })
    .execute();
}

/** A live session with its user, or nothing: revoked, expired, idle too long, or user inactive. */
export async function findLiveSession(
  db: Db,
  tokenHash: string,
  idleSince: Date,
): Promise<SessionRow | undefined> {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .select([
      's.tokenHash',
      's.state',
      's.method',
      's.csrfToken',
      's.createdAt',
      's.lastSeenAt',
      's.expiresAt',
      's.userId',
      'u.email',
      'u.regionId',
      'u.organisationId',
      sql<
        Role[]
      >`coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = u.id), '{}')`.as(
        'roles',
      ),
    ])
    .where('s.tokenHash', '=', tokenHash)
    .where('s.revokedAt', 'is', null)
    .where('s.expiresAt', '>', new Date())
    .where('s.lastSeenAt', '>', idleSince)
    .where('u.active', '=', true)
    .executeTakeFirst();
}

export async function touchSession(db: Db, tokenHash: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ lastSeenAt: new Date() })
    .where('tokenHash', '=', tokenHash)
    .execute();
}

export async function revokeSession(db: Db, tokenHash: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revokedAt: new Date() })
    .where('tokenHash', '=', tokenHash)
    .where('revokedAt', 'is', null)
    .execute();
}

export interface ThrottleState {
  failures: number;
  blockedUntil: Date | null;
}

export async function throttleStates(db: Db, keys: string[]): Promise<ThrottleState[]> {
  return db
    .selectFrom('signInThrottle')
    .select(['failures', 'blockedUntil'])
    .where('key', 'in', keys)
    .execute();
}

/**
 * Counts a failed sign-in for a key; from `freeAttempts` failures on, the key waits
 * twice as long after each further failure, up to `maxBlockSeconds`. Failures older than an
 * hour are forgotten.
 */
export async function recordFailure(
  db: Db,
  key: string,
  freeAttempts: number,
  maxBlockSeconds: number,
): Promise<void> {
  await sql`
    insert into sign_in_throttle as t (key, failures, last_failure_at, blocked_until)
    values (${key}, 1, now(), null)
    on conflict (key) do update set
      failures = case when t.last_failure_at < now() - interval '1 hour' then 1 else t.failures + 1 end,
      last_failure_at = now(),
      blocked_until = case
        when t.last_failure_at < now() - interval '1 hour' then null
        when t.failures + 1 >= ${freeAttempts}
          then now() + make_interval(secs => least(${maxBlockSeconds}::float8, power(2, t.failures + 1 - ${freeAttempts})))
        else null end
  `.execute(db);
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('signInThrottle').where('key', '=', key).execute();
}

export async function insertOidcRequest(
  db: Db,
  request: { state: string; codeVerifier: string; nonce: string },
) {
  await db.insertInto('oidcRequests').values(request).execute();
}

/** Takes a pending OIDC request once; requests older than ten minutes are gone. */
export async function takeOidcRequest(db: Db, state: string) {
  await db
    .deleteFrom('oidcRequests')
    .where('createdAt', '<', new Date(Date.now() - 10 * 60_000))
    .execute();
  return db.deleteFrom('oidcRequests').where('state', '=', state).returningAll().executeTakeFirst();
}
/** Ends every session of a user at once (deactivation, second factor reset, sign-out everywhere). */
export async function revokeSessions(db: Db, userId: string): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revokedAt: new Date() })
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
