import type { ColumnType, Generated } from 'kysely';

/** A `date` column: PostgreSQL `date`, read and written as `YYYY-MM-DD`. */
type DateColumn = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;

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

export interface RegionSecurityTable {
  regionId: string;
  secondFactorRequiredFor: 'personal-data-roles' | 'all-roles';
}

export interface UsersTable {
  id: Generated<string>;
  regionId: string;
  organisationId: string;
  email: string;
  displayName: string;
  passwordHash: string | null;
  /** Encrypted with the secrets key (AES-256-GCM); never stored plain. */
  totpSecret: string | null;
  totpConfirmedAt: NullableTimestamp;
  totpLastStep: number | null;
  oidcIssuer: string | null;
  oidcSubject: string | null;
  active: Generated<boolean>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface UserRolesTable {
  userId: string;
  role: string;
}

export interface RecoveryCodesTable {
  userId: string;
  codeHash: string;
  usedAt: NullableTimestamp;
}

export interface SessionsTable {
  tokenHash: string;
  userId: string;
  state: 'active' | 'second-factor-enrolment';
  method: 'password' | 'oidc';
  csrfToken: string;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  expiresAt: Timestamp;
  revokedAt: NullableTimestamp;
  clientAddress: string | null;
  userAgent: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  regionId: string;
  organisationId: string;
  name: string;
  prefix: string;
  tokenHash: string;
  permissions: string[];
  createdBy: string | null;
  createdAt: Timestamp;
  expiresAt: Timestamp;
  revokedAt: NullableTimestamp;
  lastUsedAt: NullableTimestamp;
}

export interface SignInThrottleTable {
  key: string;
  failures: number;
  lastFailureAt: Timestamp;
  blockedUntil: NullableTimestamp;
}

export interface OidcRequestsTable {
  state: string;
  codeVerifier: string;
  nonce: string;
  createdAt: Timestamp;
}

export interface ProcessingActivitiesTable {
  id: string;
  version: number;
  name: string;
  purpose: string;
  legalBasis: string;
  dataSubjectCategories: string[];
  personalDataCategories: string[];
  retention: string;
  validFrom: DateColumn;
}

export interface ProcessingLogTable {
  seq: Generated<number>;
  chain: number;
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  status: 'ok' | 'error';
  startedAt: Timestamp;
  endedAt: Timestamp;
  processingActivityId: string;
  processingActivityVersion: number;
  dataSubjectType: string | null;
  dataSubjectPseudonym: string | null;
  previousHash: string;
  hash: string;
}

export interface UserActionLogTable {
  seq: Generated<number>;
  chain: number;
  traceId: string;
  spanId: string;
  at: Timestamp;
  actorType: 'user' | 'api-token' | 'anonymous';
  userId: string | null;
  apiTokenId: string | null;
  organisationId: string | null;
  regionId: string | null;
  roles: string[];
  purpose: string | null;
  action: string;
  result: 'success' | 'denied' | 'invalid' | 'failed';
  clientAddress: string | null;
  userAgent: string | null;
  previousHash: string;
  hash: string;
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
  regionSecurity: RegionSecurityTable;
  users: UsersTable;
  userRoles: UserRolesTable;
  recoveryCodes: RecoveryCodesTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  signInThrottle: SignInThrottleTable;
  oidcRequests: OidcRequestsTable;
  processingActivities: ProcessingActivitiesTable;
  processingLog: ProcessingLogTable;
  userActionLog: UserActionLogTable;
}
