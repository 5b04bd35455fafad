import type { Db } from '../db/database.js';
import type { Access } from '../modules/access/index.js';
import type { AuditService } from '../modules/audit/index.js';
import type { Actor } from './context.js';

/**
 * What every service is built with, by the composition root (`app/services.ts`): the database,
 * the one place that decides access, the processing log, and the clock (the demo sets it to each
 * step's date). A service that needs another module gets it as a further named dependency.
 */
export interface ServiceDeps {
  db: Db;
  access: Access;
  audit: AuditService;
  now: () => Date;
}

/** The user behind an actor, or null for a partner system's token. */
export function userOf(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}
