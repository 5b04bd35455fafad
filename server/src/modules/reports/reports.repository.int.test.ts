import type { AccountabilityReport, InterventionKind } from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/database.js';
import {
  type ApiSession,
  createTestApp,
  createUser,
  ensureOtherRegion,
  OTHER_REGION,
  signIn,
  type TestApp,
  testEngine,
} from '../../testing/index.js';
import { covenantOf } from '../collaborations/index.js';
import {
  accountabilityTable,
  caseFlow,
  districtFigures,
  leadTimes,
  type ReportScope,
} from './reports.repository.js';

/**
 * The report engine on small hand-made histories, written straight into the tables so that each
 * edge is exactly what the test says: a case across several years, one reopened, several
 * submitters and themes, amounts imposed in one year and collected in the next, a municipality
 * that left the region in the middle of a year, a regional case, and another region's case.
 */
let t: TestApp;
let db: Db;
let manager: ApiSession;
const region: ReportScope = { kind: 'region', regionId: 'midden-nederland' };
const year = (y: number) => ({ from: `${y}-01-01`, to: `${y}-12-31` });
let counter = 0;

interface Spec {
  regionId?: string;
  district: string | null;
  municipalities?: string[];
  origin?: 'signal' | 'analysis-product' | 'direct';
  from?: string[];
  themes?: string[];
  periods: Array<[string, string | null]>;
  advices?: Array<[InterventionKind, string]>;
  results?: Array<{
    imposed: number;
    imposedOn: string;
    collected?: number;
    collectedOn?: string;
    settled?: number;
    settledOn?: string;
    /** Collected or settled later, each recorded as a result against this confiscation. */
    later?: Array<{ collected?: number; collectedOn?: string; settled?: number; settledOn?: string }>;
  }>;
  interventions?: string[];
}

