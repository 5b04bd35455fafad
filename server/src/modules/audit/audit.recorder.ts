import type { ActionResult, SubjectInput } from '@samenspel/contracts';
import type { LoggedRecord, RequestContext } from '../../shared/context.js';
import type { ProcessingRecord, UserActionRecord } from './audit.repository.js';
import { pseudonymise, type SubjectIdentifier } from './pseudonym.js';
import { newSpanId } from './trace.js';

export interface ActionSpec {
  /** What the user did, e.g. `user.update`. */
  action: string;
  /** Id of the processing activity in the register. */
  activity: string;
  /** The purpose or case the action served, when there is one. */
  purpose?: string;
}

/**
 * How the log pseudonymises a subject of a signal or case: persons by BSN (else name and date of
 * birth), companies by KvK number (else name). Addresses, accounts and vehicles are logged
 * through the persons and companies they belong to, so they have none.
 */
export function loggedIdentifier(data: SubjectInput): SubjectIdentifier | null {
  if (data.kind === 'person')
    return data.bsn
      ? { type: 'person', bsn: data.bsn }
      : { type: 'person', surname: data.surname, dateOfBirth: data.dateOfBirth ?? 'unknown' };
  if (data.kind === 'company')
    return data.kvkNumber
      ? { type: 'company', kvkNumber: data.kvkNumber }
      : { type: 'company', name: data.name };
  return null;
}

/**
 * Collects the log records of one action while it runs: the action's own processing record
 * (the request's span), one child span per data subject touched, and the user-action record.
 */
export class AuditRecorder {
  private readonly started = new Date();
  private readonly subjects: Array<{
    name: string;
    type: ProcessingRecord['dataSubjectType'];
    pseudonym: string;
    about: LoggedRecord | null;
  }> = [];
  private outcome: ActionResult = 'success';
  private userId: string | null;
  private concerned: { organisationId: string; regionId: string } | null = null;

  constructor(
    private readonly context: RequestContext,
    private readonly spec: ActionSpec,
    private readonly pseudonymKey: Buffer,
  ) {
    this.userId = context.actor?.kind === 'user' ? context.actor.userId : null;
  }

  /**
   * Records that the action processed this data subject (one child span each), in the record
   * `about` (by default the record the request is about).
   */
  subject(subject: SubjectIdentifier, name = this.spec.action, about?: LoggedRecord): void {
    const { type, pseudonym } = pseudonymise(this.pseudonymKey, subject);
    this.subjects.push({ name, type, pseudonym, about: about ?? this.context.record ?? null });
  }

  /**
   * Records a subject of a signal or case: persons by BSN (else name and date of birth),
   * companies by KvK number (else name). Addresses, accounts and vehicles are logged through
   * the persons and companies they belong to.
   */
  subjectData(data: SubjectInput, name = this.spec.action, about?: LoggedRecord): void {
    const identifier = loggedIdentifier(data);
    if (identifier) this.subject(identifier, name, about);
  }

  /** Marks the action refused or failed while its records (e.g. a failed sign-in) still commit. */
  result(outcome: ActionResult): void {
    this.outcome = outcome;
  }

  /** For an anonymous action (sign-in), the account it concerned, when there is one. */
  concernsUser(user: { id: string; organisationId: string; regionId: string } | null): void {
    if (this.context.actor || !user) return;
    this.userId = user.id;
    this.concerned = { organisationId: user.organisationId, regionId: user.regionId };
  }

  get currentResult(): ActionResult {
    return this.outcome;
  }

  records(
    activityVersion: number,
    ended = new Date(),
  ): { processing: ProcessingRecord[]; actions: UserActionRecord[] } {
    const { trace, actor, client } = this.context;
    const status = this.outcome === 'success' ? 'ok' : 'error';
    const base = {
      traceId: trace.traceId,
      startedAt: this.started,
      endedAt: ended,
      processingActivityId: this.spec.activity,
      processingActivityVersion: activityVersion,
      status,
    } as const;
    // One subject goes on the action's own record; with more, each gets a child span.
    const only = this.subjects.length === 1 ? this.subjects[0] : undefined;
    // The action's own record names its record: the request's, else the one all its subjects share.
    const shared = this.subjects[0]?.about;
    const own =
      only?.about ??
      this.context.record ??
      (shared && this.subjects.every((s) => s.about?.type === shared.type && s.about.id === shared.id)
        ? shared
        : null);
    const processing: ProcessingRecord[] = [
      {
        ...base,
        spanId: trace.spanId,
        parentSpanId: trace.parentSpanId,
        name: this.spec.action,
        dataSubjectType: only?.type ?? null,
        dataSubjectPseudonym: only?.pseudonym ?? null,
        recordType: own?.type ?? null,
        recordId: own?.id ?? null,
      },
      ...(only
        ? []
        : this.subjects.map((s) => ({
            ...base,
            spanId: newSpanId(),
            parentSpanId: trace.spanId,
            name: s.name,
            dataSubjectType: s.type,
            dataSubjectPseudonym: s.pseudonym,
            recordType: s.about?.type ?? null,
            recordId: s.about?.id ?? null,
          }))),
    ];
    const action: UserActionRecord = {
      traceId: trace.traceId,
      spanId: trace.spanId,
      at: ended,
      actorType: actor ? actor.kind : 'anonymous',
      userId: this.userId,
      apiTokenId: actor?.kind === 'api-token' ? actor.tokenId : null,
      organisationId: actor?.organisationId ?? this.concerned?.organisationId ?? null,
      regionId: actor?.regionId ?? this.concerned?.regionId ?? null,
      roles: actor?.kind === 'user' ? [...actor.roles] : [],
      purpose: this.spec.purpose ?? null,
      action: this.spec.action,
      result: this.outcome,
      clientAddress: client.address,
      userAgent: client.userAgent,
    };
    return { processing, actions: [action] };
  }
}
