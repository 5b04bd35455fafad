// Linking 10,000 new person records against a register of 1,000,000, on the benchmark's database:
// the product's linkBatch (one blocked join, scoring, suggestions written) against the raw blocked
// SQL join alone, alternating in the same run.
//
// Loading the register takes about nine minutes. With BENCH_LINKING_DATABASE=<name> (and
// DATABASE_URL) the register is loaded once into that database of the server and kept: a later
// run finds it loaded (the records and their ids come out the same on every run) and starts at
// once. Drop the database to load it afresh.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { loadReferences } from '../../server/src/app/index.ts';
import { type Database, openDatabase } from '../../server/src/db/database.ts';
import { migrateToLatest } from '../../server/src/db/migrate.ts';
import { blockingKeys, linkBatch, preparePerson } from '../../server/src/modules/subjects/index.ts';
import { seededRandom } from '../../server/src/shared/seeded-random.ts';
import { type LabelledRecord, syntheticPeople } from './matching/synthetic.ts';

const REGISTER = Number(process.env.BENCH_REGISTER ?? 1_000_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 10_000);
const REGION = 'midden-nederland';

export async function loadPeople(
  database: Database,
  records: LabelledRecord[],
  ids: string[],
): Promise<void> {
  const db = database.db;
  const at = new Date('2026-01-01T00:00:00Z');
  for (let start = 0; start < records.length; start += 5000) {
    const chunk = records.slice(start, start + 5000);
    const chunkIds = ids.slice(start, start + 5000);
    const prepared = chunk.map((r, i) => preparePerson({ ...r, id: chunkIds[i] ?? '' }));
    await sql`
      insert into subjects (id, region_id, kind, label, data, bsn, surname_key, given_name, features, created_at)
      select id, ${REGION}, 'person', label, data, bsn, surname_key, given_name, features, ${at}
      from unnest(${chunkIds}::uuid[], ${chunk.map((r) => `${r.firstNames ?? ''} ${r.surname}`)}::text[],
        ${chunk.map((r) => JSON.stringify({ kind: 'person', ...r, id: undefined, entity: undefined, variations: undefined }))}::jsonb[],
        ${chunk.map((r) => r.bsn ?? null)}::text[], ${prepared.map((p) => p.surnameKey)}::text[],
        ${prepared.map((p) => p.name.givenNames[0] ?? null)}::text[],
        ${prepared.map((p) => JSON.stringify({ ...p, id: undefined }))}::jsonb[])
        as t(id, label, data, bsn, surname_key, given_name, features)`.execute(db);
    const keyIds: string[] = [];
    const keys: string[] = [];
    for (const p of prepared)
      for (const key of blockingKeys(p)) {
        keyIds.push(p.id);
        keys.push(key);
      }
    await sql`insert into subject_keys (key, subject_id) select * from unnest(${keys}::text[], ${keyIds}::uuid[])`.execute(
      db,
    );
  }
  await sql`
    insert into subject_name_counts (region_id, kind, value, count)
    select ${REGION}, 'surname', surname_key, count(*) from subjects where region_id = ${REGION} and surname_key is not null group by surname_key
    union all select ${REGION}, 'given', given_name, count(*) from subjects where region_id = ${REGION} and given_name is not null group by given_name
    union all select ${REGION}, 'total', '', count(*) from subjects where region_id = ${REGION}
    on conflict (region_id, kind, value) do update set count = excluded.count`.execute(db);
  // A register at rest: autovacuum would have visited these tables after so many inserts.
  await sql`vacuum analyze subjects`.execute(db);
  await sql`vacuum analyze subject_keys`.execute(db);
}

/** Ids in the form of a random UUID, the same on every run. */
function seededIds(count: number, seed: number): string[] {
  const rnd = seededRandom(seed);
  const hex = () =>
    Math.floor(rnd() * 4_294_967_296)
      .toString(16)
      .padStart(8, '0');
  return Array.from({ length: count }, () => {
    const h = hex() + hex() + hex() + hex();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
  });
}

