import type {
  ChangePasswordRequest,
  InvalidParam,
  Me,
  SecondFactorEnrolment,
  SignInRequest,
} from '@samenspel/contracts';
import * as oidc from 'openid-client';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import QRCode from 'qrcode';
import type { AuthConfig } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Actor, RequestContext } from '../../shared/context.js';
import { decrypt, encrypt, hmac, type Keys, randomToken, sha256 } from '../../shared/crypto.js';
import { AppError, conflict, invalid, unauthenticated } from '../../shared/errors.js';
import { generatePassword, type Passwords } from '../../shared/passwords.js';
import type { ServiceDeps } from '../../shared/service.js';
import type { Access } from '../access/index.js';
import type { ApiTokenRow } from '../api-tokens/index.js';
import type { AuditService } from '../audit/index.js';
import { regionName } from '../organisations/index.js';
import * as users from '../users/index.js';
import { secondFactorRequired, type UserRow } from '../users/index.js';
import {
  clearFailures,
  findLiveSession,
  insertOidcRequest,
  insertSession,
  recordFailure,
  revokeSession,
  revokeSessions,
  type SessionRow,
  takeOidcRequest,
  throttleStates,
  touchSession,
} from './auth.repository.js';

const activity = 'samenspel.authentication';
const ISSUER = 'Samenspel';
const RECOVERY_CODES = 10;
// Back-off: an account (by a keyed hash of its e-mail address, existing or not) gets five free
// attempts, a client address twenty; then each failure doubles the wait, up to fifteen minutes.
const ACCOUNT_FREE_ATTEMPTS = 5;
const CLIENT_FREE_ATTEMPTS = 20;
const MAX_BLOCK_SECONDS = 15 * 60;
// last_seen_at is written at most once a minute, so that reads stay reads.
const TOUCH_EVERY_MS = 60_000;

function signInFailed(): AppError {
  return new AppError({
    code: 'auth.sign_in_failed',
    status: 401,
    title: 'Inloggen mislukt',
    detail: 'Het e-mailadres, het wachtwoord of de code klopt niet.',
  });
}

function tooManyAttempts(retryAfterSeconds: number): AppError {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return new AppError({
    code: 'auth.too_many_attempts',
    status: 429,
    title: 'Te veel pogingen',
    detail: `Te veel mislukte pogingen. Probeer het over ${minutes === 1 ? 'een minuut' : `${minutes} minuten`} opnieuw.`,
    headers: { 'Retry-After': String(Math.ceil(retryAfterSeconds)) },
  });
}

/**
 * The rules of a new password beyond those of the request's schema (length, repeated, not the
 * current one), which need the account: not the name of one's e-mail address, and not a few
 * characters repeated.
 */
export function passwordProblems(password: string, email: string): InvalidParam[] {
  const problems: InvalidParam[] = [];
  const name = (email.split('@')[0] ?? '').toLowerCase();
  const lower = password.toLowerCase();
  const parts = [name, ...name.split(/[._+-]/)].filter((part) => part.length >= 4);
  if (parts.some((part) => lower.includes(part)))
    problems.push({
      name: 'newPassword',
      in: 'body',
      code: 'contains_email',
      reason: 'Gebruik uw naam of e-mailadres niet in uw wachtwoord.',
    });
  else if (new Set(password).size < 5)
    problems.push({
      name: 'newPassword',
      in: 'body',
      code: 'too_simple',
      reason: 'Kies een wachtwoord met meer verschillende tekens.',
    });
  return problems;
}

export interface NewSession {
  token: string;
  expiresAt: Date;
  state: SessionRow['state'];
}

/** Signing in and out: passwords with TOTP, OIDC single sign-on, sessions and API tokens. */
export class AuthService {
  private oidcConfiguration: Promise<oidc.Configuration> | undefined;

  private readonly db: Db;
  private readonly access: Access;
  private readonly audit: AuditService;
  private readonly keys: Keys;
  private readonly config: AuthConfig;
  private readonly passwords: Passwords;

