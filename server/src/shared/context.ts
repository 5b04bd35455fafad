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

/** The kinds of record an action can concern, as the processing log names them. */
export const loggedRecordTypes = [
  'signal',
  'case',
  'subject',
  'round',
  'meeting',
  'location',
  'inspection',
] as const;
/** The record an action, or one data subject's processing within it, concerns. */
export interface LoggedRecord {
  type: (typeof loggedRecordTypes)[number];
  id: string;
}

/** What a service knows of the request it serves; services never see HTTP objects. */
export interface RequestContext {
  actor: Actor | null;
  trace: Trace;
  client: { address: string | null; userAgent: string | null };
  /**
   * The record the request is about, from its address (`/cases/{caseId}/…`): the processing log
   * names it beside each record of the action, so the privacy officer sees which case or signal.
   */
  record?: LoggedRecord | null;
}
