import { createRequire } from 'node:module';
import { foldName, nameSound, type ParsedName, parseName } from '@samenspel/contracts';

// talisman is CommonJS without type declarations: required here, typed by hand.
const jaroWinkler: (a: string, b: string) => number = createRequire(import.meta.url)(
  'talisman/metrics/jaro-winkler',
);

/**
 * Matching person records that are probably the same person: candidates come only from shared
 * blocking keys (never an unblocked scan), then each candidate pair gets an explainable score,
 * a sum of evidence weights per field in the manner of Fellegi and Sunter: how much more likely
 * this agreement (or disagreement) is between records of one person than between records of
 * two. Exact shared identifiers decide at once; everything else is a suggestion for a person.
 */

export interface PersonRecord {
  id: string;
  firstNames?: string | undefined;
  prefix?: string | undefined;
  surname: string;
  dateOfBirth?: string | undefined;
  bsn?: string | undefined;
  postcode?: string | undefined;
  houseNumber?: number | string | undefined;
}

/** What the scorer needs of a record, worked out once per record. */
export interface PreparedPerson {
  id: string;
  name: ParsedName;
  /** All surname parts joined: "jansen-de Vries" → "jansenvries". */
  surnameKey: string;
  dob: { year: number; month: number; day: number } | null;
  bsn: string | null;
  address: string | null;
  postcode: string | null;
}

export function preparePerson(r: PersonRecord): PreparedPerson {
  const name = parseName(r);
  const dob = r.dateOfBirth && /^\d{4}-\d{2}-\d{2}$/.test(r.dateOfBirth) ? r.dateOfBirth : null;
  const postcode = r.postcode ? r.postcode.replace(/\s/g, '').toUpperCase() : null;
  return {
    id: r.id,
    name,
    surnameKey: name.surnames.join(''),
    dob: dob
      ? { year: Number(dob.slice(0, 4)), month: Number(dob.slice(5, 7)), day: Number(dob.slice(8, 10)) }
      : null,
    bsn: r.bsn ? r.bsn.replace(/\D/g, '') : null,
    postcode,
    address: postcode && r.houseNumber !== undefined ? `${postcode}${String(r.houseNumber).trim()}` : null,
  };
}

/**
 * The blocking keys of a record: two records are compared only when they share one. Together
 * they survive one changed field: a typo in the first name or initials for first names (surname
 * sound, year, day and month sorted, so also day and month swapped), a changed or married
 * surname (date of birth, day and month sorted, with the first initial), a typo in the day of
 * birth (surname sound, year, month and first initial), a typo in the surname (first name, year,
 * month and surname initial), a move (all keys but the address's) and the BSN. Each key holds
 * the year and more of the date of birth, so blocks stay small as the register grows: linking
 * against a million records compares about thirteen candidates per new record.
 */
export function blockingKeys(p: PreparedPerson): string[] {
  const keys = new Set<string>();
  if (p.bsn) keys.add(`b:${p.bsn}`);
  const initial = p.name.initials[0] ?? '';
  if (p.dob) {
    const { year, month, day } = p.dob;
    const dm = month <= day ? `${month}-${day}` : `${day}-${month}`;
    for (const sound of p.name.sounds) keys.add(`s:${sound}|${year}|${dm}`);
    keys.add(`d:${year}-${dm}|${initial}`);
    for (const sound of p.name.sounds) keys.add(`y:${sound}|${year}|${month}|${initial}`);
    const given = p.name.givenNames[0];
    if (given) keys.add(`g:${given}|${year}|${month}|${p.surnameKey[0] ?? ''}`);
  } else for (const sound of p.name.sounds) keys.add(`n:${sound}|${initial}`);
  if (p.address) keys.add(`a:${p.address}|${initial}`);
  return [...keys];
}

export type FieldLevel = 'exact' | 'strong' | 'partial' | 'weak' | 'different' | 'missing';

export interface FieldEvidence {
  field: 'bsn' | 'surname' | 'firstNames' | 'dateOfBirth' | 'address';
  level: FieldLevel;
  /** Evidence in bits: positive for the same person, negative against. */
  weight: number;
  /** In Dutch, for the analyst: what agreed and how strongly. */
  explanation: string;
}

export interface MatchScore {
  /** The sum of the evidence, in bits. */
  weight: number;
  /** The probability that both records are one person, given a prior of 1 in 2^PRIOR_BITS. */
  probability: number;
  /** A shared BSN: linked at once, no person needed. */
  decisive: boolean;
  evidence: FieldEvidence[];
}

const PRIOR_BITS = 12;

/**
 * How common each surname and first name is in the register: agreeing on "de Jong" says less
 * than agreeing on "Sijbesma". Without statistics a fixed weight is used.
 */