  constructor(deps: ServiceDeps & { keys: Keys; config: AuthConfig; passwords: Passwords }) {
    this.db = deps.db;
    this.access = deps.access;
    this.audit = deps.audit;
    this.keys = deps.keys;
    this.config = deps.config;
    this.passwords = deps.passwords;
  }

  // ---- request authentication (called by the HTTP layer for every request) ----

  /** The live session behind a cookie value, with its user; nothing when it is not live. */
  async session(token: string): Promise<SessionRow | undefined> {
    const idleSince = new Date(Date.now() - this.config.idleMinutes * 60_000);
    const session = await findLiveSession(this.db, sha256(token), idleSince);
    if (session && Date.now() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS)
      await touchSession(this.db, session.tokenHash);
    return session;
  }

  actorOfSession(session: SessionRow): Actor {
    return {
      kind: 'user',
      userId: session.userId,
      email: session.email,
      regionId: session.regionId,
      organisationId: session.organisationId,
      roles: session.roles,
      // Enrolling a second factor or choosing a new password: nothing else until that is done.
      pendingSecondFactor: session.state !== 'active',
      sessionHash: session.tokenHash,
    };
  }

  actorOfToken(token: ApiTokenRow): Actor {
    return {
      kind: 'api-token',
      tokenId: token.id,
      regionId: token.regionId,
      organisationId: token.organisationId,
      permissions: token.permissions,
    };
  }

  /** Logs a credential that was presented and refused (unknown cookie, bad CSRF token, …). */
  async refuse(context: RequestContext, action: string): Promise<void> {
    await this.audit
      .run(context, { action, activity }, async (_trx, record) => {
        record.result('denied');
      })
      .catch(() => undefined);
  }

  // ---- signing in with a password and a second factor ----

  private throttleKeys(email: string, address: string | null): { account: string; client: string | null } {
    return {
      account: `account:${hmac(this.keys.pseudonym, email.toLowerCase())}`,
      client: address ? `client:${address}` : null,
    };
  }

  private async checkThrottle(keys: { account: string; client: string | null }): Promise<void> {
    const states = await throttleStates(this.db, [keys.account, ...(keys.client ? [keys.client] : [])]);
    const until = Math.max(0, ...states.map((s) => s.blockedUntil?.getTime() ?? 0));
    if (until > Date.now()) throw tooManyAttempts((until - Date.now()) / 1000);
  }

  private async secondFactorNeeded(db: Db, user: UserRow): Promise<boolean> {
    return secondFactorRequired(user.roles, await users.secondFactorPolicy(db, user.regionId));
  }

  /** Checks a TOTP code or a recovery code; the TOTP step or recovery code is used up. */
  private async checkCode(trx: Db, user: UserRow, code: string | undefined): Promise<boolean> {
    if (!code || !user.totpSecret) return false;
    const compact = code.replace(/\s/g, '');
    if (/^\d{6}$/.test(compact)) {
      const result = await verifyTotp({
        secret: decrypt(this.keys.secrets, user.totpSecret),
        token: compact,
        epochTolerance: 30,
        ...(user.totpLastStep !== null ? { afterTimeStep: user.totpLastStep } : {}),
      });
      // TOTP results carry the matched time step; using it up makes every code single-use.
      if (!result.valid || !('timeStep' in result)) return false;
      return users.advanceTotpStep(trx, user.id, result.timeStep);
    }
    return users.useRecoveryCode(trx, user.id, this.recoveryHash(compact));
  }

  private recoveryHash(code: string): string {
    return hmac(this.keys.secrets, code.toLowerCase().replace(/[^a-z0-9]/g, ''));
  }

  private async openSession(
    trx: Db,
    context: RequestContext,
    userId: string,
    state: SessionRow['state'],
    method: SessionRow['method'],
  ): Promise<NewSession> {
    const token = randomToken();
    const expiresAt = new Date(Date.now() + this.config.maxHours * 3_600_000);
    await insertSession(trx, {
      tokenHash: sha256(token),
      userId,
      state,
      method,
      csrfToken: randomToken(24),
      expiresAt,
      clientAddress: context.client.address,
      userAgent: context.client.userAgent,
    });
    return { token, expiresAt, state };
  }

