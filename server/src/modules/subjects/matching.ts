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
  houseNumberAddition?: string | undefined;
}

/** The features' layout: stored features of another version are prepared again from the data. */
export const FEATURES_VERSION = 2;

/** What the scorer needs of a record, worked out once per record. */
export interface PreparedPerson {
  id: string;
  v: number;
  name: ParsedName;
  /** All surname parts joined: "jansen-de Vries" → "jansenvries". */
  surnameKey: string;
  dob: { year: number; month: number; day: number } | null;
  bsn: string | null;
  /** Postcode and house number ("3511AB12"): the building. */
  address: string | null;
  /** The house number's addition, folded ("a", "bis"): the home within the building. */
  addition: string | null;
  postcode: string | null;
}

/** A register person's data (its address a part of its own) as a record for matching. */
export function personRecord(
  id: string,
  data: {
    firstNames?: string | undefined;
    prefix?: string | undefined;
    surname: string;
    dateOfBirth?: string | undefined;
    bsn?: string | undefined;
    address?:
      | { postcode: string; houseNumber: number | string; houseNumberAddition?: string | undefined }
      | undefined;
  },
): PersonRecord {
  return {
    id,
    firstNames: data.firstNames,
    prefix: data.prefix,
    surname: data.surname,
    dateOfBirth: data.dateOfBirth,
    bsn: data.bsn,
    postcode: data.address?.postcode,
    houseNumber: data.address?.houseNumber,
    houseNumberAddition: data.address?.houseNumberAddition,
  };
}

export function preparePerson(r: PersonRecord): PreparedPerson {
  const name = parseName(r);
  const dob = r.dateOfBirth && /^\d{4}-\d{2}-\d{2}$/.test(r.dateOfBirth) ? r.dateOfBirth : null;
  const postcode = r.postcode ? r.postcode.replace(/\s/g, '').toUpperCase() : null;
  const number = r.houseNumber === undefined ? '' : String(r.houseNumber).trim();
  const addition = r.houseNumberAddition ? foldName(r.houseNumberAddition).replace(/[\s-]/g, '') : '';
  return {
    id: r.id,
    v: FEATURES_VERSION,
    name,
    surnameKey: name.surnames.join(''),
    dob: dob
      ? { year: Number(dob.slice(0, 4)), month: Number(dob.slice(5, 7)), day: Number(dob.slice(8, 10)) }
      : null,
    bsn: r.bsn ? r.bsn.replace(/\D/g, '') : null,
    postcode,
    address: postcode && number ? `${postcode}${number}` : null,
    addition: addition || null,
  };
}

