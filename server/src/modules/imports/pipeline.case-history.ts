import { randomUUID } from 'node:crypto';
import {
  adviceRequest,
  type CaseOrigin,
  type CasePhase,
  type CaseType,
  casePhaseRequest,
  createCaseRequest,
  type InterventionKind,
  interventionRequest,
  type ResultKind,
  resultRequest,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import { dutchDate } from '../../shared/dates.js';
import { type CaseHistoryRows, insertCaseHistories, nextCaseReferences } from '../cases/index.js';
import { covenantOf } from '../collaborations/index.js';
import { type InterventionHistoryRows, insertInterventionHistories } from '../interventions/index.js';
import { listDistricts } from '../organisations/index.js';
import { caseDirectors } from '../users/index.js';
import type { FieldProblem, ImportKindDefinition } from './pipeline.kinds.js';
import {
  listOf,
  municipalityNamed,
  partnerNamed,
  type RegionLookups,
  regionLookups,
  themeNamed,
  unknownMunicipality,
  unknownTheme,
} from './pipeline.lookups.js';
import type { Cell } from './pipeline.read.js';
import {
  fingerprintOf,
  groupedBy,
  type ImportedRecord,
  type KeyedRecords,
  relateRecords,
  unchangedRecords,
} from './pipeline.records.js';
import * as repo from './pipeline.repository.js';
import { fold, readDate, readNumber, rowReader, words } from './pipeline.values.js';

/**
 * The case-history kind: a region's earlier cases from its old register (a spreadsheet kept by
 * hand, an export of RIEC-IS), one row per dated step, so that its earlier years' accountability
 * comes out of Samenspel. A case's rows are checked one by one with the API's contracts, then
 * together in their order (a start first, phases forward, nothing but payments on a closed case,
 * a reopening only after a closure, a payment within what was imposed); a case with one refused
 * row is refused whole. Each step keeps the date it happened, and is recorded now by the importer.
 * The source's own case number makes a second import of the same file add nothing (docs/imports.md).
 */

type Step =
  | 'start'
  | 'phase'
  | 'advice'
  | 'intervention'
  | 'result'
  | 'collected'
  | 'settled'
  | 'evaluated'
  | 'evaluation-waived'
  | 'closed'
  | 'reopened';

/** One dated step of a case, as checked; its fields in a fixed order (the fingerprint is its JSON). */
export interface HistoryRow {
  caseKey: string;
  step: Step;
  on: string;
  start?: {
    codeName: string;
    origin: CaseOrigin;
    originOrganisationIds: string[];
    districtId: string | null;
    municipalityCodes: string[];
    themeIds: string[];
    type: CaseType;
    participantIds: string[];
    directorId: string | null;
    goal: string | null;
    strategy: string | null;
  };
  /** A phase's name, an advice's or intervention's kind, a result's kind. */
  kind?: string;
  organisationId?: string | null;
  description?: string | null;
  cents?: number | null;
  count?: number | null;
}

const steps = words<Step>({
  start: ['gestart', 'aanmaak', 'casus gestart', 'begin'],
  phase: ['fase', 'faseovergang', 'naar fase'],
  advice: ['advies', 'advies gegeven'],
  intervention: ['interventie', 'interventie uitgevoerd'],
  result: ['resultaat'],
  collected: ['inning', 'geind', 'geinde bedrag'],
  settled: ['verrekening', 'verrekend'],
  evaluated: ['evaluatie', 'geevalueerd'],
  'evaluation-waived': ['evaluatie overgeslagen', 'geen evaluatie', 'afgezien van evaluatie'],
  closed: ['sluiting', 'gesloten', 'afgesloten', 'afsluiting', 'casus gesloten'],
  reopened: ['heropening', 'heropend'],
});
const stepNames =
  'Start, Fase, Advies, Interventie, Resultaat, Inning, Verrekening, Evaluatie, Evaluatie overgeslagen, Sluiting, Heropening';

const phases = words<Exclude<CasePhase, 'start' | 'closed'>>({
  information: ['informatie', 'informatiefase'],
  analysis: ['analyse', 'analysefase'],
  intervention: ['interventie', 'interventiefase'],
  evaluation: ['evaluatie', 'evaluatiefase'],
});
const phaseOrder: readonly CasePhase[] = ['start', 'information', 'analysis', 'intervention', 'evaluation'];
const phaseName: Record<CasePhase, string> = {
  start: 'start',
  information: 'informatie',
  analysis: 'analyse',
  intervention: 'interventie',
  evaluation: 'evaluatie',
  closed: 'gesloten',
};

const interventionKinds = words<InterventionKind>({
  administrative: ['bestuurlijk', 'bestuursrechtelijk', 'bestuur'],
  bibob: ['bibob', 'wet bibob'],
  criminal: ['strafrechtelijk', 'strafrecht'],
  fiscal: ['fiscaal', 'belastingen'],
  other: ['overig', 'anders', 'overige'],
});
const resultKinds = words<ResultKind>({
  confiscation: ['afpakken', 'afpakbedrag', 'ontneming', 'afgepakt'],
  closure: ['sluiting', 'pand gesloten'],
  arrest: ['aanhouding', 'aanhoudingen'],
  'seized-money': ['beslag op geld', 'geld in beslag'],
  'seized-goods': ['beslag op goederen', 'goederen in beslag'],
  'seized-weapons': ['beslag op wapens', 'wapens in beslag'],
  fine: ['boete', 'boetes'],
});
const caseTypes = words<CaseType>({
  subject: ['persoon', 'subjectgericht'],
  network: ['netwerk', 'crimineel samenwerkingsverband', 'csv'],
  facilitator: ['facilitator', 'facilitatoren'],
  location: ['locatie', 'pand', 'gebied'],
  branch: ['branche', 'sector'],
});
const analysisWords = new Set(
  ['analyseproduct', 'analyse product', 'ondermijningsbeeld', 'analyse'].map(fold),
);
const regionalWords = new Set(['regionaal', 'regio', 'regionale casus', 'geen district'].map(fold));

interface Lookups extends RegionLookups {
  districts: Array<{ id: string; name: string }>;
  directors: Array<{ id: string; email: string }>;
}

const placeholderId = '00000000-0000-4000-8000-000000000000';

/** The import's field for each field of the API's requests a contract names in its problems. */
const fieldOfRequest: Record<string, string> = {
  codeName: 'codeName',
  origin: 'origin',
  originOrganisationIds: 'origin',
  districtId: 'district',
  municipalityCodes: 'municipalities',
  themeIds: 'themes',
  type: 'type',
  participantIds: 'participants',
  startedOn: 'date',
  givenOn: 'date',
  carriedOutOn: 'date',
  happenedOn: 'date',
  imposedOn: 'date',
  collectedOn: 'date',
  settledOn: 'date',
  to: 'kind',
  kind: 'kind',
  organisationId: 'partner',
  description: 'description',
  imposedCents: 'amount',
  collectedCents: 'amount',
  settledCents: 'amount',
  count: 'count',
};

function contract(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true }
      | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } };
  },
  request: object,
): FieldProblem[] {
  const parsed = schema.safeParse(request);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => ({
    field: fieldOfRequest[String(i.path[0] ?? '')] ?? null,
    code: 'invalid',
    reason: i.message,
  }));
}

