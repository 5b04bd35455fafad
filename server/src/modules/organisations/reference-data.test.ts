import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildRegionFile,
  nationalFile,
  referenceDataDir,
  regionFile,
  regionSource,
  serializeRegionFile,
} from './reference-data.js';

const cbsDir = path.join(referenceDataDir, 'sources/cbs');

async function json(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8'));
}

describe('reference data files', () => {
  it('the committed region file is exactly what the CBS files build (no drift)', async () => {
    const source = regionSource.parse(
      await json(path.join(referenceDataDir, 'sources/midden-nederland.json')),
    );
    const national = nationalFile.parse(await json(path.join(referenceDataDir, 'national.json')));
    const files: Record<string, string> = {};
    for (const name of Object.values(source.sources))
      files[name] = await readFile(path.join(cbsDir, name), 'utf8');
    const built = serializeRegionFile(buildRegionFile({ source, national, files }));
    const committed = await readFile(path.join(referenceDataDir, 'regions/midden-nederland.json'), 'utf8');
    expect(built === committed, 'run `npm run reference-data` and commit the result').toBe(true);
  });

  it('Midden-Nederland: 39 municipalities in 5 districts of 10/15/6/7/1, Weesp leaving on 2022-03-24', async () => {
    const file = regionFile.parse(await json(path.join(referenceDataDir, 'regions/midden-nederland.json')));
    expect(file.municipalities).toHaveLength(39);
    const perDistrict = Object.fromEntries(
      file.districts.map((d) => [d.name, file.municipalities.filter((m) => m.districtId === d.id).length]),
    );
    expect(perDistrict).toEqual({
      'West-Utrecht': 10,
      'Oost-Utrecht': 15,
      Flevoland: 6,
      'Gooi en Vechtstreek': 7,
      'Utrecht-Stad': 1,
    });
    const weesp = file.municipalities.find((m) => m.code === 'GM0457');
    expect(weesp).toMatchObject({
      name: 'Weesp',
      validUntil: '2022-03-24',
      districtId: 'gooi-en-vechtstreek',
    });
    expect(file.municipalities.every((m) => m.boundary.coordinates.length > 0)).toBe(true);
  });

  it('builds any region from its own source: nothing is specific to Midden-Nederland', () => {
    const national = nationalFile.parse({
      version: 't',
      provinces: [{ code: 'PV23', name: 'Overijssel' }],
      accountabilityThemes: [],
      nationalPartners: [
        { code: 'om', kind: 'public_prosecution', name: 'Openbaar Ministerie', shortName: 'OM' },
      ],
    });
    const source = regionSource.parse({
      id: 'oost-nederland',
      version: '1',
      name: 'Oost-Nederland',
      riec: { code: 'riec', name: 'RIEC Oost-Nederland', shortName: 'RIEC ON' },
      policeUnit: { code: 'politie', name: 'Politie eenheid Oost-Nederland', shortName: 'Politie ON' },
      nationalPartners: ['om'],
      sources: { municipalities: 'g.csv', boundaries: 'g.geojson' },
      districts: [{ id: 'twente', name: 'Twente' }],
      municipalityValidity: {},
      districtThemes: [
        { district: 'twente', code: 'grens', name: 'Grens', nameEn: 'Border', accountabilityTheme: 'other' },
      ],
      regionalThemes: [],
    });
    const csv =
      'gemeentecode,gemeentenaam,provincie,district,veiligheidsregio,inwoners_2022,basisteam,opmerking\n' +
      'GM0153,Enschede,Overijssel,Twente,VR05,160000,basisteam Enschede Zuid,\n';
    const geo = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 'GM0153',
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [6.8, 52.2],
                [6.9, 52.2],
                [6.9, 52.3],
                [6.8, 52.2],
              ],
            ],
          },
        },
      ],
    });
    const file = buildRegionFile({ source, national, files: { 'g.csv': csv, 'g.geojson': geo } });
    expect(file.region).toEqual({
      id: 'oost-nederland',
      name: 'Oost-Nederland',
      policeUnit: 'Politie eenheid Oost-Nederland',
    });
    expect(file.municipalities[0]).toMatchObject({
      code: 'GM0153',
      districtId: 'twente',
      provinceCode: 'PV23',
      baseTeamId: 'enschede-zuid',
    });
    expect(file.partners.map((p) => p.code)).toEqual(['riec', 'politie', 'om', 'PV23', 'GM0153']);
    expect(regionFile.safeParse(file).success).toBe(true);
  });

  it('refuses a source whose municipality names an unknown district', () => {
    const national = nationalFile.parse({
      version: 't',
      provinces: [{ code: 'PV26', name: 'Utrecht' }],
      accountabilityThemes: [],
      nationalPartners: [],
    });
    const source = regionSource.parse({
      id: 'r',
      version: '1',
      name: 'R',
      riec: { code: 'riec', name: 'RIEC', shortName: 'RIEC' },
      policeUnit: { code: 'politie', name: 'Politie', shortName: 'Politie' },
      nationalPartners: [],
      sources: { municipalities: 'c', boundaries: 'g' },
      districts: [{ id: 'a', name: 'A' }],
      municipalityValidity: {},
      districtThemes: [],
      regionalThemes: [],
    });
    const csv =
      'gemeentecode,gemeentenaam,provincie,district,veiligheidsregio,inwoners_2022,basisteam,opmerking\nGM0344,Utrecht,Utrecht,B,VR09,1,,\n';
    const geo = JSON.stringify({
      features: [{ id: 'GM0344', geometry: { type: 'Polygon', coordinates: [] } }],
    });
    expect(() => buildRegionFile({ source, national, files: { c: csv, g: geo } })).toThrow(
      /unknown district "B"/,
    );
  });
});
