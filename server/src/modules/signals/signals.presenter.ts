import {
  type LeadTimes,
  type NotAcceptedReason,
  type RoundView,
  type SignalDetail,
  type SignalFilter,
  type SignalOutcome,
  type SignalRoute,
  type SignalStage,
  type SignalSummary,
  type SignalWeighing,
  signalEventType,
} from '@samenspel/contracts';
import { amsterdamDate, daysBetweenDates, dutchDate } from '../../shared/dates.js';
import { listWorkbook, selectionTitle } from '../../shared/workbook.js';
import type * as repo from './signals.repository.js';

function days(from: string | undefined, to: string | undefined): number | null {
  if (!from || !to) return null;
  return daysBetweenDates(from, to);
}

/** The logical order of the steps, as the contract lists them. */
const stepRank: readonly string[] = signalEventType.options;

type Dated = { happenedOn: string; at: Date; type: string };

/**
 * Events in the order they happened: by date, then as recorded; steps recorded in the same
 * instant keep their logical order.
 */
function byDateThenTime(a: Dated, b: Dated): number {
  return (
    (a.happenedOn < b.happenedOn ? -1 : a.happenedOn > b.happenedOn ? 1 : 0) ||
    a.at.getTime() - b.at.getTime() ||
    stepRank.indexOf(a.type) - stepRank.indexOf(b.type)
  );
}

