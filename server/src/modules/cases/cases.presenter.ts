import type { CaseDetail, CaseSummary } from '@samenspel/contracts';
import type * as repo from './cases.repository.js';

const DAY = 86_400_000;

function daysBetween(
  from: string | Date | null | undefined,
  to: string | Date | null | undefined,
): number | null {
  if (!from || !to) return null;
  const a = typeof from === 'string' ? new Date(`${from}T00:00:00Z`) : from;
  const b = typeof to === 'string' ? new Date(`${to}T00:00:00Z`) : to;
  return Math.round(((b.getTime() - a.getTime()) / DAY) * 10) / 10;
}

/** When a case's first signal came in and its first intervention was carried out, for lead times. */
export interface CaseMilestones {
  firstSignalAt: Date | null;
  firstInterventionOn: string | null;
}

export function presentSummary(row: repo.CaseRow, milestones: CaseMilestones): CaseSummary {
  return {
    id: row.id,
    reference: row.reference,
    codeName: row.codeName,
    origin: row.origin,
    type: row.type,
    phase: row.phase,
    district: row.districtId && row.districtName ? { id: row.districtId, name: row.districtName } : null,
    themes: row.themes,
    startedOn: row.startedOn,
    closedOn: row.closedOn,
    priority: row.priority,
    leadTimes: {
      signalToCase: milestones.firstSignalAt ? daysBetween(milestones.firstSignalAt, row.startedOn) : null,
      startToFirstIntervention: daysBetween(row.startedOn, milestones.firstInterventionOn),
      startToClosure: daysBetween(row.startedOn, row.closedOn),
    },
  };
}

export function presentDetail(
  row: repo.CaseRow,
  milestones: CaseMilestones,
  parts: repo.DetailParts,
  more: Pick<
    CaseDetail,
    'matrix' | 'advices' | 'interventions' | 'results' | 'signals' | 'signalSubjects' | 'abilities'
  > & {
    director: { id: string; name: string } | null;
    names: ReadonlyMap<string, string>;
    elsewhere: ReadonlyMap<string, CaseDetail['subjects'][number]['knownElsewhere']>;
  },
): CaseDetail {
  return {
    ...presentSummary(row, milestones),
    goal: row.goal,
    strategy: row.strategy,
    director: more.director,
    municipalities: parts.municipalities,
    originOrganisations: parts.origins,
    signals: more.signals,
    participants: parts.participants.map((p) => ({
      organisation: { id: p.id, name: p.name },
      addedAt: p.addedAt.toISOString(),
      addedReason: p.addedReason,
      removedAt: p.removedAt?.toISOString() ?? null,
      removedReason: p.removedReason,
    })),
    events: parts.events.map((e) => ({
      type: e.type,
      at: e.at.toISOString(),
      by: e.userId ? (more.names.get(e.userId) ?? null) : null,
      details: e.details,
    })),
    subjects: parts.subjects.map((s) => ({
      id: s.id,
      kind: s.kind,
      role: s.role,
      label: s.label,
      data: s.data,
      knownElsewhere: more.elsewhere.get(s.id) ?? { registerId: null, records: 0, hidden: 0 },
    })),
    provisions: parts.provisions.map((p) => ({
      id: p.id,
      organisation: { id: p.organisationId, name: p.organisationName },
      subjectId: p.subjectId,
      providedOn: p.providedOn,
      legalBasis: { id: p.basisId, code: p.basisCode, name: p.basisName },
      classification: p.classification,
      title: p.title,
      body: p.body,
    })),
    matrix: more.matrix,
    advices: more.advices,
    interventions: more.interventions,
    results: more.results,
    communications: parts.communications.map((c) => ({
      id: c.id,
      onDate: c.onDate,
      channel: c.channel,
      description: c.description,
    })),
    evaluation: parts.evaluation
      ? {
          whatWorked: parts.evaluation.whatWorked,
          whatDidNot: parts.evaluation.whatDidNot,
          lessons: parts.evaluation.lessons,
          waivedReason: parts.evaluation.waivedReason,
        }
      : null,
    signalSubjects: more.signalSubjects,
    abilities: more.abilities,
  };
}
