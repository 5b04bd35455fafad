import type { RegisterData, SightingSource, SubjectRole } from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/context.js';
import { dutchDate } from '../../shared/dates.js';
import {
  blockingKeys,
  clearlyDifferent,
  DEFAULT_THRESHOLD,
  FEATURES_VERSION,
  type FieldEvidence,
  HOUSEHOLD_LIFT,
  type Household,
  keyKinds,
  MAX_BLOCK,
  type MatchScore,
  type NameStatistics,
  type PreparedPerson,
  personRecord,
  preparePerson,
  samePrepared,
  scoreRecords,
  THRESHOLD_WEIGHT,
} from './matching.js';
import * as repo from './subjects.repository.js';

export interface Sighting {
  /** The collaboration of the record the subject was seen in. */
  collaborationId: string;
  caseId?: string | null;
  signalId?: string | null;
  caseSubjectId?: string | null;
  signalSubjectId?: string | null;
  organisationId: string | null;
  role?: SubjectRole | null;
  source: SightingSource;
  at: Date;
}

export function registerLabel(s: RegisterData): string {
  switch (s.kind) {
    case 'person': {
      const name = [s.firstNames, s.prefix, s.surname].filter(Boolean).join(' ');
      return s.dateOfBirth ? `${name} (${dutchDate(s.dateOfBirth)})` : name;
    }
    case 'company':
      return s.kvkNumber ? `${s.name} (KvK ${s.kvkNumber})` : s.name;
    case 'address':
      return `${s.street ? `${s.street} ` : ''}${s.houseNumber}${s.houseNumberAddition ? ` ${s.houseNumberAddition}` : ''}, ${s.postcode}${s.town ? ` ${s.town}` : ''}`;
    case 'account':
      return s.holder ? `${s.iban} (${s.holder})` : s.iban;
    case 'vehicle':
      return s.registration;
    case 'organisation':
    case 'network':
      return s.name;
  }
}

/** The exact identifiers of a subject, normalised; a shared one means the same subject. */
export function identifiersOf(s: RegisterData): repo.Identifiers {
  const compact = (v: string | undefined) => (v ? v.replace(/[\s.-]/g, '').toUpperCase() : null);
  return {
    bsn: s.kind === 'person' ? compact(s.bsn) : null,
    kvkNumber: s.kind === 'company' ? compact(s.kvkNumber) : null,
    rsin: s.kind === 'company' ? compact(s.rsin) : null,
    iban: s.kind === 'account' ? compact(s.iban) : null,
    plate: s.kind === 'vehicle' ? compact(s.registration) : null,
    addressKey:
      s.kind === 'address'
        ? `${compact(s.postcode)}|${s.houseNumber}|${compact(s.houseNumberAddition ?? '') ?? ''}`
        : null,
  };
}

function person(id: string, data: unknown): PreparedPerson {
  return preparePerson(personRecord(id, data as Parameters<typeof personRecord>[1]));
}

/** The stored features of a registered person, or prepared from its data when missing or old. */
function stored(id: string, features: unknown, data: unknown): PreparedPerson {
  const prepared = features as PreparedPerson | null;
  if (!prepared || prepared.v !== FEATURES_VERSION) return person(id, data);
  // The parsed row's own object, given its id: no copy for each of many candidates.
  prepared.id = id;
  return prepared;
}

/** Every record of a person subject: its first and the others its sources gave. */
function recordsOf(row: repo.PersonRow): PreparedPerson[] {
  const first = stored(row.id, row.features, row.data);
  const variants = Array.isArray(row.variants) ? (row.variants as PreparedPerson[]) : [];
  return [
    first,
    ...variants.filter((v) => v.v === FEATURES_VERSION).map((v) => Object.assign(v, { id: row.id })),
  ];
}

/** Features as stored: without the id, which is the subject's. */
const storable = (p: PreparedPerson) => ({ ...p, id: undefined });

/** How common the names of these records are in the region's register. */
async function statisticsFor(db: Db, regionId: string, people: readonly PreparedPerson[]) {
  const counts = await repo.nameCounts(
    db,
    regionId,
    [...new Set(people.flatMap((p) => [p.surnameKey, ...p.name.surnames]))],
    [...new Set(people.flatMap((p) => p.name.givenNames.slice(0, 1)))],
  );
  return {
    total: counts.find((c) => c.kind === 'total')?.count ?? 0,
    surnames: new Map(counts.filter((c) => c.kind === 'surname').map((c) => [c.value, c.count])),
    givenNames: new Map(counts.filter((c) => c.kind === 'given').map((c) => [c.value, c.count])),
  } satisfies NameStatistics;
}

/**
 * Whether a score replaces the suggestion found before between the same two subjects (through
 * other records of theirs): the more probable, but one that needs no household before one that
 * does, which is shown only to whoever may see that household.
 */
