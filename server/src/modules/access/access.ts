import { type Permission, permissions, type Role } from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/context.js';
import { forbidden, notFound, unauthenticated } from '../../shared/errors.js';

/**
 * How one permission is decided. `roles` hold it; API tokens may carry it only when `tokens`
 * is set. `records` answers, in one query, which of the given ids the actor may touch it on;
 * a permission on records without `records` cannot be asked about ids.
 */
export interface AccessRule {
  roles: readonly Role[];
  tokens?: boolean;
  records?: (db: Db, actor: Actor, ids: readonly string[]) => Promise<ReadonlySet<string>>;
}

/** The rules of one module, in its `*.access.ts`. */
export type AccessRules = Partial<Record<Permission, AccessRule>>;

/** The one place that decides who may do what on which record. Deny by default. */
export class Access {
  private readonly rules = new Map<Permission, AccessRule>();

  constructor(...modules: AccessRules[]) {
    for (const module of modules) {
      for (const [name, rule] of Object.entries(module) as Array<[Permission, AccessRule]>) {
        if (this.rules.has(name)) throw new Error(`Two access rules for ${name}`);
        this.rules.set(name, rule);
      }
    }
  }

  /** Permissions nobody can hold because no module gave them a rule. */
  unruled(): Permission[] {
    return permissions.filter((p) => !this.rules.has(p));
  }

  /** Every permission the actor holds, regardless of records: the web app's abilities. */
  permissionsOf(actor: Actor | null): Permission[] {
    return permissions.filter((p) => this.holds(actor, p));
  }

  holds(actor: Actor | null, permission: Permission): boolean {
    const rule = this.rules.get(permission);
    if (!actor || !rule) return false;
    if (actor.kind === 'api-token') return rule.tokens === true && actor.permissions.includes(permission);
    if (actor.pendingSecondFactor) return false;
    return actor.roles.some((role) => rule.roles.includes(role));
  }

  /**
   * Which of the ids the actor may touch with the permission, without refusing: for showing how
   * many records exist that the actor may not open ("also known elsewhere — ask the RIEC").
   */
  async allowed(
    db: Db,
    actor: Actor,
    permission: Permission,
    ids: readonly string[],
  ): Promise<ReadonlySet<string>> {
    const rule = this.rules.get(permission);
    const unique = [...new Set(ids)];
    if (!unique.length || !rule?.records || !this.holds(actor, permission)) return new Set();
    return rule.records(db, actor, unique);
  }

  /**
   * The first line of every service method. Without an actor: 401. Without the permission:
   * 403 for an action on no record, 404 for one on records, so that nobody learns that a
   * record exists. With ids: every id must be allowed, checked in one query, or 404.
   */
  async requireAccess(
    db: Db,
    actor: Actor | null,
    permission: Permission,
    ids?: readonly string[],
  ): Promise<Actor> {
    if (!actor) throw unauthenticated();
    if (!this.holds(actor, permission)) throw ids ? notFound() : forbidden();
    if (!ids) return actor;
    const rule = this.rules.get(permission);
    if (!rule?.records) throw new Error(`${permission} is not a permission on records`);
    const unique = [...new Set(ids)];
    if (unique.length === 0) return actor;
    const allowed = await rule.records(db, actor, unique);
    if (unique.some((id) => !allowed.has(id))) throw notFound();
    return actor;
  }
}

/** A role, or a partner system acting with an API token for its organisation. */
export type Grant = Role | 'partner-system';

/**
 * Per grant, what it reaches: a permission on records is held by the roles (and partner
 * systems) that have a scope for it, and an actor reaches the union of its own grants' scopes —
 * never what another role of the same user reaches for another permission.
 */
export type Scopes<S> = Partial<Record<Grant, S>>;

/**
 * The grants of the actor that hold the permission with these scopes: the same conditions as
 * `Access.holds` (a token only with the permission given to it, nobody while enrolling a second
 * factor), so that a predicate never reaches further than the permission check.
 */
export function grantsOf<S>(actor: Actor, permission: Permission, scopes: Scopes<S>): S[] {
  if (actor.kind === 'api-token') {
    const scope = scopes['partner-system'];
    return scope && actor.permissions.includes(permission) ? [scope] : [];
  }
  if (actor.pendingSecondFactor) return [];
  return actor.roles.flatMap((role) => {
    const scope = scopes[role];
    return scope ? [scope] : [];
  });
}

/**
 * The rule of a permission whose scope is given per grant: its roles are those with a scope, a
 * partner system may hold it when it has one, and `records` is the module's one predicate.
 */
export function scopedRule<S>(scopes: Scopes<S>, records: NonNullable<AccessRule['records']>): AccessRule {
  return {
    roles: (Object.keys(scopes) as Grant[]).filter((g): g is Role => g !== 'partner-system'),
    ...(scopes['partner-system'] ? { tokens: true } : {}),
    records,
  };
}
