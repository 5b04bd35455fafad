import { type AuditEntry, auditActionLabel } from '@samenspel/contracts';
import type { EntryRow } from './audit.repository.js';

export function presentEntry(
  r: EntryRow,
  names: ReadonlyMap<string, string>,
  records: ReadonlyMap<string, string>,
): AuditEntry {
  return {
    sequence: r.seq,
    traceId: r.traceId,
    spanId: r.spanId,
    parentSpanId: r.parentSpanId,
    name: r.name,
    status: r.status,
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt.toISOString(),
    processingActivity: {
      id: r.processingActivityId,
      version: r.processingActivityVersion,
      name: r.activityName,
    },
    label: auditActionLabel(r.name),
    dataSubject:
      r.dataSubjectType && r.dataSubjectPseudonym
        ? { type: r.dataSubjectType, pseudonym: r.dataSubjectPseudonym }
        : null,
    record:
      r.recordType && r.recordId
        ? { type: r.recordType, id: r.recordId, label: records.get(r.recordId) ?? null }
        : null,
    action:
      r.actionSeq === null || r.action === null || r.result === null || r.actorType === null
        ? null
        : {
            action: r.action,
            label: auditActionLabel(r.action),
            result: r.result,
            actorType: r.actorType,
            userId: r.userId,
            userName: r.userId ? (names.get(r.userId) ?? null) : null,
            apiTokenId: r.apiTokenId,
            organisation:
              r.organisationId && r.organisationName
                ? { id: r.organisationId, name: r.organisationName }
                : null,
            roles: r.roles ?? [],
            purpose: r.purpose,
            clientAddress: r.clientAddress,
            userAgent: r.userAgent,
          },
  };
}
