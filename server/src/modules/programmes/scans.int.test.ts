import type {
  LocationDetail,
  LocationPage,
  ScanComparison,
  ScanDefinitionInput,
  ScanDetail,
  ScanRun,
  ScanRunSummary,
} from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cast, createTestApp, dutchDay, type TestApp, testEngine } from '../../testing/index.js';

/**
 * Scans through the API: a quickscan's scoring and a rerun's change, follow-up actions, the
 * comparison of municipalities gated for aggregates-only readers, a horecascan whose objects at
 * or above the threshold become risk locations, refusals that write nothing, and who reaches
 * which runs.
 */
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

const name = (what: string) => `${what} ${Math.random().toString(36).slice(2, 8)}`;
const yesNo = [
  { value: 'nee', label: 'Nee', points: 0 },
  { value: 'ja', label: 'Ja', points: 1 },
];
const level = [
  { value: 'niet', label: 'Niet', points: 0 },
  { value: 'deels', label: 'Deels', points: 1 },
  { value: 'volledig', label: 'Volledig', points: 2 },
];
const quickscan: ScanDefinitionInput = {
  questions: [
    {
      code: 'B1',
      theme: 'Bestuur',
      text: 'Is er een bestuurlijk aanspreekpunt mensenhandel?',
      options: yesNo,
      basis: 1,
      recommendation: 'Wijs een bestuurlijk aanspreekpunt aan.',
    },
    {
      code: 'B2',
      theme: 'Bestuur',
      text: 'Staat mensenhandel in het integraal veiligheidsplan?',
      options: level,
      weight: 2,
      basis: 1,
      recommendation: 'Neem mensenhandel op in het integraal veiligheidsplan.',
    },
    {
      code: 'S1',
      theme: 'Signalering',
      text: 'Herkennen de medewerkers signalen?',
      options: level,
      basis: 2,
      recommendation: 'Train de medewerkers.',
    },
  ],
};
const horecascan: ScanDefinitionInput = {
  questions: [
    {
      code: 'H1',
      text: 'Wisselende exploitanten',
      options: yesNo,
      weight: 2,
      recommendation: 'Bibob-toets.',
    },
    { code: 'H2', text: 'Weinig klanten, hoge omzet', options: yesNo },
    { code: 'H3', text: 'Contante aankoop van het pand', options: yesNo },
  ],
  threshold: 3,
};

async function newScan(kind: 'quickscan-mensenhandel' | 'horecascan' = 'quickscan-mensenhandel') {
  return cast.ok<ScanDetail>(await cast.manager(), 'POST', '/api/v1/scans', {
    name: name(kind === 'horecascan' ? 'Horecascan' : 'Quickscan mensenhandel'),
    kind,
    subject: kind === 'horecascan' ? 'objects' : 'municipality',
    definition: kind === 'horecascan' ? horecascan : quickscan,
  });
}

async function run(scanId: string, body: object, who?: Awaited<ReturnType<Cast['analyst']>>) {
  return cast.ok<ScanRun>(who ?? (await cast.analyst()), 'POST', `/api/v1/scans/${scanId}/runs`, body);
}

const codes = (response: { json(): { invalidParams: Array<{ name: string; code: string }> } }) =>
  response.json().invalidParams.map((p) => [p.name, p.code]);

