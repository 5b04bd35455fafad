import type { RegisterData, SightingSource, SubjectRole } from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import {
  blockingKeys,
  clearlyDifferent,
  DEFAULT_THRESHOLD,
  type FieldEvidence,
  MAX_BLOCK,
  type NameStatistics,
  type PersonRecord,
  type PreparedPerson,
  preparePerson,
  scorePair,
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
      return s.dateOfBirth ? `${name} (${s.dateOfBirth})` : name;
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
  return preparePerson({ ...(data as PersonRecord), id });
}

/** The stored features of a registered person, or prepared from its data when they are missing. */
function stored(id: string, features: unknown, data: unknown): PreparedPerson {
  if (!features) return person(id, data);
  // The parsed row's own object, given its id: no copy for each of many candidates.
  const prepared = features as PreparedPerson;
  prepared.id = id;
  return prepared;
}

/**
 * Links person subjects against the register in one pass: their blocking keys are joined with
 * the register's in a single statement (never a scan), every candidate pair is scored here, and
 * the probable matches become open suggestions for an analyst. One new subject or a whole
 * import alike. Returns the number of suggestions made.
 */
export async function linkBatch(
  db: Db,
  regionId: string,
  subjectIds: readonly string[],
  at: Date,
): Promise<number> {
  if (!subjectIds.length) return 0;
  const batch = (await repo.personsForLinking(db, subjectIds)).map((r) => stored(r.id, r.features, r.data));
  const ids: string[] = [];
  const keys: string[] = [];
  for (const p of batch)
    for (const key of blockingKeys(p)) {
      ids.push(p.id);
      keys.push(key);
    }
  if (!keys.length) return 0;
  const joined = await repo.candidatesForKeys(db, regionId, { ids, keys }, MAX_BLOCK);
  const pairs: Array<{ newId: string; id: string }> = [];
  const candidates = new Map<string, PreparedPerson>();
  for (const r of joined)
    if (r.newId) pairs.push({ newId: r.newId, id: r.id });
    else candidates.set(r.id, stored(r.id, r.features, r.data));
  const people = [...batch, ...candidates.values()];
  const counts = await repo.nameCounts(
    db,
    regionId,
    [...new Set(people.map((p) => p.surnameKey))],
    [...new Set(people.flatMap((p) => p.name.givenNames.slice(0, 1)))],
  );
  const stats: NameStatistics = {
    total: counts.find((c) => c.kind === 'total')?.count ?? 0,
    surnames: new Map(counts.filter((c) => c.kind === 'surname').map((c) => [c.value, c.count])),
    givenNames: new Map(counts.filter((c) => c.kind === 'given').map((c) => [c.value, c.count])),
  };
  const byId = new Map(batch.map((p) => [p.id, p]));
  const found = new Map<
    string,
    { subjectA: string; subjectB: string; probability: number; evidence: FieldEvidence[] }
  >();
  for (const pair of pairs) {
    const me = byId.get(pair.newId);
    const other = candidates.get(pair.id);
    if (!me || !other) continue;
    const score = scorePair(me, other, stats);
    if (score.probability < DEFAULT_THRESHOLD) continue;
    const [a, b] = me.id < other.id ? [me.id, other.id] : [other.id, me.id];
    found.set(`${a}|${b}`, {
      subjectA: a,
      subjectB: b,
      probability: score.probability,
      evidence: score.evidence,
    });
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
): Promise<{ subjectId: string; linked: boolean }> {
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
  if (!subjectId) {
    const prepared = input.kind === 'person' ? person('new', input) : null;
    subjectId = await repo.insertSubject(db, {
      regionId,
      kind: input.kind,
      label: registerLabel(input),
      data: input,
      ...ids,
      surnameKey: prepared?.surnameKey ?? null,
      givenName: prepared?.name.givenNames[0] ?? null,
      features: prepared ? { ...prepared, id: undefined } : null,
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
  if (!linked && input.kind === 'person' && options.suggest !== false)
    await linkBatch(db, regionId, [subjectId], sighting.at);
  return { subjectId, linked };
}