export const caseHistory: ImportKindDefinition<HistoryRow> = {
  kind: 'case-history',
  name: 'Casushistorie',
  description:
    'Per rij een gedateerde stap van een casus uit het register van de regio (RIEC-IS of een eigen lijst): de start met werknaam, gemeenten, thema’s, herkomst en deelnemers, dan fasen, adviezen, interventies, resultaten met bedragen, inningen en verrekeningen, de evaluatie, de sluiting en een heropening. Zo komen eerdere jaren met hun echte data in Samenspel, en hun verantwoording eruit.',
  permission: 'case.create',
  // Two equal instalments or arrests on one day are two steps: `relate` judges a case's rows.
  everyRowCounts: true,
  fields: [
    {
      key: 'case',
      label: 'Casus',
      required: true,
      description:
        'Het eigen nummer van de casus in de bron, zoals 2019-014: alle rijen van een casus hebben hetzelfde.',
      synonyms: ['casus', 'casusnummer', 'casusnr', 'dossier', 'dossiernummer', 'zaaknummer', 'case'],
    },
    {
      key: 'step',
      label: 'Stap',
      required: true,
      description: `Wat er gebeurde: ${stepNames}.`,
      synonyms: ['stap', 'gebeurtenis', 'actie', 'step'],
    },
    {
      key: 'date',
      label: 'Datum',
      required: true,
      description: 'Wanneer het gebeurde, zoals 31-12-2021.',
      synonyms: ['datum', 'op', 'date'],
    },
    {
      key: 'kind',
      label: 'Soort',
      required: false,
      description:
        'Bij een fase: informatie, analyse, interventie of evaluatie. Bij een advies of interventie: bestuurlijk, Bibob, strafrechtelijk, fiscaal of overig. Bij een resultaat: afpakken, sluiting, aanhouding, beslag op geld, goederen of wapens, of boete.',
      synonyms: ['soort', 'type stap', 'fase'],
    },
    {
      key: 'partner',
      label: 'Partner',
      required: false,
      description:
        'De partner die het advies kreeg, de interventie uitvoerde of het resultaat behaalde, met zijn naam of code.',
      synonyms: ['partner', 'organisatie', 'uitvoerder'],
    },
    {
      key: 'amount',
      label: 'Bedrag',
      required: false,
      description:
        'Bij afpakken het opgelegde bedrag, bij een inning of verrekening dat bedrag, zoals € 1.234,56.',
      synonyms: ['bedrag', 'euro', 'afpakbedrag'],
    },
    {
      key: 'count',
      label: 'Aantal',
      required: false,
      description: 'Bij aanhoudingen, sluitingen en beslag: hoeveel.',
      synonyms: ['aantal'],
    },
    {
      key: 'description',
      label: 'Omschrijving',
      required: false,
      description:
        'Bij een advies of interventie wat het was; bij een evaluatie wat werkte; bij een overgeslagen evaluatie of een heropening de reden.',
      synonyms: ['omschrijving', 'toelichting', 'beschrijving', 'reden'],
    },
    {
      key: 'codeName',
      label: 'Werknaam',
      required: true,
      description: 'Bij de start: de werknaam of codenaam van de casus.',
      synonyms: ['werknaam', 'codenaam', 'naam casus'],
    },
    {
      key: 'district',
      label: 'District',
      required: false,
      description:
        'Bij de start: het district, of "regionaal" voor een regionale casus. Leeg: het district van de gemeenten (regionaal als ze in meer districten liggen).',
      synonyms: ['district'],
    },
    {
      key: 'municipalities',
      label: 'Gemeenten',
      required: true,
      description: 'Bij de start: de gemeente of gemeenten, met naam of CBS-code, gescheiden door ;.',
      synonyms: ['gemeenten', 'gemeente'],
    },
    {
      key: 'themes',
      label: 'Thema’s',
      required: true,
      description: 'Bij de start: de thema’s, met naam of code, gescheiden door ;.',
      synonyms: ['themas', 'thema', 'fenomeen'],
    },
    {
      key: 'origin',
      label: 'Herkomst',
      required: true,
      description:
        'Bij de start: van welke partners de casus kwam, gescheiden door ;, en "analyseproduct" als hij uit een ondermijningsbeeld kwam.',
      synonyms: ['herkomst', 'aangedragen door', 'bron'],
    },
    {
      key: 'participants',
      label: 'Deelnemers',
      required: true,
      description: 'Bij de start: de deelnemende partners, gescheiden door ;.',
      synonyms: ['deelnemers', 'partners', 'deelnemende partners'],
    },
    {
      key: 'type',
      label: 'Casustype',
      required: false,
      description: 'Bij de start: subject, netwerk, facilitator, locatie of branche. Leeg: subject.',
      synonyms: ['casustype', 'type casus', 'type'],
    },
    {
      key: 'director',
      label: 'Casusregisseur',
      required: false,
      description: 'Bij de start: het e-mailadres van de casusregisseur in Samenspel. Leeg: geen.',
      synonyms: ['casusregisseur', 'regisseur'],
    },
    {
      key: 'goal',
      label: 'Doel',
      required: false,
      description: 'Bij de start: het doel van de casus.',
      synonyms: ['doel'],
    },
    {
      key: 'strategy',
      label: 'Strategie',
      required: false,
      description: 'Bij de start: de strategie.',
      synonyms: ['strategie', 'aanpak'],
    },
  ],
  async prepare(db, actor, today) {
    const [region, districts, directors] = await Promise.all([
      regionLookups(db, actor.regionId, today),
      listDistricts(db, today, { regionId: actor.regionId }),
      caseDirectors(db, actor.regionId),
    ]);
    return {
      ...region,
      districts: districts.map((d) => ({ id: d.id, name: d.name })),
      directors: directors.map((d) => ({ id: d.id, email: d.email.toLowerCase() })),
    } satisfies Lookups;
  },
  row(cell, context) {
    return historyRow(cell, context as Lookups);
  },
  key: (v) => (v.step === 'start' ? `${v.caseKey}\u0000start` : `${v.caseKey}\u0000${JSON.stringify(v)}`),
  async relate(db, actor, rows, _context, refused) {
    const keys = [...new Set(rows.map((r) => r.value.caseKey))];
    return relateRecords(
      caseRecords,
      rows,
      refused,
      await imported(db, actor.regionId, keys),
      sequenceProblems,
    );
  },
  async unchanged(db, actor, values) {
    const keys = [...new Set(values.map((v) => v.caseKey))];
    return unchangedRecords(caseRecords, values, await imported(db, actor.regionId, keys), caseHistory.key);
  },
  async write(db, actor, values, at, by, importId) {
    const byCase = groupedBy(
      values.map((value, line) => ({ line, value })),
      caseRecords,
    );
    if (!byCase.size) return 0;
    const collaborationId = await covenantOf(db, actor.regionId);
    const histories = [...byCase.entries()];
    const references = await nextCaseReferences(
      db,
      histories.map(([, list]) => Number(list[0]?.value.on.slice(0, 4))),
    );
    const cases: CaseHistoryRows = {
      cases: [],
      openPeriods: [],
      origins: [],
      municipalities: [],
      themes: [],
      participants: [],
      events: [],
      evaluations: [],
    };
    const parts: InterventionHistoryRows = { advices: [], interventions: [], results: [] };
    const keys: Array<{
      regionId: string;
      sourceKey: string;
      caseId: string;
      fingerprint: string;
      importId: string;
    }> = [];
    histories.forEach(([caseKey, list], i) => {
      const caseId = randomUUID();
      compose(
        caseId,
        references[i] ?? '',
        list.map((r) => r.value),
        {
          regionId: actor.regionId,
          organisationId: actor.organisationId,
          collaborationId,
          at,
          by,
          into: cases,
          parts,
        },
      );
      keys.push({
        regionId: actor.regionId,
        sourceKey: caseKey,
        caseId,
        fingerprint: fingerprintOf(list.map((r) => r.value)),
        importId,
      });
    });
    await insertCaseHistories(db, cases);
    await insertInterventionHistories(db, parts);
    await repo.recordImportedCases(db, keys);
    return values.length;
  },
};