/** Whether two prepared records say the same (then the second adds nothing to the first). */
export function samePrepared(a: PreparedPerson, b: PreparedPerson): boolean {
  const strip = ({ id: _id, ...rest }: PreparedPerson) => rest;
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

/**
 * The blocking keys of a record: two records are compared only when they share one. Together
 * they survive one wrong digit anywhere in the date of birth, day and month swapped, a changed
 * surname and a changed first name, and most pairs of those:
 *
 * - `s` surname sound, year, day and month sorted: another first name, initials, a swap;
 * - `m` surname sound, year, month, first initial: a wrong day;
 * - `e` surname sound, year, day, first initial: a wrong month;
 * - `a` surname sound, day and month sorted, first initial: a wrong year;
 * - `d` date of birth (day and month sorted) and first initial: another surname (married, the
 *   partner's, a typo);
 * - `g`, `h`, `k` first name's spelling key, the surname's initial and the year and month, the
 *   year and day, or day and month: a typo in the surname with a wrong day, month or year;
 * - `p` postcode and house number; `b` the BSN.
 *
 * Every key but the address's and the BSN's holds two parts of the date of birth and a name, so
 * blocks stay small as the register grows. Without a date of birth: surname sound and initial.
 */
export function blockingKeys(p: PreparedPerson): string[] {
  const keys = new Set<string>();
  if (p.bsn) keys.add(`b:${p.bsn}`);
  if (p.address) keys.add(`p:${p.address}`);
  // IJ is one letter: "I." may be the initial of "IJsbrand" (folded "ysbrand").
  const initial = (p.name.initials[0] ?? '').replace('i', 'y');
  const given = p.name.givenKeys[0];
  if (p.dob) {
    const { year, month, day } = p.dob;
    const dm = month <= day ? `${month}-${day}` : `${day}-${month}`;
    for (const sound of p.name.sounds) {
      keys.add(`s:${sound}|${year}|${dm}`);
      keys.add(`m:${sound}|${year}|${month}|${initial}`);
      keys.add(`e:${sound}|${year}|${day}|${initial}`);
      keys.add(`a:${sound}|${dm}|${initial}`);
    }
    // One wrong digit in each of two records leaves one part of the date in common: with the
    // whole first name (its spelling key) beside the surname's sound, such keys stay small.
    if (given)
      for (const sound of p.name.sounds) {
        keys.add(`y:${sound}|${year}|${given}`);
        keys.add(`o:${sound}|${month}|${given}`);
        keys.add(`x:${sound}|${day}|${given}`);
      }
    keys.add(`d:${year}-${dm}|${initial}`);
    const surnameInitial = p.surnameKey[0] ?? '';
    if (given) {
      keys.add(`g:${given}|${year}|${month}|${surnameInitial}`);
      keys.add(`h:${given}|${year}|${day}|${surnameInitial}`);
      keys.add(`k:${given}|${dm}|${surnameInitial}`);
    }
  } else for (const sound of p.name.sounds) keys.add(`n:${sound}|${initial}`);
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
  /** The subject whose household the evidence relies on (the partner at the other's address). */
  via?: string;
}

const PRIOR_BITS = 11.5;

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

/**
 * Bits of evidence in agreeing on a value seen `count` times among `total` records, within
 * bounds. A small register says little about how common a name is: its count is taken together
 * with a prior of `typical` (a name's usual share of the population) worth a thousand records.
 */
function rarity(
  count: number | undefined,
  total: number,
  typical: number,
  offset: number,
  min: number,
  max: number,
): number {
  const share = ((count ?? 0) + PRIOR_RECORDS * typical) / (Math.max(total, 0) + PRIOR_RECORDS);
  return Math.min(max, Math.max(min, Math.log2(1 / share) - offset));
}
const PRIOR_RECORDS = 1000;
/** A surname's and a first name's usual share of the Dutch population. */
const TYPICAL_SURNAME = 1 / 2000;
const TYPICAL_GIVEN = 1 / 150;
/** The default threshold for suggesting "probably the same as …". */
export const DEFAULT_THRESHOLD = 0.5;

function bestPart(a: readonly string[], b: readonly string[]): number {
  let best = 0;
  for (const x of a) for (const y of b) best = Math.max(best, jaroWinkler(x, y));
  return best;
}

const shares = (a: readonly string[], b: readonly string[]) => a.some((x) => b.includes(x));

function surnameEvidence(a: PreparedPerson, b: PreparedPerson, stats?: NameStatistics): FieldEvidence {
  const field = 'surname';
  if (!a.surnameKey || !b.surnameKey)
    return { field, level: 'missing', weight: 0, explanation: 'Achternaam ontbreekt' };
  // Agreeing on a surname weighs by how rare it is; where the two differ in writing, by the
  // commoner of the two (a married name counts for the part they share). Scoring is the hot loop:
  // no closure or array per call.
  const rare = (name: string, other?: string) =>
    stats
      ? rarity(
          Math.max(stats.surnames.get(name) ?? 0, other === undefined ? 0 : (stats.surnames.get(other) ?? 0)),
          stats.total,
          TYPICAL_SURNAME,
          1,
          1,
          10,
        )
      : 7;
  if (a.surnameKey === b.surnameKey)
    return {
      field,
      level: 'exact',
      weight: rare(a.surnameKey),
      explanation: 'Achternaam gelijk (los van tussenvoegsels)',
    };
  if (a.name.joined.join('') === b.name.joined.join(''))
    return {
      field,
      level: 'exact',
      weight: rare(a.surnameKey, b.surnameKey),
      explanation: 'Achternaam gelijk, met het tussenvoegsel aaneen geschreven',
    };
  const part =
    a.name.surnames.find((x) => b.name.surnames.includes(x)) ??
    a.name.joined.find((x) => b.name.joined.includes(x));
  if (part)
    return {
      field,
      level: 'strong',
      weight: Math.min(rare(part), 6),
      explanation: 'Een deel van de (gehuwde) achternaam is gelijk',
    };
  if (shares(a.name.sounds, b.name.sounds))
    return {
      field,
      level: 'strong',
      weight: Math.min(rare(a.surnameKey, b.surnameKey), 5.5),
      explanation: 'Achternaam klinkt gelijk',
    };
  const similarity = Math.max(
    jaroWinkler(a.surnameKey, b.surnameKey),
    bestPart(a.name.surnames, b.name.surnames),
  );
  if (similarity >= 0.88)
    return {
      field,
      level: 'partial',
      weight: Math.min(rare(a.surnameKey, b.surnameKey), 4),
      explanation: 'Achternaam bijna gelijk (tikfout)',
    };
  if (similarity >= 0.8)
    return { field, level: 'weak', weight: 0, explanation: 'Achternaam lijkt op elkaar' };
  return { field, level: 'different', weight: -5, explanation: 'Achternaam verschilt' };
}

/** Both records have written first names, all of them the same (up to spelling). */
function sameFirstNames(a: PreparedPerson, b: PreparedPerson): boolean {
  const x = a.name.givenKeys;
  const y = b.name.givenKeys;
  return x.length > 0 && x.length === y.length && x.every((k, i) => k === y[i]);
}

/** How many of a's further first names (after the first) b has among its further ones. */
function furtherInCommon(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  for (let i = 1; i < a.length; i++)
    for (let j = 1; j < b.length; j++)
      if (a[i] === b[j]) {
        n++;
        break;
      }
  return n;
}

function givenEvidence(a: PreparedPerson, b: PreparedPerson, stats?: NameStatistics): FieldEvidence {
  const field = 'firstNames';
  if (!a.name.initials || !b.name.initials)
    return { field, level: 'missing', weight: 0, explanation: 'Voornaam ontbreekt' };
  const ga = a.name.givenNames[0];
  const gb = b.name.givenNames[0];
  if (ga && gb) {
    const common = stats ? rarity(stats.givenNames.get(ga), stats.total, TYPICAL_GIVEN, 0, 3, 7) : 5;
    // Every further first name that agrees too says more than the first alone; one that differs
    // (both records have further first names, none in common) says it is someone else.
    const ka = a.name.givenKeys;
    const kb = b.name.givenKeys;
    const agreeing = furtherInCommon(ka, kb);
    const conflicting = ka.length > 1 && kb.length > 1 && agreeing === 0;
    const more = conflicting ? -3 : Math.min(2.5 * agreeing, 5);
    if (ga === gb)
      return {
        field,
        level: conflicting ? 'partial' : 'exact',
        weight: common + more,
        explanation: conflicting
          ? 'Eerste voornaam gelijk, tweede voornaam verschilt'
          : more
            ? 'Voornamen gelijk'
            : 'Eerste voornaam gelijk',
      };
    if (a.name.givenKeys[0] === b.name.givenKeys[0])
      return {
        field,
        level: 'strong',
        weight: Math.min(common, 5) + more,
        explanation: 'Eerste voornaam gelijk op de spelling na',
      };
    const similarity = jaroWinkler(ga, gb);
    if (similarity >= 0.85)
      return { field, level: 'partial', weight: 3, explanation: 'Eerste voornaam bijna gelijk' };
    if (shares(a.name.givenKeys, b.name.givenKeys))
      return { field, level: 'partial', weight: 2, explanation: 'Een van de voornamen is gelijk' };
    if (similarity >= 0.75 && ga[0] === gb[0])
      return { field, level: 'weak', weight: 0, explanation: 'Voornaam lijkt op elkaar' };
    return { field, level: 'different', weight: -6, explanation: 'Voornaam verschilt' };
  }
  // One of the two has initials only. IJ is one letter: "I.J." and "IJsbrand" (folded "ysbrand")
  // have the same initial.
  const ia = a.name.initials.replace(/i/g, 'y');
  const ib = b.name.initials.replace(/i/g, 'y');
  const shorter = ia.length <= ib.length ? ia : ib;
  const longer = shorter === ia ? ib : ia;
  // Each initial that fits adds to the evidence: "J.P.M." says more than "J.".
  if (longer.startsWith(shorter))
    return {
      field,
      level: 'weak',
      weight: Math.min(1 + 1.5 * shorter.length, 5.5),
      explanation: 'Voorletters passen bij de voornamen',
    };
  if (shorter[0] === longer[0])
    return { field, level: 'weak', weight: 1.5, explanation: 'Eerste voorletter gelijk' };
  return { field, level: 'different', weight: -6, explanation: 'Voorletters verschillen' };
}

type Dob = { year: number; month: number; day: number };

/** Two digits next to each other on the keyboard's number row (1 2 3 … 9 0): a slip of a finger. */
function neighbours(a: number, b: number): boolean {
  return Math.abs((a || 10) - (b || 10)) === 1;
}

/** The eight digits of a date (yyyymmdd), without making a string: scoring is the hot loop. */
function dateDigits(d: Dob, out: number[]): number[] {
  out[0] = Math.floor(d.year / 1000) % 10;
  out[1] = Math.floor(d.year / 100) % 10;
  out[2] = Math.floor(d.year / 10) % 10;
  out[3] = d.year % 10;
  out[4] = Math.floor(d.month / 10);
  out[5] = d.month % 10;
  out[6] = Math.floor(d.day / 10);
  out[7] = d.day % 10;
  return out;
}
const digitsA: number[] = [];
const digitsB: number[] = [];

/**
 * How two dates of birth differ: the same, day and month swapped, one digit (in the year's tens:
 * as likely a generation apart), two digits in two parts of the date (one mistyped digit in each
 * record: a day and a month, a year and a day), a swap and a digit, or otherwise. `adjacent`
 * counts the differing digits that are neighbouring keys, the usual slip.
 */
type DateComparison = {
  kind: 'exact' | 'swap' | 'one' | 'tens' | 'two' | 'swapDigit' | 'different';
  adjacent: number;
  /** Whether the year's tens differ. */
  tens: boolean;
  /** The first differing digit (0–7, of yyyymmdd); for 'different', how many digits of the year differ. */
  at: number;
};

function compareDates(x: Dob, y: Dob): DateComparison {
  if (x.year === y.year && x.month === y.month && x.day === y.day)
    return { kind: 'exact', adjacent: 0, tens: false, at: -1 };
  if (x.year === y.year && x.month === y.day && x.day === y.month)
    return { kind: 'swap', adjacent: 0, tens: false, at: -1 };
  const da = dateDigits(x, digitsA);
  const db = dateDigits(y, digitsB);
  let count = 0;
  let adjacent = 0;
  let at = -1;
  let yearOff = 0;
  let monthOff = 0;
  let dayOff = 0;
  for (let i = 0; i < 8; i++) {
    const p = da[i] as number;
    const q = db[i] as number;
    if (p === q) continue;
    count++;
    if (i < 4) yearOff++;
    else if (i < 6) monthOff++;
    else dayOff++;
    if (neighbours(p, q)) adjacent++;
    if (at < 0) at = i;
  }
  const tens = da[2] !== db[2];
  if (count === 1) return { kind: tens ? 'tens' : 'one', adjacent, tens, at };
  if (count === 2 && yearOff < 2 && monthOff < 2 && dayOff < 2) return { kind: 'two', adjacent, tens, at };
  // Day and month swapped and one digit mistyped: the year's digits as they are, day and month crosswise.
  let swappedOff = 0;
  for (let i = 0; i < 4; i++) if (da[i] !== db[i]) swappedOff++;
  const swapped = [Math.floor(x.day / 10), x.day % 10, Math.floor(x.month / 10), x.month % 10];
  for (let i = 0; i < 4; i++) if (swapped[i] !== db[i + 4]) swappedOff++;
  if (swappedOff === 1) return { kind: 'swapDigit', adjacent, tens, at };
  return { kind: 'different', adjacent, tens, at: yearOff };
}

/**
 * Whether two dates are too far apart for one person's records, whatever else agrees: more than
 * a swap, one mistyped digit, or two (not both in the year), also within one part of the date.
 */
function datesApart(x: Dob, y: Dob): boolean {
  const { kind, at } = compareDates(x, y);
  if (kind !== 'different') return false;
  const da = dateDigits(x, digitsA);
  const db = dateDigits(y, digitsB);
  let count = 0;
  for (let i = 0; i < 8; i++) if (da[i] !== db[i]) count++;
  return count > 2 || at === 2;
}

function dobEvidence(a: PreparedPerson, b: PreparedPerson, date?: DateComparison): FieldEvidence {
  const field = 'dateOfBirth';
  if (!a.dob || !b.dob) return { field, level: 'missing', weight: 0, explanation: 'Geboortedatum ontbreekt' };
  const { kind, adjacent, tens, at } = date ?? compareDates(a.dob, b.dob);
  const key = adjacent ? ', naastgelegen toets' : '';
  switch (kind) {
    case 'exact':
      return { field, level: 'exact', weight: 9, explanation: 'Geboortedatum gelijk' };
    case 'swap':
      return {
        field,
        level: 'strong',
        weight: 6,
        explanation: 'Geboortedatum gelijk met dag en maand verwisseld',
      };
    case 'one': {
      // One digit off: a typing error, most often a neighbouring key.
      const where = at < 4 ? 'het jaar' : at < 6 ? 'de maand' : 'de dag';
      return {
        field,
        level: 'partial',
        weight: adjacent ? 6.5 : 3.5,
        explanation: `Geboortedatum op één cijfer na gelijk (in ${where}${key})`,
      };
    }
    case 'tens':
      // In the year's tens it is as likely a generation apart.
      return {
        field,
        level: 'weak',
        weight: adjacent ? 5 : 2,
        explanation: `Geboortedatum op één cijfer na gelijk (tiental van het jaar${key})`,
      };
    case 'two':
      // One mistyped digit in each record: evidence when both are neighbouring keys, and not in
      // the year's tens (a generation); otherwise two people born close together more often.
      return {
        field,
        level: 'weak',
        weight: tens ? -2 : adjacent === 2 ? 3 : adjacent === 1 ? -2 : -3,
        explanation: `Geboortedatum op twee cijfers na gelijk${adjacent === 2 && !tens ? ', elk een naastgelegen toets' : ''}`,
      };
    case 'swapDigit':
      return {
        field,
        level: 'weak',
        weight: 0.5,
        explanation: 'Geboortedatum gelijk op dag en maand verwisseld en één cijfer na',
      };
    default:
      // Two digits off in one part of the date (the 12th and the 25th of one month) are far more
      // often two people; two in the year as likely a generation apart.
      return { field, level: 'different', weight: -9, explanation: 'Geboortedatum verschilt' };
  }
}

function addressEvidence(a: PreparedPerson, b: PreparedPerson): FieldEvidence {
  const field = 'address';
  if (!a.address || !b.address) return { field, level: 'missing', weight: 0, explanation: 'Adres ontbreekt' };
  if (a.address === b.address) {
    if (a.addition === b.addition) return { field, level: 'exact', weight: 3, explanation: 'Zelfde adres' };
    return {
      field,
      level: 'strong',
      weight: 1.5,
      explanation: 'Zelfde postcode en huisnummer, andere toevoeging',
    };
  }
  if (a.postcode === b.postcode)
    return { field, level: 'partial', weight: 1, explanation: 'Zelfde postcode' };
  // People move: a different address is only slight evidence against.
  return { field, level: 'different', weight: -2, explanation: 'Ander adres (verhuisd?)' };
}

/**
 * Whom else the register has at an address: another subject (neither of the two being scored)
 * with this surname (its `surnameKey`) registered at this address (postcode and house number),
 * by its id, or null. Supplied by the caller, who knows the register and the two subjects.
 */
export type Household = (surnameKey: string, address: string) => string | null;

/**
 * How much the household can raise a pair's score at most: from another surname (−5) to the
 * partner's (+1.5). A pair further than this below the threshold needs no look at the household.
 */
export const HOUSEHOLD_LIFT = 6.5;

/**
 * The sum of evidence at which a pair reaches the default threshold's probability, less a hair:
 * a guard for whether the household could lift a pair, which must not fail on a rounding error.
 */
export const THRESHOLD_WEIGHT = PRIOR_BITS - Math.log2(1 / DEFAULT_THRESHOLD - 1) - 1e-9;

/** Someone else of one record's surname at the other record's address, by id, or null. */
function residentOf(a: PreparedPerson, b: PreparedPerson, household: Household): string | null {
  return (
    (b.address !== null ? household(a.surnameKey, b.address) : null) ??
    (a.address !== null ? household(b.surnameKey, a.address) : null)
  );
}

const partnerNameAlone: FieldEvidence = Object.freeze({
  field: 'surname',
  level: 'weak',
  weight: -3.5,
  explanation: 'Achternaam verschilt; mogelijk de naam van de partner (voornamen en geboortedatum gelijk)',
});

const partnerInHousehold: FieldEvidence = Object.freeze({
  field: 'surname',
  level: 'weak',
  weight: 1.5,
  explanation:
    'Achternaam verschilt; mogelijk de naam van de partner (op het adres van de ander woont iemand met die achternaam)',
});

/** The score of a candidate pair, with the evidence per field. */
export function scorePair(
  a: PreparedPerson,
  b: PreparedPerson,
  stats?: NameStatistics,
  household?: Household,
): MatchScore {
  const evidence: FieldEvidence[] = [];
  if (a.bsn && b.bsn) {
    // A shared BSN is decisive, unless the rest says two people (the register then keeps them
    // apart as a conflict): then one source may have a wrong BSN, or a wrong date of birth. The
    // BSN still counts (strangers rarely share one by chance), but the other fields decide: the
    // same names with a date far apart are suggested, other names and another date are not.
    if (a.bsn === b.bsn && !clearlyDifferent(a, b)) {
      evidence.push({ field: 'bsn', level: 'exact', weight: 30, explanation: 'BSN gelijk' });
      return { weight: 30, probability: 1, decisive: true, evidence };
    }
    evidence.push(
      a.bsn === b.bsn
        ? {
            field: 'bsn',
            level: 'strong',
            weight: 10,
            explanation:
              'BSN gelijk, maar de andere gegevens verschillen duidelijk: een fout BSN of een fout gegeven',
          }
        : { field: 'bsn', level: 'different', weight: -20, explanation: 'BSN verschilt' },
    );
  }
  let surname = surnameEvidence(a, b, stats);
  let given = givenEvidence(a, b, stats);
  const date = a.dob && b.dob ? compareDates(a.dob, b.dob) : null;
  let dob = dobEvidence(a, b, date ?? undefined);
  // A woman recorded under her partner's surname alone: every first name and the date of birth
  // agree, the surname does not. Less evidence against than another surname on its own, when
  // more than one first name agrees or the address does too: one first name and a date are
  // shared by too many strangers.
  let address = addressEvidence(a, b);
  let via: string | null = null;
  if (
    surname.level === 'different' &&
    dob.level === 'exact' &&
    sameFirstNames(a, b) &&
    (address.weight > 0 || a.name.givenKeys.length > 1)
  ) {
    // Where the household says so too, it counts as it does below.
    via = household ? residentOf(a, b, household) : null;
    surname = via === null ? partnerNameAlone : partnerInHousehold;
  }
  // At the same home, with first names that fit and a date of birth that (nearly) agrees, another
  // surname is most likely a woman's under her partner's name: the look-alikes one finds at one
  // address (a partner, children, parents, twins) differ in first name or date of birth.
  else if (surname.level === 'different' && address.level === 'exact' && given.weight > 0 && dob.weight > 0)
    surname = {
      field: 'surname',
      level: 'weak',
      weight: 1.5,
      explanation:
        'Achternaam verschilt; mogelijk de naam van de partner (zelfde adres, voornamen en geboortedatum passen)',
    };
  // One record's surname is that of someone else living at the other record's address, with first
  // names and a date of birth that fit: most likely a woman under her partner's name (or her own,
  // while her partner is registered at her address under his).
  else if (surname.level === 'different' && household && given.weight > 0 && dob.weight > 0) {
    via = residentOf(a, b, household);
    if (via !== null) surname = partnerInHousehold;
  }
  // Same surname and (nearly) the same date of birth but another first name: twins, more than a
  // mistake.
  if (given.level === 'different' && dob.weight > 0 && surname.weight > 0)
    given = {
      ...given,
      weight: given.weight - 5,
      explanation: `${given.explanation}, bij dezelfde achternaam en geboortedatum (tweeling?)`,
    };
  // Moved and a date not quite the same: two namesakes far more often than two mistakes in one
  // person's records; all the more so with a mistake in each record's date.
  if (address.level === 'different' && dob.level !== 'exact' && dob.level !== 'missing')
    address = {
      ...address,
      weight: address.weight - (date?.kind === 'two' ? 3 : 1),
      explanation: `${address.explanation}, en de geboortedatum is niet gelijk`,
    };
  // At the same home, names that agree and a date two mistyped digits apart (not in the year's
  // tens, where parent and child with one name differ): one person's records, each with a slip.
  if (
    address.level === 'exact' &&
    date?.kind === 'two' &&
    !date.tens &&
    given.weight > 0 &&
    surname.weight > 0
  )
    dob = {
      ...dob,
      weight: dob.weight + 5,
      explanation: `${dob.explanation}, op hetzelfde adres`,
    };
  evidence.push(surname, given, dob, address);
  const weight = evidence.reduce((s, e) => s + e.weight, 0);
  const probability = 1 / (1 + 2 ** (PRIOR_BITS - weight));
  return via === null
    ? { weight, probability, decisive: false, evidence }
    : { weight, probability, decisive: false, evidence, via };
}

/**
 * The score of two subjects, each with one or more records (a subject seen in several sources
 * keeps each source's version): the best-scoring pair of their records, and which pair it was.
 */
export function scoreRecords(
  as: readonly PreparedPerson[],
  bs: readonly PreparedPerson[],
  stats?: NameStatistics,
  household?: Household,
): MatchScore & { a: number; b: number } {
  let best: MatchScore | null = null;
  let a = 0;
  let b = 0;
  for (let i = 0; i < as.length; i++)
    for (let j = 0; j < bs.length; j++) {
      const score = scorePair(as[i] as PreparedPerson, bs[j] as PreparedPerson, stats, household);
      if (!best || score.weight > best.weight) {
        best = score;
        a = i;
        b = j;
      }
    }
  return best
    ? Object.assign(best, { a, b })
    : { weight: 0, probability: 0, decisive: false, evidence: [], a: 0, b: 0 };
}

/** Blocks larger than this are skipped: a key shared by very many records says little. */
export const MAX_BLOCK = 200;

/** What each kind of blocking key stands for, in Dutch, for the analyst's "why (not)?". */
export const keyKinds: Record<string, string> = {
  b: 'BSN',
  p: 'postcode en huisnummer',
  s: 'klank van de achternaam, geboortejaar, dag en maand',
  m: 'klank van de achternaam, geboortejaar, maand en eerste voorletter',
  e: 'klank van de achternaam, geboortejaar, dag en eerste voorletter',
  a: 'klank van de achternaam, dag en maand van geboorte en eerste voorletter',
  d: 'geboortedatum en eerste voorletter',
  g: 'voornaam, geboortejaar, maand en eerste letter van de achternaam',
  h: 'voornaam, geboortejaar, dag en eerste letter van de achternaam',
  k: 'voornaam, dag en maand van geboorte en eerste letter van de achternaam',
  y: 'klank van de achternaam, voornaam en geboortejaar',
  o: 'klank van de achternaam, voornaam en geboortemaand',
  x: 'klank van de achternaam, voornaam en geboortedag',
  n: 'klank van de achternaam en eerste voorletter (zonder geboortedatum)',
};

/**
 * The candidate pairs of a set of records: every pair sharing a blocking key, each once. Blocks
 * larger than `maxBlock` (a key shared by very many records says little) are skipped.
 */
export function candidatePairs(
  records: readonly PreparedPerson[],
  maxBlock = MAX_BLOCK,
): Array<[number, number]> {
  return candidateGroups(
    records.map((r) => blockingKeys(r)),
    maxBlock,
  );
}

/**
 * The candidate pairs among groups of keys (a record's, or a subject's over all its records):
 * every two groups that share a key in a block of at most `maxBlock` groups, each pair once.
 */
export function candidateGroups(
  keysOf: ReadonlyArray<readonly string[]>,
  maxBlock = MAX_BLOCK,
): Array<[number, number]> {
  const blocks = new Map<string, number[]>();
  keysOf.forEach((keys, i) => {
    for (const key of keys) {
      const block = blocks.get(key);
      if (!block) blocks.set(key, [i]);
      else if (block[block.length - 1] !== i) block.push(i);
    }
  });
  const seen = new Set<number>();
  const pairs: Array<[number, number]> = [];
  const n = keysOf.length;
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
  if (a.dob && b.dob && datesApart(a.dob, b.dob)) return [dob];
  if (surname.level === 'different' && given.level === 'different') return [surname, given];
  return null;
}