  /**
   * One answer for every failure (unknown account, wrong password, missing, wrong or replayed
   * code), the same time spent, and back-off per account and per client address.
   */
  async signIn(context: RequestContext, request: SignInRequest): Promise<NewSession> {
    const email = request.email.trim().toLowerCase();
    const keys = this.throttleKeys(email, context.client.address);
    const spec = { action: 'session.create', activity };
    try {
      await this.checkThrottle(keys);
    } catch (error) {
      await this.audit.run(context, spec, async (_trx, record) => {
        record.subject({ type: 'employee', email });
        record.result('denied');
      });
      throw error;
    }
    const user = await users.findUserByEmail(this.db, email);
    const passwordOk = await this.passwords.verify(user?.active ? user.passwordHash : null, request.password);

    const outcome = await this.audit.run(context, spec, async (trx, record) => {
      record.subject({ type: 'employee', email });
      record.concernsUser(user ?? null);
      const fail = async () => {
        record.result('denied');
        await recordFailure(trx, keys.account, ACCOUNT_FREE_ATTEMPTS, MAX_BLOCK_SECONDS);
        if (keys.client) await recordFailure(trx, keys.client, CLIENT_FREE_ATTEMPTS, MAX_BLOCK_SECONDS);
        return null;
      };
      if (!user || !passwordOk) return fail();
      const enrolled = user.totpConfirmedAt !== null;
      if (enrolled) {
        if (!(await this.checkCode(trx, user, request.code))) return fail();
      }
      await clearFailures(trx, keys.account);
      return this.openSession(trx, context, user.id, await this.nextState(trx, user), 'password');
    });
    if (!outcome) throw signInFailed();
    return outcome;
  }

  /**
   * Where a password sign-in lands: choosing one's own password first when someone else chose
   * it, then enrolling a second factor when one is needed and missing, else a full session.
   */
  private async nextState(trx: Db, user: UserRow): Promise<SessionRow['state']> {
    if (user.passwordChangeRequired) return 'password-change';
    if (user.totpConfirmedAt === null && (await this.secondFactorNeeded(trx, user)))
      return 'second-factor-enrolment';
    return 'active';
  }

  /**
   * The signed-in user chooses a new password, giving the current one (wrong guesses count
   * towards the sign-in back-off of the account). Every session of the user ends, and this
   * browser gets a new one: still to enrol a second factor when one is needed, else active.
   */
  async changePassword(
    context: RequestContext,
    request: ChangePasswordRequest,
  ): Promise<{ session: NewSession; otherSessionsEnded: number }> {
    const actor = context.actor;
    if (actor?.kind !== 'user') throw unauthenticated();
    const spec = { action: 'password.change', activity };
    const account = this.throttleKeys(actor.email, null).account;
    try {
      await this.checkThrottle({ account, client: null });
    } catch (error) {
      await this.audit.run(context, spec, async (_trx, record) => {
        record.subject({ type: 'employee', email: actor.email });
        record.result('denied');
      });
      throw error;
    }
    const user = await users.findUserById(this.db, actor.userId);
    if (!user) throw unauthenticated();
    const currentOk = await this.passwords.verify(user.passwordHash, request.currentPassword);
    const problems = passwordProblems(request.newPassword, user.email);
    const hash = currentOk && !problems.length ? await this.passwords.hash(request.newPassword) : null;
    const outcome = await this.audit.run(context, spec, async (trx, record) => {
      record.subject({ type: 'employee', email: user.email });
      if (!user.passwordHash)
        throw conflict(
          'auth.no_password',
          'Uw account heeft geen wachtwoord in Samenspel: u logt in via uw eigen organisatie.',
        );
      if (!currentOk) {
        // Committed with its log line, unlike a refusal: the wrong guess must count.
        record.result('invalid');
        await recordFailure(trx, account, ACCOUNT_FREE_ATTEMPTS, MAX_BLOCK_SECONDS);
        return null;
      }
      if (!hash) throw invalid(problems);
      await clearFailures(trx, account);
      await users.updateUser(trx, user.id, { passwordHash: hash, passwordChangeRequired: false });
      const ended = await revokeSessions(trx, user.id);
      const session = await this.openSession(
        trx,
        context,
        user.id,
        await this.nextState(trx, { ...user, passwordChangeRequired: false }),
        'password',
      );
      return { session, otherSessionsEnded: Math.max(0, ended - 1) };
    });
    if (!outcome)
      throw invalid([
        {
          name: 'currentPassword',
          in: 'body',
          code: 'password_wrong',
          reason: 'Dit is niet uw huidige wachtwoord.',
        },
        ...problems,
      ]);
    return outcome;
  }