export interface NameStatistics {
  total: number;
  surnames: ReadonlyMap<string, number>;
  givenNames: ReadonlyMap<string, number>;
}

export function nameStatistics(records: readonly PreparedPerson[]): NameStatistics {
  const surnames = new Map<string, number>();
  const givenNames = new Map<string, number>();
  for (const r of records) {
    surnames.set(r.surnameKey, (surnames.get(r.surnameKey) ?? 0) + 1);
    const given = r.name.givenNames[0];
    if (given) givenNames.set(given, (givenNames.get(given) ?? 0) + 1);
  }
  return { total: records.length, surnames, givenNames };
}

/** Bits of evidence in agreeing on a value seen `count` times among `total`, within bounds. */
function rarity(count: number | undefined, total: number, offset: number, min: number, max: number): number {
  if (!count || total <= 0) return max;
  return Math.min(max, Math.max(min, Math.log2(total / count) - offset));
}
/** The default threshold for suggesting "probably the same as …". */
export const DEFAULT_THRESHOLD = 0.5;

function bestPart(a: readonly string[], b: readonly string[]): number {
  let best = 0;
  for (const x of a) for (const y of b) best = Math.max(best, jaroWinkler(x, y));
  return best;
}

function surnameEvidence(a: PreparedPerson, b: PreparedPerson, stats?: NameStatistics): FieldEvidence {
  const field = 'surname';
  if (!a.surnameKey || !b.surnameKey)
    return { field, level: 'missing', weight: 0, explanation: 'Achternaam ontbreekt' };
  const exact = stats ? rarity(stats.surnames.get(a.surnameKey), stats.total, 1, 3, 10) : 7;
  if (a.surnameKey === b.surnameKey)
    return {
      field,
      level: 'exact',
      weight: exact,
      explanation: 'Achternaam gelijk (los van tussenvoegsels)',
    };
  if (a.name.surnames.some((x) => b.name.surnames.includes(x)))
    return {
      field,
      level: 'strong',
      weight: Math.min(exact, 6),
      explanation: 'Een deel van de (gehuwde) achternaam is gelijk',
    };
  if (a.name.sounds.some((x) => b.name.sounds.includes(x)))
    return { field, level: 'strong', weight: Math.min(exact, 5.5), explanation: 'Achternaam klinkt gelijk' };
  const similarity = Math.max(
    jaroWinkler(a.surnameKey, b.surnameKey),
    bestPart(a.name.surnames, b.name.surnames),
  );
  if (similarity >= 0.88)
    return { field, level: 'partial', weight: 4, explanation: 'Achternaam bijna gelijk (tikfout)' };
  if (similarity >= 0.8)
    return { field, level: 'weak', weight: 0, explanation: 'Achternaam lijkt op elkaar' };
  return { field, level: 'different', weight: -5, explanation: 'Achternaam verschilt' };
}

function givenEvidence(a: PreparedPerson, b: PreparedPerson, stats?: NameStatistics): FieldEvidence {
  const field = 'firstNames';
  const ia = a.name.initials;
  const ib = b.name.initials;
  if (!ia || !ib) return { field, level: 'missing', weight: 0, explanation: 'Voornaam ontbreekt' };
  const ga = a.name.givenNames[0];
  const gb = b.name.givenNames[0];
  if (ga && gb) {
    if (ga === gb)
      return {
        field,
        level: 'exact',
        weight: stats ? rarity(stats.givenNames.get(ga), stats.total, 0, 3, 7) : 5,
        explanation: 'Eerste voornaam gelijk',
      };
    const similarity = jaroWinkler(ga, gb);
    if (similarity >= 0.85)
      return { field, level: 'partial', weight: 3, explanation: 'Eerste voornaam bijna gelijk' };
    if (a.name.givenNames.some((x) => b.name.givenNames.includes(x)))
      return { field, level: 'partial', weight: 2, explanation: 'Een van de voornamen is gelijk' };
    if (similarity >= 0.75 && ga[0] === gb[0])
      return { field, level: 'weak', weight: 0, explanation: 'Voornaam lijkt op elkaar' };
    return { field, level: 'different', weight: -6, explanation: 'Voornaam verschilt' };
  }
  // One of the two has initials only.
  const shorter = ia.length <= ib.length ? ia : ib;
  const longer = shorter === ia ? ib : ia;
  if (longer.startsWith(shorter))
    return { field, level: 'weak', weight: 2.5, explanation: 'Voorletters passen bij de voornamen' };
  if (shorter[0] === longer[0])
    return { field, level: 'weak', weight: 1.5, explanation: 'Eerste voorletter gelijk' };
  return { field, level: 'different', weight: -6, explanation: 'Voorletters verschillen' };
}

