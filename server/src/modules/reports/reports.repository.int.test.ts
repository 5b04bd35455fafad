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
import { accountabilityTable, districtFigures, leadTimes, type ReportScope } from './reports.repository.js';

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
  for (const r of spec.results ?? [])
    await db
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
      .execute();
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
      { imposed: 0, imposedOn: '2021-11-02', collected: 40_000_00, collectedOn: '2022-02-01' },
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

  it('counts amounts by the date imposed and by the date collected or settled', async () => {
    expect((await accountabilityTable(db, region, year(2021))).amounts).toEqual({
      imposedCents: 100_000_00,
      collectedOrSettledCents: 10_000_00,
      outstandingCents: 90_000_00,
    });
    expect((await accountabilityTable(db, region, year(2022))).amounts).toEqual({
      imposedCents: 0,
      collectedOrSettledCents: 40_000_00,
      outstandingCents: 0,
    });
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
