import type { FieldProblem } from './pipeline.kinds.js';
import type { Cell } from './pipeline.read.js';

/**
 * A cell read as the value a field needs, the way Dutch spreadsheets write them: amounts as
 * `€ 1.234,56`, `1234,56` or `1,234.56`; dates as `31-12-2021`, `31/12/2021`, `2021-12-31`, an
 * Excel date or an Excel serial number. A value that cannot be read is a problem with a stable
 * code and a Dutch reason that says how to write it; a formula is never evaluated.
 */
export type Read<T> = { ok: true; value: T } | { ok: false; code: string; reason: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = <T>(code: string, reason: string): Read<T> => ({ ok: false, code, reason });

export const isFormula = (cell: Cell): cell is { formula: string } =>
  typeof cell === 'object' && cell !== null && !(cell instanceof Date);

/** The cell as the text a person sees (a formula as its formula). */
export function shown(cell: Cell): string | null {
  if (cell === null) return null;
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (isFormula(cell)) return `=${cell.formula}`;
  return String(cell);
}

export const isBlank = (cell: Cell) => cell === null || (typeof cell === 'string' && !cell.trim());

const formula = <T>(): Read<T> =>
  fail(
    'formula',
    'Deze cel bevat een formule. Zet er de waarde in (in Excel: kopiëren, plakken als waarde).',
  );

/**
 * A number from a cell: Dutch (1.234,56) or English (1,234.56) separators, a euro sign, spaces
 * and a leading minus; `decimals` how many places after the separator are allowed.
 */
export function readNumber(cell: Cell, decimals = 2): Read<number | null> {
  if (isBlank(cell)) return ok(null);
  if (isFormula(cell)) return formula();
  if (typeof cell === 'number') return Number.isFinite(cell) ? ok(cell) : fail('not_a_number', notANumber);
  if (typeof cell !== 'string') return fail('not_a_number', notANumber);
  let text = cell.replace(/[€\s\u00a0]/g, '').replace(/^EUR/i, '');
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  if (text.startsWith('-')) {
    negative = !negative;
    text = text.slice(1);
  }
  let normalised: string | null = null;
  if (/^\d+$/.test(text)) normalised = text;
  // Dutch: dots group thousands, a comma starts the decimals.
  else if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(text) || /^\d+,\d+$/.test(text))
    normalised = text.replace(/\./g, '').replace(',', '.');
  // English: commas group thousands, a dot starts the decimals.
  else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text) || /^\d+\.\d+$/.test(text))
    normalised = text.replace(/,/g, '');
  if (normalised === null) return fail('not_a_number', notANumber);
  const places = normalised.split('.')[1]?.length ?? 0;
  if (places > decimals)
    return fail(
      'precision',
      decimals === 0 ? 'Vul een heel getal in.' : `Vul hoogstens ${decimals} cijfers achter de komma in.`,
    );
  const value = Number(normalised);
  return ok(negative ? -value : value);
}

const notANumber = 'Dit is geen getal. Schrijf een bedrag als 1234 of 1.234,56 (een euroteken mag).';

/** A year from a cell: four digits (2021), or a date's year. */
export function readYear(cell: Cell): Read<number | null> {
  if (isBlank(cell)) return ok(null);
  if (isFormula(cell)) return formula();
  const text = typeof cell === 'number' ? String(cell) : typeof cell === 'string' ? cell.trim() : '';
  if (/^\d{4}$/.test(text)) {
    const year = Number(text);
    if (year >= 2000 && year <= 2100) return ok(year);
  }
  return fail('not_a_year', 'Dit is geen jaar. Schrijf het jaar in vier cijfers, zoals 2021.');
}

/** Excel counts days from 30 December 1899 (with its 1900 leap-year bug before March 1900). */
function fromSerial(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 61 || serial > 80_000) return null;
  return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
}

function validDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** A date from a cell, as `YYYY-MM-DD`. */
export function readDate(cell: Cell): Read<string | null> {
  if (isBlank(cell)) return ok(null);
  if (isFormula(cell)) return formula();
  // Excel keeps a date as a moment at midnight UTC of that day.
  if (cell instanceof Date) return ok(cell.toISOString().slice(0, 10));
  if (typeof cell === 'number') {
    const date = fromSerial(cell);
    return date ? ok(date) : fail('not_a_date', notADate);
  }
  const text = String(cell).trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (m) {
    const date = validDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return date ? ok(date) : fail('no_such_date', noSuchDate);
  }
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  if (m) {
    const date = validDate(Number(m[3]), Number(m[2]), Number(m[1]));
    return date ? ok(date) : fail('no_such_date', noSuchDate);
  }
  if (/^\d{5}$/.test(text)) {
    const date = fromSerial(Number(text));
    if (date) return ok(date);
  }
  return fail('not_a_date', notADate);
}

const notADate = 'Dit is geen datum. Schrijf een datum als 31-12-2021 of 2021-12-31.';
const noSuchDate = 'Deze datum bestaat niet. Controleer dag en maand.';

/** Text from a cell, trimmed; at most `max` characters. */
export function readText(cell: Cell, max: number): Read<string | null> {
  if (isBlank(cell)) return ok(null);
  if (isFormula(cell)) return formula();
  const text = (cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell)).trim();
  if (text.length > max) return fail('too_long', `Hoogstens ${max} tekens.`);
  return ok(text);
}

/** A name folded for matching: no accents, no case, punctuation as single spaces. */
export const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * A row read field by field: `take` keeps a read value or notes its problem, `text` reads a
 * cell as text, `need` notes a required field left empty; `problems` holds what was noted.
 */
export function rowReader(cell: (field: string) => Cell | undefined) {
  const problems: FieldProblem[] = [];
  const take = <V>(field: string, read: Read<V>): V | undefined => {
    if (read.ok) return read.value;
    problems.push({ field, code: read.code, reason: read.reason });
    return undefined;
  };
  const text = (field: string, max: number) => take(field, readText(cell(field) ?? null, max)) ?? null;
  const need = (field: string, reason: string) => problems.push({ field, code: 'required', reason });
  return { problems, take, text, need };
}

/** Names for the values of a vocabulary (each value names itself too), folded: a cell's word to its value. */
export const words = <T extends string>(entries: Record<T, readonly string[]>) =>
  new Map<string, T>(
    (Object.entries(entries) as Array<[T, readonly string[]]>).flatMap(([value, names]) =>
      [value, ...names].map((n) => [fold(n), value] as [string, T]),
    ),
  );

/** A field of a kind, for its list of fields: optional and not personal unless told. */
export const kindField = (
  key: string,
  label: string,
  description: string,
  synonyms: readonly string[],
  more: { required?: boolean; personal?: boolean } = {},
) => ({
  key,
  label,
  description,
  synonyms,
  required: more.required ?? false,
  personal: more.personal ?? false,
});
