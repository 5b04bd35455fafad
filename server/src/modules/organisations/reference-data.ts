import { createHash } from 'node:crypto';
import {
  accountabilityTheme,
  cbsMunicipalityCode,
  cbsProvinceCode,
  isoDate,
  partnerKind,
  slug,
} from '@samenspel/contracts';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';

/** Folder of the versioned reference-data files, beside `src/` and `dist/` alike. */
export const referenceDataDir = new URL('../../../reference-data/', import.meta.url).pathname;

const partnerEntry = z.object({
  code: z.string().min(1),
  kind: partnerKind,
  name: z.string().min(1),
  shortName: z.string().min(1),
});

export const nationalFile = z.object({
  version: z.string(),
  provinces: z.array(z.object({ code: cbsProvinceCode, name: z.string() })),
  accountabilityThemes: z.array(
    z.object({ code: accountabilityTheme, name: z.string(), nameEn: z.string(), row: z.string() }),
  ),
  nationalPartners: z.array(partnerEntry),
});
export type NationalFile = z.infer<typeof nationalFile>;

const themeEntry = z.object({
  code: z.string().regex(/^[a-z0-9]+(_[a-z0-9]+)*$/),
  name: z.string(),
  nameEn: z.string(),
  accountabilityTheme,
});

export const regionSource = z.object({
  id: slug,
  version: z.string(),
  name: z.string(),
  riec: partnerEntry.omit({ kind: true }),
  policeUnit: partnerEntry.omit({ kind: true }),
  nationalPartners: z.array(z.string()),
  sources: z.object({ municipalities: z.string(), boundaries: z.string() }),
  districts: z.array(z.object({ id: slug, name: z.string() })),
  municipalityValidity: z.record(
    cbsMunicipalityCode,
    z.object({ validFrom: isoDate.optional(), validUntil: isoDate.optional(), reason: z.string() }),
  ),
  districtThemes: z.array(themeEntry.extend({ district: slug })),
  regionalThemes: z.array(themeEntry),
});
export type RegionSource = z.infer<typeof regionSource>;

const geometry = z.object({
  type: z.enum(['Polygon', 'MultiPolygon']),
  coordinates: z.array(z.unknown()),
});

export const regionFile = z.object({
  format: z.literal('samenspel.region/1'),
  version: z.string(),
  checksum: z.string(),
  sources: z.record(z.string(), z.string()).describe('source file → sha256'),
  region: z.object({ id: slug, name: z.string(), policeUnit: z.string() }),
  districts: z.array(z.object({ id: slug, name: z.string(), sortOrder: z.number().int() })),
  baseTeams: z.array(z.object({ id: slug, name: z.string() })),
  municipalities: z.array(
    z.object({
      code: cbsMunicipalityCode,
      name: z.string(),
      districtId: slug,
      provinceCode: cbsProvinceCode,
      baseTeamId: slug.nullable(),
      safetyRegion: z.string(),
      population: z.number().int().nullable(),
      validFrom: isoDate.nullable(),
      validUntil: isoDate.nullable(),
      note: z.string().nullable(),
      boundary: geometry,
    }),
  ),
  partners: z.array(
    partnerEntry.extend({
      municipalityCode: cbsMunicipalityCode.nullable(),
      provinceCode: cbsProvinceCode.nullable(),
      validFrom: isoDate.nullable(),
      validUntil: isoDate.nullable(),
    }),
  ),
  themes: z.array(themeEntry.extend({ districtId: slug.nullable() })),
});
export type RegionFile = z.infer<typeof regionFile>;

const csvRow = z.object({
  gemeentecode: cbsMunicipalityCode,
  gemeentenaam: z.string().min(1),
  provincie: z.string().min(1),
  district: z.string().min(1),
  veiligheidsregio: z.string().min(1),
  inwoners_2022: z.string(),
  basisteam: z.string(),
  opmerking: z.string(),
});

const featureCollection = z.object({
  features: z.array(z.object({ id: cbsMunicipalityCode, geometry })),
});

export interface RegionInputs {
  source: RegionSource;
  national: NationalFile;
  /** Raw contents of the files named in `source.sources`, by file name. */
  files: Record<string, string>;
}

const BASE_TEAM_PREFIX = 'basisteam ';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function toSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Combines a region's source description with the shared CBS files into the versioned region
 * file that `samenspel seed` loads. Pure: the same inputs give the same file, byte for byte.
 */