async function organisation(code: string, regionId = 'midden-nederland'): Promise<string> {
  const row = await db
    .selectFrom('partnerOrganisations')
    .select('id')
    .where('regionId', '=', regionId)
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function theme(code: string): Promise<string> {
  const row = await db
    .selectFrom('themes')
    .select('id')
    .where('code', '=', code)
    .where('regionId', 'is', null)
    .executeTakeFirst();
  if (row) return row.id;
  return (await db.selectFrom('themes').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

async function kase(spec: Spec): Promise<string> {
  counter += 1;
  const regionId = spec.regionId ?? 'midden-nederland';
  const last = spec.periods.at(-1);
  const { id } = await db
    .insertInto('cases')
    .values({
      regionId,
      collaborationId: await covenantOf(db, regionId),
      reference: `TEST-${counter}`,
      codeName: `Test ${counter}`,
      origin: spec.origin ?? 'signal',
      districtId: spec.district,
      type: 'subject',
      directorId: null,
      phase: last?.[1] ? 'closed' : 'analysis',
      goal: null,
      strategy: null,
      startedOn: spec.periods[0]?.[0] ?? '',
      closedOn: last?.[1] ?? null,
      createdBy: null,
      createdAt: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [openedOn, closedOn] of spec.periods)
    await db.insertInto('caseOpenPeriods').values({ caseId: id, openedOn, closedOn }).execute();
  for (const code of spec.from ?? [])
    await db
      .insertInto('caseOriginOrganisations')
      .values({ caseId: id, organisationId: await organisation(code, regionId) })
      .execute();
  for (const code of spec.municipalities ?? [])
    await db.insertInto('caseMunicipalities').values({ caseId: id, municipalityCode: code }).execute();
  for (const code of spec.themes ?? ['drugs'])
    await db
      .insertInto('caseThemes')
      .values({ caseId: id, themeId: await theme(code) })
      .execute();
  const police = await organisation(regionId === OTHER_REGION ? 'riec' : 'politie', regionId);
  for (const [kind, givenOn] of spec.advices ?? [])
    await db
      .insertInto('advices')
      .values({ caseId: id, kind, organisationId: police, givenOn, status: 'given', description: 'Advies' })
      .execute();
  for (const carriedOutOn of spec.interventions ?? [])
    await db
      .insertInto('interventions')
      .values({ caseId: id, kind: 'fiscal', organisationId: police, carriedOutOn, description: 'Aanslag' })
      .execute();
  for (const r of spec.results ?? []) {
    const confiscation = await db
      .insertInto('results')
      .values({
        caseId: id,
        kind: 'confiscation',
        organisationId: police,
        imposedCents: r.imposed,
        imposedOn: r.imposedOn,
        collectedCents: r.collected ?? null,
        collectedOn: r.collectedOn ?? null,
        settledCents: r.settled ?? null,
        settledOn: r.settledOn ?? null,
        recordedOn: r.imposedOn,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const l of r.later ?? [])
      await db
        .insertInto('results')
        .values({
          caseId: id,
          confiscationId: confiscation.id,
          kind: 'confiscation',
          organisationId: police,
          collectedCents: l.collected ?? null,
          collectedOn: l.collectedOn ?? null,
          settledCents: l.settled ?? null,
          settledOn: l.settledOn ?? null,
          recordedOn: l.collectedOn ?? l.settledOn ?? r.imposedOn,
        })
        .execute();
  }
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  db = t.database.db;
  await ensureOtherRegion(db);
  manager = await signIn(t.app, db, await createUser(db, t.keys, { roles: ['programme_manager'] }));

  // 1. Open from 2019 to 2022: handled in four years, new in one, closed in one.
  await kase({
    district: 'oost-utrecht',
    municipalities: ['GM0307'],
    from: ['politie'],
    periods: [['2019-05-01', '2022-03-01']],
    interventions: ['2019-09-01'],
  });
  // 2. Closed in 2020, reopened in 2021 and closed again: handled and closed in both years,
  //    but not handled in the third quarter of 2020, when it was closed.
  await kase({
    district: 'oost-utrecht',
    municipalities: ['GM0307'],
    from: ['politie'],
    periods: [
      ['2020-02-01', '2020-06-30'],
      ['2021-03-01', '2021-09-30'],
    ],
  });
  // 3. A municipality and the police together, three themes of which two count as drugs.
  await kase({
    district: 'utrecht-stad',
    municipalities: ['GM0344'],
    from: ['GM0344', 'politie'],
    themes: ['drugs', 'money_laundering', 'straatwaarden'],
    periods: [['2021-01-15', null]],
    advices: [
      ['administrative', '2021-03-31'],
      ['criminal', '2021-04-01'],
      ['fiscal', '2022-01-10'],
    ],
    results: [
      { imposed: 100_000_00, imposedOn: '2021-11-01', settled: 10_000_00, settledOn: '2021-12-15' },
      { imposed: 50_000_00, imposedOn: '2021-11-02', collected: 40_000_00, collectedOn: '2022-02-01' },
    ],
    interventions: ['2021-03-01', '2021-05-01'],
  });
  // 4. Weesp left the region on 2022-03-24; its case started in 2021 and runs on.
  await kase({
    district: 'gooi-en-vechtstreek',
    municipalities: ['GM0457'],
    from: ['belastingdienst', 'om', 'PV27', 'riec'],
    themes: ['human_trafficking'],
    periods: [['2021-10-01', null]],
  });
  // 5. A regional case from an analysis product.
  await kase({
    district: null,
    municipalities: ['GM0344', 'GM0034'],
    origin: 'analysis-product',
    themes: ['real_estate'],
    periods: [['2021-06-01', '2021-12-31']],
  });
  // 6. Another region's case, in every year: never counted here.
  await kase({
    regionId: OTHER_REGION,
    district: null,
    from: ['riec'],
    periods: [['2019-01-01', null]],
    advices: [['bibob', '2021-05-05']],
    results: [{ imposed: 1_000_00, imposedOn: '2021-05-05' }],
  });

  // Years before 2019, which the tests above do not look at.
  // 7. From an analysis product and from the signals of a municipality and the police (2013).
  await kase({
    district: 'utrecht-stad',
    origin: 'analysis-product',
    from: ['GM0344', 'politie'],
    periods: [['2013-03-01', '2013-10-01']],
  });
  // 8–11. Closures in West-Utrecht in 2014: closed and reopened on one day (open until 2015);
  //    opened and closed on one day; closed, reopened and closed again on one day; a plain closure.
  await kase({
    district: 'west-utrecht',
    periods: [
      ['2014-02-01', '2014-06-30'],
      ['2014-06-30', '2015-03-31'],
    ],
  });
  await kase({ district: 'west-utrecht', periods: [['2014-03-03', '2014-03-03']] });
  await kase({
    district: 'west-utrecht',
    periods: [
      ['2014-04-01', '2014-05-05'],
      ['2014-05-05', '2014-05-05'],
    ],
  });
  await kase({ district: 'west-utrecht', periods: [['2014-01-10', '2014-08-10']] });
  // 12–14. Confiscations in 2015–2017, of which parts are paid years later or after a period.
  await kase({
    district: 'flevoland',
    periods: [['2015-01-05', '2015-12-31']],
    results: [
      {
        imposed: 100_000_00,
        imposedOn: '2015-03-01',
        collected: 30_000_00,
        collectedOn: '2015-06-01',
        settled: 20_000_00,
        settledOn: '2016-02-01',
        later: [
          { collected: 10_000_00, collectedOn: '2016-05-01' },
          { settled: 5_000_00, settledOn: '2017-01-10' },
        ],
      },
    ],
  });
  await kase({
    district: 'flevoland',
    periods: [['2016-09-01', '2017-06-30']],
    results: [
      // Partly collected and partly settled, all of it within the year.
      {
        imposed: 80_000_00,
        imposedOn: '2016-11-01',
        collected: 50_000_00,
        collectedOn: '2016-12-01',
        settled: 30_000_00,
        settledOn: '2016-12-20',
      },
      // Collected after the year's end.
      { imposed: 40_000_00, imposedOn: '2016-12-15', collected: 40_000_00, collectedOn: '2017-01-15' },
    ],
  });
  await db
    .insertInto('analysisProducts')
    .values([
      {
        regionId: 'midden-nederland',
        districtId: 'flevoland',
        title: 'Ondermijningsbeeld Almere',
        deliveredOn: '2021-02-01',
        createdBy: null,
        createdAt: new Date(),
      },
      {
        regionId: 'midden-nederland',
        districtId: null,
        title: 'Regionaal beeld vastgoed',
        deliveredOn: '2020-12-31',
        createdBy: null,
        createdAt: new Date(),
      },
    ])
    .execute();
});
afterAll(async () => t?.close());

describe(`the report engine on ${testEngine()}`, () => {
  it('counts a case in every year it was open, as new once and as closed once', async () => {
    const handled = async (y: number) => (await accountabilityTable(db, region, year(y))).casesHandled;
    expect(await handled(2019)).toEqual({ total: 1, startedInPeriod: 1, startedEarlier: 0 });
    expect(await handled(2020)).toEqual({ total: 2, startedInPeriod: 1, startedEarlier: 1 });
    expect(await handled(2021)).toEqual({ total: 5, startedInPeriod: 3, startedEarlier: 2 });
    expect(await handled(2022)).toEqual({ total: 3, startedInPeriod: 0, startedEarlier: 3 });
    expect(await handled(2023)).toEqual({ total: 2, startedInPeriod: 0, startedEarlier: 2 });
  });

  it('counts a reopened case in both years and closed in both, but not while it was closed', async () => {
    const oost: ReportScope = { kind: 'district', regionId: 'midden-nederland', districtId: 'oost-utrecht' };
    const figures = async (from: string, to: string) => (await districtFigures(db, oost, { from, to }))[0];
    expect(await figures('2020-01-01', '2020-12-31')).toMatchObject({ handled: 2, new: 1, closed: 1 });
    expect(await figures('2021-01-01', '2021-12-31')).toMatchObject({ handled: 2, new: 0, closed: 1 });
    expect(await figures('2022-01-01', '2022-12-31')).toMatchObject({ handled: 1, new: 0, closed: 1 });
    // Q3 2020: case 2 was closed then; only case 1 was open.
    expect(await figures('2020-07-01', '2020-09-30')).toMatchObject({ handled: 1, new: 0, closed: 0 });
  });

  it('counts a case under each of its submitters and each accountability theme once', async () => {
    const table = await accountabilityTable(db, region, year(2021));
    expect(table.origins).toEqual({
      analysisProduct: 1,
      municipality: 1,
      publicProsecution: 1,
      police: 3,
      taxAdministration: 1,
      // The province counts as another partner; the RIEC itself is no submitting partner.
      otherPartners: 1,
    });
    // Case 3 has drugs twice (national, and the regional theme Straatwaarden): counted once.
    expect(table.themes).toEqual({
      human_trafficking: 1,
      drugs: 3,
      money_laundering: 1,
      real_estate: 1,
      omg: 0,
      other: 0,
    });
  });

  it('counts advices by the date given, also within a quarter', async () => {
    expect((await accountabilityTable(db, region, year(2021))).advices).toEqual({
      administrative: 1,
      bibob: 0,
      criminal: 1,
      fiscal: 0,
      other: 0,
    });
    const q1 = await accountabilityTable(db, region, { from: '2021-01-01', to: '2021-03-31' });
    expect(q1.advices.administrative).toBe(1);
    expect(q1.advices.criminal).toBe(0);
    expect((await accountabilityTable(db, region, year(2022))).advices.fiscal).toBe(1);
  });

  it('counts amounts by the date imposed; what was paid on earlier impositions on a line of its own', async () => {
    expect((await accountabilityTable(db, region, year(2021))).amounts).toEqual({
      imposedCents: 150_000_00,
      collectedOrSettledCents: 10_000_00,
      outstandingCents: 140_000_00,
      collectedOnEarlierCents: 0,
    });
    // Collected in 2022 on an amount imposed in 2021.
    expect((await accountabilityTable(db, region, year(2022))).amounts).toEqual({
      imposedCents: 0,
      collectedOrSettledCents: 0,
      outstandingCents: 0,
      collectedOnEarlierCents: 40_000_00,
    });
  });

  it('makes the confiscation lines add up: imposed = collected or settled by the end + outstanding', async () => {
    const amounts = async (from: string, to: string) =>
      (await accountabilityTable(db, region, { from, to })).amounts;
    expect(await amounts('2015-01-01', '2015-12-31')).toEqual({
      imposedCents: 100_000_00,
      collectedOrSettledCents: 30_000_00,
      outstandingCents: 70_000_00,
      collectedOnEarlierCents: 0,
    });
    // 2016: 80,000 collected and settled in the year; 40,000 collected only in 2017. The 2015
    // confiscation's settlement and its later collection are their own line.
    expect(await amounts('2016-01-01', '2016-12-31')).toEqual({
      imposedCents: 120_000_00,
      collectedOrSettledCents: 80_000_00,
      outstandingCents: 40_000_00,
      collectedOnEarlierCents: 30_000_00,
    });
    expect(await amounts('2017-01-01', '2017-12-31')).toEqual({
      imposedCents: 0,
      collectedOrSettledCents: 0,
      outstandingCents: 0,
      collectedOnEarlierCents: 45_000_00,
    });
    // The second quarter of 2016: only the later collection on the 2015 confiscation.
    expect(await amounts('2016-04-01', '2016-06-30')).toEqual({
      imposedCents: 0,
      collectedOrSettledCents: 0,
      outstandingCents: 0,
      collectedOnEarlierCents: 10_000_00,
    });
    // Both years at once: the 2016 settlement of a 2015 imposition is within the period.
    expect(await amounts('2015-01-01', '2016-12-31')).toEqual({
      imposedCents: 220_000_00,
      collectedOrSettledCents: 140_000_00,
      outstandingCents: 80_000_00,
      collectedOnEarlierCents: 0,
    });
    for (const y of [2015, 2016, 2017, 2021, 2022]) {
      const a = (await accountabilityTable(db, region, year(y))).amounts;
      expect(a.collectedOrSettledCents + a.outstandingCents).toBe(a.imposedCents);
    }
  });

  it('counts a case from an analysis product under 2b and under each partner whose signal it came from', async () => {
    expect((await accountabilityTable(db, region, year(2013))).origins).toEqual({
      analysisProduct: 1,
      municipality: 1,
      publicProsecution: 0,
      police: 1,
      taxAdministration: 0,
      otherPartners: 0,
    });
  });

  it('does not count a case closed and reopened on the same day as closed', async () => {
    const west: ReportScope = { kind: 'district', regionId: 'midden-nederland', districtId: 'west-utrecht' };
    // Cases 8–11 all started in 2014; 9, 10 and 11 closed, 8 did not (closed and reopened 30 June).
    expect((await districtFigures(db, west, year(2014)))[0]).toMatchObject({ handled: 4, new: 4, closed: 3 });
    expect((await districtFigures(db, west, { from: '2014-06-01', to: '2014-06-30' }))[0]).toMatchObject({
      handled: 2,
      closed: 0,
    });
    const flow = await caseFlow(db, west, year(2014));
    expect(flow.map((m) => m.closed)).toEqual([0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0]);
    expect(flow.find((m) => m.month === '2014-06')?.ongoing).toBe(2);
    expect(flow.find((m) => m.month === '2014-12')?.ongoing).toBe(1);
    expect((await leadTimes(db, west, year(2014))).startToClosure.count).toBe(3);
  });

  it('keeps a case where it was registered when its municipality leaves the region', async () => {
    const weesp: ReportScope = {
      kind: 'municipality',
      regionId: 'midden-nederland',
      municipalityCode: 'GM0457',
    };
    expect((await accountabilityTable(db, weesp, year(2022))).casesHandled.total).toBe(1);
    const gooi: ReportScope = {
      kind: 'district',
      regionId: 'midden-nederland',
      districtId: 'gooi-en-vechtstreek',
    };
    expect((await districtFigures(db, gooi, year(2022)))[0]).toMatchObject({ handled: 1, new: 0, closed: 0 });
    expect((await accountabilityTable(db, weesp, year(2022))).analysisProducts).toBeNull();
  });

  it('gives regional cases their own row, outside the districts', async () => {
    const rows = await districtFigures(db, region, year(2021));
    expect(rows.map((r) => r.district?.id ?? null)).toEqual([
      'west-utrecht',
      'oost-utrecht',
      'utrecht-stad',
      'flevoland',
      'gooi-en-vechtstreek',
      null,
    ]);
    expect(rows.at(-1)).toMatchObject({ handled: 1, new: 1, closed: 1 });
    const sum = rows.reduce((s, r) => s + r.handled, 0);
    expect(sum).toBe((await accountabilityTable(db, region, year(2021))).casesHandled.total);
    const regional: ReportScope = { kind: 'regional', regionId: 'midden-nederland' };
    expect((await accountabilityTable(db, regional, year(2021))).casesHandled.total).toBe(1);
  });

  it('counts analysis products delivered in the period and scope', async () => {
    expect((await accountabilityTable(db, region, year(2021))).analysisProducts).toBe(1);
    expect((await accountabilityTable(db, region, year(2020))).analysisProducts).toBe(1);
    const regional: ReportScope = { kind: 'regional', regionId: 'midden-nederland' };
    expect((await accountabilityTable(db, regional, year(2021))).analysisProducts).toBe(0);
  });

  it('computes lead times as median and 90th percentile in days', async () => {
    const times = await leadTimes(db, region, year(2021));
    // Case 3: start 2021-01-15, first intervention 2021-03-01: 45 days.
    expect(times.startToFirstIntervention).toEqual({ count: 1, median: 45, p90: 45 });
    // Closed in 2021: case 2 (reopened; closed 2021-09-30, started 2020-02-01: 607 days) and
    // case 5 (2021-06-01 → 2021-12-31: 213 days).
    expect(times.startToClosure.count).toBe(2);
    expect(times.startToClosure.median).toBe(410);
    expect(times.startToClosure.p90).toBe(567.6);
    expect(times.signalToDecision).toEqual({ count: 0, median: null, p90: null });
  });

  it('answers over the API for any period and scope, and refuses bad queries with every error', async () => {
    const get = (query: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/reports/accountability?${query}`,
        headers: manager.headers,
      });
    const ok = await get('year=2021');
    expect(ok.statusCode).toBe(200);
    const report = ok.json() as AccountabilityReport;
    expect(report.period).toEqual({ from: '2021-01-01', to: '2021-12-31' });
    expect(report.scope).toEqual({ kind: 'region', id: 'midden-nederland', name: 'Midden-Nederland' });
    expect(report.table.casesHandled.total).toBe(5);
    expect(report.flow).toHaveLength(12);
    expect(report.flow[11]).toEqual({ month: '2021-12', new: 0, closed: 1, ongoing: 3 });
    expect((await get('year=2021&quarter=2')).json().period).toEqual({
      from: '2021-04-01',
      to: '2021-06-30',
    });
    expect((await get('from=2021-02-10&to=2021-02-20&municipality=GM0457')).json().scope.name).toBe('Weesp');
    expect((await get('year=2021&district=regionaal')).json().table.casesHandled.total).toBe(1);
    expect((await get('year=2021&district=bestaat-niet')).statusCode).toBe(404);

    const bad = await get('year=2021&from=2021-05-01&to=2021-01-01&quarter=5');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const names = bad.json().invalidParams.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['year', 'to', 'quarter']));
  });
});