describe(`scans on ${testEngine()}`, () => {
  it("scores a run against the basisniveau, tracks its actions, and shows a rerun's change", async () => {
    const scan = await newScan();
    expect(scan.versions[0]?.maxPoints).toBe(7);
    const first = await run(scan.id, {
      municipalityCode: 'GM0034',
      heldOn: '2021-03-01',
      answers: { B1: 'ja', B2: 'niet', S1: 'deels' },
      actions: [{ title: 'Mensenhandel opnemen in het IVP', questionCode: 'B2', dueOn: '2021-12-31' }],
    });
    expect(first).toMatchObject({
      municipality: { code: 'GM0034', name: 'Almere' },
      version: 1,
      score: { points: 2, maxPoints: 7, percentage: 28.6 },
      basis: { questions: 3, met: 1 },
      previous: null,
      objects: null,
    });
    expect(first.themes).toEqual([
      { theme: 'Bestuur', points: 1, maxPoints: 5, percentage: 20 },
      { theme: 'Signalering', points: 1, maxPoints: 2, percentage: 50 },
    ]);
    expect(first.recommendations.map((r) => r.questionCode)).toEqual(['B2', 'S1']);
    expect(first.actions).toEqual([
      expect.objectContaining({
        title: 'Mensenhandel opnemen in het IVP',
        status: 'open',
        since: '2021-03-01',
      }),
    ]);
    const action = first.actions[0]?.id;
    const analyst = await cast.analyst();
    await cast.ok(analyst, 'POST', `/api/v1/scan-actions/${action}/steps`, {
      status: 'in-progress',
      happenedOn: '2021-06-01',
      note: 'Concept bij de raad',
    });
    const done = await cast.ok<ScanRun>(analyst, 'POST', `/api/v1/scan-actions/${action}/steps`, {
      status: 'done',
      happenedOn: '2021-11-15',
    });
    expect(done.actions[0]).toMatchObject({ status: 'done', since: '2021-11-15' });
    expect(done.actions[0]?.steps.map((s) => s.status)).toEqual(['open', 'in-progress', 'done']);
    const backwards = await cast.call(analyst, 'POST', `/api/v1/scan-actions/${action}/steps`, {
      status: 'open',
      happenedOn: '2021-10-01',
    });
    expect(codes(backwards)).toEqual([['happenedOn', 'before_previous_step']]);

    const rerun = await run(scan.id, {
      municipalityCode: 'GM0034',
      heldOn: '2022-03-01',
      answers: { B1: 'ja', B2: 'volledig', S1: 'niet' },
    });
    expect(rerun.score).toEqual({ points: 5, maxPoints: 7, percentage: 71.4 });
    expect(rerun.previous).toMatchObject({ id: first.id, heldOn: '2021-03-01', change: 42.8 });
    expect(rerun.questions.map((q) => [q.code, q.points, q.change])).toEqual([
      ['B1', 1, 0],
      ['B2', 4, 4],
      ['S1', 0, -1],
    ]);
    const runs = await cast.ok<{ items: ScanRunSummary[] }>(analyst, 'GET', `/api/v1/scans/${scan.id}/runs`);
    expect(runs.items.map((r) => [r.heldOn, r.rerun, r.actions])).toEqual([
      ['2022-03-01', true, { total: 0, done: 0 }],
      ['2021-03-01', false, { total: 1, done: 1 }],
    ]);
    const of2022 = await cast.ok<{ items: ScanRunSummary[] }>(
      analyst,
      'GET',
      `/api/v1/scans/${scan.id}/runs?year=2022`,
    );
    expect(of2022.items.map((r) => r.rerun)).toEqual([true]);
  });

  it('compares municipalities in aggregate, with no figures to steering below five, and rows only to analysts', async () => {
    const scan = await newScan();
    const answers = [
      ['GM0034', { B1: 'ja', B2: 'volledig', S1: 'volledig' }],
      ['GM0303', { B1: 'ja', B2: 'deels', S1: 'deels' }],
      ['GM0995', { B1: 'nee', B2: 'deels', S1: 'niet' }],
      ['GM0171', { B1: 'nee', B2: 'niet', S1: 'niet' }],
    ] as const;
    for (const [municipalityCode, given] of answers)
      await run(scan.id, { municipalityCode, heldOn: '2020-10-01', answers: given });
    const url = `/api/v1/scans/${scan.id}/comparison?year=2020`;
    const manager = await cast.manager();
    const analyst = await cast.analyst();
    const four = await cast.ok<ScanComparison>(manager, 'GET', url);
    expect(four).toMatchObject({
      municipalities: 4,
      minimum: 5,
      protected: true,
      withheld: true,
      score: null,
    });
    expect(four.questions).toEqual([]);
    expect(four.rows).toBeNull();
    const exact = await cast.ok<ScanComparison>(analyst, 'GET', url);
    expect(exact.withheld).toBe(false);
    expect(exact.rows?.map((r) => [r.municipality.name, r.score.percentage])).toEqual([
      ['Almere', 100],
      ['Dronten', 57.1],
      ['Lelystad', 28.6],
      ['Noordoostpolder', 0],
    ]);

    await run(scan.id, {
      municipalityCode: 'GM0184',
      heldOn: '2020-11-01',
      answers: { B1: 'ja', B2: 'deels', S1: 'deels' },
    });
    // A later run of Almere replaces its earlier one; a run of another year is not compared.
    await run(scan.id, {
      municipalityCode: 'GM0034',
      heldOn: '2020-12-01',
      answers: { B1: 'ja', B2: 'deels', S1: 'deels' },
    });
    await run(scan.id, {
      municipalityCode: 'GM0050',
      heldOn: '2021-02-01',
      answers: { B1: 'ja', B2: 'deels', S1: 'deels' },
    });
    const five = await cast.ok<ScanComparison>(manager, 'GET', url);
    expect(five).toMatchObject({
      municipalities: 5,
      withheld: false,
      score: { mean: 40, median: 57.1 },
      rows: null,
    });
    expect(five.questions.map((q) => [q.code, q.points, q.distribution.map((d) => d.count)])).toEqual([
      ['B1', { mean: 0.6, median: 1 }, [2, 3]],
      ['B2', { mean: 1.6, median: 2 }, [1, 4, 0]],
      ['S1', { mean: 0.6, median: 1 }, [2, 3, 0]],
    ]);
    const all = await cast.ok<ScanComparison>(analyst, 'GET', `/api/v1/scans/${scan.id}/comparison`);
    expect(all.municipalities).toBe(6);
    // A municipality's staff reach only their own runs: too few to compare.
    const almere = await cast.ok<ScanComparison>(await cast.staff('GM0034'), 'GET', url);
    expect(almere).toMatchObject({ municipalities: 1, withheld: true, questions: [], rows: null });
  });

  it('feeds the register with the objects at or above the threshold, and names them only to who may open them', async () => {
    const scan = await newScan('horecascan');
    const analyst = await cast.analyst();
    const known = await cast.ok<LocationDetail>(analyst, 'POST', '/api/v1/locations', {
      kind: 'catering',
      municipalityCode: 'GM0402',
      address: { street: 'Kerkstraat', houseNumber: 12, place: 'Hilversum' },
      happenedOn: '2021-01-10',
    });
    const street = name('Havenweg');
    const result = await run(scan.id, {
      municipalityCode: 'GM0402',
      heldOn: '2021-05-12',
      objects: [
        {
          answers: { H1: 'ja', H2: 'ja', H3: 'nee' },
          newLocation: { kind: 'catering', address: { street, houseNumber: 3, place: 'Hilversum' } },
        },
        { answers: { H1: 'ja', H2: 'nee', H3: 'ja' }, locationId: known.id },
        {
          answers: { H1: 'nee', H2: 'nee', H3: 'ja' },
          newLocation: { kind: 'catering', address: { street, houseNumber: 5, place: 'Hilversum' } },
        },
      ],
    });
    expect(result.objects).toMatchObject({ threshold: 3, total: 3, atOrAboveThreshold: 2, inRegister: 2 });
    expect(result.objects?.shown.map((o) => [o.position, o.location.address, o.score.points])).toEqual([
      [1, `${street} 3, Hilversum`, 3],
      [2, 'Kerkstraat 12, Hilversum', 3],
    ]);
    expect(result.recommendations).toEqual([{ questionCode: 'H1', text: 'Bibob-toets.' }]);
    // The new one is a flagged risk location of the scan's day; the one below the threshold is not kept.
    const flagged = result.objects?.shown[0]?.location.id;
    const location = await cast.ok<LocationDetail>(analyst, 'GET', `/api/v1/locations/${flagged}`);
    expect(location).toMatchObject({ status: 'flagged', flaggedOn: '2021-05-12', kind: 'catering' });
    expect(location.events[0]?.note).toContain(scan.name);
    const register = await cast.ok<LocationPage>(
      analyst,
      'GET',
      '/api/v1/locations?municipalityCode=GM0402&pageSize=100',
    );
    expect(register.items.filter((l) => l.address.startsWith(street)).map((l) => l.address)).toEqual([
      `${street} 3, Hilversum`,
    ]);

    // Hilversum's own staff open their municipality's locations; the programme manager opens
    // none of them and gets the counts.
    const hilversum = await cast.ok<ScanRun>(
      await cast.staff('GM0402'),
      'GET',
      `/api/v1/scan-runs/${result.id}`,
    );
    expect(hilversum.objects?.shown).toHaveLength(2);
    const steering = await cast.ok<ScanRun>(await cast.manager(), 'GET', `/api/v1/scan-runs/${result.id}`);
    expect(steering.objects).toMatchObject({ total: 3, atOrAboveThreshold: 2, inRegister: 2, shown: [] });
    expect(JSON.stringify(steering)).not.toContain('Kerkstraat');
  });

  it('refuses bad input with every problem at once and writes nothing', async () => {
    const scan = await newScan();
    const analyst = await cast.analyst();
    const bad = await cast.call(analyst, 'POST', `/api/v1/scans/${scan.id}/runs`, {
      municipalityCode: 'GM0363',
      heldOn: dutchDay(2),
      answers: { B1: 'misschien', S1: 'deels', Z1: 'ja' },
      actions: [{ title: 'Iets', questionCode: 'Q9' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(codes(bad)).toEqual([
      ['municipalityCode', 'unknown_municipality'],
      ['heldOn', 'in_the_future'],
      ['answers.B1', 'unknown_answer'],
      ['answers.B2', 'answer_missing'],
      ['answers.Z1', 'unknown_question'],
      ['actions.0.questionCode', 'unknown_question'],
    ]);
    const horeca = await newScan('horecascan');
    const known = await cast.ok<LocationDetail>(analyst, 'POST', '/api/v1/locations', {
      kind: 'catering',
      municipalityCode: 'GM0344',
      address: { street: 'Oudegracht', houseNumber: 1, place: 'Utrecht' },
    });
    const street = name('Stationsplein');
    const objects = await cast.call(analyst, 'POST', `/api/v1/scans/${horeca.id}/runs`, {
      municipalityCode: 'GM0402',
      heldOn: '2021-05-12',
      objects: [
        {
          answers: { H1: 'ja', H2: 'ja', H3: 'ja' },
          newLocation: { kind: 'catering', address: { street, houseNumber: 1, place: 'Hilversum' } },
        },
        { answers: { H1: 'ja', H2: 'ja', H3: 'nee' } },
        { answers: { H1: 'ja', H2: 'nee', H3: 'nee' }, locationId: known.id },
        { answers: { H1: 'ja', H2: 'ja', H3: 'nee' }, newLocation: { kind: 'catering', address: {} } },
      ],
    });
    expect(codes(objects)).toEqual([
      ['objects.1', 'location_missing'],
      ['objects.2.locationId', 'other_municipality'],
      ['objects.3.newLocation.address', 'no_place'],
    ]);
    // Nothing written: no run, and the valid object's location was not flagged.
    expect(
      (await cast.ok<{ items: unknown[] }>(analyst, 'GET', `/api/v1/scans/${scan.id}/runs`)).items,
    ).toEqual([]);
    expect(
      (await cast.ok<{ items: unknown[] }>(analyst, 'GET', `/api/v1/scans/${horeca.id}/runs`)).items,
    ).toEqual([]);
    const register = await cast.ok<LocationPage>(
      analyst,
      'GET',
      '/api/v1/locations?municipalityCode=GM0402&pageSize=100',
    );
    expect(register.items.some((l) => l.address.startsWith(street))).toBe(false);
    const definition = await cast.call(await cast.manager(), 'POST', '/api/v1/scans', {
      name: scan.name,
      kind: 'horecascan',
      subject: 'objects',
      definition: { questions: [{ code: 'H1', text: 'Een', options: yesNo, basis: 2 }] },
    });
    expect(codes(definition)).toEqual([
      ['name', 'name_taken'],
      ['definition.questions.0.basis', 'basis_unreachable'],
      ['definition.threshold', 'threshold_missing'],
    ]);
  });

  it("lets a municipality's staff run and read their own scans only, and logs each run", async () => {
    const scan = await newScan();
    const almere = await cast.staff('GM0034');
    const own = await cast.call(almere, 'POST', `/api/v1/scans/${scan.id}/runs`, {
      municipalityCode: 'GM0034',
      heldOn: '2021-04-01',
      answers: { B1: 'ja', B2: 'deels', S1: 'deels' },
    });
    expect(own.statusCode).toBe(201);
    const traceId = String(own.headers.traceparent).split('-')[1] ?? '';
    expect(
      await t.database.db
        .selectFrom('userActionLog')
        .select(['action', 'result'])
        .where('traceId', '=', traceId)
        .execute(),
    ).toEqual([{ action: 'scan-run.create', result: 'success' }]);
    const elsewhere = await cast.call(almere, 'POST', `/api/v1/scans/${scan.id}/runs`, {
      municipalityCode: 'GM0995',
      heldOn: '2021-04-01',
      answers: { B1: 'ja', B2: 'deels', S1: 'deels' },
    });
    expect(codes(elsewhere)).toEqual([['municipalityCode', 'not_your_municipality']]);
    const lelystad = await run(scan.id, {
      municipalityCode: 'GM0995',
      heldOn: '2021-04-02',
      answers: { B1: 'nee', B2: 'niet', S1: 'niet' },
    });
    expect((await cast.call(almere, 'GET', `/api/v1/scan-runs/${lelystad.id}`)).statusCode).toBe(404);
    const listed = await cast.ok<{ items: ScanRunSummary[] }>(almere, 'GET', `/api/v1/scans/${scan.id}/runs`);
    expect(listed.items.map((r) => r.municipality.name)).toEqual(['Almere']);
    const summary = await cast.ok<{ items: Array<{ id: string; runs: number }> }>(
      almere,
      'GET',
      '/api/v1/scans',
    );
    expect(summary.items.find((s) => s.id === scan.id)?.runs).toBe(1);
    // The police's staff have no municipality: no run reaches them. Programme managers read but do not run.
    expect(
      (await cast.call(await cast.staff('politie'), 'GET', `/api/v1/scan-runs/${lelystad.id}`)).statusCode,
    ).toBe(404);
    const manager = await cast.manager();
    expect((await cast.call(manager, 'GET', `/api/v1/scan-runs/${lelystad.id}`)).statusCode).toBe(200);
    const byManager = await cast.call(manager, 'POST', `/api/v1/scans/${scan.id}/runs`, {
      municipalityCode: 'GM0995',
      answers: { B1: 'nee', B2: 'niet', S1: 'niet' },
    });
    expect(byManager.statusCode).toBe(404);
    expect((await cast.call(await cast.chair(), 'GET', '/api/v1/scans')).statusCode).toBe(403);
    expect((await cast.call(undefined, 'GET', `/api/v1/scans/${scan.id}/comparison`)).statusCode).toBe(401);
  });
});