export function buildRegionFile({ source, national, files }: RegionInputs): RegionFile {
  const read = (name: string): string => {
    const text = files[name];
    if (text === undefined) throw new Error(`Source file ${name} is missing`);
    return text;
  };
  const csvText = read(source.sources.municipalities);
  const geoText = read(source.sources.boundaries);
  const rows = z.array(csvRow).parse(parse(csvText, { columns: true, skip_empty_lines: true, trim: true }));
  const boundaries = new Map(
    featureCollection.parse(JSON.parse(geoText)).features.map((f) => [f.id, f.geometry]),
  );

  const districtByName = new Map(source.districts.map((d) => [d.name, d.id]));
  const provinceByName = new Map(national.provinces.map((p) => [p.name, p.code]));
  const baseTeams = new Map<string, string>();

  const municipalities = rows.map((row) => {
    const districtId = districtByName.get(row.district);
    if (!districtId) throw new Error(`${row.gemeentecode}: unknown district "${row.district}"`);
    const provinceCode = provinceByName.get(row.provincie);
    if (!provinceCode) throw new Error(`${row.gemeentecode}: unknown province "${row.provincie}"`);
    const boundary = boundaries.get(row.gemeentecode);
    if (!boundary) throw new Error(`${row.gemeentecode}: no boundary in ${source.sources.boundaries}`);
    // Only a named base team counts; the CSV also notes teams whose name no source gives.
    let baseTeamId: string | null = null;
    if (row.basisteam.toLowerCase().startsWith(BASE_TEAM_PREFIX)) {
      const name = `Basisteam ${row.basisteam.slice(BASE_TEAM_PREFIX.length)}`;
      baseTeamId = toSlug(row.basisteam.slice(BASE_TEAM_PREFIX.length));
      baseTeams.set(baseTeamId, name);
    }
    const validity = source.municipalityValidity[row.gemeentecode];
    return {
      code: row.gemeentecode,
      name: row.gemeentenaam,
      districtId,
      provinceCode,
      baseTeamId,
      safetyRegion: row.veiligheidsregio,
      population: row.inwoners_2022 === '' ? null : Number.parseInt(row.inwoners_2022, 10),
      validFrom: validity?.validFrom ?? null,
      validUntil: validity?.validUntil ?? null,
      note: row.opmerking || validity?.reason || null,
      boundary,
    };
  });
  for (const code of boundaries.keys()) {
    if (!municipalities.some((m) => m.code === code))
      throw new Error(`${code}: boundary without municipality`);
  }

  const provinceCodes = [...new Set(municipalities.map((m) => m.provinceCode))].sort();
  const provinceName = new Map(national.provinces.map((p) => [p.code, p.name]));
  const nationalPartners = new Map(national.nationalPartners.map((p) => [p.code, p]));
  const noPlace = { municipalityCode: null, provinceCode: null, validFrom: null, validUntil: null };
  const partners: RegionFile['partners'] = [
    { ...source.riec, kind: 'riec', ...noPlace },
    { ...source.policeUnit, kind: 'police', ...noPlace },
    ...source.nationalPartners.map((code) => {
      const partner = nationalPartners.get(code);
      if (!partner) throw new Error(`Unknown national partner "${code}"`);
      return { ...partner, ...noPlace };
    }),
    ...provinceCodes.map((code) => ({
      code,
      kind: 'province' as const,
      name: `Provincie ${provinceName.get(code)}`,
      shortName: `Provincie ${provinceName.get(code)}`,
      ...noPlace,
      provinceCode: code,
    })),
    ...[...municipalities]
      .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
      .map((m) => ({
        code: m.code,
        kind: 'municipality' as const,
        name: `Gemeente ${m.name}`,
        shortName: m.name,
        municipalityCode: m.code,
        provinceCode: m.provinceCode,
        validFrom: m.validFrom,
        validUntil: m.validUntil,
      })),
  ];

  const themes: RegionFile['themes'] = [
    ...source.regionalThemes.map((t) => ({ ...t, districtId: null })),
    ...source.districtThemes.map(({ district, ...t }) => {
      if (!source.districts.some((d) => d.id === district))
        throw new Error(`Theme ${t.code}: unknown district`);
      return { ...t, districtId: district };
    }),
  ];

  const body = {
    region: { id: source.id, name: source.name, policeUnit: source.policeUnit.name },
    districts: source.districts.map((d, i) => ({ ...d, sortOrder: i + 1 })),
    baseTeams: [...baseTeams].map(([id, name]) => ({ id, name })).sort((a, b) => a.id.localeCompare(b.id)),
    municipalities,
    partners,
    themes,
  };
  return {
    format: 'samenspel.region/1',
    version: source.version,
    checksum: sha256(JSON.stringify(body)),
    sources: Object.fromEntries(
      [source.sources.municipalities, source.sources.boundaries].map((name) => [name, sha256(read(name))]),
    ),
    ...body,
  };
}

/** The canonical text of a region file: what the build writes and the drift test compares. */
export function serializeRegionFile(file: RegionFile): string {
  // One record per line: readable diffs without a line per coordinate.
  const entries = Object.entries(file).map(([key, value]) => {
    const text = Array.isArray(value)
      ? `[\n${value.map((item) => `  ${JSON.stringify(item)}`).join(',\n')}\n ]`
      : JSON.stringify(value);
    return ` ${JSON.stringify(key)}: ${text}`;
  });
  return `{\n${entries.join(',\n')}\n}\n`;
}
