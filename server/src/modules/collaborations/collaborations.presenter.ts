import type { CollaborationDetail, CollaborationKind, CollaborationSummary } from '@samenspel/contracts';
import type { collaborationParts, listCollaborations } from './collaborations.repository.js';

export function presentSummary(
  row: Awaited<ReturnType<typeof listCollaborations>>[number],
): CollaborationSummary {
  return { id: row.id, kind: row.kind, name: row.name, members: Number(row.members ?? 0) };
}

export function presentCollaboration(
  c: { id: string; kind: CollaborationKind; name: string; disclosureMinimum: number },
  parts: Awaited<ReturnType<typeof collaborationParts>>,
): CollaborationDetail {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    members: parts.members.map((m) => ({
      organisation: { id: m.id, name: m.name },
      role: m.role,
      joinedOn: m.joinedOn,
      leftOn: m.leftOn,
    })),
    purposes: parts.purposes,
    legalBases: parts.legalBases,
    retentionTerms: parts.retentionTerms,
    disclosureMinimum: c.disclosureMinimum,
    candidates: parts.candidates,
  };
}