/** A case's history under its number in the old register. */
const caseRecords: KeyedRecords<HistoryRow> = {
  keyOf: (v) => v.caseKey,
  keyField: 'case',
  named: (key) => `Casus ${key}`,
  whole: 'een casus komt alleen heel binnen',
  // By date, a start first on its day, otherwise in the file's order (a closure and a reopening
  // on one day as the file lists them).
  sort: (a, b) =>
    a.on !== b.on ? (a.on < b.on ? -1 : 1) : Number(b.step === 'start') - Number(a.step === 'start'),
  changedCode: 'history_changed',
  changed: (key, gone) =>
    gone
      ? `Casus ${key} is al ingelezen en inmiddels vernietigd volgens de bewaartermijn. Haal hem uit het bestand.`
      : `Casus ${key} is al ingelezen, met een andere geschiedenis. Leg nieuwe stappen vast in Samenspel zelf, of haal deze casus uit het bestand.`,
  unchangedReason: (gone) =>
    gone
      ? 'Deze casus is al ingelezen en inmiddels vernietigd volgens de bewaartermijn; hij komt niet terug.'
      : 'Staat al zo in Samenspel.',
  refusedCode: 'case_refused',
};

async function imported(db: Db, regionId: string, keys: readonly string[]): Promise<ImportedRecord[]> {
  return (await repo.importedCases(db, regionId, keys)).map((r) => ({
    sourceKey: r.sourceKey,
    fingerprint: r.fingerprint,
    gone: r.caseId === null,
  }));
}

