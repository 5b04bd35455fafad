import type {
  MatchExplanation,
  MatchSuggestion,
  Network,
  RegisterData,
  SubjectDetail,
} from '@samenspel/contracts';
import type { AuditRecorder } from '../audit/index.js';
import type { comparePersons } from './register.js';
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
    household:
      r.viaId && r.viaKind && r.viaLabel ? { id: r.viaId, kind: r.viaKind, label: r.viaLabel } : null,
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

/** Where a page of suggestions ended: its last suggestion's probability and id, opaque to clients. */
export function writeCursor(row: { probability: number; id: string }): string {
  return Buffer.from(JSON.stringify([row.probability, row.id])).toString('base64url');
}

/** A cursor read back; null when it is not one of ours. */
export function readCursor(cursor: string): { probability: number; id: string } | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      typeof value[0] === 'number' &&
      typeof value[1] === 'string' &&
      /^[0-9a-f-]{36}$/.test(value[1])
    )
      return { probability: value[0], id: value[1] };
  } catch {
    // Not base64 or not JSON: not a cursor of ours.
  }
  return null;
}

const percent = (p: number) => `${Math.round(p * 100)}%`;

/** Why two subjects are (not) suggested as the same, in Dutch. */
function verdict(e: Omit<MatchExplanation, 'verdict' | 'a' | 'b'>, persons: boolean): string {
  if (e.sameSubject) return 'Dit is al één subject: het een is met het ander samengevoegd.';
  if (!persons)
    return 'Alleen personen worden op waarschijnlijkheid vergeleken. Andere soorten worden één subject als ze een identificerend kenmerk delen (KvK-nummer, RSIN, IBAN, kenteken of adres).';
  if (e.conflict)
    return 'Ze delen een BSN, maar zijn duidelijk twee personen: daarom niet gekoppeld. Het conflict staat bij beide.';
  if (e.suggestion)
    return e.suggestion.status === 'open'
      ? 'Er is een open suggestie dat dit dezelfde persoon is.'
      : e.suggestion.status === 'rejected'
        ? 'Een analist heeft de suggestie afgewezen: dit zijn twee personen.'
        : 'Een analist heeft bevestigd dat dit dezelfde persoon is.';
  const score = e.score;
  if (!e.keys.length)
    return 'Ze delen geen bloksleutel, dus de koppeling vergelijkt ze niet: naam, geboortedatum en adres verschillen te veel tegelijk.';
  if (!e.compared)
    return 'Ze delen alleen bloksleutels die zoveel personen hebben dat ze niet gebruikt worden, dus de koppeling vergelijkt ze niet.';
  if (score && score.probability < score.threshold)
    return `Vergeleken, maar de kans dat het dezelfde persoon is (${percent(score.probability)}) ligt onder de drempel van ${percent(score.threshold)}.`;
  return `De kans (${percent(score?.probability ?? 0)}) ligt boven de drempel, maar er is geen suggestie: ze werden vergeleken voordat een van beide de gegevens van nu had.`;
}

export function presentExplanation(x: {
  a: { id: string; kind: string; label: string };
  b: { id: string; kind: string; label: string };
  same: boolean;
  compared: Awaited<ReturnType<typeof comparePersons>> | null;
  suggestion: { id: string; status: 'open' | 'confirmed' | 'rejected' } | null;
  conflict: boolean;
  threshold: number;
  /** The subject whose household the score relied on, if any. */
  household: { id: string; kind: string; label: string } | null;
}): MatchExplanation {
  const ref = (s: { id: string; kind: string; label: string }) => ({
    id: s.id,
    kind: s.kind as MatchExplanation['a']['kind'],
    label: s.label,
  });
  const c = x.compared;
  const body: Omit<MatchExplanation, 'verdict' | 'a' | 'b'> = {
    sameSubject: x.same,
    compared: Boolean(c?.keys.some((k) => !k.skipped)),
    keys: c?.keys ?? [],
    score: c?.score
      ? {
          probability: Math.round(c.score.probability * 1000) / 1000,
          weight: Math.round(c.score.weight * 10) / 10,
          threshold: x.threshold,
          decisive: c.score.decisive,
          evidence: c.score.evidence,
          household: x.household ? ref(x.household) : null,
          records: c.records,
        }
      : null,
    suggestion: x.suggestion,
    conflict: x.conflict,
  };
  return { a: ref(x.a), b: ref(x.b), verdict: verdict(body, c !== null), ...body };
}