export function replaces(
  before: { probability: number; via: string | null } | undefined,
  score: Pick<MatchScore, 'probability' | 'via'>,
): boolean {
  if (!before) return true;
  const needs = score.via !== undefined;
  if ((before.via !== null) !== needs) return !needs;
  return score.probability > before.probability;
}

/**
 * Who lives at the addresses of these records, as the scorer asks it: for a pair of subjects
 * (the ids of the subjects the two stand for), another subject with a surname at an address.
 * All the register's subjects when linking; for an analyst's "why not?", those the analyst sees.
 */
async function householdsAt(db: Db, regionId: string, records: readonly PreparedPerson[], actor?: Actor) {
  const addresses = [...new Set(records.flatMap((r) => (r.address ? [r.address] : [])))];
  const at = new Map<string, Array<{ id: string; root: string; surnameKey: string }>>();
  const rows = addresses.length ? await repo.residentsAt(db, regionId, addresses, MAX_BLOCK, actor) : [];
  for (const row of rows) {
    const list = at.get(row.address);
    if (list) list.push(row);
    else at.set(row.address, [row]);
  }
  return (pair: readonly string[]): Household =>
    (surnameKey, address) =>
      at.get(address)?.find((x) => x.surnameKey === surnameKey && !pair.includes(x.root))?.id ?? null;
}

/**
 * Links person subjects against the register in one pass: the blocking keys of every record of
 * theirs are joined with the register's in a single statement (never a scan), every candidate is
 * scored by its best pair of records here, and the probable matches become open suggestions for
 * an analyst, between the subjects they stand for. One new subject or a whole import alike.
 * Returns the number of suggestions made.
 */
export async function linkBatch(
  db: Db,
  regionId: string,
  subjectIds: readonly string[],
  at: Date,
): Promise<number> {
  if (!subjectIds.length) return 0;
  const batch = new Map<string, { root: string; records: PreparedPerson[] }>();
  for (const row of await repo.personsForLinking(db, subjectIds))
    batch.set(row.id, { root: row.root, records: recordsOf(row) });
  const ids: string[] = [];
  const keys: string[] = [];
  for (const [id, { records }] of batch)
    for (const key of new Set(records.flatMap((r) => blockingKeys(r)))) {
      ids.push(id);
      keys.push(key);
    }
  if (!keys.length) return 0;
  const joined = await repo.candidatesForKeys(db, regionId, { ids, keys }, MAX_BLOCK);
  const pairs: Array<{ newId: string; id: string }> = [];
  const candidates = new Map<string, { root: string; records: PreparedPerson[] }>();
  for (const r of joined)
    if (r.newId) pairs.push({ newId: r.newId, id: r.id });
    else candidates.set(r.id, { root: r.root, records: recordsOf(r) });
  const stats = await statisticsFor(db, regionId, [
    ...[...batch.values()].flatMap((b) => b.records),
    ...[...candidates.values()].flatMap((c) => c.records),
  ]);
  // Per pair of subjects (as the subjects they stand for), the best of their records' scores.
  const found = new Map<string, repo.SuggestionInput>();
  const suggest = (x: string, y: string, score: MatchScore) => {
    const [a, b] = x < y ? [x, y] : [y, x];
    const key = `${a}|${b}`;
    if (!replaces(found.get(key), score)) return;
    found.set(key, {
      subjectA: a,
      subjectB: b,
      probability: score.probability,
      evidence: score.evidence,
      via: score.via ?? null,
    });
  };
  type Linked = { root: string; records: PreparedPerson[] };
  // Pairs the household could still lift above the threshold: a second look, with who lives at
  // their addresses. Whether it could is scored as if every address held the partner's surname.
  const second: Array<[Linked, Linked]> = [];
  for (const pair of pairs) {
    const me = batch.get(pair.newId);
    const other = candidates.get(pair.id);
    if (!me || !other || me.root === other.root) continue;
    const score = scoreRecords(me.records, other.records, stats);
    if (score.probability >= DEFAULT_THRESHOLD) suggest(me.root, other.root, score);
    else if (
      score.weight + HOUSEHOLD_LIFT >= THRESHOLD_WEIGHT &&
      scoreRecords(me.records, other.records, stats, () => 'anyone').probability >= DEFAULT_THRESHOLD
    )
      second.push([me, other]);
  }
  if (second.length) {
    const households = await householdsAt(
      db,
      regionId,
      second.flatMap(([me, other]) => [...me.records, ...other.records]),
    );
    for (const [me, other] of second) {
      const score = scoreRecords(me.records, other.records, stats, households([me.root, other.root]));
      if (score.probability >= DEFAULT_THRESHOLD) suggest(me.root, other.root, score);
    }
  }
  const values = [...found.values()];
  await repo.insertSuggestions(db, regionId, values, at);
  return values.length;
}

