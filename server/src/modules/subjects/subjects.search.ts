import {
  nameSound,
  nameWords,
  type ParsedName,
  parseName,
  type RegisterData,
  type RegisterKind,
  type SearchShape,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/context.js';
import type { Access } from '../access/index.js';
import * as repo from './subjects.repository.js';

/** A subject the search found, as the searcher may see it. */
export interface FoundSubject {
  /** The subject in the register (the survivor of any merge). */
  id: string;
  kind: RegisterKind;
  /** What the searcher sees of it: the register's data for analysts, else a record's own. */
  data: RegisterData;
  /** The searcher may open it in the register (analysts). */
  inRegister: boolean;
  /** The records it was seen in that the searcher may open, newest first. */
  records: Array<{ type: 'signal' | 'case'; id: string }>;
}

/** How many register subjects a search weighs before it decides what the searcher may see. */
const CANDIDATES = 1000;

/** What of the register a query's shape searches by; nothing for references and mistakes. */
function registerQueries(shape: SearchShape): repo.RegisterQuery[] {
  switch (shape.kind) {
    case 'bsn':
      return [{ by: 'identifier', column: 'bsn-or-rsin', value: shape.value }];
    case 'kvk':
      return [{ by: 'identifier', column: 'kvkNumber', value: shape.value }];
    case 'iban':
      return [{ by: 'identifier', column: 'iban', value: shape.value }];
    case 'plate':
      return [{ by: 'identifier', column: 'plate', value: shape.value }];
    case 'address': {
      // The register keys an address as postcode|number|addition ("3511AB|12|A").
      const postcode = shape.postcode.replace(' ', '');
      if (shape.houseNumber === null) return [{ by: 'address', prefix: `${postcode}|`, exact: null }];
      const prefix = `${postcode}|${shape.houseNumber}|`;
      return [{ by: 'address', prefix, exact: shape.addition ? `${prefix}${shape.addition}` : null }];
    }
    case 'date':
      return [{ by: 'birth', dateOfBirth: shape.value }];
    case 'text': {
      if (!shape.words.length) return [];
      const persons: repo.RegisterQuery = {
        by: 'person-name',
        sounds: [...new Set(shape.words.map(nameSound))],
        dateOfBirth: shape.dateOfBirth,
      };
      // With a date of birth it is a person; without, a company's name may hold the words too.
      return shape.dateOfBirth ? [persons] : [persons, { by: 'name', words: shape.words }];
    }
    default:
      return [];
  }
}

/**
 * How well a person's name fits the words searched for, or null when it does not: every word is
 * one of the surnames (exactly, or by sound: Meijer finds Meyer and Meier), a first name (or the
 * start of one) or an initial, and at least one word is a surname. So "Jan de Vries" finds
 * J. de Vries and Jan Vries-Jansen, "de Vries" finds every De Vries, and "Jan" alone finds nobody.
 */
export function nameFit(words: readonly string[], name: ParsedName): number | null {
  let score = 0;
  let surname = false;
  for (const word of words) {
    const asSurname = isSurname(word, name);
    if (asSurname) {
      score += asSurname;
      surname = true;
    } else if (isGivenName(word, name)) score += 1;
    else return null;
  }
  return surname ? score : null;
}

/** 3 when the word is one of the surnames, 2 when it sounds like one (Meijer, Meyer, Meier), else 0. */
function isSurname(word: string, name: ParsedName): number {
  if (name.surnames.includes(word)) return 3;
  return name.sounds.includes(nameSound(word)) ? 2 : 0;
}

/**
 * The word is a first name, the start of one (two letters or more), or an initial; or, where the
 * source wrote only initials ("P."), a first name that starts with one of them.
 */
function isGivenName(word: string, name: ParsedName): boolean {
  return (
    name.givenNames.some((g) => g === word || (word.length >= 2 && g.startsWith(word))) ||
    ((word.length === 1 || name.givenNames.length === 0) && name.initials.includes(word.charAt(0)))
  );
}

function parsedOf(data: RegisterData): ParsedName | null {
  return data.kind === 'person' ? parseName(data) : null;
}

/**
 * The register searched from the search box. The one rule of who sees which subject: RIEC
 * analysts (`subject.read`) see the register of their collaborations (`subjectSeenBy`); anyone
 * else sees a subject only through a signal or case they may open (the records' own predicates,
 * through `Access.allowed`), as that record recorded it, and never that it is known elsewhere.
 */
export class SubjectSearch {
  constructor(private readonly deps: { access: Access }) {}

  async search(trx: Db, actor: Actor, shape: SearchShape, limit: number) {
    const queries = registerQueries(shape);
    const { access } = this.deps;
    const candidates = (
      await Promise.all(queries.map((q) => repo.searchRegister(trx, actor.regionId, q, CANDIDATES)))
    ).flatMap((rows, i) => rows.map((r) => ({ ...r, byName: queries[i]?.by === 'person-name' })));
    const words = shape.kind === 'text' ? shape.words : [];
    const analyst = access.holds(actor, 'subject.read');
    const seen = analyst
      ? await repo.seenInRegister(
          trx,
          actor,
          candidates.map((c) => c.id),
        )
      : null;
    const sightings = await repo.sightingsOfRoots(
      trx,
      candidates.filter((c) => !seen || seen.has(c.id)).map((c) => c.id),
    );
    const [cases, signals] = await Promise.all([
      access.allowed(trx, actor, 'case.read', [
        ...new Set(sightings.flatMap((g) => (g.caseId ? [g.caseId] : []))),
      ]),
      access.allowed(trx, actor, 'signal.read', [
        ...new Set(sightings.flatMap((g) => (g.signalId && !g.caseId ? [g.signalId] : []))),
      ]),
    ]);
    const found: Array<FoundSubject & { fit: number }> = [];
    for (const c of candidates) {
      if (seen && !seen.has(c.id)) continue;
      const visible = sightings.filter(
        (g) =>
          g.root === c.id && (g.caseId ? cases.has(g.caseId) : g.signalId ? signals.has(g.signalId) : false),
      );
      // Outside the register, a subject exists for the searcher only through a record they may open.
      if (!analyst && visible.length === 0) continue;
      const data = analyst ? c.data : (visible[0]?.data ?? c.data);
      let fit = 0;
      if (c.byName) {
        // The register's data for analysts; for others, the version of a record they may open.
        const versions = analyst ? [c.name ?? parsedOf(c.data)] : visible.map((g) => parsedOf(g.data));
        const fits = versions.flatMap((v) => {
          const f = v ? nameFit(words, v) : null;
          return f === null ? [] : [f];
        });
        if (!fits.length) continue;
        fit = Math.max(...fits);
      }
      const records = new Map<string, { type: 'signal' | 'case'; id: string }>();
      for (const g of visible) {
        const record = g.caseId
          ? ({ type: 'case', id: g.caseId } as const)
          : ({ type: 'signal', id: g.signalId ?? '' } as const);
        records.set(`${record.type}:${record.id}`, record);
      }
      found.push({ id: c.id, kind: c.kind, data, inRegister: analyst, records: [...records.values()], fit });
    }
    found.sort((a, b) => b.fit - a.fit);
    return {
      subjects: found.slice(0, limit).map(({ fit: _, ...s }) => s),
      more: found.length > limit,
    };
  }
}

/** How the processing log pseudonymised a version of a person: by BSN, else by name and date of birth. */
type PersonIdentifier =
  | { type: 'person'; bsn: string }
  | { type: 'person'; surname: string; dateOfBirth: string };

/**
 * The persons of the region's register born on the date whose name fits (surname words as
 * surnames, first names or initials as given names), each with the identifiers the log knows
 * them by: the BSN where a source recorded one, else that source's surname with the date of
 * birth. Every source's version counts (the register keeps them all), so records logged under
 * another spelling or with a BSN are found too; versions without this date of birth are not,
 * so that nobody else with the same name is.
 */
export async function personIdentifiers(
  db: Db,
  regionId: string,
  person: { surname: string; firstNames?: string | undefined; dateOfBirth: string },
): Promise<Array<{ root: string; identifiers: PersonIdentifier[] }>> {
  const surnames = nameWords(person.surname);
  const given = nameWords(person.firstNames ?? '');
  if (!surnames.length) return [];
  const roots = await repo.searchRegister(
    db,
    regionId,
    { by: 'birth', dateOfBirth: person.dateOfBirth },
    CANDIDATES,
  );
  const sightings = await repo.sightingsOfRoots(
    db,
    roots.map((r) => r.id),
  );
  const out: Array<{ root: string; identifiers: PersonIdentifier[] }> = [];
  for (const root of roots) {
    const versions = [root.data, ...sightings.filter((g) => g.root === root.id).map((g) => g.data)].flatMap(
      (d) => (d.kind === 'person' && d.dateOfBirth === person.dateOfBirth ? [d] : []),
    );
    const fits = versions.some((v) => {
      const name = parseName(v);
      return surnames.every((w) => isSurname(w, name) > 0) && given.every((w) => isGivenName(w, name));
    });
    if (!fits) continue;
    const identifiers = new Map<string, PersonIdentifier>();
    for (const v of versions) {
      const id: PersonIdentifier = v.bsn
        ? { type: 'person', bsn: v.bsn }
        : { type: 'person', surname: v.surname, dateOfBirth: person.dateOfBirth };
      identifiers.set(JSON.stringify(id), id);
    }
    out.push({ root: root.id, identifiers: [...identifiers.values()] });
  }
  return out;
}
