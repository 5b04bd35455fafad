import type { ColumnType, Generated } from 'kysely';

/** A `date` column: PostgreSQL `date`, read and written as `YYYY-MM-DD`. */
type DateColumn = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ProvincesTable {
  code: string;
  name: string;
}

export interface RegionsTable {
  id: string;
  name: string;
  policeUnit: string;
  referenceDataVersion: string;
  referenceDataChecksum: string;
  loadedAt: Timestamp;
}

export interface DistrictsTable {
  id: string;
  regionId: string;
  name: string;
  sortOrder: number;
}

export interface BaseTeamsTable {
  id: string;
  regionId: string;
  name: string;
}

export interface MunicipalitiesTable {
  code: string;
  name: string;
  regionId: string;
  districtId: string;
  provinceCode: string;
  baseTeamId: string | null;
  safetyRegion: string;
  population: number | null;
  validFrom: DateColumn | null;
  validUntil: DateColumn | null;
  note: string | null;
  boundary: ColumnType<unknown, string | null, string | null>;
}

export interface PartnerOrganisationsTable {
  id: Generated<string>;
  regionId: string;
  code: string;
  kind: string;
  name: string;
  shortName: string;
  municipalityCode: string | null;
  provinceCode: string | null;
  validFrom: DateColumn | null;
  validUntil: DateColumn | null;
}

export interface ThemesTable {
  id: Generated<string>;
  code: string;
  scope: 'national' | 'regional' | 'district';
  regionId: string | null;
  districtId: string | null;
  name: string;
  nameEn: string;
  accountabilityTheme: string;
  sortOrder: number;
}

/** The database as Kysely sees it: snake_case in SQL, camelCase here (CamelCasePlugin). */
export interface DB {
  provinces: ProvincesTable;
  regions: RegionsTable;
  districts: DistrictsTable;
  baseTeams: BaseTeamsTable;
  municipalities: MunicipalitiesTable;
  partnerOrganisations: PartnerOrganisationsTable;
  themes: ThemesTable;
}
