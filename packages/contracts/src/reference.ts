import { z } from 'zod';

/** ISO 8601 calendar date (`2022-03-24`). */
export const isoDate = z.iso.date();

/** The date a step happened, for steps recorded after the fact. */
export const happenedOn = isoDate
  .optional()
  .describe(
    'The date the step happened; today in the Netherlands when left out. Never in the future, never before the step before it',
  );

export const cbsMunicipalityCode = z
  .string()
  .regex(/^GM\d{4}$/, 'Een CBS-gemeentecode heeft de vorm GM0344.');
export const cbsProvinceCode = z.string().regex(/^PV\d{2}$/, 'Een CBS-provinciecode heeft de vorm PV26.');
export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Gebruik alleen kleine letters, cijfers en streepjes.');

export const region = z.object({
  id: slug,
  name: z.string(),
  policeUnit: z.string().describe('Name of the police unit (eenheid) that covers the region'),
  referenceDataVersion: z.string(),
  districtCount: z.number().int(),
  municipalityCount: z.number().int().describe('Municipalities in the region today'),
});
export type Region = z.infer<typeof region>;

export const district = z.object({
  id: slug,
  regionId: slug,
  name: z.string(),
  municipalityCount: z.number().int().describe('Municipalities in the district today'),
});
export type District = z.infer<typeof district>;

export const province = z.object({ code: cbsProvinceCode, name: z.string() });
export type Province = z.infer<typeof province>;

export const municipality = z.object({
  code: cbsMunicipalityCode,
  name: z.string(),
  regionId: slug,
  districtId: slug,
  province: province,
  baseTeam: z.string().nullable().describe('Police base team, where a public source names it'),
  safetyRegion: z.string(),
  population: z.number().int().nullable(),
  validFrom: isoDate.nullable().describe('First day in the region; null when it predates the data'),
  validUntil: isoDate
    .nullable()
    .describe('First day no longer in the region (exclusive); null while current'),
  note: z.string().nullable(),
});
export type Municipality = z.infer<typeof municipality>;

export const partnerKinds = [
  'riec',
  'municipality',
  'province',
  'police',
  'public_prosecution',
  'tax_administration',
  'fiod',
  'benefits_agency',
  'customs',
  'labour_inspectorate',
  'military_police',
  'immigration',
  'employee_insurance',
  'other',
] as const;
export const partnerKind = z.enum(partnerKinds);
export type PartnerKind = z.infer<typeof partnerKind>;

export const partnerOrganisation = z.object({
  id: z.uuid(),
  regionId: slug,
  code: z.string().describe('Stable code within the region (`GM0344`, `PV26`, `politie`, `om`)'),
  kind: partnerKind,
  name: z.string(),
  shortName: z.string(),
  municipalityCode: cbsMunicipalityCode.nullable(),
  provinceCode: cbsProvinceCode.nullable(),
  validFrom: isoDate.nullable(),
  validUntil: isoDate.nullable(),
});
export type PartnerOrganisation = z.infer<typeof partnerOrganisation>;

/** The six theme rows (3a–3f) of the national accountability table. */
export const accountabilityThemes = [
  'human_trafficking',
  'drugs',
  'money_laundering',
  'real_estate',
  'omg',
  'other',
] as const;
export const accountabilityTheme = z.enum(accountabilityThemes);
export type AccountabilityTheme = z.infer<typeof accountabilityTheme>;

export const themeScope = z.enum(['national', 'regional', 'district']);
export type ThemeScope = z.infer<typeof themeScope>;

export const theme = z.object({
  id: z.uuid(),
  code: z.string(),
  scope: themeScope,
  regionId: slug.nullable(),
  districtId: slug.nullable(),
  name: z.string(),
  nameEn: z.string(),
  accountabilityTheme: accountabilityTheme.describe('The accountability-table row this theme counts under'),
});
export type Theme = z.infer<typeof theme>;

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}

export const regionParams = z.object({ regionId: slug });
export const districtParams = z.object({ districtId: slug });
export const municipalityParams = z.object({ code: cbsMunicipalityCode });

export const districtQuery = z.strictObject({ region: slug.optional() });

export const municipalityQuery = z.strictObject({
  region: slug.optional(),
  district: slug.optional(),
  province: cbsProvinceCode.optional(),
  validOn: isoDate.optional().describe('Only municipalities in the region on this date (default: today)'),
  all: z.stringbool().optional().describe('Include municipalities that have left the region'),
});
export type MunicipalityQuery = z.infer<typeof municipalityQuery>;

export const partnerOrganisationQuery = z.strictObject({
  region: slug.optional(),
  kind: partnerKind.optional(),
  validOn: isoDate.optional(),
  all: z.stringbool().optional(),
});
export type PartnerOrganisationQuery = z.infer<typeof partnerOrganisationQuery>;

export const themeQuery = z.strictObject({
  region: slug.optional(),
  scope: themeScope.optional(),
  district: slug.optional(),
});
export type ThemeQuery = z.infer<typeof themeQuery>;

/** GeoJSON FeatureCollection of municipality boundaries (EPSG:4326). */
export const boundaryCollection = z.object({
  type: z.literal('FeatureCollection'),
  attribution: z.string(),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: cbsMunicipalityCode,
      properties: z.object({ code: cbsMunicipalityCode, name: z.string(), districtId: slug }),
      geometry: z.object({
        type: z.enum(['Polygon', 'MultiPolygon']),
        coordinates: z.array(z.unknown()),
      }),
    }),
  ),
});
export type BoundaryCollection = z.infer<typeof boundaryCollection>;
