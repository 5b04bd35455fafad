import type {
  LocationPage,
  LocationProject,
  MapLayerSummary,
  ProjectFigures,
  ProjectMap,
  RegionMap,
} from '@samenspel/contracts';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_TIMEOUT, demoSeedOutput, type TestApp, testEngine } from '../testing/index.js';

let t: TestApp;
const cookies = new Map<string, string>();

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
  for (const email of ['analist@riec-mn.example', 'programmamanager@riec-mn.example'])
    cookies.set(email, await signInAs(email));
}, DEMO_TIMEOUT);
afterAll(async () => t?.close());

const get = async <T>(email: string, url: string): Promise<T> => {
  const response = await t.app.inject({ method: 'GET', url, headers: { cookie: cookies.get(email) ?? '' } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as T;
};

describe(`the demo region's places on ${testEngine()}`, () => {
  it("reproduces the annual plan's West-Utrecht table for 2021, from the records", async () => {
    const { items } = await get<{ items: LocationProject[] }>(
      'analist@riec-mn.example',
      '/api/v1/location-projects',
    );
    const project = items.find((p) => p.name === 'Risicolocaties West-Utrecht');
    expect(project?.baselineOn).toBe('2020-01-31');
    const figures = await get<ProjectFigures>(
      'analist@riec-mn.example',
      `/api/v1/location-projects/${project?.id}/figures?from=2021-01-01&to=2021-12-31`,
    );
    // Jaarplan 2022, Terugblik 2021, West-Utrecht: a baseline of 142; 207 flagged by the end of
    // 2021, 9 new in 2021; 99 looked into, 56 in 2021; 70 addressed in 10 municipalities, 45 in
    // 2021; over 100 neither confirmed nor dispelled; 40 inspections in 2021, 15 integral.
    expect(figures.total).toMatchObject({
      flaggedInBaseline: 142,
      flagged: 207,
      flaggedNew: 9,
      lookedInto: 99,
      lookedIntoInPeriod: 56,
      addressed: 70,
      addressedInPeriod: 45,
      addressedMunicipalities: 10,
      inspections: 40,
      integralInspections: 15,
    });
    expect(figures.total.open).toBeGreaterThan(100);
    expect(figures.municipalities).toHaveLength(10);
    // The programme manager reads the same totals; the municipalities' rows rounded to five.
    const steering = await get<ProjectFigures>(
      'programmamanager@riec-mn.example',
      `/api/v1/location-projects/${project?.id}/figures?from=2021-01-01&to=2021-12-31`,
    );
    expect(steering.total).toEqual(figures.total);
    expect(steering.protected).toBe(true);
    expect(steering.municipalities.every((m) => m.flagged % 5 === 0 && m.protected)).toBe(true);
    // The map: the analyst sees every point and exact cells; the programme manager no point.
    const url = `/api/v1/location-projects/${project?.id}/map?year=2021`;
    const map = await get<ProjectMap>('analist@riec-mn.example', url);
    expect(map.points).toHaveLength(207);
    expect(map.cells.reduce((sum, c) => sum + c.count, 0)).toBe(207);
    const gated = await get<ProjectMap>('programmamanager@riec-mn.example', url);
    expect(gated.points).toEqual([]);
    expect(gated.cells.every((c) => c.count >= 5 && c.count % 5 === 0)).toBe(true);
  });

  it("holds Oost-Utrecht's five opportunity maps and four risk maps of 2021", async () => {
    const { items } = await get<{ items: MapLayerSummary[] }>(
      'programmamanager@riec-mn.example',
      '/api/v1/map-layers?districtId=oost-utrecht',
    );
    expect(items.filter((l) => l.kind === 'opportunity')).toHaveLength(5);
    expect(items.filter((l) => l.kind === 'risk')).toHaveLength(4);
    expect(items.every((l) => l.madeOn.startsWith('2021-'))).toBe(true);
  });

  it("places the 2021 signals and cases on the region map through the demo's address register", async () => {
    const analyst = await get<RegionMap>('analist@riec-mn.example', '/api/v1/region-map?year=2021');
    // Most demo cases name an address (the register holds all of them); some name none.
    const { records, placed } = analyst.layers.cases;
    expect(records).toBeGreaterThan(100);
    expect(placed).toBeGreaterThan((records ?? 0) * 0.6);
    expect(placed).toBeLessThanOrEqual(records ?? 0);
    expect(analyst.layers.cases.cells.reduce((sum, c) => sum + c.count, 0)).toBeGreaterThanOrEqual(
      placed ?? 0,
    );
    // Every risk location of the register was flagged by 2021 and has a point: West-Utrecht's 207
    // and those the horecascan of Gooi en Vechtstreek flagged in 2021.
    const register = await get<LocationPage>('analist@riec-mn.example', '/api/v1/locations?pageSize=1');
    expect(register.total).toBeGreaterThan(207);
    expect(analyst.layers.locations.placed).toBe(register.total);
    const manager = await get<RegionMap>('programmamanager@riec-mn.example', '/api/v1/region-map?year=2021');
    expect(manager.protected).toBe(true);
    // The cases are spread thin: hardly a cell holds five. The totals come rounded.
    expect(manager.layers.cases.records).toBe(Math.round((records ?? 0) / 5) * 5);
    for (const layer of [manager.layers.cases, manager.layers.signals, manager.layers.locations])
      expect(layer.cells.every((c) => c.count >= 5 && c.count % 5 === 0)).toBe(true);
    expect(manager.layers.cases.cells.length).toBeLessThan(analyst.layers.cases.cells.length);
  });

  it("places every location of West-Utrecht's project inside the district, and shows the steering roles none", async () => {
    const { items } = await get<{ items: LocationProject[] }>(
      'analist@riec-mn.example',
      '/api/v1/location-projects',
    );
    const project = items.find((p) => p.name === 'Risicolocaties West-Utrecht');
    const page = await get<LocationPage>(
      'analist@riec-mn.example',
      `/api/v1/locations?pageSize=100&projectId=${project?.id}`,
    );
    expect(page.total).toBe(207);
    for (const l of page.items) {
      expect(l.point?.latitude).toBeGreaterThan(51.8);
      expect(l.point?.latitude).toBeLessThan(52.35);
      expect(l.point?.longitude).toBeGreaterThan(4.7);
      expect(l.point?.longitude).toBeLessThan(5.3);
    }
    const refused = await t.app.inject({
      method: 'GET',
      url: '/api/v1/locations',
      headers: { cookie: cookies.get('programmamanager@riec-mn.example') ?? '' },
    });
    expect(refused.statusCode).toBe(403);
  });
});
