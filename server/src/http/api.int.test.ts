import { validate } from '@readme/openapi-parser';
import type {
  District,
  Municipality,
  PartnerOrganisation,
  ProblemDetails,
  Region,
  Theme,
} from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  createTestApp,
  createUser,
  signIn,
  type TestApp,
  testEngine,
} from '../testing/index.js';
import { registeredRoutes } from './app.js';

let t: TestApp;
let session: ApiSession;
beforeAll(async () => {
  t = await createTestApp();
  const user = await createUser(t.database.db, t.keys, {
    roles: ['partner_staff'],
    organisationCode: 'GM0344',
  });
  session = await signIn(t.app, t.database.db, user);
});
afterAll(async () => t?.close());

async function get<T>(url: string, headers: Record<string, string> = {}) {
  const response = await t.app.inject({
    method: 'GET',
    url,
    headers: { cookie: session.cookie, ...headers },
  });
  return { response, body: response.json() as T };
}

async function items<T>(url: string): Promise<T[]> {
  const { response, body } = await get<{ items: T[] }>(url);
  expect(response.statusCode, url).toBe(200);
  return body.items;
}

function expectProblem(response: { statusCode: number; headers: Record<string, unknown> }, status: number) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
}

describe(`API on ${testEngine()}`, () => {
  describe('conventions', () => {
    it('sends API-Version, a request id and the NL API Design Rules security headers', async () => {
      // Nothing with personal data may be stored on the way (reference data may: see municipalities).
      const { response } = await get('/api/v1/me');
      expect(response.headers).toMatchObject({
        'api-version': '1.0.0',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
      });
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('keeps a well-formed incoming request id and replaces a malformed one', async () => {
      const kept = await get('/api/v1/regions', { 'x-request-id': 'partner-call-0001' });
      expect(kept.response.headers['x-request-id']).toBe('partner-call-0001');
      const replaced = await get('/api/v1/regions', { 'x-request-id': 'bad\nid' });
      // Replaced by a fresh UUID (which may itself start with the letters b-a-d: compare, do not search).
      expect(replaced.response.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f-]{27}$/);
    });

    it('answers an unknown API path with a problem+json 404', async () => {
      const { response, body } = await get<ProblemDetails>('/api/v1/does-not-exist');
      expectProblem(response, 404);
      expect(body).toMatchObject({ status: 404, code: 'resource.not_found', title: 'Niet gevonden' });
      expect(body.instance).toBe(`urn:uuid:${response.headers['x-request-id']}`);
    });

    it('lists every invalid query parameter at once, in Dutch', async () => {
      const { response, body } = await get<ProblemDetails>(
        '/api/v1/municipalities?validOn=24-03-2022&province=Utrecht&distrct=west-utrecht',
      );
      expectProblem(response, 400);
      expect(body.code).toBe('request.invalid');
      const byName = Object.fromEntries((body.invalidParams ?? []).map((p) => [p.name, p]));
      expect(Object.keys(byName).sort()).toEqual(['distrct', 'province', 'validOn']);
      expect(byName.validOn).toMatchObject({ in: 'query', reason: expect.stringContaining('JJJJ-MM-DD') });
      expect(byName.distrct?.reason).toBe('Onbekende parameter "distrct".');
      expect(byName.province?.reason).toContain('PV26');
    });

    it('lists problems in the path and the query together', async () => {
      const { response, body } = await get<ProblemDetails>('/api/v1/municipalities/Utrecht?x=1');
      expectProblem(response, 400);
      expect(body.invalidParams?.map((p) => `${p.in}:${p.name}`)).toEqual(['path:code']);
    });
  });

  describe('health', () => {
    it('reports the database engine and its version', async () => {
      const { response, body } = await get<{
        status: string;
        database: { engine: string; serverVersion: string };
      }>('/api/v1/health');
      expect(response.statusCode).toBe(200);
      expect(body.status).toBe('ok');
      expect(body.database.engine).toBe(testEngine());
      expect(body.database.serverVersion).toMatch(/^\d+\.\d+/);
    });
  });

  describe('regions and districts', () => {
    it('lists the region with its districts and current municipalities', async () => {
      const regions = await items<Region>('/api/v1/regions');
      expect(regions).toEqual([
        {
          id: 'midden-nederland',
          name: 'Midden-Nederland',
          policeUnit: 'Politie eenheid Midden-Nederland',
          referenceDataVersion: '2022.1',
          districtCount: 5,
          municipalityCount: 38,
        },
      ]);
    });

    it('gets one region, and 404s an unknown one', async () => {
      expect((await get<Region>('/api/v1/regions/midden-nederland')).body.name).toBe('Midden-Nederland');
      const { response, body } = await get<ProblemDetails>('/api/v1/regions/noord');
      expectProblem(response, 404);
      expect(body.code).toBe('region.not_found');
      expectProblem((await get('/api/v1/regions/Not_A_Slug')).response, 400);
    });

    it('lists the five districts in the order of the annual plan', async () => {
      const districts = await items<District>('/api/v1/districts?region=midden-nederland');
      expect(districts.map((d) => [d.name, d.municipalityCount])).toEqual([
        ['West-Utrecht', 10],
        ['Oost-Utrecht', 15],
        ['Utrecht-Stad', 1],
        ['Flevoland', 6],
        ['Gooi en Vechtstreek', 6],
      ]);
      expect(await items<District>('/api/v1/districts?region=elders')).toEqual([]);
      expect((await get<District>('/api/v1/districts/flevoland')).body.name).toBe('Flevoland');
      expectProblem((await get('/api/v1/districts/nergens')).response, 404);
    });

    it('serves the boundaries of all 39 municipalities as GeoJSON, credited to CBS and Kadaster', async () => {
      const { response, body } = await get<{
        attribution: string;
        features: Array<{ id: string; properties: { districtId: string } }>;
      }>('/api/v1/regions/midden-nederland/municipality-boundaries');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/geo\+json/);
      expect(body.attribution).toBe('CBS, Kadaster');
      expect(body.features).toHaveLength(39);
      expectProblem((await get('/api/v1/regions/noord/municipality-boundaries')).response, 404);
    });
  });

  describe('municipalities', () => {
    it('has 39 municipalities over the region’s history and 10/15/6/7/1 per district on 1 January 2022', async () => {
      expect(
        await items<Municipality>('/api/v1/municipalities?region=midden-nederland&all=true'),
      ).toHaveLength(39);
      const onNewYear = await items<Municipality>(
        '/api/v1/municipalities?region=midden-nederland&validOn=2022-01-01',
      );
      const counts: Record<string, number> = {};
      for (const m of onNewYear) counts[m.districtId] = (counts[m.districtId] ?? 0) + 1;
      expect(counts).toEqual({
        'west-utrecht': 10,
        'oost-utrecht': 15,
        flevoland: 6,
        'gooi-en-vechtstreek': 7,
        'utrecht-stad': 1,
      });
    });

    it('answers the same question with the same JSON from memory, which browsers may keep for five minutes', async () => {
      const url = '/api/v1/municipalities?region=midden-nederland&district=oost-utrecht&validOn=2022-01-01';
      const first = await get<{ items: Municipality[] }>(url);
      const again = await get<{ items: Municipality[] }>(url);
      for (const { response } of [first, again]) {
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(response.headers['cache-control']).toBe('private, max-age=300');
      }
      expect(again.response.body).toBe(first.response.body);
      expect(first.body.items).toHaveLength(15);
      // Another question is its own answer, not the one kept for the first.
      const flevoland = await items<Municipality>(
        '/api/v1/municipalities?district=flevoland&validOn=2022-01-01',
      );
      expect(flevoland.map((m) => m.districtId)).toEqual(Array(6).fill('flevoland'));
    });

    it('has Weesp in the region until 23 March 2022 and not from 24 March 2022', async () => {
      const names = async (date: string) =>
        (
          await items<Municipality>(`/api/v1/municipalities?district=gooi-en-vechtstreek&validOn=${date}`)
        ).map((m) => m.name);
      expect(await names('2022-03-23')).toContain('Weesp');
      expect(await names('2022-03-24')).not.toContain('Weesp');
      const weesp = (await get<Municipality>('/api/v1/municipalities/GM0457')).body;
      expect(weesp).toMatchObject({
        name: 'Weesp',
        validUntil: '2022-03-24',
        province: { code: 'PV27', name: 'Noord-Holland' },
      });
    });

    it('filters by province and names the base team where known', async () => {
      const flevoland = await items<Municipality>('/api/v1/municipalities?province=PV24');
      expect(flevoland.map((m) => m.name)).toEqual([
        'Almere',
        'Dronten',
        'Lelystad',
        'Noordoostpolder',
        'Urk',
        'Zeewolde',
      ]);
      const woerden = (await get<Municipality>('/api/v1/municipalities/GM0632')).body;
      expect(woerden).toMatchObject({
        name: 'Woerden',
        districtId: 'west-utrecht',
        baseTeam: 'Basisteam De Copen',
      });
      expectProblem((await get('/api/v1/municipalities/GM9999')).response, 404);
    });
  });

  describe('partner organisations', () => {
    it('lists the RIEC, police, national partners, provinces and every current municipality', async () => {
      const partners = await items<PartnerOrganisation>(
        '/api/v1/partner-organisations?region=midden-nederland',
      );
      const byKind = (kind: string) => partners.filter((p) => p.kind === kind).map((p) => p.shortName);
      expect(byKind('riec')).toEqual(['RIEC MN']);
      expect(byKind('police')).toEqual(['Politie MN']);
      expect(byKind('province')).toEqual([
        'Provincie Flevoland',
        'Provincie Noord-Holland',
        'Provincie Utrecht',
      ]);
      expect(byKind('municipality')).toHaveLength(38);
      for (const name of [
        'OM',
        'Belastingdienst',
        'FIOD',
        'Toeslagen',
        'Douane',
        'NLA',
        'KMar',
        'IND',
        'UWV',
      ]) {
        expect(partners.map((p) => p.shortName)).toContain(name);
      }
    });

    it('filters by kind and date', async () => {
      const in2021 = await items<PartnerOrganisation>(
        '/api/v1/partner-organisations?kind=municipality&validOn=2021-06-01',
      );
      expect(in2021.map((p) => p.name)).toContain('Gemeente Weesp');
      const bad = await get<ProblemDetails>('/api/v1/partner-organisations?kind=bakker');
      expectProblem(bad.response, 400);
      expect(bad.body.invalidParams?.[0]).toMatchObject({ name: 'kind', in: 'query' });
    });
  });

  describe('themes', () => {
    it('has the six accountability rows nationally, and the region’s own themes mapped onto them', async () => {
      const national = await items<Theme>('/api/v1/themes?scope=national');
      expect(national.map((t) => t.code)).toEqual([
        'human_trafficking',
        'drugs',
        'money_laundering',
        'real_estate',
        'omg',
        'other',
      ]);
      const region = await items<Theme>('/api/v1/themes?region=midden-nederland');
      expect(region).toHaveLength(6 + 17);
      const flevoland = await items<Theme>('/api/v1/themes?district=flevoland');
      expect(flevoland.map((t) => [t.name, t.accountabilityTheme])).toEqual([
        ['Buitengebied', 'drugs'],
        ['Bedrijventerreinen', 'other'],
        ['OMG', 'omg'],
      ]);
    });
  });

  describe('OpenAPI', () => {
    it('is a valid OpenAPI 3.1 document describing every API route', async () => {
      const { response, body } = await get<{
        openapi: string;
        paths: Record<string, Record<string, unknown>>;
      }>('/api/v1/openapi.json');
      expect(response.statusCode).toBe(200);
      expect(body.openapi).toBe('3.1.0');
      const result = await validate(structuredClone(body) as Parameters<typeof validate>[0]);
      expect('errors' in result ? result.errors : []).toEqual([]);
      expect(result.valid).toBe(true);

      const documented = new Set(
        Object.entries(body.paths).flatMap(([p, methods]) =>
          Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`),
        ),
      );
      const api = registeredRoutes(t.app).filter(
        (r) => r.includes('/api/v1/') && !r.endsWith('/openapi.json'),
      );
      expect(api.length).toBeGreaterThanOrEqual(10);
      const missing = api.filter((r) => !documented.has(r));
      expect(missing).toEqual([]);
    });
  });
});