  async signOut(context: RequestContext): Promise<void> {
    const actor = context.actor;
    if (actor?.kind !== 'user') throw unauthenticated();
    await this.audit.run(context, { action: 'session.delete', activity }, async (trx, record) => {
      record.subject({ type: 'employee', email: actor.email });
      await revokeSession(trx, actor.sessionHash);
    });
  }

  async signOutEverywhere(context: RequestContext): Promise<number> {
    const actor = context.actor;
    if (actor?.kind !== 'user') throw unauthenticated();
    return this.audit.run(context, { action: 'session.delete-all', activity }, async (trx, record) => {
      record.subject({ type: 'employee', email: actor.email });
      return revokeSessions(trx, actor.userId);
    });
  }

  async me(context: RequestContext): Promise<Me> {
    const actor = context.actor;
    if (actor?.kind !== 'user') throw unauthenticated();
    return this.audit.run(context, { action: 'session.read', activity }, async (trx, record) => {
      const user = await users.findUserById(trx, actor.userId);
      const session = await findLiveSession(trx, actor.sessionHash, new Date(0));
      const name = await regionName(trx, actor.regionId);
      if (!user || !session || name === null) throw unauthenticated();
      const region = { id: actor.regionId, name };
      record.subject({ type: 'employee', email: user.email });
      return {
        user: { id: user.id, email: user.email, displayName: user.displayName },
        region,
        organisation: { id: user.organisationId, code: user.organisationCode, name: user.organisationName },
        roles: user.roles,
        abilities: this.access.permissionsOf(actor),
        session: {
          state: session.state,
          method: session.method,
          expiresAt: session.expiresAt.toISOString(),
          csrfToken: session.csrfToken,
        },
        secondFactor: {
          enrolled: user.totpConfirmedAt !== null,
          required: await this.secondFactorNeeded(trx, user),
        },
      };
    });
  }

  // ---- second factor enrolment ----

  async startEnrolment(context: RequestContext): Promise<SecondFactorEnrolment> {
    const actor = context.actor;
    if (actor?.kind !== 'user') throw unauthenticated();
    return this.audit.run(context, { action: 'second-factor.start', activity }, async (trx, record) => {
      const user = await users.findUserById(trx, actor.userId);
      if (!user) throw unauthenticated();
      record.subject({ type: 'employee', email: user.email });
      if (user.totpConfirmedAt)
        throw conflict(
          'auth.second_factor_enrolled',
          'U heeft al een tweede factor. Vraag een beheerder die opnieuw in te stellen.',
        );
      const secret = generateSecret();
      await users.updateUser(trx, user.id, {
        totpSecret: encrypt(this.keys.secrets, secret),
        totpLastStep: null,
      });
      const otpauthUri = generateURI({ issuer: ISSUER, label: user.email, secret });
      const qrCodeSvg = await QRCode.toString(otpauthUri, {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 2,
      });
      return { secret, otpauthUri, qrCodeSvg };
    });
  }

