// Destroying due records while the API serves reads: 100,000 closed cases past their term, each
// with a subject in the register (its sighting and search keys) and one in ten with an attached
// file, destroyed by the retention job; meanwhile logged reads of a personal record run, and their
// p95 is compared with the same reads just before the run, in the same process.
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Services } from '../../server/src/app/index.ts';
import type { Database } from '../../server/src/db/database.ts';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const READERS = 4;
const REGION = 'midden-nederland';

async function generate(database: Database, attachmentsDir: string): Promise<void> {
  const db = database.db;
  const started = performance.now();
  const covenant = sql`(select id from collaborations where region_id = ${REGION} and kind = 'covenant')`;
  const police = sql`(select id from partner_organisations where region_id = ${REGION} and code = 'politie')`;
  await sql`select setseed(0.17)`.execute(db);
  await sql`
    insert into cases (region_id, collaboration_id, reference, code_name, origin, district_id, type, phase, started_on, closed_on, goal, strategy, created_at)
    select ${REGION}, ${covenant}, 'RET-' || n, 'Bench ' || n, 'direct', 'utrecht-stad', 'subject', 'closed',
      date '2014-01-01' + (n % 365), date '2015-06-01' + (n % 365), 'Doel ' || n, 'Strategie ' || n, now()
    from generate_series(1, ${RECORDS}) n`.execute(db);
  await sql`
    insert into case_open_periods (case_id, opened_on, closed_on)
    select id, started_on, closed_on from cases where reference like 'RET-%'`.execute(db);
  await sql`
    insert into case_participants (case_id, organisation_id, added_at, added_reason)
    select id, ${police}, now(), 'Bench' from cases where reference like 'RET-%'`.execute(db);
  await sql`
    insert into case_municipalities (case_id, municipality_code)
    select id, 'GM0344' from cases where reference like 'RET-%'`.execute(db);
  // One person per case, in the case and in the register (a sighting, search keys).
  await sql`
    insert into case_subjects (case_id, kind, role, label, data, added_at)
    select id, 'person', 'main-subject', 'Persoon ' || reference,
      jsonb_build_object('kind', 'person', 'surname', 'Persoon' || reference, 'firstNames', 'Jan', 'dateOfBirth', '1970-01-01'), now()
    from cases where reference like 'RET-%'`.execute(db);
  await sql`
    insert into subjects (id, region_id, kind, label, data, surname_key, given_name, created_at)
    select cs.id, ${REGION}, 'person', cs.label, cs.data, 'P' || substr(md5(cs.label), 1, 6), 'jan', now()
    from case_subjects cs join cases c on c.id = cs.case_id where c.reference like 'RET-%'`.execute(db);
  await sql`
    insert into subject_sightings (subject_id, collaboration_id, case_id, case_subject_id, organisation_id, role, source, data, seen_at)
    select cs.id, ${covenant}, cs.case_id, cs.id, ${police}, 'main-subject', 'case', cs.data, now()
    from case_subjects cs join cases c on c.id = cs.case_id where c.reference like 'RET-%'`.execute(db);
  await sql`
    insert into subject_keys (key, subject_id)
    select k || ':' || s.surname_key || ':' || s.id, s.id from subjects s cross join unnest(array['n', 'd']) k
    where s.label like 'Persoon RET-%'`.execute(db);
  // One case in ten has a file.
  await mkdir(attachmentsDir, { recursive: true });
  const { rows } = await sql<{ id: string }>`
    select id from cases where reference like 'RET-%' and substr(reference, 5)::int % 10 = 0`.execute(db);
  const names = rows.map(() => `${randomUUID()}.bin`);
  await Promise.all(names.map((name) => writeFile(path.join(attachmentsDir, name), 'x'.repeat(1024))));
  await sql`
    insert into attachments (case_id, collaboration_id, organisation_id, title, document_type, classification, file_name, content_type, size_bytes, storage_name, uploaded_at)
    select t.case_id, ${covenant}, ${police}, 'Rapport', 'rapportage', 'intern', 'rapport.pdf', 'application/pdf', 1024, t.name, now()
    from unnest(${rows.map((r) => r.id)}::uuid[], ${names}::text[]) as t(case_id, name)`.execute(db);
  await sql`analyze`.execute(db);
  console.log(
    `Generated ${RECORDS.toLocaleString('en')} closed cases past their term, each with a subject in the register, and ${names.length.toLocaleString('en')} files, in ${((performance.now() - started) / 1000).toFixed(0)} s.`,
  );
}

/** Logged reads by `READERS` loops until `until` resolves: each request's time in ms. */
async function readWhile(url: string, headers: Record<string, string>, until: Promise<unknown>) {
  const times: number[] = [];
  let done = false;
  void until.finally(() => {
    done = true;
  });
  await Promise.all(
    Array.from({ length: READERS }, async () => {
      while (!done) {
        const t0 = performance.now();
        const response = await fetch(url, { headers });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        times.push(performance.now() - t0);
      }
    }),
  );
  return times;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
};

export async function benchRetention(
  database: Database,
  services: Services,
  attachmentsDir: string,
  read: { url: string; headers: Record<string, string> },
): Promise<void> {
  await generate(database, attachmentsDir);
  const region = REGION;
  const drafted = await services.retention.draftRun(region);
  const list = await database.db
    .selectFrom('destructionLists')
    .select('id')
    .where('regionId', '=', region)
    .where('status', '=', 'draft')
    .executeTakeFirstOrThrow();
  await database.db
    .updateTable('destructionLists')
    .set({ status: 'approved', submittedAt: new Date(), approvedAt: new Date() })
    .where('id', '=', list.id)
    .execute();
  console.log(`Draft list: ${JSON.stringify(drafted?.counts)}.`);

  // The reads alone, for as long as a tenth of the run will take at most, then with the run.
  const quiet = await readWhile(read.url, read.headers, new Promise((r) => setTimeout(r, 20_000)));
  const started = performance.now();
  const run = services.retention.executeList(list.id);
  const busy = await readWhile(read.url, read.headers, run);
  const result = await run;
  const seconds = (performance.now() - started) / 1000;
  const p95 = (v: number[]) => Number(percentile(v, 95).toFixed(1));
  const p50 = (v: number[]) => Number(percentile(v, 50).toFixed(1));
  console.table([
    { reads: 'without the run', requests: quiet.length, 'p50 ms': p50(quiet), 'p95 ms': p95(quiet) },
    { reads: 'during the run', requests: busy.length, 'p50 ms': p50(busy), 'p95 ms': p95(busy) },
  ]);
  console.log(
    `Destroyed ${result?.counts.destroyed?.toLocaleString('en')} records (${JSON.stringify(result?.counts)}) in ${seconds.toFixed(0)} s (goal: at most 600 s); p95 of a logged read during the run ${(p95(busy) / p95(quiet)).toFixed(2)}x without it (goal: at most 1.5x).\n`,
  );
}
