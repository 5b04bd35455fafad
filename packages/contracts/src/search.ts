import { z } from 'zod';
import { casePhase } from './cases.js';
import { ibanChecksumValid, passesElevenTest } from './identifiers.js';
import { foldName, isTussenvoegsel } from './names.js';
import { isoDate } from './reference.js';
import { decision, signalStage } from './signals.js';
import { registerKinds } from './subjects.js';

/**
 * What a query in the search box is, read from its shape: an identifier (BSN, KvK number, IBAN,
 * postcode with house number, registration plate), a reference of a signal or case, a date, or
 * free text (names, code names), possibly with a date of birth in it ("Jan de Vries 14-03-1979").
 * Shared by the server (which searches by it) and the screen (which says what it searched for).
 */
export type SearchShape =
  | { kind: 'bsn'; value: string }
  | { kind: 'kvk'; value: string }
  | { kind: 'iban'; value: string }
  | { kind: 'address'; postcode: string; houseNumber: number | null; addition: string | null }
  | { kind: 'plate'; value: string }
  | { kind: 'reference'; value: string }
  | { kind: 'date'; value: string }
  | { kind: 'text'; text: string; words: string[]; dateOfBirth: string | null }
  /** An identifier typed with a mistake: nothing is searched, the message says what is wrong. */
  | { kind: 'invalid'; message: string };

export type SearchKind = SearchShape['kind'];

const months: Record<string, number> = {
  januari: 1,
  jan: 1,
  februari: 2,
  feb: 2,
  maart: 3,
  mrt: 3,
  mar: 3,
  april: 4,
  apr: 4,
  mei: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  augustus: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  oktober: 10,
  okt: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

function isoOf(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  if (year < 1900 || year > 2100) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// A date as Dutch people write it: 14-03-1979, 14/3/1979, 14.03.1979, 1979-03-14, 14 maart 1979, 14 mrt. 1979.
const numericDate = /(?<![\d-])(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?![\d-])/;
const isoDateInText = /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])/;
const writtenDate = new RegExp(
  `(?<!\\p{L})(\\d{1,2})\\s+(${Object.keys(months).join('|')})\\.?\\s+(\\d{4})(?!\\d)`,
  'iu',
);

/** The first date in the text, and the text without it. */
export function dateIn(text: string): { date: string; rest: string } | null {
  const tries: Array<[RegExp, (m: RegExpExecArray) => string | null]> = [
    [isoDateInText, (m) => isoOf(Number(m[1]), Number(m[2]), Number(m[3]))],
    [numericDate, (m) => isoOf(Number(m[3]), Number(m[2]), Number(m[1]))],
    [writtenDate, (m) => isoOf(Number(m[3]), months[(m[2] ?? '').toLowerCase()] ?? 0, Number(m[1]))],
  ];
  for (const [pattern, read] of tries) {
    const m = pattern.exec(text);
    const date = m ? read(m) : null;
    if (m && date)
      return {
        date,
        rest: `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.replace(/\s+/g, ' ').trim(),
      };
  }
  return null;
}

/**
 * The words a name search compares: folded (no diacritics, ij as y, lower case), split on spaces
 * and hyphens, without tussenvoegsels ("Jan de Vries" → jan, vries).
 */
export function nameWords(text: string): string[] {
  return foldName(text)
    .split(/[\s-]+/)
    .filter((w) => w && !isTussenvoegsel(w));
}

export function readSearchQuery(input: string): SearchShape {
  const q = input.trim().replace(/\s+/g, ' ');
  // A date first: "14.03.1979" is not the KvK number 14031979.
  const dated = dateIn(q);
  if (dated && !dated.rest) return { kind: 'date', value: dated.date };
  const compact = q.replace(/[\s.]/g, '');
  if (/^\d{9}$/.test(compact))
    return passesElevenTest(compact)
      ? { kind: 'bsn', value: compact }
      : { kind: 'invalid', message: 'Dit lijkt een BSN, maar het klopt niet (elfproef).' };
  if (/^\d{8}$/.test(compact)) return { kind: 'kvk', value: compact };
  const upper = compact.toUpperCase();
  if (/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(upper))
    return ibanChecksumValid(upper)
      ? { kind: 'iban', value: upper }
      : { kind: 'invalid', message: 'Dit lijkt een IBAN, maar het controlegetal klopt niet.' };
  const reference = /^(SIG|CAS)-\d[\d-]*$/i.exec(q.replace(/\s/g, ''));
  if (reference) return { kind: 'reference', value: reference[0].toUpperCase() };
  const address = /^([1-9]\d{3})\s?([A-Za-z]{2})(?:[\s,]+(\d{1,5})(?:[\s-]*([A-Za-z0-9]{1,4}))?)?$/.exec(q);
  if (address)
    return {
      kind: 'address',
      postcode: `${address[1]} ${(address[2] ?? '').toUpperCase()}`,
      houseNumber: address[3] ? Number(address[3]) : null,
      addition: address[4] ? address[4].toUpperCase() : null,
    };
  const plate = q.replace(/[\s-]/g, '').toUpperCase();
  if (
    /^[A-Z0-9]{6}$/.test(plate) &&
    /[A-Z]/.test(plate) &&
    /\d/.test(plate) &&
    /^[A-Za-z0-9]{1,3}(-?[A-Za-z0-9]{1,3}){1,3}$/.test(q)
  )
    return { kind: 'plate', value: plate };
  const text = dated ? dated.rest : q;
  return { kind: 'text', text, words: nameWords(text), dateOfBirth: dated?.date ?? null };
}

export const searchRequest = z.strictObject({
  q: z
    .string({ message: 'Typ wat u zoekt.' })
    .trim()
    .min(2, 'Typ minstens twee tekens.')
    .max(200, 'Typ hoogstens tweehonderd tekens.'),
});
export type SearchRequest = z.infer<typeof searchRequest>;

const uuid = z.uuid();

/** The records a subject was found in that the searcher may open. */
export const searchRecord = z.object({
  type: z.enum(['signal', 'case']),
  id: uuid,
  label: z.string().describe('The signal reference, or the case code name with its reference'),
});

export const searchResults = z.object({
  shape: z
    .enum(['bsn', 'kvk', 'iban', 'address', 'plate', 'reference', 'date', 'text', 'invalid'])
    .describe('What the query was read as'),
  notice: z.string().nullable().describe('Why nothing was searched (an identifier with a mistake)'),
  signals: z.array(
    z.object({
      id: uuid,
      reference: z.string(),
      stage: signalStage,
      decision: decision.nullable(),
      municipality: z.string().nullable(),
      receivedOn: isoDate.nullable(),
    }),
  ),
  cases: z.array(
    z.object({
      id: uuid,
      reference: z.string(),
      codeName: z.string(),
      phase: casePhase,
      district: z.string().nullable(),
    }),
  ),
  subjects: z.array(
    z.object({
      id: uuid.describe('The subject in the register'),
      kind: z.enum(registerKinds),
      name: z.string().describe('How people recognise it: the name, address, IBAN or registration'),
      dateOfBirth: isoDate.nullable(),
      detail: z.string().nullable().describe('A KvK number, town or account holder beside the name'),
      inRegister: z
        .boolean()
        .describe('The searcher may open it in the subject register (analysts); others open the records'),
      records: z.array(searchRecord),
    }),
  ),
  more: z
    .object({ signals: z.boolean(), cases: z.boolean(), subjects: z.boolean() })
    .describe('A group has more results than shown: make the query more precise'),
});
export type SearchResults = z.infer<typeof searchResults>;
export type SearchSubject = SearchResults['subjects'][number];
