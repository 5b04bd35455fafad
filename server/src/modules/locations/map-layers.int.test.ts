import type { MapLayer, MapLayerSummary } from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cast, createTestApp, type TestApp, testEngine } from '../../testing/index.js';

/** Opportunity and risk maps: loaded by an analyst from GeoJSON or CSV, all or nothing; read by the region. */
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

const name = (what: string) => `${what} ${Math.random().toString(36).slice(2, 8)}`;
const park = (lng: number, lat: number) => [
  [lng, lat],
  [lng + 0.01, lat],
  [lng + 0.01, lat + 0.005],
  [lng, lat],
];

describe(`opportunity and risk maps on ${testEngine()}`, () => {
  it('loads an opportunity map from GeoJSON and a risk map from CSV, and lists them for the region', async () => {
    const analyst = await cast.analyst();
    const opportunity = await cast.ok<MapLayer>(analyst, 'POST', '/api/v1/map-layers', {
      kind: 'opportunity',
      name: name('Gelegenheidskaart Amersfoort'),
      municipalityCode: 'GM0307',
      madeOn: '2021-05-01',
      source: 'Geografische indicatoren van de gemeente',
      geojson: {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: { type: 'Polygon', coordinates: [park(5.35, 52.16)] },
            properties: { indicator: 'bedrijventerrein' },
          },
          {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [5.4, 52.17] },
            properties: { indicator: 'afgelegen gebouw' },
          },
        ],
      },
    });
    expect(opportunity).toMatchObject({
      kind: 'opportunity',
      municipality: { code: 'GM0307', name: 'Amersfoort' },
      district: { id: 'oost-utrecht' },
      featureCount: 2,
      indicators: ['afgelegen gebouw', 'bedrijventerrein'],
    });
    const risk = await cast.ok<MapLayer>(analyst, 'POST', '/api/v1/map-layers', {
      kind: 'risk',
      name: name('Risicokaart Utrechtse Heuvelrug'),
      baseTeamId: 'utrechtse-heuvelrug',
      madeOn: '2021-09-01',
      csv: 'latitude;longitude;indicator;waarde\n52,03;5,45;verhoogd risico;3\n52,05;5,55;verhoogd risico;2\n',
    });
    expect(risk).toMatchObject({
      baseTeam: { id: 'utrechtse-heuvelrug' },
      district: { id: 'oost-utrecht' },
      featureCount: 2,
    });
    expect(risk.features.features[0]?.properties).toEqual({ indicator: 'verhoogd risico', value: 3 });
    const listed = await cast.ok<{ items: MapLayerSummary[] }>(
      await cast.manager(),
      'GET',
      '/api/v1/map-layers?districtId=oost-utrecht',
    );
    expect(listed.items.map((l) => l.id)).toEqual(expect.arrayContaining([opportunity.id, risk.id]));
    const police = await cast.ok<MapLayer>(
      await cast.staff('politie'),
      'GET',
      `/api/v1/map-layers/${risk.id}`,
    );
    expect(police.features.features).toHaveLength(2);
  });

  it('refuses a CSV with bad rows whole, naming every row, and writes nothing', async () => {
    const analyst = await cast.analyst();
    const layer = name('Gelegenheidskaart Soest');
    const response = await cast.call(analyst, 'POST', '/api/v1/map-layers', {
      kind: 'opportunity',
      name: layer,
      municipalityCode: 'GM0342',
      madeOn: '2021-05-01',
      csv: 'latitude,longitude,indicator,value\n52.17,5.29,leegstand,4\n48.8,2.35,leegstand,1\n52.18,5.30,,2\n52.19,5.31,leegstand,veel\n',
    });
    expect(response.statusCode).toBe(400);
    expect(
      response.json().invalidParams.map((p: { name: string; code: string }) => [p.name, p.code]),
    ).toEqual([
      ['csv.line.3', 'point_outside_netherlands'],
      ['csv.line.4', 'indicator_missing'],
      ['csv.line.5', 'value_invalid'],
    ]);
    const { items } = await cast.ok<{ items: MapLayerSummary[] }>(analyst, 'GET', '/api/v1/map-layers');
    expect(items.some((l) => l.name === layer)).toBe(false);
  });

  it('refuses a map without municipality or base team, of another region, or from partner staff', async () => {
    const analyst = await cast.analyst();
    const nowhere = await cast.call(analyst, 'POST', '/api/v1/map-layers', {
      kind: 'risk',
      name: name('Risicokaart'),
      madeOn: '2021-05-01',
      csv: 'latitude;longitude;indicator\n52.1;5.1;risico\n',
    });
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json().invalidParams.map((p: { name: string }) => p.name)).toEqual(['municipalityCode']);
    const elsewhere = await cast.call(analyst, 'POST', '/api/v1/map-layers', {
      kind: 'opportunity',
      name: name('Gelegenheidskaart'),
      municipalityCode: 'GM0363',
      madeOn: '2021-05-01',
      csv: 'latitude;longitude;indicator\n52.1;5.1;risico\n',
    });
    expect(elsewhere.json().invalidParams.map((p: { code: string }) => p.code)).toEqual([
      'unknown_municipality',
    ]);
    const partner = await cast.call(await cast.staff('GM0344'), 'POST', '/api/v1/map-layers', {
      kind: 'opportunity',
      name: name('Gelegenheidskaart'),
      municipalityCode: 'GM0344',
      madeOn: '2021-05-01',
      csv: 'latitude;longitude;indicator\n52.1;5.1;risico\n',
    });
    expect(partner.statusCode).toBe(403);
  });
});
