import type { SubjectInput } from '@samenspel/contracts';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import {
  blockingKeys,
  DEFAULT_THRESHOLD,
  type FieldEvidence,
  MAX_BLOCK,
  type NameStatistics,
  type PersonRecord,
  type PreparedPerson,
  preparePerson,
  scorePair,
} from './matching.js';

/** What the register holds beyond the signal and case subjects: organisations and networks. */
export type RegisterInput =
  | SubjectInput
  | { kind: 'organisation'; name: string }
  | { kind: 'network'; name: string; description?: string | undefined };

export interface Sighting {
  caseId?: string | null;
  signalId?: string | null;
  caseSubjectId?: string | null;
  signalSubjectId?: string | null;
  organisationId: string | null;
  role?: string | null;
  source: 'signal' | 'case' | 'import';
  at: Date;
}

export function registerLabel(s: RegisterInput): string {
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
export function identifiersOf(s: RegisterInput) {
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

/** The surviving subject of a merged one (merges can chain). */
export async function rootOf(db: Db, id: string): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    with recursive up as (
      select id, merged_into, 0 as depth from subjects where id = ${id}
      union all
      select s.id, s.merged_into, up.depth + 1 from subjects s join up on s.id = up.merged_into where up.depth < 50
    )
    select id from up where merged_into is null limit 1`.execute(db);
  return rows[0]?.id ?? id;
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

async function countName(db: Db, regionId: string, p: PreparedPerson): Promise<void> {
  const values: Array<{ regionId: string; kind: string; value: string; count: number }> = [
    { regionId, kind: 'total', value: '', count: 1 },
  ];
  if (p.surnameKey) values.push({ regionId, kind: 'surname', value: p.surnameKey, count: 1 });
  const given = p.name.givenNames[0];
  if (given) values.push({ regionId, kind: 'given', value: given, count: 1 });
  await db
    .insertInto('subjectNameCounts')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['regionId', 'kind', 'value']).doUpdateSet({ count: sql`subject_name_counts.count + 1` }),
    )
    .execute();
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
  // Raw statements without the camel-case plugin, which would walk every row's JSON.
  const raw = db.withoutPlugins();
  const { rows } = await sql<{ id: string; data: unknown; features: unknown }>`
    select id, case when features is null then data end as data, features from subjects
    where id = any(${subjectIds}::uuid[]) and kind = 'person'`.execute(raw);
  const batch = rows.map((r) => stored(r.id, r.features, r.data));
  const ids: string[] = [];
  const keys: string[] = [];
  for (const p of batch)
    for (const key of blockingKeys(p)) {
      ids.push(p.id);
      keys.push(key);
    }
  if (!keys.length) return 0;
  // One statement: the register's entries under each of the batch's keys (keys shared by more
  // than 200 subjects say little and are skipped, as in candidatePairs), then every candidate
  // once, in id order, with its stored features (its data only when they are missing).
  const { rows: joined } = await sql<{ newId: string | null; id: string; data: unknown; features: unknown }>`
    with batch as (select * from unnest(${ids}::uuid[], ${keys}::text[]) as b(new_id, key)),
    pairs as materialized (
      select distinct b.new_id, k.subject_id from batch b
      join lateral (
        select subject_id, count(*) over () as size
        from (select subject_id from subject_keys k where k.key = b.key limit ${MAX_BLOCK + 1}) block
      ) k on true
      where k.size <= ${MAX_BLOCK} and k.subject_id <> b.new_id
    )
    select new_id as "newId", subject_id as id, null as data, null as features from pairs
    union all
    select null, s.id, case when s.features is null then s.data end, s.features from subjects s
    where s.id = any((select array_agg(distinct subject_id) from pairs)::uuid[])
      and s.region_id = ${regionId} and s.merged_into is null`.execute(raw);
  const pairs: Array<{ newId: string; id: string }> = [];
  const candidates = new Map<string, PreparedPerson>();
  for (const r of joined)
    if (r.newId) pairs.push({ newId: r.newId, id: r.id });
    else candidates.set(r.id, stored(r.id, r.features, r.data));
  // How common the names involved are, and no others.
  const people = [...batch, ...candidates.values()];
  const surnames = [...new Set(people.map((p) => p.surnameKey))];
  const givenNames = [...new Set(people.flatMap((p) => p.name.givenNames.slice(0, 1)))];
  const { rows: counts } = await sql<{ kind: string; value: string; count: number }>`
    select kind, value, count from subject_name_counts
    where region_id = ${regionId} and (kind = 'total'
      or (kind = 'surname' and value = any(${surnames}::text[]))
      or (kind = 'given' and value = any(${givenNames}::text[])))`.execute(raw);
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
  // One statement for all suggestions, sent as one JSON document.
  const values = [...found.values()];
  if (values.length)
    await sql`
      insert into match_suggestions (region_id, subject_a, subject_b, probability, evidence, created_at)
      select ${regionId}, t."subjectA", t."subjectB", t.probability, t.evidence, ${at}
      from jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
        as t("subjectA" uuid, "subjectB" uuid, probability float8, evidence jsonb)
      on conflict (subject_a, subject_b) do nothing`.execute(db);
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
  input: RegisterInput,
  sighting: Sighting,
  options: { suggest?: boolean; signalSubjectId?: string | null } = {},
): Promise<{ subjectId: string; linked: boolean }> {
  const ids = identifiersOf(input);
  let subjectId: string | null = null;
  // A case subject taken over from a signal is the subject that signal registered: no guessing.
  if (options.signalSubjectId) {
    const same = await db
      .selectFrom('subjectSightings')
      .select('subjectId')
      .where('signalSubjectId', '=', options.signalSubjectId)
      .limit(1)
      .executeTakeFirst();
    if (same) subjectId = await rootOf(db, same.subjectId);
  }
  for (const [column, value] of Object.entries(ids) as Array<[keyof typeof ids, string | null]>) {
    if (subjectId || !value) continue;
    const existing = await db
      .selectFrom('subjects')
      .select('id')
      .where('regionId', '=', regionId)
      .where(column, '=', value)
      .orderBy('createdAt')
      .limit(1)
      .executeTakeFirst();
    if (existing) {
      subjectId = await rootOf(db, existing.id);
      break;
    }
  }
  const linked = subjectId !== null;
  if (!subjectId) {
    const prepared = input.kind === 'person' ? person('new', input) : null;
    const row = await db
      .insertInto('subjects')
      .values({
        regionId,
        kind: input.kind,
        label: registerLabel(input),
        data: JSON.stringify(input),
        ...ids,
        surnameKey: prepared?.surnameKey ?? null,
        givenName: prepared?.name.givenNames[0] ?? null,
        features: prepared ? JSON.stringify({ ...prepared, id: undefined }) : null,
        mergedInto: null,
        createdAt: sighting.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    subjectId = row.id;
    if (prepared) {
      const keys = blockingKeys(prepared);
      if (keys.length)
        await db
          .insertInto('subjectKeys')
          .values(keys.map((key) => ({ key, subjectId: row.id })))
          .execute();
      await countName(db, regionId, prepared);
    }
  }
  await db
    .insertInto('subjectSightings')
    .values({
      subjectId,
      caseId: sighting.caseId ?? null,
      signalId: sighting.signalId ?? null,
      caseSubjectId: sighting.caseSubjectId ?? null,
      signalSubjectId: sighting.signalSubjectId ?? null,
      organisationId: sighting.organisationId,
      role: sighting.role ?? null,
      source: sighting.source,
      seenAt: sighting.at,
    })
    .execute();
  if (!linked && input.kind === 'person' && options.suggest !== false)
    await linkBatch(db, regionId, [subjectId], sighting.at);
  return { subjectId, linked };
}
