import type { Role } from '@samenspel/contracts';
import { CompiledQuery, sql } from 'kysely';
import { type Db, preparedStatement } from '../../db/database.js';

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

/**
 * A live session with its user, or nothing: revoked, expired, idle too long, or user inactive.
 * The one query every signed-in request makes: written out once, not built per request (a
 * query builder costs more than the lookup itself here). Columns in snake case, as the
 * database's camel-case plugin expects them.
 */
export const LIVE_SESSION = preparedStatement(
  'samenspel_live_session',
  `
  select s.token_hash, s.state, s.method, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at,
         s.user_id, u.email, u.region_id, u.organisation_id,
         coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = u.id), '{}') as roles
    from sessions s
    join users u on u.id = s.user_id
   where s.token_hash = $1 and s.revoked_at is null and s.expires_at > $2 and s.last_seen_at > $3
     and u.active = true`,
);

export async function findLiveSession(
  db: Db,
  tokenHash: string,
  idleSince: Date,
): Promise<SessionRow | undefined> {
  const result = await db.executeQuery<SessionRow>(
    CompiledQuery.raw(LIVE_SESSION, [tokenHash, new Date(), idleSince]),
  );
  return result.rows[0];
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
