import type {
  NormDetail,
  NormMatrix,
  NormReview,
  NormSummary,
  NormTimeline,
  ScanComparison,
  ScanRun,
  ScanRunSummary,
  ScanSummary,
} from '@samenspel/contracts';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_TIMEOUT, demoSeedOutput, type TestApp, testEngine } from '../testing/index.js';
import { flevolandReviews } from './norms.js';

let t: TestApp;
const cookies = new Map<string, string>();
const analyst = 'analist@riec-mn.example';
const manager = 'programmamanager@riec-mn.example';

/** Signs a demo account in with what `samenspel seed --demo` printed for it. */
async function signInAs(email: string): Promise<string> {
  const line = new RegExp(`${email.replace(/\./g, '\\.')}\\s+(\\S+)\\s+TOTP (\\S+)`).exec(
    await demoSeedOutput(),
  );
  const [, password, secret] = line ?? [];
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/sessions',
    payload: {
      email,
      password,
      ...(secret && !secret.startsWith('(') ? { code: await generate({ secret }) } : {}),
    },
  });
  return String([response.headers['set-cookie']].flat()[0]).split(';')[0] ?? '';
}

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  for (const email of [analyst, manager]) cookies.set(email, await signInAs(email));
}, DEMO_TIMEOUT);
afterAll(async () => t?.close());

