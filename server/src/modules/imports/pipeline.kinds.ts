import {
  type FinanceLineCode,
  financeLineDefinitions,
  financeYearRequest,
  type ImportKind,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/context.js';
import { financeLineProblems, financeLinesOf, recordFinanceLines } from '../finance/index.js';
import type { Cell } from './pipeline.read.js';
import { readNumber, readYear } from './pipeline.values.js';

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
  fields: readonly KindField[];
  row(cell: (field: string) => Cell | undefined): { value: T } | { problems: FieldProblem[] };
  key(value: T): string;
  /** The keys of the values recorded already exactly as given. */
  unchanged(db: Db, actor: Actor, values: readonly T[]): Promise<Set<string>>;
  write(db: Db, actor: Actor, values: readonly T[], at: Date, by: string | null): Promise<number>;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

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

/** Every kind of import, by its name in the API and the CLI. */
// biome-ignore lint/suspicious/noExplicitAny: each kind has its own row type; the pipeline treats them alike
export const importKindDefinitions: Record<ImportKind, ImportKindDefinition<any>> = { finance };

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
