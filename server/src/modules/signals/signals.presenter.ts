import {
  type LeadTimes,
  type RoundView,
  type SignalDetail,
  type SignalSummary,
  signalEventType,
} from '@samenspel/contracts';
import type * as repo from './signals.repository.js';

const DAY = 86_400_000;

function days(from: Date | undefined, to: Date | undefined): number | null {
  if (!from || !to) return null;
  return Math.round(((to.getTime() - from.getTime()) / DAY) * 10) / 10;
}

/** The logical order of the steps, as the contract lists them. */
const stepRank: readonly string[] = signalEventType.options;

/** Events in time order; steps recorded in the same instant keep their logical order. */
function byTimeThenStep(a: { at: Date; type: string }, b: { at: Date; type: string }): number {
  return a.at.getTime() - b.at.getTime() || stepRank.indexOf(a.type) - stepRank.indexOf(b.type);
}

export function presentSummary(r: repo.SignalRow): SignalSummary {
  return {
    id: r.id,
    reference: r.reference,
    stage: r.stage,
    decision: r.decision,
    urgency: r.urgency ?? 'normal',
    source: r.source,
    municipality:
      r.municipalityCode && r.municipalityName
        ? { code: r.municipalityCode, name: r.municipalityName }
        : null,
    district: r.districtId && r.districtName ? { id: r.districtId, name: r.districtName } : null,
    submittingOrganisations: r.organisations,
    themes: r.themes,
    receivedAt: r.receivedAt?.toISOString() ?? null,
    stageSince: r.stageSince.toISOString(),
    subjectCount: r.subjectCount,
  };
}

/** Days from intake to each step, from the first event of each kind. */
export function leadTimesOf(events: ReadonlyArray<{ type: string; at: Date }>): LeadTimes {
  const first = (type: string) => events.find((e) => e.type === type)?.at;
  const received = first('received');
  const discussed = first('discussed');
  const triaged = first('triaged');
  const decided = first('decided');
  return {
    intakeToLoo: days(received, discussed),
    looToTriage: days(discussed, triaged),
    triageToDecision: days(triaged, decided),
    intakeToDecision: days(received, decided),
  };
}

export function presentDetail(
  row: repo.SignalRow,
  parts: {
    subjects: Awaited<ReturnType<typeof repo.subjectsOf>>;
    events: Awaited<ReturnType<typeof repo.eventsOf>>;
    names: ReadonlyMap<string, string>;
    rounds: RoundView[];
    abilities: string[];
  },
): SignalDetail {
  return {
    ...presentSummary(row),
    description: row.description,
    route: row.route,
    receivedFrom:
      row.receivedFromOrganisationId && row.receivedFromName
        ? { id: row.receivedFromOrganisationId, name: row.receivedFromName }
        : null,
    subjects: parts.subjects.map((s) => ({ id: s.id, kind: s.kind, label: s.label, data: s.data })),
    events: [...parts.events].sort(byTimeThenStep).map((e) => ({
      id: e.id,
      type: e.type,
      at: e.at.toISOString(),
      by: {
        userId: e.userId,
        name: e.userId ? (parts.names.get(e.userId) ?? null) : null,
        organisation: e.organisationName,
      },
      details: e.details,
    })),
    rounds: parts.rounds,
    leadTimes: leadTimesOf(parts.events),
    abilities: parts.abilities,
  };
}