/** What a case's steps say together, in their order: the problems per line. */
function sequenceProblems(
  caseKey: string,
  list: ReadonlyArray<{ line: number; value: HistoryRow }>,
): Map<number, FieldProblem[]> {
  const problems = new Map<number, FieldProblem[]>();
  const add = (line: number, code: string, reason: string, field: string | null = 'step') =>
    problems.set(line, [...(problems.get(line) ?? []), { field, code, reason }]);
  const start = list.find((r) => r.value.step === 'start');
  for (const r of list)
    if (r.value.step === 'start' && r !== start)
      add(
        r.line,
        'second_start',
        `Casus ${caseKey} heeft al een rij Start (regel ${start?.line}). Houd er één over.`,
      );
  if (!start) {
    for (const r of list)
      add(
        r.line,
        'no_start',
        `Casus ${caseKey} heeft geen rij met de stap Start (met werknaam, gemeenten, thema’s, herkomst en deelnemers).`,
        'case',
      );
    return problems;
  }
  let phase: CasePhase = 'start';
  let closedOn: string | null = null;
  const confiscations: Array<{ line: number; on: string; open: number }> = [];
  for (const { line, value: v } of list) {
    if (v.step === 'start') continue;
    if (v.on < start.value.on) {
      add(
        line,
        'before_start',
        `Deze stap ligt voor de start van de casus (${dutchDate(start.value.on)}, regel ${start.line}).`,
        'date',
      );
      continue;
    }
    const open = phase !== 'closed';
    const whileClosed = () =>
      add(
        line,
        'case_closed',
        `De casus is dan gesloten (sinds ${dutchDate(closedOn ?? v.on)}). Zet een Heropening ervoor, of controleer de datum.`,
      );
    switch (v.step) {
      case 'phase': {
        const to = v.kind as CasePhase;
        if (!open) whileClosed();
        else if (phaseOrder.indexOf(to) <= phaseOrder.indexOf(phase))
          add(
            line,
            'phase_order',
            `De casus is dan al in de fase ${phaseName[phase]}; een fase gaat alleen vooruit.`,
            'kind',
          );
        else phase = to;
        break;
      }
      case 'advice':
      case 'intervention':
      case 'evaluated':
      case 'evaluation-waived':
        if (!open) whileClosed();
        break;
      case 'result':
        if (!open) whileClosed();
        else if (v.kind === 'confiscation') confiscations.push({ line, on: v.on, open: v.cents ?? 0 });
        break;
      case 'collected':
      case 'settled': {
        const amount = v.cents ?? 0;
        const on = confiscations.find((c) => c.on <= v.on && c.open >= amount);
        if (!on)
          add(
            line,
            'more_than_outstanding',
            confiscations.length
              ? 'Op geen eerder opgelegd afpakbedrag van deze casus staat dit bedrag nog open.'
              : 'Deze casus heeft op die datum nog geen opgelegd afpakbedrag (een Resultaat van de soort afpakken).',
            'amount',
          );
        else on.open -= amount;
        break;
      }
      case 'closed':
        if (!open)
          add(line, 'not_open', `De casus is dan al gesloten (sinds ${dutchDate(closedOn ?? v.on)}).`);
        else {
          phase = 'closed';
          closedOn = v.on;
        }
        break;
      case 'reopened':
        if (open)
          add(line, 'not_closed', 'Alleen een gesloten casus kan worden heropend; zet de Sluiting ervoor.');
        else {
          phase = 'analysis';
          closedOn = null;
        }
        break;
    }
  }
  return problems;
}

