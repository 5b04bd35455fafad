// npm run bench: each benchmark runs a Samenspel path and its baseline in the same process,
// alternating rounds, and reports the ratio. Absolute numbers vary by machine; ratios travel.
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { createServices } from '../../server/src/app/index.ts';
import { buildApp } from '../../server/src/http/app.ts';
import { sessionCookieName } from '../../server/src/http/auth.ts';
import { deriveKeys } from '../../server/src/shared/crypto.ts';
import { testAuthConfig } from '../../server/src/testing/app.ts';
import { createUser } from '../../server/src/testing/identity.ts';
import { signIn } from '../../server/src/testing/session.ts';
import { benchAccountability } from './accountability.ts';
import { benchAnnualReport, benchSnapshotRead } from './annual-report.ts';
import { benchCaseHistory } from './case-history.ts';
import { benchDatabase } from './database.ts';
import { benchDataSubjectRequest } from './dsr.ts';
import { benchHotspots } from './hotspots.ts';
import { benchImports } from './imports.ts';
import { benchLinking } from './linking.ts';
import { CONNECTIONS, type Figures, load, steady, summary } from './load.ts';
import { reportMatchingLimit } from './matching/limit.ts';
import { reportMatching } from './matching.ts';
import { benchPages } from './pages.ts';
import { startRawRead } from './raw-read.ts';
import { benchRetention } from './retention.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const STEADY_RATE = Number(process.env.BENCH_STEADY_RATE ?? 100);
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 10);

const database = await benchDatabase();
const keys = deriveKeys(randomBytes(32));
const attachments = {
  dir: `${process.env.TMPDIR ?? '/tmp'}/samenspel-bench-attachments`,
  maxBytes: 1024 * 1024,
};
const services = createServices({ database, keys, auth: testAuthConfig, attachments });
const options = {
  logLevel: 'silent' as const,
  webDir: null,
  version: 'bench',
  auth: testAuthConfig,
  attachmentMaxBytes: attachments.maxBytes,
};
const app = await buildApp({ ...options, services });
const appUrl = await app.listen({ port: 0, host: '127.0.0.1' });
// The same app with the processing log switched off: the baseline of what logging costs.
const unlogged = await buildApp({
  ...options,
  services: createServices({ database, keys, auth: testAuthConfig, attachments, auditEnabled: false }),
});
const unloggedUrl = await unlogged.listen({ port: 0, host: '127.0.0.1' });

const staff = await createUser(database.db, keys, { roles: ['partner_staff'], organisationCode: 'GM0344' });
const admin = await createUser(database.db, keys, { roles: ['administrator'] });
const staffSession = await signIn(app, database.db, staff);
const adminSession = await signIn(app, database.db, admin);

console.log(`\nDatabase: ${database.engine}. ${ROUNDS} rounds; medians.\n`);

// `npm run bench -- accountability` runs only the benchmarks named; without names, all of them.
const only = process.argv.slice(2);
const wants = (name: string) => only.length === 0 || only.includes(name);

// 1. Reference data: the municipalities endpoint against a bare Fastify route with the same JSON.
if (wants('reference-data')) {
  const path = '/api/v1/municipalities?region=midden-nederland&district=oost-utrecht&validOn=2022-01-01';
  const headers = { cookie: staffSession.cookie };
  const body = (await app.inject({ method: 'GET', url: path, headers })).json();
  const bare = Fastify();
  bare.get('/bare', async () => body);
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
  await load(`${appUrl}${path}`, { seconds: 2, headers }); // warm-up
  await load(`${bareUrl}/bare`, { seconds: 2 });
  const ours: Figures[] = [];
  const baseline: Figures[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    baseline.push(await load(`${bareUrl}/bare`, { seconds: SECONDS }));
    ours.push(await load(`${appUrl}${path}`, { seconds: SECONDS, headers }));
  }
  const base = summary('baseline: bare route, same JSON', baseline);
  const row = summary('GET municipalities (signed in)', ours);
  console.log(`Reference data: ${SECONDS} s per round over ${CONNECTIONS} connections.`);
  console.table([base, row]);
  console.log(
    `municipalities endpoint: ${(base['requests/s'] / row['requests/s']).toFixed(2)}x the time per request of the bare route\n`,
  );
  await bare.close();
}