/** The start of a description, about 100 characters, cut at a word: to recognise a signal by. */
export function shortDescription(description: string | null, length = 100): string | null {
  if (!description) return null;
  const flat = description.replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length);
  const space = cut.lastIndexOf(' ');
  return `${(space > length * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
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
    receivedOn: r.receivedOn,
    stageSince: r.stageSince.toISOString(),
    subjectCount: r.subjectCount,
  };
}

/** Days from intake to each step, by the date the first event of each kind happened. */
export function leadTimesOf(events: ReadonlyArray<Dated>): LeadTimes {
  const first = (type: string) => [...events].sort(byDateThenTime).find((e) => e.type === type)?.happenedOn;
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

type Event = Awaited<ReturnType<typeof repo.eventsOf>>[number];

/** The steps whose notes belong to the weighing: only those who weigh signals read them. */
const weighingSteps: ReadonlySet<string> = new Set(['discussed', 'substantiated', 'triaged']);

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/** The notes of the weighing, the latest of each step where a step was taken more than once. */
function weighingOf(events: readonly Event[]): SignalWeighing {
  const latest = (type: string) => events.filter((e) => e.type === type).at(-1);
  const substantiated = latest('substantiated');
  const triaged = latest('triaged');
  return {
    discussions: events
      .filter((e) => e.type === 'discussed')
      .map((e) => ({
        happenedOn: e.happenedOn,
        note: text(e.details.note),
        meetingId: text(e.details.meetingId),
      })),
    substantiation: substantiated
      ? {
          happenedOn: substantiated.happenedOn,
          note: text(substantiated.details.note) ?? '',
          organisations: Array.isArray(substantiated.details.organisations)
            ? substantiated.details.organisations.filter((o): o is string => typeof o === 'string')
            : [],
        }
      : null,
    triage: triaged
      ? {
          happenedOn: triaged.happenedOn,
          route: (triaged.details.route as SignalRoute | undefined) ?? 'integral',
          reason: text(triaged.details.reason) ?? '',
        }
      : null,
  };
}

function outcomeOf(
  events: readonly Event[],
  organisations: ReadonlyMap<string, string>,
): SignalOutcome | null {
  const decided = events.filter((e) => e.type === 'decided').at(-1);
  if (!decided) return null;
  const referredTo = text(decided.details.referredTo);
  return {
    happenedOn: decided.happenedOn,
    decision: decided.details.decision as SignalOutcome['decision'],
    reason: (text(decided.details.reason) as NotAcceptedReason | null) ?? null,
    note: text(decided.details.note),
    referredTo: referredTo ? { id: referredTo, name: organisations.get(referredTo) ?? '' } : null,
  };
}

export function presentDetail(
  row: repo.SignalRow,
  parts: {
    subjects: Awaited<ReturnType<typeof repo.subjectsOf>>;
    events: Awaited<ReturnType<typeof repo.eventsOf>>;
    names: ReadonlyMap<string, string>;
    organisations: ReadonlyMap<string, string>;
    rounds: RoundView[];
    abilities: string[];
    /** The reader weighs signals (analyst, chair): the notes of the weighing are theirs to read. */
    weighs: boolean;
  },
): SignalDetail {
  const events = [...parts.events].sort(byDateThenTime);
  return {
    ...presentSummary(row),
    description: row.description,
    route: row.route,
    receivedFrom:
      row.receivedFromOrganisationId && row.receivedFromName
        ? { id: row.receivedFromOrganisationId, name: row.receivedFromName }
        : null,
    subjects: parts.subjects.map((s) => ({ id: s.id, kind: s.kind, label: s.label, data: s.data })),
    events: events.map((e) => {
      const by = {
        userId: e.userId,
        name: e.userId ? (parts.names.get(e.userId) ?? null) : null,
        organisation: e.organisationName,
      };
      const recordedAt = e.at.toISOString();
      return {
        id: e.id,
        type: e.type,
        happenedOn: e.happenedOn,
        recordedAt,
        recordedBy: by,
        at: recordedAt,
        by,
        // Whoever may not read the weighing sees that a step was taken, not what was written.
        details: weighingSteps.has(e.type) && !parts.weighs ? {} : e.details,
      };
    }),
    weighing: parts.weighs ? weighingOf(events) : null,
    outcome: outcomeOf(events, parts.organisations),
    rounds: parts.rounds,
    leadTimes: leadTimesOf(parts.events),
    abilities: parts.abilities,
  };
}

const stageLabels: Record<SignalStage, string> = {
  draft: 'Concept',
  received: 'Ontvangen',
  discussed: 'Besproken in LOO',
  substantiated: 'Onderbouwd',
  triaged: 'Gewogen',
  'hit-check': 'Hit/no-hit',
  decided: 'Besloten',
};
const decisionLabels = {
  accepted: 'Geaccepteerd als casus',
  referred: 'Verwezen naar één partner',
  'not-accepted': 'Niet geaccepteerd',
  withdrawn: 'Ingetrokken',
} as const;
const urgencyLabels = { low: 'Laag', normal: 'Normaal', high: 'Hoog' } as const;
const sourceLabels = {
  partner: 'Partner',
  'riec-analysis': 'Analyseproduct RIEC',
  fiu: 'FIU-melding',
  'meld-misdaad-anoniem': 'Meld Misdaad Anoniem',
  'zorg-en-veiligheidshuis': 'Zorg- en Veiligheidshuis',
  other: 'Anders',
} as const;

/** A signal's stage as the screens say it: the decision once decided. */
export function stageLabel(r: Pick<repo.SignalRow, 'stage' | 'decision'>): string {
  return r.decision ? decisionLabels[r.decision] : stageLabels[r.stage];
}

/** The selected signals as a workbook, with what was selected in its title. */
export function signalsWorkbook(rows: repo.SignalRow[], filter: SignalFilter, at: Date): Promise<Buffer> {
  const first = rows[0];
  const theme = rows.flatMap((r) => r.themes).find((t) => t.id === filter.themeId);
  return listWorkbook({
    sheet: 'Signalen',
    created: at,
    title: selectionTitle(
      'Signalen',
      [
        filter.open ? 'open' : null,
        filter.stage ? `fase ${stageLabels[filter.stage].toLowerCase()}` : null,
        filter.decision ? decisionLabels[filter.decision].toLowerCase() : null,
        filter.districtId ? `district ${first?.districtName ?? filter.districtId}` : null,
        filter.municipalityCode ? `gemeente ${first?.municipalityName ?? filter.municipalityCode}` : null,
        filter.themeId ? `thema ${theme?.name ?? filter.themeId}` : null,
        filter.from ? `ontvangen vanaf ${dutchDate(filter.from)}` : null,
        filter.to ? `ontvangen tot en met ${dutchDate(filter.to)}` : null,
        filter.own ? 'van de eigen organisatie' : null,
      ],
      at,
    ),
    rows,
    columns: [
      { header: 'Kenmerk', width: 16, value: (r) => r.reference },
      { header: 'Fase', width: 24, value: (r) => stageLabel(r) },
      { header: 'Ontvangen', width: 12, type: 'date', value: (r) => r.receivedOn },
      { header: 'Gemeente', width: 20, value: (r) => r.municipalityName },
      { header: 'District', width: 20, value: (r) => r.districtName },
      { header: 'Indieners', width: 32, value: (r) => r.organisations.map((o) => o.name).join(', ') },
      { header: "Thema's", width: 28, value: (r) => r.themes.map((t) => t.name).join(', ') },
      { header: 'Urgentie', width: 10, value: (r) => urgencyLabels[r.urgency ?? 'normal'] },
      { header: 'Bron', width: 22, value: (r) => (r.source ? sourceLabels[r.source] : null) },
      { header: 'Korte omschrijving', width: 60, value: (r) => shortDescription(r.description) },
      { header: 'Betrokkenen', width: 12, type: 'number', value: (r) => r.subjectCount },
      {
        header: 'In deze fase sinds',
        width: 16,
        type: 'date',
        value: (r) => amsterdamDate(r.stageSince),
      },
    ],
  });
}
