import type {
  MatchEvidence,
  ParsedName,
  RegisterData,
  RegisterKind,
  RelationType,
} from '@samenspel/contracts';
import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { SubjectRelationsTable, SubjectSightingsTable } from '../../db/schema.js';
import { batches } from '../../shared/batches.js';
import type { Actor } from '../../shared/context.js';
import { inCollaborationOf } from '../collaborations/index.js';
import { subjectSeenBy, suggestionSeenBy } from './subjects.access.js';

/** The exact identifier columns of a subject, normalised. */
export interface Identifiers {
  bsn: string | null;
  kvkNumber: string | null;
  rsin: string | null;
  iban: string | null;
  plate: string | null;
  addressKey: string | null;
}

/** The subject a merged one stands for (itself when not merged). */
export async function rootOf(db: Db, id: string): Promise<string> {
  const row = await db.selectFrom('subjects').select('rootId').where('id', '=', id).executeTakeFirst();
  return row?.rootId ?? id;
}

/** A subject and every subject merged into it. */
export async function treeOf(db: Db, root: string): Promise<string[]> {
  const rows = await db.selectFrom('subjects').select('id').where('rootId', '=', root).execute();
  return rows.map((r) => r.id);
}

// ---- registering ----

export async function subjectOfSignalSubject(db: Db, signalSubjectId: string) {
  const row = await db
    .selectFrom('subjectSightings as g')
    .innerJoin('subjects as s', 's.id', 'g.subjectId')
    .select('s.rootId')
    .where('g.signalSubjectId', '=', signalSubjectId)
    .limit(1)
    .executeTakeFirst();
  return row?.rootId ?? null;
}

/** The subjects of the region with this exact identifier, as their roots, oldest first, with their data. */
export async function subjectsByIdentifier(
  db: Db,
  regionId: string,
  column: keyof Identifiers,
  value: string,
) {
  return db
    .selectFrom('subjects as s')
    .innerJoin('subjects as r', 'r.id', 's.rootId')
    .select(['r.id', 'r.data', 'r.createdAt'])
    .distinct()
    .where('s.regionId', '=', regionId)
    .where(`s.${column}`, '=', value)
    .orderBy('r.createdAt')
    .execute();
}

