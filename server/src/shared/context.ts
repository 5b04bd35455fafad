import type { Permission, Role } from '@samenspel/contracts';

/** Who acts: a signed-in person, or a partner system with an API token. */
export type Actor =
  | {
      kind: 'user';
      userId: string;
      email: string;
      regionId: string;
      organisationId: string;
      roles: readonly Role[];
      /**
       * Signed in with a password but still enrolling a second factor or choosing a new password:
       * may do nothing else.
       */
      pendingSecondFactor: boolean;
      sessionHash: string;
    }
  | {
      kind: 'api-token';
      tokenId: string;
      regionId: string;
      organisationId: string;
      permissions: readonly Permission[];
    };

/** W3C trace context of the request: the processing log's trace and the request's own span. */
export interface Trace {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
}

/** What a service knows of the request it serves; services never see HTTP objects. */
export interface RequestContext {
  actor: Actor | null;
  trace: Trace;
  client: { address: string | null; userAgent: string | null };
}