const get = async <T>(email: string, url: string): Promise<T> => {
  const response = await t.app.inject({ method: 'GET', url, headers: { cookie: cookies.get(email) ?? '' } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as T;
};

const scanNamed = async (name: string) => {
  const { items } = await get<{ items: ScanSummary[] }>(analyst, '/api/v1/scans');
  const scan = items.find((s) => s.name === name);
  if (!scan) throw new Error(`no scan ${name}`);
  return scan;
};

describe(`the demo region's norm and scans on ${testEngine()}`, () => {
  it('holds the Flevolandse norm: six municipalities and the province, 22 placeholder ambitions, statuses of 2021–2022', async () => {
    const { items } = await get<{ items: NormSummary[] }>(manager, '/api/v1/norms');
    const summary = items.find((n) => n.name === 'Flevolandse norm');
    expect(summary).toMatchObject({ district: { id: 'flevoland' }, ambitions: 22, members: 7 });
    const norm = await get<NormDetail>(manager, `/api/v1/norms/${summary?.id}`);
    const version = norm.versions[0];
    expect(version?.members.map((m) => m.name)).toEqual([
      'Gemeente Almere',
      'Gemeente Dronten',
      'Gemeente Lelystad',
      'Gemeente Noordoostpolder',
      'Gemeente Urk',
      'Gemeente Zeewolde',
      'Provincie Flevoland',
    ]);
    expect(version?.ambitions.map((a) => a.title)).toEqual(
      Array.from({ length: 22 }, (_, i) => `Ambitie ${i + 1} (voorbeeld)`),
    );
    const matrix = (on: string) => get<NormMatrix>(manager, `/api/v1/norms/${norm.id}/matrix?on=${on}`);
    const [before, end2021, end2022] = await Promise.all([
      matrix('2020-12-31'),
      matrix('2021-12-31'),
      matrix('2022-12-31'),
    ]);
    expect(before.totals).toEqual({ met: 0, inProgress: 0, notStarted: 154 });
    expect(end2021.totals.met).toBeGreaterThan(5);
    expect(end2021.totals.inProgress).toBeGreaterThan(40);
    expect(end2022.totals.met).toBeGreaterThan(end2021.totals.met + 20);
    expect(end2022.totals.notStarted).toBeGreaterThan(0);
    // Every member has a timeline within 2021–2022 that ends where the matrix says.
    for (const member of end2022.members) {
      const timeline = await get<NormTimeline>(manager, `/api/v1/norms/${norm.id}/members/${member.id}`);
      expect(timeline.entries.length).toBeGreaterThan(10);
      expect(
        timeline.entries.every((e) => e.happenedOn >= '2021-01-01' && e.happenedOn <= '2022-12-31'),
      ).toBe(true);
      expect(timeline.counts).toEqual(member.counts);
    }
  });

  it("keeps the district working group's six-weekly reviews of 2022, each with the points open on its day", async () => {
    const { items } = await get<{ items: NormSummary[] }>(analyst, '/api/v1/norms');
    const id = items.find((n) => n.name === 'Flevolandse norm')?.id;
    const norm = await get<NormDetail>(analyst, `/api/v1/norms/${id}`);
    expect(norm.reviews.map((r) => r.heldOn).reverse()).toEqual(flevolandReviews);
    expect(norm.reviews.every((r) => r.outcomes > 0 && r.outcomes <= 3)).toBe(true);
    const first = norm.reviews.at(-1);
    const review = await get<NormReview>(analyst, `/api/v1/norm-reviews/${first?.id}`);
    const matrix = await get<NormMatrix>(analyst, `/api/v1/norms/${id}/matrix?on=${first?.heldOn}`);
    const open = matrix.members.flatMap((m) =>
      m.cells.filter((c) => c.status !== 'met').map((c) => `${m.name} ${c.ambitionCode} ${c.status}`),
    );
    expect(review.points.map((p) => `${p.member.name} ${p.ambitionCode} ${p.status}`)).toEqual(open);
    // The agendas shrink as the ambitions are met.
    expect(norm.reviews[0]?.points).toBeLessThan(first?.points ?? 0);
  });

  it('ran the weerbaarheidsscan in every municipality in 2020, a quarter again in 2022, and compares them in aggregate', async () => {
    const scan = await scanNamed('Weerbaarheidsscan');
    const runs = await get<{ items: ScanRunSummary[] }>(analyst, `/api/v1/scans/${scan.id}/runs?year=2020`);
    expect(runs.items).toHaveLength(39);
    expect(new Set(runs.items.map((r) => r.municipality.code)).size).toBe(39);
    const reruns = await get<{ items: ScanRunSummary[] }>(analyst, `/api/v1/scans/${scan.id}/runs?year=2022`);
    expect(reruns.items.length).toBeGreaterThanOrEqual(8);
    expect(reruns.items.every((r) => r.rerun)).toBe(true);
    const rerun = await get<ScanRun>(analyst, `/api/v1/scan-runs/${reruns.items[0]?.id}`);
    expect(rerun.previous?.heldOn.startsWith('2020-')).toBe(true);
    expect(rerun.previous?.change).toBeGreaterThanOrEqual(0);
    const first = await get<ScanRun>(analyst, `/api/v1/scan-runs/${rerun.previous?.id}`);
    expect(first.actions[0]?.steps.length).toBeGreaterThanOrEqual(2);
    const steering = await get<ScanComparison>(manager, `/api/v1/scans/${scan.id}/comparison?year=2020`);
    expect(steering).toMatchObject({ municipalities: 39, withheld: false, rows: null });
    expect(steering.questions).toHaveLength(9);
    expect(steering.questions.every((q) => q.distribution.reduce((sum, d) => sum + d.count, 0) === 39)).toBe(
      true,
    );
    const exact = await get<ScanComparison>(analyst, `/api/v1/scans/${scan.id}/comparison?year=2020`);
    expect(exact.rows).toHaveLength(39);
  });

  it('ran the horecascan in the seven municipalities of Gooi en Vechtstreek in 2021, feeding the risk-location register', async () => {
    const scan = await scanNamed('Horecascan');
    const runs = await get<{ items: ScanRunSummary[] }>(analyst, `/api/v1/scans/${scan.id}/runs`);
    expect(runs.items.map((r) => r.municipality.name).sort()).toEqual([
      'Blaricum',
      'Gooise Meren',
      'Hilversum',
      'Huizen',
      'Laren',
      'Weesp',
      'Wijdemeren',
    ]);
    expect(runs.items.every((r) => r.heldOn.startsWith('2021-'))).toBe(true);
    const flagged = runs.items.reduce((sum, r) => sum + (r.objects?.atOrAboveThreshold ?? 0), 0);
    expect(flagged).toBeGreaterThan(3);
    for (const summary of runs.items) {
      const run = await get<ScanRun>(analyst, `/api/v1/scan-runs/${summary.id}`);
      expect(run.objects?.inRegister).toBe(run.objects?.atOrAboveThreshold);
      expect(run.objects?.shown).toHaveLength(run.objects?.atOrAboveThreshold ?? -1);
      const steering = await get<ScanRun>(manager, `/api/v1/scan-runs/${summary.id}`);
      expect(steering.objects?.shown).toEqual([]);
    }
  });

  it('ran the quickscan mensenhandel in four municipalities: too few to compare for steering', async () => {
    const scan = await scanNamed('Quickscan mensenhandel');
    expect(scan.runs).toBe(4);
    const steering = await get<ScanComparison>(manager, `/api/v1/scans/${scan.id}/comparison`);
    expect(steering).toMatchObject({ municipalities: 4, withheld: true, score: null, questions: [] });
    expect((await scanNamed('Risico-indicatoren vastgoed')).runs).toBe(0);
  });
});
