import type { MatchSuggestion, Network, RegisterData, SubjectDetail } from '@samenspel/contracts';
import type { AuditRecorder } from '../audit/index.js';
import type * as repo from './subjects.repository.js';

/** How many cases and signals a subject is known in, and how many of those the reader may not open. */
export type MatterCounts = Map<string, { total: number; hidden: number }>;

/** A register subject holds personal data when it stands for a person, company, address, account or vehicle. */
export function recordRead(record: AuditRecorder, data: RegisterData, name: string): void {
  if (data.kind !== 'organisation' && data.kind !== 'network') record.subjectData(data, name);
}

export function presentSuggestion(r: repo.SuggestionRow, counts: MatterCounts): MatchSuggestion {
  return {
    id: r.id,
    probability: Math.round(r.probability * 1000) / 1000,
    evidence: r.evidence,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    a: { id: r.aId, kind: r.aKind, label: r.aLabel, records: counts.get(r.aId)?.total ?? 0 },
    b: { id: r.bId, kind: r.bKind, label: r.bLabel, records: counts.get(r.bId)?.total ?? 0 },
  };
}

export function presentSubject(
  subject: NonNullable<Awaited<ReturnType<typeof repo.findSubject>>>,
  sightings: Awaited<ReturnType<typeof repo.sightingsOf>>,
  references: ReadonlyMap<string, string>,
  merges: Awaited<ReturnType<typeof repo.mergesInto>>,
  suggestions: MatchSuggestion[],
  conflicts: Awaited<ReturnType<typeof repo.conflictsOf>>,
): SubjectDetail {
  return {
    id: subject.id,
    kind: subject.kind,
    label: subject.label,
    data: subject.data,
    conflicts: conflicts.map((c) => ({
      id: c.id,
      identifier: c.identifier,
      other: { id: c.other.id, kind: c.other.kind, label: c.other.label },
      evidence: c.evidence,
      createdAt: c.createdAt.toISOString(),
    })),
    sightings: sightings.flatMap((s) => {
      const id = s.caseId ?? s.signalId;
      if (!id) return [];
      return [
        {
          record: s.caseId ? ('case' as const) : ('signal' as const),
          id,
          reference: references.get(id) ?? '',
          organisation: s.organisation,
          role: s.role,
          seenAt: s.seenAt.toISOString(),
          subjectId: s.subjectId,
          data: s.data,
        },
      ];
    }),
    merges: merges.map((m) => ({
      id: m.id,
      merged: { id: m.sId, kind: m.kind, label: m.label },
      mergedAt: m.mergedAt.toISOString(),
      undoneAt: m.undoneAt ? m.undoneAt.toISOString() : null,
    })),
    suggestions,
  };
}

export function presentNodes(
  subjects: Awaited<ReturnType<typeof repo.subjectsByIds>>,
  counts: MatterCounts,
): Network['nodes'] {
  return subjects.map((s) => ({
    id: s.id,
    kind: s.kind,
    label: s.label,
    records: counts.get(s.id)?.total ?? 0,
    hidden: counts.get(s.id)?.hidden ?? 0,
  }));
}