export async function insertConflict(
  db: Db,
  c: { regionId: string; subjectA: string; subjectB: string; evidence: MatchEvidence[]; createdAt: Date },
): Promise<void> {
  await db
    .insertInto('subjectConflicts')
    .values({ ...c, identifier: 'bsn', evidence: JSON.stringify(c.evidence) })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * The conflicts a subject (or anything merged into it) is in, with the other subject of each —
 * only those whose other subject the actor may see (one collaboration never shows another's).
 */
export async function conflictsOf(db: Db, actor: Actor, root: string) {
  const rows = await db
    .selectFrom('subjectConflicts as c')
    .innerJoin('subjects as a', 'a.id', 'c.subjectA')
    .innerJoin('subjects as b', 'b.id', 'c.subjectB')
    .select(['c.id', 'c.identifier', 'c.evidence', 'c.createdAt', 'a.rootId as aRoot', 'b.rootId as bRoot'])
    .where((eb) => eb.or([eb('a.rootId', '=', root), eb('b.rootId', '=', root)]))
    .where(subjectSeenBy(actor, 'a.root_id'))
    .where(subjectSeenBy(actor, 'b.root_id'))
    .orderBy('c.createdAt')
    .execute();
  const others = rows.map((r) => (r.aRoot === root ? r.bRoot : r.aRoot));
  const subjects = await subjectsByIds(db, others);
  return rows.flatMap((r) => {
    const other = subjects.find((s) => s.id === (r.aRoot === root ? r.bRoot : r.aRoot));
    return other ? [{ ...r, other }] : [];
  });
}

export async function insertSubject(
  db: Db,
  s: Identifiers & {
    regionId: string;
    kind: RegisterKind;
    label: string;
    data: RegisterData;
    surnameKey: string | null;
    givenName: string | null;
    features: Record<string, unknown> | null;
    createdAt: Date;
  },
): Promise<string> {
  const row = await db
    .insertInto('subjects')
    .values({
      ...s,
      data: JSON.stringify(s.data),
      features: s.features ? JSON.stringify(s.features) : null,
      mergedInto: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertKeys(db: Db, subjectId: string, keys: readonly string[]): Promise<void> {
  if (keys.length)
    await db
      .insertInto('subjectKeys')
      .values(keys.map((key) => ({ key, subjectId })))
      .execute();
}

/** Counts a registered person's names, for the frequency weights of matching. */
export async function countNames(
  db: Db,
  regionId: string,
  names: { surname: string | null; given: string | null },
): Promise<void> {
  const values: Array<{
    regionId: string;
    kind: 'total' | 'surname' | 'given';
    value: string;
    count: number;
  }> = [{ regionId, kind: 'total', value: '', count: 1 }];
  if (names.surname) values.push({ regionId, kind: 'surname', value: names.surname, count: 1 });
  if (names.given) values.push({ regionId, kind: 'given', value: names.given, count: 1 });
  await db
    .insertInto('subjectNameCounts')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['regionId', 'kind', 'value']).doUpdateSet({ count: sql`subject_name_counts.count + 1` }),
    )
    .execute();
}

export async function insertSighting(
  db: Db,
  g: Omit<SubjectSightingsTable, 'id' | 'data' | 'signalCaseId' | 'seenAt'> & {
    data: RegisterData;
    seenAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('subjectSightings')
    .values({ ...g, data: JSON.stringify(g.data), signalCaseId: null })
    .execute();
}

/** The signals became a case: their sightings are one matter with it from now on. */
export async function signalsBecameCase(db: Db, signalIds: readonly string[], caseId: string): Promise<void> {
  if (signalIds.length === 0) return;
  await db
    .updateTable('subjectSightings')
    .set({ signalCaseId: caseId })
    .where('signalId', 'in', signalIds)
    .where('caseId', 'is', null)
    .execute();
}

// ---- linking (raw statements without the camel-case plugin, which would walk every row's JSON) ----

/** A person subject's matching features: its first record's, and those of its other records. */
export interface PersonRow {
  id: string;
  /** The subject it is merged into at the end of the chain (itself when not merged). */
  root: string;
  /** Its data, only when the features are missing. */
  data: unknown;
  features: unknown;
  variants: unknown;
}

export async function personsForLinking(db: Db, ids: readonly string[]) {
  const { rows } = await sql<PersonRow>`
    select id, root_id as root, case when features is null then data end as data, features, variants
    from subjects where id = any(${ids}::uuid[]) and kind = 'person'`.execute(db.withoutPlugins());
  return rows;
}

/** Adds a record's features to a subject's other records, and its blocking keys. */
export async function addVariant(
  db: Db,
  subjectId: string,
  features: Record<string, unknown>,
  keys: readonly string[],
): Promise<void> {
  await sql`
    update subjects set variants = coalesce(variants, '[]'::jsonb) || jsonb_build_array(${JSON.stringify(features)}::jsonb)
    where id = ${subjectId}`.execute(db);
  if (keys.length)
    await db
      .insertInto('subjectKeys')
      .values(keys.map((key) => ({ key, subjectId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
}

/**
 * One statement: the register's entries under each of the batch's keys (keys shared by more than
 * `maxBlock` subjects say little and are skipped), then every candidate once with its stored
 * features and those of its other records (its data only when the features are missing), and the
 * subject it stands for. Rows with `newId` are pairs; the others are the candidates. A merged
 * subject takes part with its own records, for the subject it was merged into.
 */
export async function candidatesForKeys(
  db: Db,
  regionId: string,
  batch: { ids: readonly string[]; keys: readonly string[] },
  maxBlock: number,
): Promise<Array<PersonRow & { newId: string | null }>> {
  // The planner prices a large batch's join above jit_above_cost, and compiling it (with inlining
  // and optimisation) costs more than it saves: a tenth of the join for 10,000 records against a
  // million (bench/src/linking.ts). Off for this statement only, in the caller's transaction or
  // one of its own.
  if (!db.isTransaction)
    return db.transaction().execute((trx) => candidatesForKeys(trx, regionId, batch, maxBlock));
  await sql`set local jit = off`.execute(db);
  const { rows } = await sql<PersonRow & { newId: string | null }>`
    with batch as (select * from unnest(${batch.ids}::uuid[], ${batch.keys}::text[]) as b(new_id, key)),
    pairs as materialized (
      select distinct b.new_id, k.subject_id from batch b
      join lateral (
        select subject_id, count(*) over () as size
        from (select subject_id from subject_keys k where k.key = b.key limit ${maxBlock + 1}) block
      ) k on true
      where k.size <= ${maxBlock} and k.subject_id <> b.new_id
    )
    select new_id as "newId", subject_id as id, null as root, null as data, null as features, null as variants
    from pairs
    union all
    select null, s.id, s.root_id, case when s.features is null then s.data end, s.features, s.variants
    from subjects s
    where s.id = any((select array_agg(distinct subject_id) from pairs)::uuid[])
      and s.region_id = ${regionId}`.execute(db.withoutPlugins());
  await sql`set local jit to default`.execute(db);
  return rows;
}

/**
 * Who the register has at these addresses (postcode and house number, as in the `p:` blocking
 * key): each person subject there, as the subject it stands for, with its surname. An address
 * with more subjects than a block holds is left out, as blocking leaves it: no household.
 */
export async function residentsAt(
  db: Db,
  regionId: string,
  addresses: readonly string[],
  maxBlock: number,
  /** Only the subjects this actor sees (an analyst's "why not?"); all of them when linking. */
  actor?: Actor,
) {
  const { rows } = await sql<{ address: string; id: string; root: string; surnameKey: string }>`
    select a.address, s.id, s.root_id as root, s.surname_key as "surnameKey"
    from unnest(${addresses}::text[]) as a(address)
    join lateral (
      select subject_id, count(*) over () as size
      from (select subject_id from subject_keys k where k.key = 'p:' || a.address limit ${maxBlock + 1}) block
    ) k on true
    join subjects s on s.id = k.subject_id
    where k.size <= ${maxBlock} and s.region_id = ${regionId} and s.surname_key is not null
      and ${actor ? subjectSeenBy(actor, 's.root_id') : sql`true`}
    order by s.created_at, s.id`.execute(db.withoutPlugins());
  return rows;
}

/** A page of person subjects (after `afterId`), each with its own data and its sightings' data. */
export async function personsWithSightings(db: Db, afterId: string | null, limit: number) {
  const { rows } = await sql<{ id: string; data: unknown; seen: unknown[] | null }>`
    select s.id, s.data,
      (select jsonb_agg(g.data order by g.seen_at) from subject_sightings g where g.subject_id = s.id) as seen
    from subjects s
    where s.kind = 'person' and (${afterId}::uuid is null or s.id > ${afterId}::uuid)
    order by s.id limit ${limit}`.execute(db.withoutPlugins());
  return rows;
}

/** Replaces a page of person subjects' matching features, other records and blocking keys. */
export async function replaceMatching(
  db: Db,
  rows: ReadonlyArray<{
    id: string;
    surnameKey: string | null;
    givenName: string | null;
    features: unknown;
    variants: unknown[] | null;
    keys: readonly string[];
  }>,
): Promise<void> {
  if (!rows.length) return;
  const ids = rows.map((r) => r.id);
  await sql`
    update subjects s set surname_key = t."surnameKey", given_name = t."givenName", features = t.features,
      variants = t.variants
    from jsonb_to_recordset(${JSON.stringify(rows.map(({ keys: _keys, ...r }) => r))}::jsonb)
      as t(id uuid, "surnameKey" text, "givenName" text, features jsonb, variants jsonb)
    where s.id = t.id`.execute(db.withoutPlugins());
  await sql`delete from subject_keys where subject_id = any(${ids}::uuid[])`.execute(db);
  const keyIds = rows.flatMap((r) => r.keys.map(() => r.id));
  const keys = rows.flatMap((r) => r.keys);
  if (keys.length)
    await sql`
      insert into subject_keys (key, subject_id)
      select * from unnest(${keys}::text[], ${keyIds}::uuid[]) on conflict do nothing`.execute(db);
}

/** Counts every region's person names again, from the subjects' name columns. */
export async function recountNames(db: Db): Promise<void> {
  await sql`
    delete from subject_name_counts;
    insert into subject_name_counts (region_id, kind, value, count)
    select region_id, 'surname', surname_key, count(*) from subjects
      where kind = 'person' and surname_key is not null and surname_key <> '' group by region_id, surname_key
    union all select region_id, 'given', given_name, count(*) from subjects
      where kind = 'person' and given_name is not null group by region_id, given_name
    union all select region_id, 'total', '', count(*) from subjects where kind = 'person' group by region_id`.execute(
    db,
  );
}

/** Which of these person subjects share a blocking key, and which kinds of key (for "why not?"). */
export async function sharedKeys(db: Db, a: readonly string[], b: readonly string[]) {
  const { rows } = await sql<{ key: string; size: number }>`
    select k.key, (select count(*)::int from (select 1 from subject_keys x where x.key = k.key limit 1000) c) as size
    from subject_keys k
    where k.subject_id = any(${a}::uuid[])
      and exists (select 1 from subject_keys o where o.key = k.key and o.subject_id = any(${b}::uuid[]))
    group by k.key`.execute(db.withoutPlugins());
  return rows;
}

/** How common the names involved are in the region, and no others. */
export async function nameCounts(
  db: Db,
  regionId: string,
  surnames: readonly string[],
  givenNames: readonly string[],
) {
  const { rows } = await sql<{ kind: string; value: string; count: number }>`
    select kind, value, count from subject_name_counts
    where region_id = ${regionId} and (kind = 'total'
      or (kind = 'surname' and value = any(${surnames}::text[]))
      or (kind = 'given' and value = any(${givenNames}::text[])))`.execute(db.withoutPlugins());
  return rows;
}

export interface SuggestionInput {
  subjectA: string;
  subjectB: string;
  probability: number;
  evidence: MatchEvidence[];
  /** The subject whose household lifted the score, if one did. */
  via: string | null;
}

/** All suggestions in one statement, sent as one JSON document. */
export async function insertSuggestions(
  db: Db,
  regionId: string,
  values: readonly SuggestionInput[],
  at: Date,
): Promise<void> {
  if (values.length === 0) return;
  await sql`
    insert into match_suggestions (region_id, subject_a, subject_b, probability, evidence, via_subject, created_at)
    select ${regionId}, t."subjectA", t."subjectB", t.probability, t.evidence, t.via, ${at}
    from jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
      as t("subjectA" uuid, "subjectB" uuid, probability float8, evidence jsonb, via uuid)
    -- An analyst who said two subjects are different people said it of everything merged into them.
    where not exists (
      select 1 from match_suggestions r
      join subjects x on x.id = r.subject_a join subjects y on y.id = r.subject_b
      where r.region_id = ${regionId} and r.status = 'rejected'
        and ((x.root_id = t."subjectA" and y.root_id = t."subjectB") or (x.root_id = t."subjectB" and y.root_id = t."subjectA")))
    on conflict (subject_a, subject_b) do nothing`.execute(db);
}

// ---- matters: the cases and signals a subject is known in ----

/**
 * Over `seen (root, case_id, signal_id, signal_case_id)`: the rows that are matters of their own.
 * A signal that became a case the subject is also in is one matter, counted as the case.
 */
const oneMatter = sql`(s.case_id is not null or not exists (
  select 1 from seen c where c.root = s.root and c.case_id = s.signal_case_id
))`;

/** The distinct matters (a case, or a signal of its own) each root subject is known in. */
export async function mattersOf(db: Db, actor: Actor, roots: readonly string[]) {
  if (roots.length === 0) return [];
  const { rows } = await sql<{ root: string; caseId: string | null; signalId: string | null }>`
    with seen as (
      select distinct t.root_id as root, g.case_id, g.signal_id, g.signal_case_id
      from subjects t join subject_sightings g on g.subject_id = t.id
      where t.root_id = any(${roots as string[]}::uuid[]) and ${inCollaborationOf(actor, 'g.collaboration_id')}
    )
    select root, case_id as "caseId", signal_id as "signalId" from seen s where ${oneMatter}`.execute(db);
  return rows;
}

/**
 * For each of a case's subjects: the other cases and signals (not this case, not the signals it
 * came from) its register subject is known in.
 */
export async function elsewhereOf(db: Db, caseId: string, caseSubjectIds: readonly string[]) {
  if (caseSubjectIds.length === 0) return [];
  const { rows } = await sql<{
    caseSubjectId: string;
    root: string;
    caseId: string | null;
    signalId: string | null;
  }>`
    select distinct own.case_subject_id as "caseSubjectId", r.root_id as root, g.case_id as "caseId",
      case when g.case_id is null then g.signal_id end as "signalId"
    from subject_sightings own
    join subjects r on r.id = own.subject_id
    join subjects t on t.root_id = r.root_id
    left join subject_sightings g on g.subject_id = t.id
      -- Known elsewhere in the same collaboration only: nothing of another crosses, not even a count.
      and g.collaboration_id = own.collaboration_id
      and g.case_id is distinct from ${caseId}
      and g.signal_case_id is distinct from ${caseId}
    where own.case_id = ${caseId} and own.case_subject_id = any(${caseSubjectIds as string[]}::uuid[])`.execute(
    db,
  );
  return rows;
}

// ---- suggestions and merges ----

export interface SuggestionFilter {
  subjectIds?: readonly string[];
  status?: 'open' | 'confirmed' | 'rejected';
  minProbability?: number | undefined;
  maxProbability?: number | undefined;
  /** Evidence on this field (at this level, when given). */
  field?: string | undefined;
  level?: string | undefined;
  /** Made on or after this date in the Netherlands. */
  since?: string | undefined;
  /** After this one in the order (most probable first, then by id). */
  after?: { probability: number; id: string } | undefined;
  limit?: number;
}

export async function suggestionRows(db: Db, actor: Actor, where: SuggestionFilter) {
  let q = db
    .selectFrom('matchSuggestions as m')
    .innerJoin('subjects as a', 'a.id', 'm.subjectA')
    .innerJoin('subjects as b', 'b.id', 'm.subjectB')
    .leftJoin('subjects as v', 'v.id', 'm.viaSubject')
    .select([
      'm.id',
      'm.probability',
      'm.evidence',
      'm.status',
      'm.createdAt',
      'v.id as viaId',
      'v.kind as viaKind',
      'v.label as viaLabel',
      'v.data as viaData',
      'a.id as aId',
      'a.kind as aKind',
      'a.label as aLabel',
      'a.data as aData',
      'b.id as bId',
      'b.kind as bKind',
      'b.label as bLabel',
      'b.data as bData',
    ])
    .where('m.regionId', '=', actor.regionId)
    .where(suggestionSeenBy(actor, { a: 'a.root_id', b: 'b.root_id', via: 'm.via_subject' }));
  if (where.status) q = q.where('m.status', '=', where.status);
  const ids = where.subjectIds ?? [];
  if (ids.length) q = q.where((eb) => eb.or([eb('m.subjectA', 'in', ids), eb('m.subjectB', 'in', ids)]));
  if (where.minProbability !== undefined) q = q.where('m.probability', '>=', where.minProbability);
  if (where.maxProbability !== undefined) q = q.where('m.probability', '<=', where.maxProbability);
  if (where.field) {
    const wanted = JSON.stringify([{ field: where.field, ...(where.level ? { level: where.level } : {}) }]);
    q = q.where(sql<boolean>`m.evidence @> ${wanted}::jsonb`);
  }
  if (where.since)
    q = q.where(
      sql<boolean>`m.created_at >= (${where.since}::date::timestamp at time zone 'Europe/Amsterdam')`,
    );
  const after = where.after;
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('m.probability', '<', after.probability),
        eb.and([eb('m.probability', '=', after.probability), eb('m.id', '>', after.id)]),
      ]),
    );
  return q
    .orderBy('m.probability', 'desc')
    .orderBy('m.id')
    .limit(where.limit ?? 200)
    .execute();
}
export type SuggestionRow = Awaited<ReturnType<typeof suggestionRows>>[number];

/**
 * The latest suggestion between two subjects' trees that the actor sees, and whether a BSN
 * conflict stands between them.
 */
export async function betweenTrees(db: Db, actor: Actor, a: readonly string[], b: readonly string[]) {
  const [suggestion, conflict] = await Promise.all([
    db
      .selectFrom('matchSuggestions as m')
      .innerJoin('subjects as x', 'x.id', 'm.subjectA')
      .innerJoin('subjects as y', 'y.id', 'm.subjectB')
      .select(['m.id', 'm.status'])
      .where((eb) =>
        eb.or([
          eb.and([eb('m.subjectA', 'in', a), eb('m.subjectB', 'in', b)]),
          eb.and([eb('m.subjectA', 'in', b), eb('m.subjectB', 'in', a)]),
        ]),
      )
      .where(suggestionSeenBy(actor, { a: 'x.root_id', b: 'y.root_id', via: 'm.via_subject' }))
      .orderBy('m.createdAt', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('subjectConflicts')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('subjectA', 'in', a), eb('subjectB', 'in', b)]),
          eb.and([eb('subjectA', 'in', b), eb('subjectB', 'in', a)]),
        ]),
      )
      .limit(1)
      .executeTakeFirst(),
  ]);
  return { suggestion: suggestion ?? null, conflict: Boolean(conflict) };
}

export async function findSuggestion(db: Db, id: string) {
  return db.selectFrom('matchSuggestions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function decideSuggestion(
  db: Db,
  id: string,
  decision:
    | { status: 'confirmed' | 'rejected'; decidedBy: string | null; decidedAt: Date }
    | { status: 'open'; decidedBy: null; decidedAt: null },
): Promise<void> {
  await db.updateTable('matchSuggestions').set(decision).where('id', '=', id).execute();
}

export async function subjectsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('subjects')
    .select(['id', 'kind', 'label', 'data', 'createdAt'])
    .where('id', 'in', ids)
    .execute();
}

/** What other modules show of register subjects: kind and label. */
export async function subjectRefs(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('subjects').select(['id', 'kind', 'label']).where('id', 'in', ids).execute();
}

/** Subjects with their data, for another module that shows them (and logs each one shown). */
export async function subjectsWithData(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('subjects').select(['id', 'kind', 'label', 'data']).where('id', 'in', ids).execute();
}

export async function findSubject(db: Db, id: string) {
  return db
    .selectFrom('subjects')
    .select(['id', 'kind', 'label', 'data'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Merges one root into another: it and everything merged into it now stand for the survivor. */
export async function merge(
  db: Db,
  m: {
    regionId: string;
    survivorId: string;
    mergedId: string;
    suggestionId: string;
    by: string | null;
    at: Date;
  },
): Promise<string> {
  await db.updateTable('subjects').set({ mergedInto: m.survivorId }).where('id', '=', m.mergedId).execute();
  await db.updateTable('subjects').set({ rootId: m.survivorId }).where('rootId', '=', m.mergedId).execute();
  const row = await db
    .insertInto('subjectMerges')
    .values({
      regionId: m.regionId,
      survivorId: m.survivorId,
      mergedId: m.mergedId,
      suggestionId: m.suggestionId,
      mergedBy: m.by,
      mergedAt: m.at,
      undoneBy: null,
      undoneAt: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findMerge(db: Db, id: string) {
  return db.selectFrom('subjectMerges').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Undoes a merge: the merged subject and what was merged into it stand on their own again. */
export async function undoMerge(
  db: Db,
  m: { id: string; mergedId: string; by: string | null; at: Date },
): Promise<void> {
  await db.updateTable('subjects').set({ mergedInto: null }).where('id', '=', m.mergedId).execute();
  await sql`
    with recursive tree as (
      select id from subjects where id = ${m.mergedId}
      union all select s.id from subjects s join tree t on s.merged_into = t.id
    )
    update subjects set root_id = ${m.mergedId} where id in (select id from tree)`.execute(db);
  await db
    .updateTable('subjectMerges')
    .set({ undoneAt: m.at, undoneBy: m.by })
    .where('id', '=', m.id)
    .execute();
}

export async function mergesInto(db: Db, root: string) {
  return db
    .selectFrom('subjectMerges as m')
    .innerJoin('subjects as s', 's.id', 'm.mergedId')
    .select(['m.id', 'm.mergedAt', 'm.undoneAt', 's.id as sId', 's.kind', 's.label'])
    .where('m.survivorId', '=', root)
    .orderBy('m.mergedAt')
    .execute();
}

/**
 * Every sighting of a subject and what was merged into it, with the source's own data, in the
 * records of the actor's collaborations.
 */
export async function sightingsOf(db: Db, actor: Actor, root: string) {
  return db
    .selectFrom('subjectSightings as g')
    .innerJoin('subjects as s', 's.id', 'g.subjectId')
    .leftJoin('partnerOrganisations as o', 'o.id', 'g.organisationId')
    .select([
      'g.caseId',
      'g.signalId',
      'o.name as organisation',
      'g.role',
      'g.seenAt',
      'g.subjectId',
      'g.data',
      's.kind',
    ])
    .where('s.rootId', '=', root)
    .where(inCollaborationOf(actor, 'g.collaborationId'))
    .orderBy('g.seenAt')
    .execute();
}

// ---- relations and networks ----

/** The relations touching any of the root subjects, with both ends as their roots. */
export async function relationsAround(
  db: Db,
  actor: Actor,
  roots: readonly string[],
  filter: {
    caseId?: string | undefined;
    types: readonly string[];
    from?: string | undefined;
    to?: string | undefined;
  },
) {
  let q = db
    .selectFrom('subjectRelations as r')
    .innerJoin('subjects as f', 'f.id', 'r.fromId')
    .innerJoin('subjects as t', 't.id', 'r.toId')
    .select([
      'r.id',
      'r.type',
      sql<string | null>`r.start_date::text`.as('startDate'),
      sql<string | null>`r.end_date::text`.as('endDate'),
      'f.rootId as fromRoot',
      't.rootId as toRoot',
    ])
    .where('r.regionId', '=', actor.regionId)
    .where(inCollaborationOf(actor, 'r.collaborationId'))
    .where((eb) => eb.or([eb('f.rootId', 'in', roots), eb('t.rootId', 'in', roots)]));
  if (filter.caseId) q = q.where('r.caseId', '=', filter.caseId);
  if (filter.types.length) q = q.where('r.type', 'in', filter.types as RelationType[]);
  const { from, to } = filter;
  if (from) q = q.where((eb) => eb.or([eb('r.endDate', 'is', null), eb('r.endDate', '>=', from)]));
  if (to) q = q.where((eb) => eb.or([eb('r.startDate', 'is', null), eb('r.startDate', '<=', to)]));
  return roots.length ? q.execute() : [];
}

export async function subjectsSeenInCase(db: Db, caseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('subjectSightings')
    .select('subjectId')
    .distinct()
    .where('caseId', '=', caseId)
    .execute();
  return rows.map((r) => r.subjectId);
}

/** The register subjects of a case's own subjects (by the case subjects' ids). */
export async function caseSubjectsInRegister(db: Db, caseId: string, caseSubjectIds: readonly string[]) {
  if (caseSubjectIds.length === 0) return [];
  return db
    .selectFrom('subjectSightings as g')
    .innerJoin('subjects as s', 's.id', 'g.subjectId')
    .select(['g.caseSubjectId', 'g.subjectId', 'g.collaborationId', 's.kind', 's.data'])
    .where('g.caseId', '=', caseId)
    .where('g.caseSubjectId', 'in', caseSubjectIds)
    .execute();
}

export async function insertRelations(
  db: Db,
  relations: ReadonlyArray<Omit<Insertable<SubjectRelationsTable>, 'id'>>,
): Promise<string[]> {
  const ids: string[] = [];
  // Many rows (an import's relations) in statements below the engines' limits of parameters.
  for (const batch of batches(relations)) {
    const rows = await db.insertInto('subjectRelations').values(batch).returning('id').execute();
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/** A case's subjects as the register has them, and the relations recorded in the case. */
export async function caseRegister(db: Db, caseId: string) {
  const [subjects, relations] = await Promise.all([
    db
      .selectFrom('subjectSightings as g')
      .innerJoin('subjects as s', 's.id', 'g.subjectId')
      .select(['s.id', 's.kind', 's.data'])
      .distinct()
      .where('g.caseId', '=', caseId)
      .execute(),
    db
      .selectFrom('subjectRelations')
      .select(['id', 'fromId', 'toId', 'type', 'startDate', 'endDate'])
      .where('caseId', '=', caseId)
      .execute(),
  ]);
  return { subjects, relations };
}

// ---- signals across records ----

export async function recurringSubjects(db: Db, actor: Actor) {
  const { rows } = await sql<{
    id: string;
    kind: RegisterKind;
    label: string;
    data: RegisterData;
    records: number;
  }>`
    with seen as (
      select distinct t.root_id as root, g.case_id, g.signal_id, g.signal_case_id
      from subjects t join subject_sightings g on g.subject_id = t.id
      where t.region_id = ${actor.regionId} and ${inCollaborationOf(actor, 'g.collaboration_id')}
    ),
    matters as (select root from seen s where ${oneMatter})
    select s.id, s.kind, s.label, s.data, count(*)::int as records
    from matters m join subjects s on s.id = m.root
    group by s.id having count(*) >= 2
    order by records desc, s.label limit 100`.execute(db);
  return rows;
}

export async function facilitatorsAcrossRecords(db: Db, actor: Actor) {
  const { rows } = await sql<{
    id: string;
    kind: RegisterKind;
    label: string;
    data: RegisterData;
    cases: number;
    networks: number;
  }>`
    select s.id, s.kind, s.label, s.data,
      count(distinct g.case_id) filter (where g.role = 'facilitator')::int as cases,
      count(distinct r.to_id) filter (where t.kind = 'network')::int as networks
    from subjects s
    left join subject_sightings g on g.subject_id = s.id and ${inCollaborationOf(actor, 'g.collaboration_id')}
    left join subject_relations r on r.from_id = s.id and r.type in ('facilitates', 'member')
      and ${inCollaborationOf(actor, 'r.collaboration_id')}
    left join subjects t on t.id = r.to_id
    where s.region_id = ${actor.regionId} and s.merged_into is null
    group by s.id
    having count(distinct g.case_id) filter (where g.role = 'facilitator') >= 2
      or count(distinct r.to_id) filter (where t.kind = 'network') >= 2
    order by cases desc limit 100`.execute(db);
  return rows;
}

export async function crowdedAddresses(db: Db, actor: Actor, minCompanies: number) {
  const { rows } = await sql<{
    id: string;
    kind: RegisterKind;
    label: string;
    data: RegisterData;
    companies: number;
  }>`
    select a.id, a.kind, a.label, a.data, count(distinct r.from_id)::int as companies
    from subjects a join subject_relations r on r.to_id = a.id and r.type = 'registered-at'
      and ${inCollaborationOf(actor, 'r.collaboration_id')}
    where a.region_id = ${actor.regionId} and a.kind = 'address'
    group by a.id having count(distinct r.from_id) >= ${minCompanies}
    order by companies desc limit 100`.execute(db);
  return rows;
}

// ---- searching the register ----

/** A name folded in SQL as the search's trigram index folds it (lower case, ij as y, no diacritics). */
const foldedLabel = sql`translate(replace(lower(s.label), 'ij', 'y'), 'áàâäãéèêëíìîïóòôöõúùûüýÿçñ', 'aaaaaeeeeiiiiooooouuuuyycn')`;

/** What the register is searched by, from the query's shape (the caller reads the shape). */
export type RegisterQuery =
  | { by: 'identifier'; column: 'bsn-or-rsin' | 'kvkNumber' | 'iban' | 'plate'; value: string }
  | { by: 'address'; prefix: string; exact: string | null }
  | { by: 'birth'; dateOfBirth: string }
  | { by: 'person-name'; sounds: string[]; dateOfBirth: string | null }
  | { by: 'name'; words: string[] };

/**
 * The roots of the region's register subjects a query finds, at most `limit`, each with its
 * register data and the person's parsed name where there is one. With `seenBy`, only subjects
 * seen in a record of one of those collaborations' (the register's membership rule); the caller
 * decides what of them the searcher may see.
 */
export async function searchRegister(db: Db, regionId: string, query: RegisterQuery, limit: number) {
  const match = (() => {
    switch (query.by) {
      case 'identifier':
        return query.column === 'bsn-or-rsin'
          ? sql`(s.bsn = ${query.value} or s.rsin = ${query.value})`
          : query.column === 'kvkNumber'
            ? sql`s.kvk_number = ${query.value}`
            : query.column === 'iban'
              ? sql`s.iban = ${query.value}`
              : sql`s.plate = ${query.value}`;
      case 'address':
        return query.exact
          ? sql`s.address_key = ${query.exact}`
          : sql`s.address_key like ${`${query.prefix}%`}`;
      case 'birth':
        return sql`s.kind = 'person' and s.data ->> 'dateOfBirth' = ${query.dateOfBirth}`;
      case 'person-name':
        return sql`s.kind = 'person' and s.features -> 'name' -> 'sounds' ?| ${query.sounds}::text[]
          and (${query.dateOfBirth}::text is null or s.data ->> 'dateOfBirth' = ${query.dateOfBirth})`;
      case 'name':
        // One LIKE per word, so that the trigram index serves each of them.
        return sql`s.kind in ('company', 'organisation', 'network') and ${sql.join(
          query.words.map((w) => sql`${foldedLabel} like ${`%${w.replace(/[%_\\]/g, '')}%`}`),
          sql` and `,
        )}`;
    }
  })();
  const { rows } = await sql<{
    id: string;
    kind: RegisterKind;
    label: string;
    data: RegisterData;
    name: ParsedName | null;
  }>`
    select r.id, r.kind, r.label, r.data, r.features -> 'name' as name
    from subjects r
    -- An array, not IN: the planner cannot estimate the index's matches and would scan the register.
    where r.id = any(array(
      select distinct s.root_id from subjects s where s.region_id = ${regionId} and ${match} limit ${limit}))
    order by r.label, r.id`.execute(db);
  return rows;
}

/** Of the root subjects, those the actor sees in the register: the register's one rule. */
export async function seenInRegister(db: Db, actor: Actor, roots: readonly string[]): Promise<Set<string>> {
  if (roots.length === 0) return new Set();
  const { rows } = await sql<{ id: string }>`
    select r.id from subjects r
    where r.id = any(${roots as string[]}::uuid[]) and ${subjectSeenBy(actor, 'r.id')}`.execute(db);
  return new Set(rows.map((r) => r.id));
}

/**
 * Where the root subjects (with everything merged into them) were seen: the record and the data
 * that record's source recorded, newest first.
 */
export async function sightingsOfRoots(db: Db, roots: readonly string[]) {
  if (roots.length === 0) return [];
  const { rows } = await sql<{
    root: string;
    caseId: string | null;
    signalId: string | null;
    data: RegisterData;
  }>`
    select t.root_id as root, g.case_id as "caseId", g.signal_id as "signalId", g.data
    from subject_sightings g join subjects t on t.id = g.subject_id
    where t.root_id = any(${roots as string[]}::uuid[])
    order by g.seen_at desc`.execute(db);
  return rows;
}

/** An address a signal or case names: an address subject's, or the one recorded for a person. */
export interface RecordAddress {
  signalId: string | null;
  /** The case, also for a signal's subject when the signal became that case. */
  caseId: string | null;
  postcode: string;
  houseNumber: number;
  /** Letter and addition together, upper case, without spaces; '' when none. */
  addition: string;
}

/**
 * The addresses of signals and cases as their sources recorded them (each sighting's own data),
 * for placing them on a map; nothing else of the subjects is read.
 */
export async function addressesOfRecords(
  db: Db,
  records: { signalIds: readonly string[]; caseIds: readonly string[] },
): Promise<RecordAddress[]> {
  if (records.signalIds.length === 0 && records.caseIds.length === 0) return [];
  const none = ['00000000-0000-0000-0000-000000000000'];
  const signals = records.signalIds.length ? records.signalIds : none;
  const cases = records.caseIds.length ? records.caseIds : none;
  // An address subject's own fields, or the address recorded with a person.
  const address = sql<unknown>`case when ss.data->>'kind' = 'address' then ss.data else ss.data->'address' end`;
  const rows = await db
    .selectFrom('subjectSightings as ss')
    .select([
      'ss.signalId',
      sql<string | null>`coalesce(ss.case_id, ss.signal_case_id)`.as('caseId'),
      sql<string | null>`(${address})->>'postcode'`.as('postcode'),
      sql<string | null>`(${address})->>'houseNumber'`.as('houseNumber'),
      sql<string | null>`(${address})->>'houseNumberAddition'`.as('addition'),
    ])
    .where((eb) =>
      eb.or([
        eb('ss.signalId', 'in', signals),
        eb('ss.caseId', 'in', cases),
        eb('ss.signalCaseId', 'in', cases),
      ]),
    )
    .where(sql<boolean>`ss.data->>'kind' = 'address' or ss.data->'address' is not null`)
    .execute();
  const compact = (v: string | null) => (v ?? '').replace(/[\s.-]/g, '').toUpperCase();
  return rows.flatMap((r) => {
    const houseNumber = Number(r.houseNumber);
    if (!r.postcode || !Number.isInteger(houseNumber)) return [];
    return [
      {
        signalId: r.signalId,
        caseId: r.caseId,
        postcode: compact(r.postcode),
        houseNumber,
        addition: compact(r.addition),
      },
    ];
  });
}

// ---- destruction: what a destroyed signal or case leaves in the register ----

/** Deletes the sightings of these signals and cases; the subjects they were of. */
export async function deleteSightings(
  db: Db,
  where: { signalIds: readonly string[]; caseIds: readonly string[] },
): Promise<{ count: number; subjects: string[] }> {
  const { rows } = await sql<{ subject_id: string }>`
    delete from subject_sightings
    where signal_id = any(${where.signalIds}::uuid[]) or case_id = any(${where.caseIds}::uuid[])
      or signal_case_id = any(${where.caseIds}::uuid[])
    returning subject_id`.execute(db.withoutPlugins());
  await sql`delete from subject_relations
    where signal_id = any(${where.signalIds}::uuid[]) or case_id = any(${where.caseIds}::uuid[])`.execute(db);
  return { count: rows.length, subjects: [...new Set(rows.map((r) => r.subject_id))] };
}

/**
 * Those of these subjects that no sighting holds any longer, locked, and that no subject which
 * stays points at (merged into it, or it as the root of its chain): a subject others were merged
 * into stays while they do. Worked out until nothing changes, so a chain goes as a whole or not.
 */
export async function subjectsWithoutSightings(db: Db, ids: readonly string[]): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select s.id from subjects s
    where s.id = any(${ids}::uuid[])
      and not exists (select 1 from subject_sightings g where g.subject_id = s.id)
    for update`.execute(db.withoutPlugins());
  const going = new Set(rows.map((r) => r.id));
  for (;;) {
    if (!going.size) return [];
    const all = [...going];
    const { rows: held } = await sql<{ id: string }>`
      select distinct t.target as id from (
        select merged_into as target, id from subjects where merged_into = any(${all}::uuid[])
        union all
        select root_id, id from subjects where root_id = any(${all}::uuid[])
      ) t
      where t.id <> t.target and not (t.id = any(${all}::uuid[]))`.execute(db.withoutPlugins());
    if (!held.length) return all;
    for (const h of held) going.delete(h.id);
  }
}

/**
 * Deletes the open suggestions that rest on these subjects' records, whose records changed (some
 * or all were destroyed): those of every subject in their trees (merged with them), and those
 * their households lifted. Returns the person subjects to link again on what remains, with their
 * region: the trees' and those of the pairs a household lifted. A merge undone on such a
 * suggestion forgets it first.
 */
export async function deleteSuggestionsResting(db: Db, changed: readonly string[]) {
  if (!changed.length) return [];
  const { rows } = await sql<{ id: string; regionId: string }>`
    with trees as (
      select t.id from subjects c join subjects t on t.root_id = c.root_id where c.id = any(${changed}::uuid[])
    ), resting as (
      select m.id, m.subject_a, m.subject_b, m.via_subject from match_suggestions m
      where m.status = 'open' and (m.subject_a in (select id from trees) or m.subject_b in (select id from trees)
        or m.via_subject in (select id from trees))
    ), unlinked as (
      update subject_merges set suggestion_id = null where suggestion_id in (select id from resting)
    ), gone as (
      delete from match_suggestions where id in (select id from resting)
    )
    select s.id, s.region_id as "regionId" from subjects s
    where s.kind = 'person' and (s.id in (select id from trees)
      or s.id in (select subject_a from resting where via_subject is not null)
      or s.id in (select subject_b from resting where via_subject is not null))`.execute(db.withoutPlugins());
  return rows;
}

/**
 * Deletes subjects no sighting holds any longer, with their keys, relations, merges, suggestions
 * and conflicts. A merge made on a suggestion that goes keeps the merge and forgets the
 * suggestion first: a merge points at the suggestion it came from.
 */
export async function deleteSubjects(db: Db, gone: readonly string[]): Promise<void> {
  if (!gone.length) return;
  await sql`delete from subject_keys where subject_id = any(${gone}::uuid[])`.execute(db);
  await sql`delete from subject_relations where from_id = any(${gone}::uuid[]) or to_id = any(${gone}::uuid[])`.execute(
    db,
  );
  await sql`delete from subject_merges where survivor_id = any(${gone}::uuid[]) or merged_id = any(${gone}::uuid[])`.execute(
    db,
  );
  // A suggestion another subject's household lifted goes with that subject too.
  await sql`update subject_merges set suggestion_id = null where suggestion_id in (select id from match_suggestions
    where subject_a = any(${gone}::uuid[]) or subject_b = any(${gone}::uuid[]) or via_subject = any(${gone}::uuid[]))`.execute(
    db,
  );
  await sql`delete from match_suggestions
    where subject_a = any(${gone}::uuid[]) or subject_b = any(${gone}::uuid[]) or via_subject = any(${gone}::uuid[])`.execute(
    db,
  );
  await sql`delete from subject_conflicts where subject_a = any(${gone}::uuid[]) or subject_b = any(${gone}::uuid[])`.execute(
    db,
  );
  // The ones merged among themselves first: a chain goes as a whole.
  await sql`update subjects set merged_into = null, root_id = id where id = any(${gone}::uuid[])`.execute(db);
  await sql`delete from subjects where id = any(${gone}::uuid[])`.execute(db);
}

/** Each subject's earliest remaining record, and its other records, oldest first. */
export async function remainingRecords(db: Db, ids: readonly string[]) {
  const { rows } = await sql<{ id: string; kind: string; first: unknown; seen: unknown[] }>`
    select s.id, s.kind,
      (select g.data from subject_sightings g where g.subject_id = s.id order by g.seen_at, g.id limit 1) as first,
      (select jsonb_agg(g.data order by g.seen_at, g.id) from subject_sightings g where g.subject_id = s.id) as seen
    from subjects s where s.id = any(${ids}::uuid[])`.execute(db.withoutPlugins());
  return rows;
}

/** A subject's own record, label and identifiers, taken again from its earliest remaining record. */
export async function replaceFirstRecord(
  db: Db,
  id: string,
  values: { label: string; data: unknown } & Identifiers,
): Promise<void> {
  await db
    .updateTable('subjects')
    .set({
      label: values.label,
      data: JSON.stringify(values.data),
      bsn: values.bsn,
      kvkNumber: values.kvkNumber,
      rsin: values.rsin,
      iban: values.iban,
      plate: values.plate,
      addressKey: values.addressKey,
    })
    .where('id', '=', id)
    .execute();
}

/** Deletes match suggestions (rejected ones whose term has passed). */
export async function deleteSuggestions(db: Db, ids: readonly string[]): Promise<number> {
  if (!ids.length) return 0;
  await db
    .updateTable('subjectMerges')
    .set({ suggestionId: null })
    .where('suggestionId', 'in', ids)
    .execute();
  const result = await db.deleteFrom('matchSuggestions').where('id', 'in', ids).executeTakeFirst();
  return Number(result.numDeletedRows);
}