  /**
   * Confirms enrolment with a first code, hands out recovery codes, and replaces the session
   * by a full one (a new token, so a token seen before the second factor is worth nothing).
   */
  async confirmEnrolment(
    context: RequestContext,
    code: string,
  ): Promise<{ session: NewSession; recoveryCodes: string[] }> {
    const actor = context.actor;
    if (actor?.kind !== 'user') throw unauthenticated();
    return this.audit.run(context, { action: 'second-factor.confirm', activity }, async (trx, record) => {
      const user = await users.findUserById(trx, actor.userId);
      if (!user) throw unauthenticated();
      record.subject({ type: 'employee', email: user.email });
      if (user.totpConfirmedAt)
        throw conflict('auth.second_factor_enrolled', 'U heeft al een tweede factor.');
      if (!user.totpSecret)
        throw conflict('auth.no_enrolment', 'Start eerst het instellen van de authenticator-app.');
      if (!(await this.checkCode(trx, user, code))) {
        throw new AppError({
          code: 'auth.code_invalid',
          status: 400,
          title: 'Code klopt niet',
          detail: 'De code klopt niet. Controleer de tijd op uw telefoon en probeer de volgende code.',
          errors: [{ name: 'code', in: 'body', code: 'code_invalid', reason: 'Deze code klopt niet.' }],
        });
      }
      await users.updateUser(trx, user.id, { totpConfirmedAt: new Date() });
      const recoveryCodes = Array.from({ length: RECOVERY_CODES }, () => generatePassword(2).toLowerCase());
      await users.replaceRecoveryCodes(
        trx,
        user.id,
        recoveryCodes.map((c) => this.recoveryHash(c)),
      );
      await revokeSession(trx, actor.sessionHash);
      const session = await this.openSession(trx, context, user.id, 'active', 'password');
      return { session, recoveryCodes };
    });
  }

  // ---- OpenID Connect single sign-on ----

  get oidcName(): string | null {
    return this.config.oidc?.name ?? null;
  }

  private discover(): Promise<oidc.Configuration> {
    const settings = this.config.oidc;
    if (!settings) throw new Error('OIDC is not configured');
    this.oidcConfiguration ??= (async () => {
      const issuer = new URL(settings.issuer);
      const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
      return oidc.discovery(
        issuer,
        settings.clientId,
        settings.clientSecret,
        undefined,
        issuer.protocol === 'http:' && loopback ? { execute: [oidc.allowInsecureRequests] } : undefined,
      );
    })();
    this.oidcConfiguration.catch(() => {
      this.oidcConfiguration = undefined;
    });
    return this.oidcConfiguration;
  }

  /** Where to send the browser: the provider's authorization endpoint, with PKCE, state and nonce. */
  async oidcAuthorizationUrl(redirectUri: string): Promise<string> {
    const configuration = await this.discover();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    await insertOidcRequest(this.db, { state, codeVerifier, nonce });
    return oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    }).href;
  }

  /**
   * Completes the code flow and maps the claims to an existing, active user: by issuer and
   * subject, or the first time by a verified e-mail address (the subject is then remembered).
   * Nobody is created here; an unknown person gets null.
   */
  async oidcCallback(context: RequestContext, currentUrl: URL): Promise<NewSession | null> {
    const configuration = await this.discover();
    const state = currentUrl.searchParams.get('state') ?? '';
    const pending = await takeOidcRequest(this.db, state);
    if (!pending) return null;
    const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) return null;
    // Providers that keep the ID token lean put e-mail in the UserInfo response instead.
    const claims =
      typeof idToken.email === 'string'
        ? idToken
        : { ...idToken, ...(await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub)) };
    const issuer = idToken.iss;
    const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : null;
    return this.audit.run(context, { action: 'session.create-oidc', activity }, async (trx, record) => {
      let user = await users.findUserByOidc(trx, issuer, idToken.sub);
      if (!user && email && claims.email_verified === true) {
        const byEmail = await users.findUserByEmail(trx, email);
        if (byEmail && byEmail.oidcSubject === null) {
          await users.updateUser(trx, byEmail.id, { oidcIssuer: issuer, oidcSubject: idToken.sub });
          user = byEmail;
        }
      }
      if (email) record.subject({ type: 'employee', email: user?.email ?? email });
      if (!user?.active) {
        record.result('denied');
        return null;
      }
      record.concernsUser(user);
      // The organisation's identity provider answers for the second factor of its own staff.
      return this.openSession(trx, context, user.id, 'active', 'oidc');
    });
  }
}