function dobEvidence(a: PreparedPerson, b: PreparedPerson): FieldEvidence {
  const field = 'dateOfBirth';
  if (!a.dob || !b.dob) return { field, level: 'missing', weight: 0, explanation: 'Geboortedatum ontbreekt' };
  const x = a.dob;
  const y = b.dob;
  if (x.year === y.year && x.month === y.month && x.day === y.day)
    return { field, level: 'exact', weight: 9, explanation: 'Geboortedatum gelijk' };
  if (x.year === y.year && x.month === y.day && x.day === y.month)
    return {
      field,
      level: 'strong',
      weight: 6,
      explanation: 'Geboortedatum gelijk met dag en maand verwisseld',
    };
  const digits = (d: { year: number; month: number; day: number }) =>
    `${d.year}${String(d.month).padStart(2, '0')}${String(d.day).padStart(2, '0')}`;
  const da = digits(x);
  const db = digits(y);
  let off = 0;
  for (let i = 0; i < da.length; i++) if (da[i] !== db[i]) off++;
  if (off === 1)
    return { field, level: 'partial', weight: 3, explanation: 'Geboortedatum op één cijfer na gelijk' };
  return { field, level: 'different', weight: -9, explanation: 'Geboortedatum verschilt' };
}

function addressEvidence(a: PreparedPerson, b: PreparedPerson): FieldEvidence {
  const field = 'address';
  if (!a.address || !b.address) return { field, level: 'missing', weight: 0, explanation: 'Adres ontbreekt' };
  if (a.address === b.address) return { field, level: 'exact', weight: 2, explanation: 'Zelfde adres' };
  if (a.postcode === b.postcode)
    return { field, level: 'partial', weight: 1, explanation: 'Zelfde postcode' };
  // People move: a different address is only slight evidence against.
  return { field, level: 'different', weight: -0.5, explanation: 'Ander adres (verhuisd?)' };
}

/** The score of a candidate pair, with the evidence per field. */
export function scorePair(a: PreparedPerson, b: PreparedPerson, stats?: NameStatistics): MatchScore {
  const evidence: FieldEvidence[] = [];
  if (a.bsn && b.bsn) {
    if (a.bsn === b.bsn) {
      evidence.push({ field: 'bsn', level: 'exact', weight: 30, explanation: 'BSN gelijk' });
      return { weight: 30, probability: 1, decisive: true, evidence };
    }
    evidence.push({ field: 'bsn', level: 'different', weight: -20, explanation: 'BSN verschilt' });
  }
  evidence.push(
    surnameEvidence(a, b, stats),
    givenEvidence(a, b, stats),
    dobEvidence(a, b),
    addressEvidence(a, b),
  );
  const weight = evidence.reduce((s, e) => s + e.weight, 0);
  return { weight, probability: 1 / (1 + 2 ** (PRIOR_BITS - weight)), decisive: false, evidence };
}

/** Blocks larger than this are skipped: a key shared by very many records says little. */
export const MAX_BLOCK = 200;

/**
 * The candidate pairs of a set of records: every pair sharing a blocking key, each once. Blocks
 * larger than `maxBlock` (a key shared by very many records says little) are skipped.
 */
export function candidatePairs(
  records: readonly PreparedPerson[],
  maxBlock = MAX_BLOCK,
): Array<[number, number]> {
  const blocks = new Map<string, number[]>();
  records.forEach((r, i) => {
    for (const key of blockingKeys(r)) {
      const block = blocks.get(key);
      if (block) block.push(i);
      else blocks.set(key, [i]);
    }
  });
  const seen = new Set<number>();
  const pairs: Array<[number, number]> = [];
  const n = records.length;
  for (const block of blocks.values()) {
    if (block.length < 2 || block.length > maxBlock) continue;
    for (let x = 0; x < block.length; x++)
      for (let y = x + 1; y < block.length; y++) {
        const i = block[x] as number;
        const j = block[y] as number;
        const code = i < j ? i * n + j : j * n + i;
        if (seen.has(code)) continue;
        seen.add(code);
        pairs.push(i < j ? [i, j] : [j, i]);
      }
  }
  return pairs;
}

export { foldName, nameSound };

/**
 * Whether two person records that share an exact identifier (a BSN) clearly are not one person:
 * another date of birth (not a swap of day and month, not one mistyped digit), or another
 * surname and another first name. Then the identifier is not trusted to link them.
 */
export function clearlyDifferent(a: PreparedPerson, b: PreparedPerson): FieldEvidence[] | null {
  const dob = dobEvidence(a, b);
  const surname = surnameEvidence(a, b);
  const given = givenEvidence(a, b);
  if (dob.level === 'different') return [dob];
  if (surname.level === 'different' && given.level === 'different') return [surname, given];
  return null;
}
