// Compiling a data-subject request over a person seen in 1,000 records: 700 cases and 300 signals
// (half of them asked about in a hit/no-hit round), one register person with 1,000 sightings and
// 5,000 entries under their pseudonym in the processing log, among 50,000 other register persons.
// The request is registered through the API (found, matched, tasks opened, logged) against a
// baseline in the same process: one raw SQL query that reads the same sightings with their records.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Database } from '../../server/src/db/database.ts';
import { pseudonymise } from '../../server/src/modules/audit/index.ts';
import type { Keys } from '../../server/src/shared/crypto.ts';

const REGION = 'midden-nederland';
const BSN = '111222333';
const BORN = '1971-07-21';

async function generate(database: Database, keys: Keys): Promise<string> {
  const db = database.db;
  const started = performance.now();
  const covenant = sql`(select id from collaborations where region_id = ${REGION} and kind = 'covenant')`;
  const police = sql`(select id from partner_organisations where region_id = ${REGION} and code = 'politie')`;
  const utrecht = sql`(select id from partner_organisations where region_id = ${REGION} and code = 'GM0344')`;
  const person = sql`jsonb_build_object('kind', 'person', 'surname', 'Verzoeker', 'firstNames', 'Jan',
    'dateOfBirth', ${BORN}::text, 'bsn', ${BSN}::text)`;
  await sql`select setseed(0.29)`.execute(db);
  // Others in the register, born on random days.
  await sql`
    insert into subjects (region_id, kind, label, data, surname_key, given_name, created_at)
    select ${REGION}, 'person', 'Ander ' || n,
      jsonb_build_object('kind', 'person', 'surname', 'Ander' || n, 'firstNames', 'Piet',
        'dateOfBirth', (date '1940-01-01' + (random() * 25000)::int)::text),
      'A' || n, 'piet', now()
    from generate_series(1, 50000) n`.execute(db);
  // The person: one register subject with a BSN.
  const { rows } = await sql<{ id: string }>`
    insert into subjects (region_id, kind, label, data, bsn, surname_key, given_name, created_at)
    values (${REGION}, 'person', 'Jan Verzoeker', ${person}, ${BSN}, 'VRSKR', 'jan', now()) returning id`.execute(
    db,
  );
  const root = rows[0]?.id ?? '';
  // 700 cases with the person as a subject.
  await sql`
    insert into cases (region_id, collaboration_id, reference, code_name, origin, district_id, type, phase, started_on, created_at)
    select ${REGION}, ${covenant}, 'DSR-' || n, 'Verzoek ' || n, 'direct', 'utrecht-stad', 'subject', 'analysis',
      date '2020-01-01' + (n % 700), now()
    from generate_series(1, 700) n`.execute(db);
  await sql`
    insert into case_subjects (case_id, kind, role, label, data, added_at)
    select id, 'person', 'main-subject', 'Jan Verzoeker', ${person}, now() from cases where reference like 'DSR-%'`.execute(
    db,
  );
  await sql`
    insert into subject_sightings (subject_id, collaboration_id, case_id, case_subject_id, organisation_id, role, source, data, seen_at)
    select ${root}, ${covenant}, cs.case_id, cs.id, ${police}, 'main-subject', 'case', cs.data, now()
    from case_subjects cs join cases c on c.id = cs.case_id where c.reference like 'DSR-%'`.execute(db);
  // 300 signals of Utrecht with the person; half asked about in a round.
  await sql`
    insert into signals (region_id, collaboration_id, reference, stage, created_at, stage_since)
    select ${REGION}, ${covenant}, 'DSRSIG-' || n, 'triaged', now(), now() from generate_series(1, 300) n`.execute(
    db,
  );
  await sql`
    insert into signal_subjects (signal_id, position, kind, label, data)
    select id, 0, 'person', 'Jan Verzoeker', ${person} from signals where reference like 'DSRSIG-%'`.execute(
    db,
  );
  await sql`
    insert into subject_sightings (subject_id, collaboration_id, signal_id, signal_subject_id, organisation_id, source, data, seen_at)
    select ${root}, ${covenant}, ss.signal_id, ss.id, ${utrecht}, 'signal', ss.data, now()
    from signal_subjects ss join signals s on s.id = ss.signal_id where s.reference like 'DSRSIG-%'`.execute(
    db,
  );
  await sql`
    insert into hitcheck_rounds (signal_id, region_id, collaboration_id, necessity, proportionality, subsidiarity, deadline, created_at)
    select id, ${REGION}, ${covenant}, 'n', 'p', 's', date '2026-01-01', now()
    from signals where reference like 'DSRSIG-%' and substr(reference, 8)::int % 2 = 0`.execute(db);
  await sql`
    insert into hitcheck_round_subjects (round_id, subject_id)
    select r.id, ss.id from hitcheck_rounds r join signal_subjects ss on ss.signal_id = r.signal_id
    join signals s on s.id = r.signal_id where s.reference like 'DSRSIG-%'`.execute(db);
  // 5,000 processing records under the person's pseudonym (outside any chain: the bench reads them).
  const pseudonym = pseudonymise(keys.pseudonym, { type: 'person', bsn: BSN }).pseudonym;
  await sql`
    insert into processing_log (chain, trace_id, span_id, name, status, started_at, ended_at,
      processing_activity_id, processing_activity_version, data_subject_type, data_subject_pseudonym,
      previous_hash, hash)
    select 99, md5(n::text), substr(md5(n::text), 1, 16), 'case.read', 'ok', now() - n * interval '1 hour', now(),
      'samenspel.cases', 1, 'person', ${pseudonym}, md5('p' || n), md5('h' || n)
    from generate_series(1, 5000) n`.execute(db);
  await sql`analyze`.execute(db);
  console.log(
    `Generated a person in 700 cases and 300 signals (150 rounds), 5,000 log entries, among 50,000 others, in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
  return root;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? Number.NaN;

export async function benchDataSubjectRequest(
  database: Database,
  keys: Keys,
  rounds: number,
  api: { url: string; headers: Record<string, string> },
): Promise<void> {
  const root = await generate(database, keys);
  const compile: number[] = [];
  const raw: number[] = [];
  let found = 0;
  for (let round = 0; round < rounds; round += 1) {
    let t0 = performance.now();
    await sql`
      select g.signal_id, s.reference, g.case_id, c.reference, g.organisation_id, g.data
      from subject_sightings g join subjects t on t.id = g.subject_id
      left join signals s on s.id = g.signal_id left join cases c on c.id = g.case_id
      where t.root_id = ${root}`.execute(database.db);
    raw.push(performance.now() - t0);
    t0 = performance.now();
    const response = await fetch(`${api.url}/api/v1/data-subject-requests`, {
      method: 'POST',
      headers: { ...api.headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'access',
        receivedOn: new Date().toISOString().slice(0, 10),
        person: { surname: 'Verzoeker', firstNames: 'Jan', dateOfBirth: BORN, bsn: BSN },
        contact: 'Per post',
        identityCheck: 'id-document-desk',
        identityCheckedOn: new Date().toISOString().slice(0, 10),
      }),
    });
    const body = (await response.json()) as { matches?: unknown[] };
    if (response.status !== 201) throw new Error(`register: ${response.status} ${JSON.stringify(body)}`);
    compile.push(performance.now() - t0);
    found = body.matches?.length ?? 0;
  }
  const seconds = median(compile) / 1000;
  console.table([
    { path: 'raw SQL: the sightings with their records', 'median ms': Number(median(raw).toFixed(1)) },
    {
      path: 'registering the request (found, matched, tasks, logged)',
      'median ms': Number(median(compile).toFixed(1)),
    },
  ]);
  console.log(
    `A data-subject request over a person in 1,000 records: ${found} matches in ${seconds.toFixed(2)} s (goal: at most 10 s), ${(median(compile) / median(raw)).toFixed(1)}x the raw read of the same sightings.\n`,
  );
}