/**
 * Registers a subject seen in a signal or case, in the caller's transaction: a shared BSN, KvK
 * number, RSIN, IBAN, registration plate or address links it to the subject the register has;
 * otherwise it becomes a new subject, and a person gets suggestions of who it probably is.
 */
export async function registerSubject(
  db: Db,
  regionId: string,
  input: RegisterData,
  sighting: Sighting,
  options: { suggest?: boolean; signalSubjectId?: string | null } = {},
): Promise<{ subjectId: string; linked: boolean; varied: boolean }> {
  const ids = identifiersOf(input);
  // A case subject taken over from a signal is the subject that signal registered: no guessing.
  let subjectId = options.signalSubjectId
    ? await repo.subjectOfSignalSubject(db, options.signalSubjectId)
    : null;
  // A shared BSN on someone clearly else (another date of birth, another name) does not link.
  let conflict: { with: string; evidence: FieldEvidence[] } | null = null;
  for (const [column, value] of Object.entries(ids) as Array<[keyof repo.Identifiers, string | null]>) {
    if (subjectId || !value) continue;
    for (const existing of await repo.subjectsByIdentifier(db, regionId, column, value)) {
      const evidence =
        column === 'bsn' && input.kind === 'person' && existing.data.kind === 'person'
          ? clearlyDifferent(person('new', input), person(existing.id, existing.data))
          : null;
      if (!evidence) {
        subjectId = existing.id;
        break;
      }
      conflict ??= { with: existing.id, evidence };
    }
  }
  if (subjectId) conflict = null;
  const linked = subjectId !== null;
  const prepared = input.kind === 'person' ? person('new', input) : null;
  // A person linked by an identifier keeps this source's version for matching too: its name,
  // date of birth and address find records that carry no identifier.
  let varied = false;
  if (subjectId && prepared) {
    const [row] = await repo.personsForLinking(db, [subjectId]);
    if (row && !recordsOf(row).some((r) => samePrepared(r, prepared))) {
      await repo.addVariant(db, subjectId, storable(prepared), blockingKeys(prepared));
      varied = true;
    }
  }
  if (!subjectId) {
    subjectId = await repo.insertSubject(db, {
      regionId,
      kind: input.kind,
      label: registerLabel(input),
      data: input,
      ...ids,
      surnameKey: prepared?.surnameKey ?? null,
      givenName: prepared?.name.givenNames[0] ?? null,
      features: prepared ? storable(prepared) : null,
      createdAt: sighting.at,
    });
    if (conflict)
      await repo.insertConflict(db, {
        regionId,
        subjectA: conflict.with,
        subjectB: subjectId,
        evidence: conflict.evidence,
        createdAt: sighting.at,
      });
    if (prepared) {
      await repo.insertKeys(db, subjectId, blockingKeys(prepared));
      await repo.countNames(db, regionId, {
        surname: prepared.surnameKey || null,
        given: prepared.name.givenNames[0] ?? null,
      });
    }
  }
  await repo.insertSighting(db, {
    subjectId,
    collaborationId: sighting.collaborationId,
    caseId: sighting.caseId ?? null,
    signalId: sighting.signalId ?? null,
    caseSubjectId: sighting.caseSubjectId ?? null,
    signalSubjectId: sighting.signalSubjectId ?? null,
    organisationId: sighting.organisationId,
    role: sighting.role ?? null,
    source: sighting.source,
    data: input,
    seenAt: sighting.at,
  });
  if ((!linked || varied) && input.kind === 'person' && options.suggest !== false)
    await linkBatch(db, regionId, [subjectId], sighting.at);
  return { subjectId, linked, varied };
}

/**
 * Works out every registered person's matching features again with the rules as they are now:
 * its first record's, those of its sightings' other records, its blocking keys and the name
 * counts. For a migration that changes the rules; pages through the register, never all at once.
 */
export async function refreshPersonMatching(db: Db): Promise<number> {
  let after: string | null = null;
  let done = 0;
  for (;;) {
    const page = await repo.personsWithSightings(db, after, 500);
    if (!page.length) break;
    await repo.replaceMatching(
      db,
      page.map((row) => {
        const first = person(row.id, row.data);
        const variants: PreparedPerson[] = [];
        for (const data of row.seen ?? []) {
          const p = person(row.id, data);
          if (!samePrepared(p, first) && !variants.some((v) => samePrepared(v, p))) variants.push(p);
        }
        return {
          id: row.id,
          surnameKey: first.surnameKey,
          givenName: first.name.givenNames[0] ?? null,
          features: storable(first),
          variants: variants.length ? variants.map(storable) : null,
          keys: [...new Set([first, ...variants].flatMap((p) => blockingKeys(p)))],
        };
      }),
    );
    done += page.length;
    after = page[page.length - 1]?.id ?? null;
  }
  await repo.recountNames(db);
  return done;
}