/** The database named in BENCH_LINKING_DATABASE on the server of DATABASE_URL, made if missing. */
async function keptDatabase(name: string): Promise<Database> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`BENCH_LINKING_DATABASE: not a plain name: ${name}`);
  const url = new URL(process.env.DATABASE_URL ?? '');
  if (!process.env.DATABASE_URL) throw new Error('BENCH_LINKING_DATABASE needs DATABASE_URL');
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (!rowCount) await admin.query(`create database ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  const database = await openDatabase({ engine: 'postgresql', connectionString: url.toString() });
  await migrateToLatest(database.db);
  await loadReferences(database);
  return database;
}

export async function benchLinking(runDatabase: Database, rounds: number): Promise<void> {
  const keep = process.env.BENCH_LINKING_DATABASE;
  const database = keep ? await keptDatabase(keep) : runDatabase;
  try {
    await linking(database, rounds);
  } finally {
    if (keep) await database.close();
  }
}

async function linking(database: Database, rounds: number): Promise<void> {
  const started = performance.now();
  // Entities have 1.87 records on average; shuffled, so that new records have matches in the register.
  const all = syntheticPeople(Math.ceil((REGISTER + BATCH) / 1.8), 2026).records;
  const rnd = seededRandom(5);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [all[i], all[j]] = [all[j] as LabelledRecord, all[i] as LabelledRecord];
  }
  const register = all.slice(0, REGISTER);
  const batch = all.slice(REGISTER, REGISTER + BATCH);
  const registerIds = seededIds(register.length, 11);
  const batchIds = seededIds(batch.length, 12);
  // A kept register is used as it is when it holds exactly these records (by count and ids).
  const { rows: held } = await sql<{ records: number; known: number }>`
    select count(*)::int as records,
      (select count(*)::int from subjects where id = any(${[registerIds[0], batchIds.at(-1)]}::uuid[])) as known
    from subjects`.execute(database.db);
  if (held[0]?.records === register.length + batch.length && held[0]?.known === 2)
    console.log(`Using the register kept in the database: ${held[0].records.toLocaleString('en')} records.`);
  else {
    await sql`truncate subjects, subject_keys, subject_name_counts, match_suggestions cascade`.execute(
      database.db,
    );
    await loadPeople(database, register, registerIds);
    await loadPeople(database, batch, batchIds);
    console.log(
      `Loaded ${register.length.toLocaleString('en')} register records and ${batch.length.toLocaleString('en')} new ones in ${((performance.now() - started) / 1000).toFixed(0)} s.`,
    );
  }

  const keysOf = () => {
    const ids: string[] = [];
    const keys: string[] = [];
    batch.forEach((r, i) => {
      const id = batchIds[i] ?? '';
      for (const key of blockingKeys(preparePerson({ ...r, id }))) {
        ids.push(id);
        keys.push(key);
      }
    });
    return { ids, keys };
  };
  // The baseline: the same blocked join in plain SQL, in two forms (as the planner likes it, and
  // as sorted index lookups); the faster one counts.
  const rawJoin = async () => {
    const { ids, keys } = keysOf();
    const { rows } = await sql<{ newId: string; subjectId: string }>`
      with batch as (select * from unnest(${ids}::uuid[], ${keys}::text[]) as b(new_id, key))
      select distinct b.new_id as "newId", k.subject_id as "subjectId" from batch b join subject_keys k on k.key = b.key
      where k.subject_id <> b.new_id`.execute(database.db);
    return rows.length;
  };
  const rawLookups = async () => {
    const { ids, keys } = keysOf();
    const { rows } = await sql<{ newId: string; subjectId: string }>`
      with batch as (select * from unnest(${ids}::uuid[], ${keys}::text[]) as b(new_id, key)),
      keyed as (select key, subject_id from subject_keys where key = any(${[...new Set(keys)]}::text[]))
      select distinct b.new_id as "newId", k.subject_id as "subjectId" from batch b join keyed k on k.key = b.key
      where k.subject_id <> b.new_id`.execute(database.db);
    return rows.length;
  };
  const clear = () => sql`delete from match_suggestions`.execute(database.db);
  await rawJoin();
  await rawLookups();
  await linkBatch(database.db, REGION, batchIds, new Date());
  await clear();
  const time = async (work: () => Promise<unknown>) => {
    const start = performance.now();
    await work();
    return performance.now() - start;
  };
  const raw: number[] = [];
  const lookups: number[] = [];
  const linked: number[] = [];
  for (let round = 0; round < rounds; round++) {
    raw.push(await time(rawJoin));
    lookups.push(await time(rawLookups));
    linked.push(await time(() => linkBatch(database.db, REGION, batchIds, new Date())));
    await clear();
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? 0;

  // Accuracy of this batch's suggestions against the truth.
  const suggestions = await linkBatch(database.db, REGION, batchIds, new Date());
  const entityOf = new Map<string, number>();
  for (const [i, r] of register.entries()) entityOf.set(registerIds[i] ?? '', r.entity);
  for (const [i, r] of batch.entries()) entityOf.set(batchIds[i] ?? '', r.entity);
  const { rows } = await sql<{
    a: string;
    b: string;
  }>`select subject_a as a, subject_b as b from match_suggestions`.execute(database.db);
  const correct = rows.filter((r) => entityOf.get(r.a) === entityOf.get(r.b)).length;
  const batchEntities = new Map<number, number>();
  for (const r of batch) batchEntities.set(r.entity, (batchEntities.get(r.entity) ?? 0) + 1);
  const registerEntities = new Map<number, number>();
  for (const r of register) registerEntities.set(r.entity, (registerEntities.get(r.entity) ?? 0) + 1);
  let truePairs = 0;
  for (const [entity, n] of batchEntities)
    truePairs += n * (registerEntities.get(entity) ?? 0) + (n * (n - 1)) / 2;
  await sql`delete from match_suggestions`.execute(database.db);

  const baseline = Math.min(median(raw), median(lookups));
  console.table([
    { step: 'baseline: raw blocked SQL join, as planned', 'median ms': Number(median(raw).toFixed(0)) },
    {
      step: 'baseline: raw blocked SQL join, index lookups',
      'median ms': Number(median(lookups).toFixed(0)),
    },
    { step: 'linkBatch: join, scoring, suggestions written', 'median ms': Number(median(linked).toFixed(0)) },
  ]);
  console.log(
    `linking ${BATCH.toLocaleString('en')} new records against ${REGISTER.toLocaleString('en')}: ${(median(linked) / 1000).toFixed(2)} s, ${(median(linked) / baseline).toFixed(2)}x the faster raw blocked join (goals: under 10 s, at most 5x)`,
  );
  console.log(
    `this batch: ${suggestions.toLocaleString('en')} suggestions, precision ${(correct / Math.max(1, suggestions)).toFixed(4)}, recall ${(correct / Math.max(1, truePairs)).toFixed(4)} against ${truePairs.toLocaleString('en')} true pairs\n`,
  );
}
