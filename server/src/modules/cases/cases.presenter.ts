import type { CaseDetail, CaseFilter, CasePhase, CaseSummary } from '@samenspel/contracts';
import { daysBetweenDates, dutchDate } from '../../shared/dates.js';
import { listWorkbook, selectionTitle } from '../../shared/workbook.js';
import type * as repo from './cases.repository.js';

/** Days between the dates two steps happened. */
function daysBetween(from: string | null | undefined, to: string | null | undefined): number | null {
  if (!from || !to) return null;
  return daysBetweenDates(from, to);
}

/**
 * The date a case's first signal came in and its first intervention was carried out, and today in
 * the Netherlands, for lead times; and what the case needs next.
 */
export interface CaseMilestones {
  firstSignalOn: string | null;
  firstInterventionOn: string | null;
  today: string;
  nextAction: CaseSummary['nextAction'];
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
      signalToCase: daysBetween(milestones.firstSignalOn, row.startedOn),
      startToFirstIntervention: daysBetween(row.startedOn, milestones.firstInterventionOn),
      startToClosure: daysBetween(row.startedOn, row.closedOn),
      startToClosureSoFar: daysBetweenDates(row.startedOn, row.closedOn ?? milestones.today),
    },
    nextAction: milestones.nextAction,
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
    events: parts.events.map((e) => {
      const recordedAt = e.at.toISOString();
      const recordedBy = e.userId ? (more.names.get(e.userId) ?? null) : null;
      return {
        type: e.type,
        happenedOn: e.happenedOn,
        recordedAt,
        recordedBy,
        at: recordedAt,
        by: recordedBy,
        details: e.details,
      };
    }),
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

const phaseLabels: Record<CasePhase, string> = {
  start: 'Start',
  information: 'Informatie',
  analysis: 'Analyse',
  intervention: 'Interventie',
  evaluation: 'Evaluatie',
  closed: 'Gesloten',
};

/** The selected cases as a workbook, with what was selected in its title. */
export function casesWorkbook(rows: CaseSummary[], filter: CaseFilter, at: Date): Promise<Buffer> {
  const first = rows[0];
  const theme = rows.flatMap((r) => r.themes).find((t) => t.id === filter.themeId);
  return listWorkbook({
    sheet: 'Casussen',
    created: at,
    title: selectionTitle(
      'Casussen',
      [
        filter.open ? 'lopend' : null,
        filter.phase ? `fase ${phaseLabels[filter.phase].toLowerCase()}` : null,
        filter.districtId ? `district ${first?.district?.name ?? filter.districtId}` : null,
        filter.regional ? 'regionaal' : null,
        filter.municipalityCode ? `gemeente ${filter.municipalityCode}` : null,
        filter.themeId ? `thema ${theme?.name ?? filter.themeId}` : null,
        filter.from ? `gestart vanaf ${dutchDate(filter.from)}` : null,
        filter.to ? `gestart tot en met ${dutchDate(filter.to)}` : null,
        filter.own ? 'met de eigen organisatie' : null,
        filter.priority ? `prioriteit ${filter.priority}` : null,
      ],
      at,
    ),
    rows,
    columns: [
      { header: 'Codenaam', width: 22, value: (r) => r.codeName },
      { header: 'Kenmerk', width: 16, value: (r) => r.reference },
      { header: 'Fase', width: 14, value: (r) => phaseLabels[r.phase] },
      { header: 'District', width: 20, value: (r) => r.district?.name ?? 'Regionaal' },
      { header: "Thema's", width: 28, value: (r) => r.themes.map((t) => t.name).join(', ') },
      { header: 'Gestart', width: 12, type: 'date', value: (r) => r.startedOn },
      { header: 'Gesloten', width: 12, type: 'date', value: (r) => r.closedOn },
      { header: 'Prioriteit', width: 10, type: 'number', value: (r) => r.priority },
      {
        header: 'Dagen signaal → casus',
        width: 12,
        type: 'number',
        value: (r) => r.leadTimes.signalToCase,
      },
      {
        header: 'Dagen start → eerste interventie',
        width: 14,
        type: 'number',
        value: (r) => r.leadTimes.startToFirstIntervention,
      },
      {
        header: 'Dagen start → afsluiting',
        width: 12,
        type: 'number',
        value: (r) => r.leadTimes.startToClosure,
      },
    ],
  });
}