interface Target {
  regionId: string;
  organisationId: string;
  collaborationId: string;
  at: Date;
  by: string | null;
  into: CaseHistoryRows;
  parts: InterventionHistoryRows;
}

/**
 * A case's rows as its steps would have written them, each dated when it happened and recorded
 * now: the case in its last phase, its open periods, links, participants (the start's, and each
 * partner a later step names), events, evaluation, advices (an intervention of the same kind by
 * the partner advised carries out the earliest such advice still open), interventions, results
 * and payments (each on the earliest confiscation it fits).
 */
function compose(caseId: string, reference: string, steps: readonly HistoryRow[], t: Target): void {
  const start = steps.find((s) => s.step === 'start');
  if (!start?.start) throw new Error('a case history without a start passed its checks');
  const s = start.start;
  const event = (type: string, on: string, details: object = {}) =>
    t.into.events.push({
      caseId,
      type,
      at: t.at,
      happenedOn: on,
      userId: t.by,
      organisationId: t.organisationId,
      details,
    });
  const participants = new Set<string>();
  // A partner takes part since the step that names it: its date, at noon (the moment is not known).
  const participate = (organisationId: string | null | undefined, reason: string, on: string) => {
    if (!organisationId || participants.has(organisationId)) return;
    participants.add(organisationId);
    t.into.participants.push({
      caseId,
      organisationId,
      addedAt: new Date(`${on}T12:00:00Z`),
      addedReason: reason,
      removedAt: null,
      removedReason: null,
    });
  };
  for (const id of s.participantIds) participate(id, 'Deelnemer bij de start (casushistorie)', start.on);
  for (const organisationId of new Set(s.originOrganisationIds))
    t.into.origins.push({ caseId, organisationId });
  for (const municipalityCode of new Set(s.municipalityCodes))
    t.into.municipalities.push({ caseId, municipalityCode });
  for (const themeId of new Set(s.themeIds)) t.into.themes.push({ caseId, themeId });
  event('started', start.on, { origin: s.origin });
  if (s.goal && s.strategy) event('goal', start.on);
  let phase: CasePhase = 'start';
  let opened = start.on;
  let closedOn: string | null = null;
  let evaluation: { whatWorked: string | null; waivedReason: string | null } | null = null;
  const advices: Array<{ id: string; kind: string; organisationId: string; on: string; done: boolean }> = [];
  const confiscations: Array<{ id: string; on: string; open: number; organisationId: string }> = [];
  for (const v of steps) {
    const partner = v.organisationId ?? null;
    switch (v.step) {
      case 'start':
        break;
      case 'phase':
        event('phase', v.on, { from: phase, to: v.kind });
        phase = v.kind as CasePhase;
        break;
      case 'advice': {
        if (!partner) break;
        participate(partner, 'Kreeg een advies (casushistorie)', v.on);
        const id = randomUUID();
        advices.push({ id, kind: v.kind ?? 'other', organisationId: partner, on: v.on, done: false });
        t.parts.advices.push({
          id,
          caseId,
          kind: v.kind as InterventionKind,
          organisationId: partner,
          givenOn: v.on,
          status: 'given',
          description: v.description ?? '',
          createdBy: t.by,
        });
        event('advice', v.on, { kind: v.kind });
        break;
      }
      case 'intervention': {
        if (!partner) break;
        participate(partner, 'Voerde een interventie uit (casushistorie)', v.on);
        const advice = advices.find(
          (a) => !a.done && a.kind === v.kind && a.organisationId === partner && a.on <= v.on,
        );
        if (advice) {
          advice.done = true;
          const row = t.parts.advices.find((a) => a.id === advice.id);
          if (row) row.status = 'carried-out';
        }
        t.parts.interventions.push({
          id: randomUUID(),
          caseId,
          adviceId: advice?.id ?? null,
          kind: v.kind as InterventionKind,
          organisationId: partner,
          carriedOutOn: v.on,
          description: v.description ?? '',
          outcome: null,
        });
        event('intervention', v.on, { kind: v.kind });
        break;
      }
      case 'result': {
        if (!partner) break;
        participate(partner, 'Behaalde een resultaat (casushistorie)', v.on);
        const id = randomUUID();
        const confiscation = v.kind === 'confiscation';
        if (confiscation) confiscations.push({ id, on: v.on, open: v.cents ?? 0, organisationId: partner });
        t.parts.results.push({
          id,
          caseId,
          interventionId: null,
          confiscationId: null,
          kind: v.kind as ResultKind,
          organisationId: partner,
          imposedCents: confiscation ? (v.cents ?? 0) : null,
          imposedOn: confiscation ? v.on : null,
          collectedCents: null,
          collectedOn: null,
          settledCents: null,
          settledOn: null,
          count: confiscation ? null : (v.count ?? null),
          description: v.description ?? null,
          // Counted by the date it was recorded (results per kind): for history, the step's date.
          recordedOn: v.on,
        });
        event('result', v.on, { kind: v.kind });
        break;
      }
      case 'collected':
      case 'settled': {
        const amount = v.cents ?? 0;
        const on = confiscations.find((c) => c.on <= v.on && c.open >= amount);
        if (!on) throw new Error('a payment without its confiscation passed its checks');
        participate(partner, 'Inde of verrekende een afpakbedrag (casushistorie)', v.on);
        on.open -= amount;
        const collected = v.step === 'collected';
        t.parts.results.push({
          id: randomUUID(),
          caseId,
          interventionId: null,
          confiscationId: on.id,
          kind: 'confiscation',
          organisationId: partner ?? on.organisationId,
          imposedCents: null,
          imposedOn: null,
          collectedCents: collected ? amount : null,
          collectedOn: collected ? v.on : null,
          settledCents: collected ? null : amount,
          settledOn: collected ? null : v.on,
          count: null,
          description: v.description ?? null,
          recordedOn: v.on,
        });
        event('result', v.on, { kind: 'confiscation', confiscationId: on.id });
        break;
      }
      case 'evaluated':
        evaluation = { whatWorked: v.description ?? '', waivedReason: null };
        event('evaluated', v.on);
        break;
      case 'evaluation-waived':
        evaluation = { whatWorked: null, waivedReason: v.description ?? '' };
        event('evaluation-waived', v.on);
        break;
      case 'closed':
        phase = 'closed';
        closedOn = v.on;
        t.into.openPeriods.push({ caseId, openedOn: opened, closedOn: v.on });
        event('closed', v.on);
        break;
      case 'reopened': {
        phase = 'analysis';
        closedOn = null;
        // Closed and reopened on the day it opened: one period still open, as the screens keep it.
        const last = t.into.openPeriods.at(-1);
        if (last?.caseId === caseId && last.openedOn === v.on) t.into.openPeriods.pop();
        else opened = v.on;
        event('reopened', v.on, { reason: v.description });
        break;
      }
    }
  }
  if (phase !== 'closed') t.into.openPeriods.push({ caseId, openedOn: opened, closedOn: null });
  if (evaluation)
    t.into.evaluations.push({
      caseId,
      whatWorked: evaluation.whatWorked,
      whatDidNot: null,
      lessons: null,
      waivedReason: evaluation.waivedReason,
      recordedAt: t.at,
      recordedBy: t.by,
    });
  t.into.cases.push({
    id: caseId,
    regionId: t.regionId,
    collaborationId: t.collaborationId,
    reference,
    codeName: s.codeName,
    origin: s.origin,
    districtId: s.districtId,
    type: s.type,
    directorId: s.directorId,
    phase,
    goal: s.goal,
    strategy: s.strategy,
    startedOn: start.on,
    closedOn,
    createdBy: t.by,
    createdAt: t.at,
  });
}