/**
 * How matching sees two person subjects (each with everything merged into it): the blocking keys
 * they share and whether those are used, and the score of their best pair of records, with the
 * register's name statistics. For the analyst's "why (not)?".
 */
export async function comparePersons(db: Db, actor: Actor, a: readonly string[], b: readonly string[]) {
  const { regionId } = actor;
  const records = async (ids: readonly string[]) =>
    (await repo.personsForLinking(db, ids)).flatMap((row) => recordsOf(row));
  const [as, bs] = await Promise.all([records(a), records(b)]);
  const stats = await statisticsFor(db, regionId, [...as, ...bs]);
  const keys = (await repo.sharedKeys(db, a, b)).map((k) => {
    const kind = k.key.slice(0, k.key.indexOf(':'));
    return {
      kind,
      description: keyKinds[kind] ?? kind,
      block: k.size,
      skipped: k.size > MAX_BLOCK,
    };
  });
  keys.sort((x, y) => x.kind.localeCompare(y.kind) || x.block - y.block);
  // One row per kind (a kind is made once per sound of a surname): its smallest block, the one
  // that decides whether the two are compared through it.
  const byKind = keys.filter((k, i) => keys[i - 1]?.kind !== k.kind);
  // The household as far as the analyst sees it: the suggestions they see were made so too.
  const households = await householdsAt(db, regionId, [...as, ...bs], actor);
  const score = as.length && bs.length ? scoreRecords(as, bs, stats, households([...a, ...b])) : null;
  return { keys: byKind, score, records: { a: as.length, b: bs.length } };
}

/**
 * What destroying signals and cases does to the register, in the caller's transaction: their
 * sightings go; a subject no other record holds goes with its search keys, relations,
 * suggestions and merges; a subject that stays takes its earliest remaining record as its own
 * (label, identifiers) and its matching features and keys from the remaining records only, so
 * nothing of the destroyed records is left to find it by. Name counts are the caller's to redo
 * once (`recountSubjectNames`), after a whole run.
 */
export async function forgetSightings(
  db: Db,
  where: { signalIds: readonly string[]; caseIds: readonly string[] },
  /** What other modules hold of the subjects about to go (places, provisions), let go first. */
  release: (db: Db, subjectIds: readonly string[]) => Promise<void>,
  /** When: the open suggestions made again on what remains are dated so. */
  at: Date,
): Promise<{ sightings: number; subjects: number }> {
  const { count, subjects: touched } = await repo.deleteSightings(db, where);
  if (!touched.length) return { sightings: 0, subjects: 0 };
  // Open suggestions of the touched subjects (whether they go or stay), of everything merged with
  // them and of what their households lifted may have rested on what was destroyed (a name, a
  // date, an address; a household's address): they go, and the persons that remain are linked
  // again on what remains, below. Rejected ones stay (and keep holding); confirmed ones are merges.
  const resting = await repo.deleteSuggestionsResting(db, touched);
  const going = await repo.subjectsWithoutSightings(db, touched);
  if (going.length) await release(db, going);
  await repo.deleteSubjects(db, going);
  const gone = new Set(going);
  const kept = touched.filter((id) => !gone.has(id));
  const matching: Parameters<typeof repo.replaceMatching>[1][number][] = [];
  for (const row of await repo.remainingRecords(db, kept)) {
    if (!row.first) continue;
    const data = row.first as RegisterData;
    await repo.replaceFirstRecord(db, row.id, { label: registerLabel(data), data, ...identifiersOf(data) });
    if (data.kind !== 'person') continue;
    const first = person(row.id, data);
    const variants: PreparedPerson[] = [];
    for (const seen of row.seen ?? []) {
      const p = person(row.id, seen);
      if (!samePrepared(p, first) && !variants.some((v) => samePrepared(v, p))) variants.push(p);
    }
    matching.push({
      id: row.id,
      surnameKey: first.surnameKey,
      givenName: first.name.givenNames[0] ?? null,
      features: storable(first),
      variants: variants.length ? variants.map(storable) : null,
      keys: [...new Set([first, ...variants].flatMap((p) => blockingKeys(p)))],
    });
  }
  await repo.replaceMatching(db, matching);
  const relink = new Map<string, string[]>();
  for (const { id, regionId } of resting)
    if (!gone.has(id)) relink.set(regionId, [...(relink.get(regionId) ?? []), id]);
  for (const [regionId, ids] of relink) await linkBatch(db, regionId, ids, at);
  return { sightings: count, subjects: gone.size };
}

/** Counts the register's person names again (after a destruction run). */
export const recountSubjectNames = (db: Db) => repo.recountNames(db);
