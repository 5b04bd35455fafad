// npm run bench: each benchmark runs a Samenspel path and its baseline in the same process,
// alternating rounds, and reports the ratio. Absolute numbers vary by machine; ratios travel.
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { openDatabase, openPglite } from '../../server/src/db/database.ts';
import { migrateToLatest } from '../../server/src/db/migrate.ts';
import { buildApp } from '../../server/src/http/app.ts';
import { loadReferenceData } from '../../server/src/modules/organisations/index.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONNECTIONS = 8;

interface Figures {
  rps: number;
  p50: number;
  p99: number;
}

async function load(url: string): Promise<Figures> {
  const started = performance.now();
  const result = await autocannon({ url, connections: CONNECTIONS, amount: REQUESTS });
  const seconds = (performance.now() - started) / 1000;
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.total / seconds, p50: result.latency.p50, p99: result.latency.p99 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const database = process.env.DATABASE_URL
  ? await openDatabase({ engine: 'postgresql', connectionString: process.env.DATABASE_URL })
  : await openPglite({});
await migrateToLatest(database.db);
await loadReferenceData(database.db);

const app = await buildApp({ database, logLevel: 'silent', webDir: null, version: 'bench' });
const appUrl = await app.listen({ port: 0, host: '127.0.0.1' });
const path = '/api/v1/municipalities?region=midden-nederland&district=oost-utrecht&validOn=2022-01-01';

// Baseline: a bare Fastify route sending the very same JSON, without validation, database, hooks.
const body = (await app.inject({ method: 'GET', url: path })).json();
const bare = Fastify();
bare.get('/bare', async () => body);
const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });

await load(`${appUrl}${path}`); // warm-up
await load(`${bareUrl}/bare`);
const samenspel: Figures[] = [];
const baseline: Figures[] = [];
for (let round = 0; round < ROUNDS; round++) {
  baseline.push(await load(`${bareUrl}/bare`));
  samenspel.push(await load(`${appUrl}${path}`));
}

const row = (name: string, f: Figures[]) => ({
  benchmark: name,
  'requests/s': Math.round(median(f.map((x) => x.rps))),
  'p50 ms': median(f.map((x) => x.p50)),
  'p99 ms': median(f.map((x) => x.p99)),
});
const base = row('baseline: bare route, same JSON', baseline);
const ours = row(`GET municipalities (${database.engine})`, samenspel);
console.log(`\n${ROUNDS} rounds of ${REQUESTS} requests over ${CONNECTIONS} connections; medians.\n`);
console.table([base, ours]);
const ratio = base['requests/s'] / ours['requests/s'];
console.log(
  `municipalities endpoint: ${ratio.toFixed(2)}x the time per request of the bare route (throughput ratio)`,
);

await app.close();
await bare.close();
await database.close();