/** One row read and checked on its own, with the API's contract for its step. */
function historyRow(
  cell: (field: string) => Cell | undefined,
  l: Lookups,
): { value: HistoryRow } | { problems: FieldProblem[] } {
  const { problems, take, text, need } = rowReader(cell);
  const caseKey = text('case', 100);
  if (!caseKey) need('case', 'Vul het nummer van de casus in de bron in.');
  const stepText = text('step', 100);
  const step = stepText ? steps.get(fold(stepText)) : undefined;
  if (!stepText) need('step', `Vul de stap in: ${stepNames}.`);
  else if (!step)
    problems.push({
      field: 'step',
      code: 'unknown_step',
      reason: `Deze stap kent Samenspel niet. Kies uit: ${stepNames}.`,
    });
  const on = take('date', readDate(cell('date') ?? null)) ?? null;
  if (on === null && !problems.some((p) => p.field === 'date'))
    need('date', 'Vul de datum in waarop het gebeurde.');
  if (on && on > l.today)
    problems.push({
      field: 'date',
      code: 'in_the_future',
      reason: 'Deze datum ligt in de toekomst. Een stap krijgt de datum waarop hij gebeurde.',
    });
  if (!caseKey || !step || !on || problems.length) return { problems };
  const partnerOf = (name: string) => partnerNamed(l, name);
  const partner = (required: boolean) => {
    const name = text('partner', 200);
    if (!name) {
      if (required) need('partner', 'Vul de partner in, met zijn naam of code.');
      return null;
    }
    const found = partnerOf(name);
    if (!found)
      problems.push({
        field: 'partner',
        code: 'unknown_partner',
        reason: 'Deze partner hoort niet bij uw regio. Schrijf zijn naam of code.',
      });
    return found?.id ?? null;
  };
  const amount = (required: boolean) => {
    const read = take('amount', readNumber(cell('amount') ?? null, 2));
    if (read === undefined) return null;
    if (read === null) {
      if (required) need('amount', 'Vul het bedrag in, zoals € 1.234,56.');
      return null;
    }
    if (read < 0) {
      problems.push({ field: 'amount', code: 'negative', reason: 'Een bedrag kan niet negatief zijn.' });
      return null;
    }
    return Math.round(read * 100);
  };
  const kindOf = <T extends string>(names: Map<string, T>, what: string, choices: string) => {
    const name = text('kind', 100);
    if (!name) {
      need('kind', `Vul ${what} in: ${choices}.`);
      return undefined;
    }
    const found = names.get(fold(name));
    if (!found)
      problems.push({
        field: 'kind',
        code: 'unknown_kind',
        reason: `Dit is geen ${what}. Kies uit: ${choices}.`,
      });
    return found;
  };
  const base = { caseKey, step, on };
  switch (step) {
    case 'start': {
      const codeName = text('codeName', 100);
      const municipalities = listOf(text('municipalities', 2000)).map((name) => {
        const found = municipalityNamed(l, name);
        if (!found)
          problems.push({
            field: 'municipalities',
            code: 'unknown_municipality',
            reason: unknownMunicipality(name),
          });
        return found;
      });
      const themes = listOf(text('themes', 2000)).map((name) => {
        const found = themeNamed(l, name);
        if (!found) problems.push({ field: 'themes', code: 'unknown_theme', reason: unknownTheme(l, name) });
        return found;
      });
      let analysis = false;
      const origins = listOf(text('origin', 2000)).flatMap((name) => {
        if (analysisWords.has(fold(name))) {
          analysis = true;
          return [];
        }
        const found = partnerOf(name);
        if (!found)
          problems.push({
            field: 'origin',
            code: 'unknown_partner',
            reason: `De partner '${name}' hoort niet bij uw regio. Schrijf zijn naam of code, of "analyseproduct".`,
          });
        return found ? [found] : [];
      });
      if (!analysis && !origins.some((o) => o.kind !== 'riec') && !problems.some((p) => p.field === 'origin'))
        problems.push({
          field: 'origin',
          code: 'no_partner',
          reason:
            'Geef de partner of partners van wie de casus kwam (niet het RIEC zelf), of "analyseproduct".',
        });
      const participants = listOf(text('participants', 4000)).map((name) => {
        const found = partnerOf(name);
        if (!found)
          problems.push({
            field: 'participants',
            code: 'unknown_partner',
            reason: `De partner '${name}' hoort niet bij uw regio. Schrijf zijn naam of code.`,
          });
        return found;
      });
      const districtText = text('district', 100);
      const codes = municipalities.flatMap((m) => (m ? [m] : []));
      let districtId: string | null;
      if (districtText && regionalWords.has(fold(districtText))) districtId = null;
      else if (districtText) {
        const wanted = fold(districtText);
        const found = l.districts.find((d) => fold(d.name) === wanted || fold(d.id) === wanted);
        if (!found)
          problems.push({
            field: 'district',
            code: 'unknown_district',
            reason: `Dit district kent uw regio niet. Kies uit: ${l.districts.map((d) => d.name).join('; ')}, of "regionaal".`,
          });
        districtId = found?.id ?? null;
        if (found && codes.some((m) => m.districtId !== found.id))
          problems.push({
            field: 'municipalities',
            code: 'outside_district',
            reason: 'Kies gemeenten uit het district van de casus, of maak haar regionaal.',
          });
      } else {
        const inDistricts = new Set(codes.map((m) => m.districtId));
        districtId = inDistricts.size === 1 ? ([...inDistricts][0] ?? null) : null;
      }
      const typeText = text('type', 100);
      const type = typeText ? caseTypes.get(fold(typeText)) : 'subject';
      if (!type)
        problems.push({
          field: 'type',
          code: 'unknown_type',
          reason: 'Kies het casustype: subject, netwerk, facilitator, locatie of branche.',
        });
      const email = text('director', 320);
      const director = email ? l.directors.find((d) => d.email === email.toLowerCase()) : undefined;
      if (email && !director)
        problems.push({
          field: 'director',
          code: 'not_a_director',
          reason:
            'Dit is geen casusregisseur van uw regio in Samenspel. Laat het leeg, of schrijf het e-mailadres van een casusregisseur.',
        });
      const goal = text('goal', 5000);
      const strategy = text('strategy', 10_000);
      if (problems.length) return { problems };
      const start = {
        codeName: codeName ?? '',
        origin: (analysis ? 'analysis-product' : 'direct') as CaseOrigin,
        originOrganisationIds: [...new Set(origins.map((o) => o.id))],
        districtId,
        municipalityCodes: [...new Set(codes.map((m) => m.code))],
        themeIds: [...new Set(themes.flatMap((t) => (t ? [t.id] : [])))],
        type: type ?? 'subject',
        participantIds: [...new Set(participants.flatMap((p) => (p ? [p.id] : [])))],
        directorId: director?.id ?? null,
        goal,
        strategy,
      };
      const found = contract(createCaseRequest.omit({ directorId: true, signalSubjects: true }), {
        origin: start.origin,
        signalIds: [],
        originOrganisationIds: start.originOrganisationIds,
        codeName: codeName ?? undefined,
        districtId: start.districtId,
        municipalityCodes: start.municipalityCodes,
        themeIds: start.themeIds,
        type: start.type,
        participantIds: start.participantIds,
        startedOn: on,
      });
      return found.length ? { problems: found } : { value: { ...base, start } };
    }
    case 'phase': {
      const to = kindOf(phases, 'een fase', 'informatie, analyse, interventie, evaluatie');
      if (problems.length || !to) return { problems };
      const found = contract(casePhaseRequest, { type: 'advance', to, happenedOn: on });
      return found.length ? { problems: found } : { value: { ...base, kind: to } };
    }
    case 'advice':
    case 'intervention': {
      const kind = kindOf(
        interventionKinds,
        `een soort ${step === 'advice' ? 'advies' : 'interventie'}`,
        'bestuurlijk, Bibob, strafrechtelijk, fiscaal, overig',
      );
      const organisationId = partner(true);
      const description = text('description', 5000);
      if (problems.length || !kind) return { problems };
      const found =
        step === 'advice'
          ? contract(adviceRequest, {
              kind,
              organisationId: organisationId ?? undefined,
              givenOn: on,
              description: description ?? '',
            })
          : contract(interventionRequest, {
              kind,
              organisationId: organisationId ?? undefined,
              carriedOutOn: on,
              description: description ?? '',
            });
      return found.length ? { problems: found } : { value: { ...base, kind, organisationId, description } };
    }
    case 'result': {
      const kind = kindOf(
        resultKinds,
        'een soort resultaat',
        'afpakken, sluiting, aanhouding, beslag op geld, beslag op goederen, beslag op wapens, boete',
      );
      const organisationId = partner(true);
      const cents = kind === 'confiscation' ? amount(true) : null;
      const countRead = kind !== 'confiscation' ? take('count', readNumber(cell('count') ?? null, 0)) : null;
      const description = text('description', 2000);
      if (problems.length || !kind) return { problems };
      const count = countRead ?? null;
      const found = contract(resultRequest, {
        kind,
        organisationId: organisationId ?? undefined,
        ...(kind === 'confiscation' ? { imposedCents: cents ?? undefined, imposedOn: on } : {}),
        ...(count !== null ? { count } : {}),
        ...(description ? { description } : {}),
      });
      return found.length
        ? { problems: found }
        : { value: { ...base, kind, organisationId, description, cents, count } };
    }
    case 'collected':
    case 'settled': {
      const organisationId = partner(false);
      const cents = amount(true);
      const description = text('description', 2000);
      if (problems.length) return { problems };
      const field = step === 'collected' ? 'collected' : 'settled';
      const found = contract(resultRequest, {
        kind: 'confiscation',
        confiscationId: placeholderId,
        [`${field}Cents`]: cents ?? undefined,
        [`${field}On`]: on,
        ...(description ? { description } : {}),
      });
      return found.length ? { problems: found } : { value: { ...base, organisationId, description, cents } };
    }
    case 'evaluated':
    case 'evaluation-waived':
    case 'reopened': {
      const description = text('description', step === 'evaluated' ? 10_000 : 2000);
      if (!description)
        need(
          'description',
          step === 'evaluated'
            ? 'Vul bij de evaluatie in wat werkte.'
            : step === 'reopened'
              ? 'Vul de reden van de heropening in.'
              : 'Vul de reden in om van de evaluatie af te zien.',
        );
      if (problems.length) return { problems };
      return { value: { ...base, description } };
    }
    case 'closed':
      return { value: base };
  }
}
