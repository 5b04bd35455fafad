import {
  type CreateActivityRequest,
  type CreateInspectionRequest,
  type CreateLocationRequest,
  createActivityRequest,
  type FinanceLineCode,
  financeLineDefinitions,
  financeYearRequest,
  type ImportKind,
  type InspectionFindingRequest,
  type SignalInput,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/context.js';
import type { AuditRecorder } from '../audit/index.js';
import type { importCaseSubjects } from '../cases/index.js';
import { financeLineProblems, financeLinesOf, recordFinanceLines } from '../finance/index.js';
import {
  type ActivityLookups,
  activitiesHeldWithin,
  activityLookups,
  activityProblems,
  recordActivities,
} from '../programmes/index.js';
import { addressRegister } from './pipeline.addresses.js';
import { caseHistory } from './pipeline.case-history.js';
import { inspections } from './pipeline.inspections.js';
import type { Cell } from './pipeline.read.js';
import { riskLocations } from './pipeline.risk-locations.js';
import { signals } from './pipeline.signals.js';
import { subjects } from './pipeline.subjects.js';
import { fold, readDate, readNumber, readText, readYear, rowReader } from './pipeline.values.js';

/**
 * What a kind writes through another module's service, in the import's transaction (a risk
 * location is flagged as the screens flag one).
 */
export interface ImportPorts {
  flagLocation(db: Db, actor: Actor, request: CreateLocationRequest): Promise<string>;
  /** An inspection planned, held or cancelled, with its findings, as the screens record one: its id. */
  recordInspection(
    db: Db,
    actor: Actor,
    request: CreateInspectionRequest,
    outcome: {
      heldOn: string | null;
      cancelledOn: string | null;
      findings: readonly InspectionFindingRequest[];
    },
  ): Promise<string>;
  /**
   * Subjects added to a case as the screens add them (registered, each logged), with relations
   * between them and the case's earlier subjects: the case subjects' ids, in order.
   */
  addCaseSubjects(
    db: Db,
    target: Parameters<typeof importCaseSubjects>[1],
    subjects: Parameters<typeof importCaseSubjects>[2],
    relations: Parameters<typeof importCaseSubjects>[3],
    record: AuditRecorder,
  ): Promise<string[]>;
  /** A signal submitted as the screens submit one (its subjects registered, each logged): its id. */
  submitSignal(db: Db, actor: Actor, request: SignalInput, record: AuditRecorder): Promise<string>;
}

/** A field of a kind: what a column can be mapped to, and the headings that map to it by themselves. */
export interface KindField {
  key: string;
  label: string;
  required: boolean;
  description: string;
  synonyms: readonly string[];
  /** Personal data: its value is masked in the row report. */
  personal?: boolean;
}

export interface FieldProblem {
  /** The field whose cell is wrong, or null for the row as a whole. */
  field: string | null;
  code: string;
  reason: string;
}

/**
 * A kind of import: its fields, how a row becomes a value (with the API's own rules), its
 * identity (a second row with the same one is a duplicate), which rows are recorded already
 * exactly so (skipped), and how the accepted rows are written, all in the import's transaction.
 */
export interface ImportKindDefinition<T> {
  kind: ImportKind;
  name: string;
  description: string;
  /** The permission that lets one run it: the same one the API asks for these records. */
  permission: string;
  /**
   * Its records each have their own scope (the cases one manages), so that a colleague who may
   * run the kind may not see what one imported: an import, its report and its error file are
   * shown to the person who ran it only.
   */
  ownImportsOnly?: boolean;
  fields: readonly KindField[];
  /**
   * Rows that are the same are each a record of their own (two equal instalments on one day),
   * not a repeat to skip: the kind's `relate` judges them. By default a repeat is skipped.
   */
  everyRowCounts?: boolean;
  /** What the rows are checked against (the region's municipalities, say), read once per file. */
  prepare?(db: Db, actor: Actor, today: string): Promise<unknown>;
  row(
    cell: (field: string) => Cell | undefined,
    context: unknown,
  ): { value: T } | { problems: FieldProblem[] };
  key(value: T): string;
  /**
   * What rows say together, for a kind whose rows are steps of one record (a case's history):
   * the problems per line of the rows it refuses. Called with the rows accepted one by one, and
   * the cells of those refused one by one (a case with one refused row is refused whole).
   */
  relate?(
    db: Db,
    actor: Actor,
    rows: ReadonlyArray<{ line: number; value: T }>,
    context: unknown,
    refused: ReadonlyArray<{ line: number; cell: (field: string) => Cell | undefined }>,
  ): Promise<Map<number, FieldProblem[]>>;
  /**
   * The keys of the values recorded already exactly as given (skipped: "Staat al zo in
   * Samenspel."), or each such key with the reason it is skipped.
   */
  unchanged(db: Db, actor: Actor, values: readonly T[]): Promise<Set<string> | Map<string, string>>;
  write(
    db: Db,
    actor: Actor,
    values: readonly T[],
    at: Date,
    by: string | null,
    importId: string,
    ports: ImportPorts,
    /** The import's entry in the processing log: each data subject written is recorded on it. */
    record: AuditRecorder,
    /** The file the rows came from, and how many rows it has. */
    file: { name: string; sha256: string; format: 'csv' | 'xlsx'; rows: number },
  ): Promise<number>;
}

// ---- finance ----------------------------------------------------------------------------------

interface FinanceRow {
  year: number;
  line: FinanceLineCode;
  /** Undefined: the file has no such column, and the recorded figure stays. */
  budget: number | null | undefined;
  realisation: number | null | undefined;
}

const lineByName = new Map<string, FinanceLineCode>(
  financeLineDefinitions.flatMap((d) => [
    [fold(d.code), d.code],
    [fold(d.name), d.code],
  ]),
);
const lineSchema = financeYearRequest.shape.lines.element;

const finance: ImportKindDefinition<FinanceRow> = {
  kind: 'finance',
  name: 'Financiën (exploitatieoverzicht)',
  description:
    'Per rij een regel van het exploitatieoverzicht in een jaar: de begroting en de realisatie in hele euro’s (fte voor de bijdragen in fte).',
  permission: 'finance.manage',
  fields: [
    {
      key: 'year',
      label: 'Jaar',
      required: true,
      description: 'Het jaar, zoals 2021.',
      synonyms: ['jaar', 'year', 'boekjaar'],
    },
    {
      key: 'line',
      label: 'Regel',
      required: true,
      description: `De regel van het exploitatieoverzicht, met zijn naam of code: ${financeLineDefinitions.map((d) => d.name).join('; ')}.`,
      synonyms: ['regel', 'post', 'omschrijving', 'onderdeel', 'line'],
    },
    {
      key: 'budget',
      label: 'Begroting',
      required: false,
      description: 'De begroting van het jaar.',
      synonyms: ['begroting', 'begroot', 'budget'],
    },
    {
      key: 'realisation',
      label: 'Realisatie',
      required: false,
      description: 'De realisatie van het jaar.',
      synonyms: ['realisatie', 'gerealiseerd', 'werkelijk', 'realisation'],
    },
  ],
  row(cell) {
    const problems: FieldProblem[] = [];
    const year = readYear(cell('year') ?? null);
    if (!year.ok) problems.push({ field: 'year', code: year.code, reason: year.reason });
    else if (year.value === null)
      problems.push({ field: 'year', code: 'required', reason: 'Vul het jaar in.' });
    const lineText = cell('line');
    const line = typeof lineText === 'string' ? lineByName.get(fold(lineText)) : undefined;
    if (!line)
      problems.push({
        field: 'line',
        code: 'unknown_line',
        reason: `Dit is geen regel van het exploitatieoverzicht. Kies uit: ${financeLineDefinitions.map((d) => d.name).join('; ')}.`,
      });
    const figure = (field: 'budget' | 'realisation') => {
      const raw = cell(field);
      if (raw === undefined) return undefined;
      const read = readNumber(raw, 2);
      if (read.ok) return read.value;
      problems.push({ field, code: read.code, reason: read.reason });
      return null;
    };
    const budget = figure('budget');
    const realisation = figure('realisation');
    if (problems.length || !line || !year.ok || year.value === null) return { problems };
    // The API's own contract and rules, for this one line.
    const parsed = lineSchema.safeParse({ line, budget, realisation });
    if (!parsed.success)
      return {
        problems: parsed.error.issues.map((i) => ({
          field: String(i.path[0] ?? '') || null,
          code: 'invalid',
          reason: i.message,
        })),
      };
    const rules = financeLineProblems([{ line, budget, realisation }]).map((p) => ({
      field: p.name.split('.').at(-1) ?? null,
      code: p.code ?? 'invalid',
      reason: p.reason,
    }));
    if (rules.length) return { problems: rules };
    return { value: { year: year.value, line, budget, realisation } };
  },
  key: (v) => `${v.year}:${v.line}`,
  async unchanged(db, actor, values) {
    if (!values.length) return new Set();
    const years = [...new Set(values.map((v) => v.year))];
    const stored = await financeLinesOf(db, actor.regionId, years);
    const same = (a: number | null | undefined, b: string | number | null) =>
      a === undefined || (a === null ? b === null : b !== null && Number(b) === a);
    return new Set(
      values
        .filter((v) => {
          const s = stored.find((r) => r.year === v.year && r.line === v.line);
          return s && same(v.budget, s.budget) && same(v.realisation, s.realisation);
        })
        .map((v) => `${v.year}:${v.line}`),
    );
  },
  async write(db, actor, values, at, by) {
    if (!values.length) return 0;
    const years = [...new Set(values.map((v) => v.year))];
    const stored = await financeLinesOf(db, actor.regionId, years);
    for (const year of years) {
      const lines = values
        .filter((v) => v.year === year)
        .map((v) => {
          const s = stored.find((r) => r.year === year && r.line === v.line);
          const kept = (given: number | null | undefined, was: string | number | null | undefined) =>
            given !== undefined ? given : was === null || was === undefined ? null : Number(was);
          return {
            line: v.line,
            budget: kept(v.budget, s?.budget),
            realisation: kept(v.realisation, s?.realisation),
          };
        });
      await recordFinanceLines(db, actor.regionId, year, lines, at, by);
    }
    return values.length;
  },
};

// ---- activities -------------------------------------------------------------------------------

interface ActivityContext extends ActivityLookups {
  today: string;
}

const byNameOrCode = <T extends { name: string; code: string | null }>(list: readonly T[], text: string) => {
  const wanted = fold(text);
  return list.find((x) => fold(x.name) === wanted || (x.code !== null && fold(x.code) === wanted));
};

const activityKey = (a: {
  kind: string;
  title: string;
  heldOn: string;
  municipalityCode?: string | null | undefined;
}) => [a.kind, fold(a.title), a.heldOn, a.municipalityCode ?? ''].join('|');

const activities: ImportKindDefinition<CreateActivityRequest> = {
  kind: 'activities',
  name: 'Activiteiten',
  description:
    'Per rij een activiteit van het RIEC: Bibob- of TOV-ondersteuning, een training, een schoolprogramma … met de datum, de gemeente, de partner en de aantallen.',
  permission: 'activity.manage',
  fields: [
    {
      key: 'kind',
      label: 'Soort',
      required: true,
      description: 'De soort activiteit, met zijn naam of code.',
      synonyms: ['soort', 'soort activiteit', 'type', 'kind'],
    },
    {
      key: 'title',
      label: 'Titel',
      required: true,
      description: 'Wat de activiteit was.',
      synonyms: ['titel', 'omschrijving', 'onderwerp', 'activiteit', 'title'],
    },
    {
      key: 'heldOn',
      label: 'Datum',
      required: true,
      description: 'Wanneer, zoals 31-12-2021.',
      synonyms: ['datum', 'gehouden op', 'date'],
    },
    {
      key: 'municipality',
      label: 'Gemeente',
      required: false,
      description: 'De gemeente, met haar naam of CBS-code.',
      synonyms: ['gemeente', 'gemeentecode', 'municipality'],
    },
    {
      key: 'partner',
      label: 'Partner',
      required: false,
      description: 'De partner voor wie, met zijn naam of code.',
      synonyms: ['partner', 'organisatie', 'voor'],
    },
    {
      key: 'participants',
      label: 'Deelnemers',
      required: false,
      description: 'Het aantal deelnemers.',
      synonyms: ['deelnemers', 'aantal deelnemers'],
    },
    {
      key: 'pupils',
      label: 'Leerlingen',
      required: false,
      description: 'Het aantal leerlingen.',
      synonyms: ['leerlingen', 'aantal leerlingen'],
    },
    {
      key: 'dossiers',
      label: 'Dossiers',
      required: false,
      description: 'Het aantal dossiers.',
      synonyms: ['dossiers', 'aantal dossiers'],
    },
    {
      key: 'reach',
      label: 'Bereik',
      required: false,
      description: 'Het bereik (mensen die het zagen of hoorden).',
      synonyms: ['bereik'],
    },
    {
      key: 'note',
      label: 'Opmerking',
      required: false,
      description: 'Een toelichting.',
      synonyms: ['opmerking', 'toelichting', 'note'],
    },
  ],
  async prepare(db, actor, today) {
    return { ...(await activityLookups(db, actor.regionId)), today } satisfies ActivityContext;
  },
  row(cell, context) {
    const lookups = context as ActivityContext;
    const { problems, take } = rowReader(cell);
    const kindText = take('kind', readText(cell('kind') ?? null, 200));
    const kind = kindText ? byNameOrCode(lookups.kinds, kindText) : undefined;
    if (kindText && !kind)
      problems.push({
        field: 'kind',
        code: 'unknown_activity_kind',
        reason: `Deze soort activiteit kent Samenspel niet. Kies uit: ${lookups.kinds.map((k) => k.name).join('; ')}.`,
      });
    const title = take('title', readText(cell('title') ?? null, 300));
    const heldOn = take('heldOn', readDate(cell('heldOn') ?? null));
    const municipalityText = take('municipality', readText(cell('municipality') ?? null, 100));
    const municipality = municipalityText
      ? byNameOrCode(lookups.municipalities, municipalityText)
      : undefined;
    if (municipalityText && !municipality)
      problems.push({
        field: 'municipality',
        code: 'unknown_municipality',
        reason: 'Deze gemeente hoort niet bij uw regio. Schrijf haar naam of CBS-code (GM0344).',
      });
    const partnerText = take('partner', readText(cell('partner') ?? null, 200));
    const partner = partnerText ? byNameOrCode(lookups.partners, partnerText) : undefined;
    if (partnerText && !partner)
      problems.push({
        field: 'partner',
        code: 'unknown_partner',
        reason: 'Deze partner hoort niet bij uw regio.',
      });
    const count = (field: 'participants' | 'pupils' | 'dossiers' | 'reach') => {
      const raw = cell(field);
      return raw === undefined ? undefined : (take(field, readNumber(raw, 0)) ?? undefined);
    };
    const request = {
      kind: kind?.code,
      title: title ?? undefined,
      heldOn: heldOn ?? undefined,
      ...(municipality ? { municipalityCode: municipality.code } : {}),
      ...(partner ? { partnerId: partner.id } : {}),
      participants: count('participants') ?? undefined,
      pupils: count('pupils') ?? undefined,
      dossiers: count('dossiers') ?? undefined,
      reach: count('reach') ?? undefined,
      note: take('note', readText(cell('note') ?? null, 2000)) ?? undefined,
    };
    if (problems.length) return { problems };
    // The API's own contract and rules.
    const parsed = createActivityRequest.safeParse(
      Object.fromEntries(Object.entries(request).filter(([, v]) => v !== undefined)),
    );
    if (!parsed.success)
      return {
        problems: parsed.error.issues.map((i) => ({
          field: fieldOf[String(i.path[0])] ?? String(i.path[0] ?? '') ?? null,
          code: 'invalid',
          reason: i.message,
        })),
      };
    const rules = activityProblems(parsed.data, lookups, lookups.today);
    if (rules.length)
      return {
        problems: rules.map((p) => ({
          field: fieldOf[p.name] ?? p.name,
          code: p.code ?? 'invalid',
          reason: p.reason,
        })),
      };
    return { value: parsed.data };
  },
  key: activityKey,
  async unchanged(db, actor, values) {
    if (!values.length) return new Set();
    const dates = values.map((v) => v.heldOn).sort();
    const stored = await activitiesHeldWithin(db, actor.regionId, dates[0] ?? '', dates.at(-1) ?? '');
    const known = new Set(stored.map((a) => activityKey({ ...a, heldOn: String(a.heldOn).slice(0, 10) })));
    return new Set(values.map(activityKey).filter((k) => known.has(k)));
  },
  async write(db, actor, values, at) {
    return (await recordActivities(db, actor, values, at)).length;
  },
};

/** The API's names of an activity's fields, as the import's fields. */
const fieldOf: Record<string, string> = { municipalityCode: 'municipality', partnerId: 'partner' };

/** Every kind of import, by its name in the API and the CLI. */
// biome-ignore lint/suspicious/noExplicitAny: each kind has its own row type; the pipeline treats them alike
export const importKindDefinitions: Record<ImportKind, ImportKindDefinition<any>> = {
  finance,
  activities,
  'case-history': caseHistory,
  'risk-locations': riskLocations,
  signals,
  inspections,
  subjects,
  'address-register': addressRegister,
};

/** The column headings matched to fields by themselves: a heading that names a field or one of its synonyms. */
export function automaticMapping(
  header: readonly string[],
  fields: readonly KindField[],
): Record<string, string> {
  const mapping: Record<string, string> = {};
  const taken = new Set<string>();
  for (const column of header) {
    const name = fold(column);
    const field = fields.find(
      (f) =>
        !taken.has(f.key) &&
        (fold(f.key) === name || fold(f.label) === name || f.synonyms.some((s) => fold(s) === name)),
    );
    if (field) {
      mapping[column] = field.key;
      taken.add(field.key);
    }
  }
  return mapping;
}