// 2. The processing log: an authenticated read of personal data (one user record, which writes a
//    processing record, a child span for the data subject and a user-action record, hash-chained,
//    in the read's transaction) against the same read with logging off, and (on PostgreSQL)
//    against the same SQL on bare node:http and pg: what the framework around the work costs.
if (wants('processing-log')) {
  const path = `/api/v1/users/${staff.id}`;
  const headers = { cookie: adminSession.cookie };
  const raw = database.connectionString
    ? await startRawRead({
        connectionString: database.connectionString,
        keys,
        cookieName: sessionCookieName(testAuthConfig),
        idleMinutes: testAuthConfig.idleMinutes,
      })
    : null;
  await load(`${appUrl}${path}`, { seconds: 2, headers }); // warm-up
  await load(`${unloggedUrl}${path}`, { seconds: 2, headers });
  if (raw) await load(`${raw.url}${path}`, { seconds: 2, headers });
  const logged: Figures[] = [];
  const baseline: Figures[] = [];
  const bare: Figures[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    baseline.push(await load(`${unloggedUrl}${path}`, { seconds: SECONDS, headers }));
    logged.push(await load(`${appUrl}${path}`, { seconds: SECONDS, headers }));
    if (raw) bare.push(await load(`${raw.url}${path}`, { seconds: SECONDS, headers }));
  }
  const base = summary('baseline: same read, logging off', baseline);
  const row = summary('GET users/{id}, logged', logged);
  const rawRow = raw ? summary('baseline: same SQL on node:http + pg', bare) : null;
  console.log(`Processing log, saturated: ${SECONDS} s per round over ${CONNECTIONS} connections.`);
  console.table(rawRow ? [base, rawRow, row] : [base, row]);
  const kept = row['requests/s'] / base['requests/s'];
  console.log(`logged read keeps ${kept.toFixed(2)} of the unlogged throughput (goal: at least 0.70)`);
  if (rawRow)
    console.log(
      `logged read: ${(rawRow['requests/s'] / row['requests/s']).toFixed(2)}x the time per request of the same SQL on node:http + pg (goal: at most 1.5)\n`,
    );
  else console.log('(the node:http + pg baseline runs on PostgreSQL: set DATABASE_URL)\n');
  await raw?.close();

  const steadyRuns: Figures[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    steadyRuns.push(
      await steady(`${appUrl}${path}`, { rate: STEADY_RATE, seconds: STEADY_SECONDS, headers }),
    );
  }
  const steadyRow = summary(`GET users/{id}, logged, ${STEADY_RATE} req/s steady`, steadyRuns);
  console.log(`Processing log, steady: ${STEADY_RATE} requests/s for ${STEADY_SECONDS} s.`);
  console.table([steadyRow]);
  console.log(
    `logged read at a steady ${STEADY_RATE} req/s: p99 ${steadyRow['p99 ms']} ms (goal: under 50 ms)\n`,
  );

  const reports = await services.audit.verify();
  console.log(
    `chains after the run: ${reports.map((r) => `${r.chain} ${r.records} records, ${r.firstBroken === null ? 'intact' : `broken at ${r.firstBroken}`}`).join('; ')}`,
  );
}

// 3. The accountability table of a year on a generated region of 100,000 cases and a million
//    events, against the best hand-written SQL statement for the same numbers.
if (wants('accountability')) await benchAccountability(database, ROUNDS);

// 4. Matching: precision and recall on the labelled synthetic set, scored pairs per second.
if (wants('matching')) reportMatching();
// How far reweighting the matcher's own evidence could go (validation and a third seed only).
if (wants('matching-limit')) reportMatchingLimit();

// 5. Linking 10,000 new person records against a register of 1,000,000.
if (wants('linking')) await benchLinking(database, ROUNDS);

// 6. Pages in the browser: time to content and JavaScript per page, per role.
if (wants('pages')) await benchPages(ROUNDS);

// 7. Hotspots: 1,000,000 points in the province of Utrecht to H3 cells and Getis-Ord Gi*.
if (wants('hotspots')) await benchHotspots(ROUNDS);

// 8. The annual report: its archival PDF, and figures read from a published report's frozen snapshot.
if (wants('annual-report')) {
  await benchAnnualReport(ROUNDS);
  await benchSnapshotRead(database, ROUNDS);
}

// 9. Imports: a 200,000-row CSV validated and a 200,000-row XLSX dry run, against plain parsing.
if (wants('imports')) await benchImports(ROUNDS);
if (wants('case-history')) await benchCaseHistory(app, database, keys, ROUNDS);

// 10. Retention: 100,000 due cases destroyed by the job while the API serves logged reads.
if (wants('retention'))
  await benchRetention(database, services, attachments.dir, {
    url: `${appUrl}/api/v1/users/${staff.id}`,
    headers: { cookie: adminSession.cookie },
  });

// 11. A data-subject request over a person seen in 1,000 records, against the raw read of them.
if (wants('dsr')) {
  const fg = await createUser(database.db, keys, { roles: ['privacy_officer'] });
  const fgSession = await signIn(app, database.db, fg);
  await benchDataSubjectRequest(database, keys, ROUNDS, { url: appUrl, headers: fgSession.headers });
}

await app.close();
await unlogged.close();
await database.close();
