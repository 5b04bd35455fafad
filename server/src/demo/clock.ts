import { createServices, type Services, type ServicesOptions } from '../app/index.js';
import { traceFrom } from '../modules/audit/index.js';
import type { Actor, RequestContext } from '../shared/context.js';

/**
 * The demo's own services with a clock it sets to each step's date, so that the demo region's
 * history is recorded as if it happened then, through the same services as every user's work.
 */
export class DemoClock {
  private clock: Date;
  readonly services: Services;

  constructor(options: ServicesOptions, start = new Date()) {
    this.clock = start;
    // The demo's history happened long ago: its notifications are in the app only, never mailed.
    // Its steps read none of the cases the services would answer with: they answer nothing.
    this.services = createServices({ ...options, mail: null, now: () => this.clock, stepAnswers: false });
  }

  get now(): Date {
    return this.clock;
  }

  set(at: Date): void {
    this.clock = at;
  }

  /** A request context as if the actor were signed in. */
  as = (actor: Actor): RequestContext => ({
    actor,
    trace: traceFrom(undefined),
    client: { address: null, userAgent: 'samenspel seed --demo' },
  });

  actorOf = (email: string): Promise<Actor> => this.services.users.actorOf(email);

  /** The context of the seed itself, before any account exists: no one is signed in. */
  system = (): RequestContext => ({
    actor: null,
    trace: traceFrom(undefined),
    client: { address: null, userAgent: 'samenspel seed --demo' },
  });
}
