import type {
  AccountabilityTheme,
  ActionResult,
  AdviceStatus,
  AttachmentDocumentType,
  BoundaryCollection,
  CaseOrigin,
  CasePhase,
  CaseType,
  Classification,
  CollaborationKind,
  DataSubjectType,
  Decision,
  DsrAnswer,
  DsrDecision,
  DsrKind,
  DsrRecordKind,
  FindingKind,
  FollowUpKind,
  GoalResultKind,
  GoalScopeKind,
  HitAnswer,
  ImportRowProblem,
  ImportStatus,
  IndicatorRef,
  InterventionKind,
  identityChecks,
  LocationKind,
  LocationStatus,
  LocationSubjectRole,
  MapLayerFeatures,
  MatchEvidence,
  MeetingKind,
  MemberRole,
  NormStatus,
  NotificationKind,
  PartnerKind,
  Permission,
  ProgrammeKind,
  PublishedReport,
  RefusalGround,
  RegisterData,
  RegisterKind,
  RelationType,
  ReportBlock,
  ReportSectionStatus,
  ResultKind,
  RetentionRecordKind,
  RetentionStart,
  Role,
  ScanActionStatus,
  ScanDefinition,
  ScanKind,
  ScanSubject,
  SightingSource,
  SignalRoute,
  SignalSource,
  SignalStage,
  SubjectInput,
  SubjectKind,
  SubjectRole,
  SuggestionStatus,
  TargetKind,
  TargetMeasure,
  Urgency,
} from '@samenspel/contracts';
import type { ColumnType, Generated } from 'kysely';

// The tables as the code sees them: the domain's unions and JSON shapes, checked against the
// migrated schema (column names and nullability) by schema.int.test.ts.

/** A `date` column: PostgreSQL `date`, read and written as `YYYY-MM-DD`. */
type DateColumn = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
/** Set later in a record's life: absent when it is inserted. */
type LaterTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A `jsonb` column: read as its shape, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;
type EventDetails = ColumnType<Record<string, unknown>, string | undefined, string>;

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
  /** GeoJSON (EPSG:4326), generalised. */
  boundary: ColumnType<
    BoundaryCollection['features'][number]['geometry'] | null,
    string | null,
    string | null
  >;
}

export interface PartnerOrganisationsTable {
  id: Generated<string>;
  regionId: string;
  code: string;
  kind: PartnerKind;
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
  accountabilityTheme: AccountabilityTheme;
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
  /** Someone else chose the password: the next sign-in must choose a new one first. */
  passwordChangeRequired: Generated<boolean>;
}

export interface UserRolesTable {
  userId: string;
  role: Role;
}

export interface RecoveryCodesTable {
  userId: string;
  codeHash: string;
  usedAt: NullableTimestamp;
}

export interface SessionsTable {
  tokenHash: string;
  userId: string;
  state: 'active' | 'second-factor-enrolment' | 'password-change';
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
  permissions: Permission[];
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
  recipients: ColumnType<string[], string[] | undefined, string[]>;
  collaboration: string | null;
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
  dataSubjectType: DataSubjectType | null;
  dataSubjectPseudonym: string | null;
  recordType: 'signal' | 'case' | 'subject' | 'round' | 'meeting' | 'location' | 'inspection' | null;
  recordId: string | null;
  previousHash: string;
  hash: string;
  /** When the database wrote the record: its month's partition. */
  loggedAt: Generated<Date>;
}

export interface ProcessingLogAnchorsTable {
  month: DateColumn;
  chain: number;
  records: ColumnType<number, number, number>;
  lastSeq: ColumnType<number, number, number>;
  lastHash: string;
  anchor: string;
  droppedAt: Timestamp;
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
  roles: Role[];
  purpose: string | null;
  action: string;
  result: ActionResult;
  clientAddress: string | null;
  userAgent: string | null;
  previousHash: string;
  hash: string;
}

export interface SignalsTable {
  id: Generated<string>;
  regionId: string;
  collaborationId: string;
  reference: string;
  stage: SignalStage;
  decision: Decision | null;
  source: SignalSource | null;
  description: string | null;
  municipalityCode: string | null;
  urgency: Urgency | null;
  route: SignalRoute | null;
  referredTo: string | null;
  /** The partner the RIEC registered the signal for, when it came by phone or mail. */
  receivedFromOrganisationId: string | null;
  createdBy: string | null;
  createdAt: Timestamp;
  receivedAt: NullableTimestamp;
  stageSince: Timestamp;
  /** Destroyed: only what the accountability figures count is left. */
  destroyedAt: LaterTimestamp;
}

export interface SignalOrganisationsTable {
  signalId: string;
  organisationId: string;
}

export interface SignalThemesTable {
  signalId: string;
  themeId: string;
}

export interface SignalSubjectsTable {
  id: Generated<string>;
  signalId: string;
  position: number;
  kind: SubjectKind;
  label: string;
  data: Json<SubjectInput>;
}

export type SignalEventType =
  | 'created'
  | 'received'
  | 'discussed'
  | 'substantiated'
  | 'triaged'
  | 'round-started'
  | 'round-closed'
  | 'decided';

export interface SignalEventsTable {
  id: Generated<string>;
  signalId: string;
  type: SignalEventType;
  /** When it was recorded; `happenedOn` is the date the step itself happened. */
  at: Timestamp;
  happenedOn: DateColumn;
  userId: string | null;
  organisationId: string | null;
  details: EventDetails;
}

export interface HitcheckRoundsTable {
  id: Generated<string>;
  signalId: string;
  regionId: string;
  collaborationId: string;
  necessity: string;
  proportionality: string;
  subsidiarity: string;
  deadline: DateColumn;
  createdBy: string | null;
  createdAt: Timestamp;
  closedAt: NullableTimestamp;
}

export interface HitcheckRoundSubjectsTable {
  roundId: string;
  subjectId: string;
}

export interface HitcheckRoundOrganisationsTable {
  roundId: string;
  organisationId: string;
}

export interface HitcheckAnswersTable {
  roundId: string;
  subjectId: string;
  organisationId: string;
  answer: HitAnswer;
  answeredBy: string | null;
  answeredAt: Timestamp;
}

export interface MeetingsTable {
  id: Generated<string>;
  regionId: string;
  collaborationId: string;
  districtId: string;
  kind: MeetingKind;
  date: DateColumn;
  /** The municipality whose local meeting (LOO) it is; none for a district's meeting. */
  municipalityCode: ColumnType<string | null, string | null | undefined, string | null>;
  createdBy: string | null;
  createdAt: Timestamp;
}

export interface MeetingOrganisationsTable {
  meetingId: string;
  organisationId: string;
}

export interface MeetingAgendaTable {
  meetingId: string;
  signalId: string;
  position: number;
  outcome: string | null;
  priority: number | null;
}

export interface CollaborationsTable {
  id: Generated<string>;
  regionId: string;
  kind: CollaborationKind;
  name: string;
  /** The disclosure gate's k: the fewest records a published cell or row may stand for (5 or more). */
  disclosureMinimum: Generated<number>;
  createdAt: Generated<Date>;
}

export interface CollaborationMembersTable {
  collaborationId: string;
  organisationId: string;
  role: MemberRole;
  joinedOn: DateColumn;
  leftOn: DateColumn | null;
}

export interface CollaborationPurposesTable {
  id: Generated<string>;
  collaborationId: string;
  code: string;
  description: string;
}

export interface CollaborationEventsTable {
  id: Generated<string>;
  collaborationId: string;
  type: string;
  details: EventDetails;
  userId: string | null;
  at: Timestamp;
}

export interface RetentionTermsTable {
  collaborationId: string;
  recordKind: RetentionRecordKind;
  runsFrom: RetentionStart;
  months: number;
}

export interface LegalBasesTable {
  id: Generated<string>;
  collaborationId: string;
  code: string;
  name: string;
}

export interface InterventionCatalogueTable {
  id: Generated<string>;
  regionId: string;
  kind: InterventionKind;
  code: string;
  name: string;
}

export interface CasesTable {
  id: Generated<string>;
  regionId: string;
  collaborationId: string;
  reference: string;
  codeName: string;
  origin: CaseOrigin;
  /** Null for a regional case outside the districts. */
  districtId: string | null;
  type: CaseType;
  directorId: string | null;
  phase: CasePhase;
  goal: string | null;
  strategy: string | null;
  startedOn: DateColumn;
  closedOn: DateColumn | null;
  createdBy: string | null;
  createdAt: Timestamp;
  /** Destroyed: only what the accountability figures count is left. */
  destroyedAt: LaterTimestamp;
}

export interface CaseOpenPeriodsTable {
  caseId: string;
  openedOn: DateColumn;
  closedOn: DateColumn | null;
}

export interface DistrictTargetsTable {
  districtId: string;
  year: number;
  measure: TargetMeasure;
  minimum: number;
  maximum: number | null;
  note: string | null;
  setBy: string | null;
  setAt: Timestamp;
}

export interface AnalysisProductsTable {
  id: Generated<string>;
  regionId: string;
  districtId: string | null;
  title: string;
  deliveredOn: DateColumn;
  createdBy: string | null;
  createdAt: Timestamp;
}

export interface SubjectsTable {
  id: Generated<string>;
  regionId: string;
  kind: RegisterKind;
  label: string;
  data: Json<RegisterData>;
  bsn: string | null;
  kvkNumber: string | null;
  rsin: string | null;
  iban: string | null;
  plate: string | null;
  addressKey: string | null;
  surnameKey: string | null;
  givenName: string | null;
  /** A person's matching features (subjects' matching.ts), opaque to everything else. */
  features: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  /** The features of the person's other records (sources that linked to it), when they differ. */
  variants: ColumnType<unknown[] | null, string | null | undefined, string | null>;
  mergedInto: string | null;
  /** The subject this one is merged into at the end of the chain; itself when not merged. */
  rootId: ColumnType<string, string | undefined, string>;
  createdAt: Timestamp;
}

export interface SubjectKeysTable {
  key: string;
  subjectId: string;
}

export interface SubjectNameCountsTable {
  regionId: string;
  kind: 'total' | 'surname' | 'given';
  value: string;
  count: number;
}

export interface SubjectSightingsTable {
  id: Generated<string>;
  subjectId: string;
  collaborationId: string;
  caseId: string | null;
  signalId: string | null;
  caseSubjectId: string | null;
  signalSubjectId: string | null;
  organisationId: string | null;
  role: SubjectRole | null;
  source: SightingSource;
  /** The source's own data of the subject, as it was seen there. */
  data: Json<RegisterData>;
  /** For a signal's sighting: the case the signal became (one matter with it). */
  signalCaseId: string | null;
  seenAt: Timestamp;
}

export interface SubjectRelationsTable {
  id: Generated<string>;
  regionId: string;
  collaborationId: string;
  fromId: string;
  toId: string;
  type: RelationType;
  caseId: string | null;
  signalId: string | null;
  organisationId: string | null;
  startDate: DateColumn | null;
  endDate: DateColumn | null;
  createdBy: string | null;
  createdAt: Timestamp;
}

export interface MatchSuggestionsTable {
  id: Generated<string>;
  regionId: string;
  subjectA: string;
  subjectB: string;
  probability: number;
  evidence: Json<MatchEvidence[]>;
  /** The subject whose household lifted the score (the partner at the other's address), if any. */
  viaSubject: string | null;
  status: ColumnType<SuggestionStatus, SuggestionStatus | undefined, SuggestionStatus>;
  decidedBy: string | null;
  decidedAt: NullableTimestamp;
  createdAt: Timestamp;
}

export interface SubjectMergesTable {
  id: Generated<string>;
  regionId: string;
  survivorId: string;
  mergedId: string;
  suggestionId: string | null;
  mergedBy: string | null;
  mergedAt: Timestamp;
  undoneBy: string | null;
  undoneAt: NullableTimestamp;
}

export interface SubjectConflictsTable {
  id: Generated<string>;
  regionId: string;
  /** The subject the register had. */
  subjectA: string;
  /** The record that shares its identifier but clearly is someone else. */
  subjectB: string;
  identifier: 'bsn';
  evidence: Json<MatchEvidence[]>;
  createdAt: Timestamp;
}

export interface FtmImportsTable {
  id: Generated<string>;
  caseId: string;
  /** The parsed entities under review (imports' ftm parser), opaque to everything else. */
  entities: Json<unknown[]>;
  report: Json<{
    accepted: Array<{ line: number; schema: string; caption: string }>;
    refused: Array<{ line: number; reason: string }>;
  }>;
  status: ColumnType<ImportStatus, ImportStatus | undefined, ImportStatus>;
  createdBy: string | null;
  createdAt: Timestamp;
}

export interface NotificationsTable {
  id: Generated<string>;
  recipientId: string;
  kind: NotificationKind;
  /** A path in the web app. */
  link: string;
  /** Dutch, without personal data. */
  text: string;
  createdAt: Timestamp;
  readAt: NullableTimestamp;
}

export interface NotificationTriggersTable {
  key: string;
  createdAt: Timestamp;
}

export interface NotificationPreferencesTable {
  userId: string;
  kind: NotificationKind;
  email: boolean;
}

export interface NotificationMailsTable {
  notificationId: string;
  createdAt: Timestamp;
  attempts: Generated<number>;
  nextAttemptAt: Timestamp;
  claimedUntil: NullableTimestamp;
  sentAt: NullableTimestamp;
  lastError: string | null;
}

export interface CaseSignalsTable {
  caseId: string;
  signalId: string;
}

export interface CaseOriginOrganisationsTable {
  caseId: string;
  organisationId: string;
}

export interface CaseMunicipalitiesTable {
  caseId: string;
  municipalityCode: string;
}

export interface CaseThemesTable {
  caseId: string;
  themeId: string;
}

export interface CaseParticipantsTable {
  id: Generated<string>;
  caseId: string;
  organisationId: string;
  addedAt: Timestamp;
  addedReason: string;
  removedAt: NullableTimestamp;
  removedReason: string | null;
}

export interface CaseEventsTable {
  id: Generated<string>;
  caseId: string;
  type: string;
  /** When it was recorded; `happenedOn` is the date the step itself happened. */
  at: Timestamp;
  happenedOn: DateColumn;
  userId: string | null;
  organisationId: string | null;
  details: EventDetails;
}

export interface CaseSubjectsTable {
  id: Generated<string>;
  caseId: string;
  kind: SubjectKind;
  role: SubjectRole;
  label: string;
  data: Json<SubjectInput>;
  signalSubjectId: string | null;
  addedAt: Timestamp;
}

export interface ProvisionsTable {
  id: Generated<string>;
  caseId: string;
  collaborationId: string;
  organisationId: string;
  subjectId: string | null;
  providedOn: DateColumn;
  legalBasisId: string;
  classification: Classification;
  title: string;
  body: string;
  createdBy: string | null;
  createdAt: Timestamp;
}

export interface CaseMatrixTable {
  id: Generated<string>;
  caseId: string;
  barrier: string;
  catalogueId: string;
  organisationId: string;
  chosen: Generated<boolean>;
}

export interface AdvicesTable {
  id: Generated<string>;
  caseId: string;
  kind: InterventionKind;
  organisationId: string;
  givenOn: DateColumn;
  status: AdviceStatus;
  description: string;
  createdBy: string | null;
}

export interface InterventionsTable {
  id: Generated<string>;
  caseId: string;
  adviceId: string | null;
  kind: InterventionKind;
  organisationId: string;
  carriedOutOn: DateColumn;
  description: string;
  outcome: string | null;
}

export interface ResultsTable {
  id: Generated<string>;
  caseId: string;
  interventionId: string | null;
  /** A later collection or settlement: the confiscation it pays off. */
  confiscationId: string | null;
  kind: ResultKind;
  organisationId: string;
  imposedCents: number | null;
  imposedOn: DateColumn | null;
  collectedCents: number | null;
  collectedOn: DateColumn | null;
  settledCents: number | null;
  settledOn: DateColumn | null;
  count: number | null;
  description: string | null;
  recordedOn: DateColumn;
}

export interface CommunicationsTable {
  id: Generated<string>;
  caseId: string;
  onDate: DateColumn;
  channel: string;
  description: string;
}

export interface EvaluationsTable {
  caseId: string;
  whatWorked: string | null;
  whatDidNot: string | null;
  lessons: string | null;
  waivedReason: string | null;
  recordedAt: Timestamp;
  recordedBy: string | null;
}

export interface AttachmentsTable {
  id: Generated<string>;
  caseId: string;
  collaborationId: string;
  provisionId: string | null;
  organisationId: string;
  title: string;
  documentType: AttachmentDocumentType;
  classification: Classification;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  storageName: string;
  uploadedBy: string | null;
  uploadedAt: Timestamp;
}

export interface CasePrioritiesTable {
  caseId: string;
  quarter: string;
  priority: number;
  setBy: string | null;
  setAt: Timestamp;
}

/** The database as Kysely sees it: snake_case in SQL, camelCase here (CamelCasePlugin). */
export interface LocationProjectsTable {
  id: Generated<string>;
  regionId: string;
  collaborationId: string;
  districtId: string | null;
  name: string;
  description: string | null;
  baselineOn: DateColumn | null;
  createdAt: Timestamp;
  createdBy: string | null;
}

export interface LocationsTable {
  id: Generated<string>;
  regionId: string;
  collaborationId: string;
  projectId: string | null;
  kind: LocationKind;
  name: string | null;
  postcode: string | null;
  houseNumber: number | null;
  houseLetter: string | null;
  houseNumberAddition: string | null;
  street: string | null;
  place: string | null;
  municipalityCode: string;
  bagId: string | null;
  latitude: number | null;
  longitude: number | null;
  pointSource: 'address-register' | 'map' | null;
  organisationId: string;
  status: LocationStatus;
  inBaseline: boolean;
  flaggedOn: DateColumn;
  createdAt: Timestamp;
  createdBy: string | null;
}

export interface LocationEventsTable {
  id: Generated<string>;
  locationId: string;
  type: LocationStatus;
  happenedOn: DateColumn;
  recordedAt: Timestamp;
  organisationId: string;
  userId: string | null;
  note: string | null;
  details: EventDetails;
}

export interface LocationSubjectsTable {
  locationId: string;
  subjectId: string;
  role: LocationSubjectRole;
  addedAt: Timestamp;
  addedBy: string | null;
}

export interface LocationCasesTable {
  locationId: string;
  caseId: string;
}

export interface InspectionsTable {
  id: Generated<string>;
  regionId: string;
  collaborationId: string;
  projectId: string | null;
  caseId: string | null;
  municipalityCode: string;
  integral: boolean;
  plannedOn: DateColumn;
  heldOn: DateColumn | null;
  cancelledOn: DateColumn | null;
  organisationId: string;
  note: string | null;
  createdAt: Timestamp;
  createdBy: string | null;
}

export interface InspectionOrganisationsTable {
  inspectionId: string;
  organisationId: string;
}

export interface InspectionLocationsTable {
  inspectionId: string;
  locationId: string;
}

export interface InspectionFindingsTable {
  id: Generated<string>;
  inspectionId: string;
  organisationId: string;
  kind: FindingKind;
  description: string;
  count: number | null;
  recordedAt: Timestamp;
  recordedBy: string | null;
}

export interface InspectionFollowUpsTable {
  id: Generated<string>;
  inspectionId: string;
  kind: FollowUpKind;
  signalId: string | null;
  caseId: string | null;
  note: string | null;
  recordedAt: Timestamp;
  recordedBy: string | null;
}

export interface AddressRegisterTable {
  regionId: string;
  postcode: string;
  houseNumber: number;
  houseLetter: Generated<string>;
  houseNumberAddition: Generated<string>;
  street: string;
  place: string;
  municipalityCode: string | null;
  bagId: string | null;
  latitude: number;
  longitude: number;
  loadId: string;
}

export interface AddressRegisterLoadsTable {
  id: Generated<string>;
  regionId: string;
  fileName: string;
  fileHash: string;
  format: 'csv' | 'gpkg' | 'xlsx';
  rows: number;
  accepted: number;
  rejected: number;
  loadedAt: Timestamp;
  loadedBy: string | null;
}

export interface MapLayersTable {
  id: Generated<string>;
  regionId: string;
  kind: 'opportunity' | 'risk';
  name: string;
  municipalityCode: string | null;
  baseTeamId: string | null;
  madeOn: DateColumn;
  organisationId: string;
  source: string | null;
  features: Json<MapLayerFeatures>;
  featureCount: number;
  createdAt: Timestamp;
  createdBy: string | null;
}

export interface ProgrammesTable {
  id: Generated<string>;
  regionId: string;
  year: number;
  kind: ProgrammeKind;
  districtId: string | null;
  name: string;
  description: string | null;
  position: Generated<number>;
  createdAt: Timestamp;
  createdBy: string | null;
}

export interface ProgrammeGoalsTable {
  id: Generated<string>;
  programmeId: string;
  position: number;
  text: string;
  scopeKind: GoalScopeKind;
  districtId: string | null;
  baseTeamId: string | null;
  municipalityCode: string | null;
  periodFrom: DateColumn;
  periodTo: DateColumn;
  targetKind: TargetKind;
  /** numeric: read as a string. */
  targetMinimum: ColumnType<string | null, number | null, number | null>;
  targetMaximum: ColumnType<string | null, number | null, number | null>;
  targetText: string | null;
  resultKind: GoalResultKind;
  indicators: Json<IndicatorRef[]>;
  createdAt: Timestamp;
  createdBy: string | null;
  updatedAt: Timestamp;
  updatedBy: string | null;
}

export interface GoalResultsTable {
  id: Generated<string>;
  goalId: string;
  value: ColumnType<string | null, number | null, number | null>;
  text: string | null;
  source: string;
  recordedOn: DateColumn;
  recordedAt: Timestamp;
  recordedBy: string | null;
}

export interface ActivityKindsTable {
  regionId: string;
  code: string;
  name: string;
  createdAt: Timestamp;
  createdBy: string | null;
}

export interface ActivitiesTable {
  id: Generated<string>;
  regionId: string;
  kind: string;
  title: string;
  heldOn: DateColumn;
  municipalityCode: string | null;
  partnerId: string | null;
  participants: number | null;
  pupils: number | null;
  dossiers: number | null;
  reach: number | null;
  caseId: string | null;
  programmeId: string | null;
  note: string | null;
  organisationId: string;
  recordedAt: Timestamp;
  recordedBy: string | null;
}

export interface NormsTable {
  id: Generated<string>;
  regionId: string;
  districtId: string | null;
  name: string;
  description: string | null;
  createdAt: Timestamp;
  createdBy: string | null;
}

export interface NormVersionsTable {
  id: Generated<string>;
  normId: string;
  number: number;
  validFrom: DateColumn;
  note: string | null;
  createdAt: Timestamp;
  createdBy: string | null;
}

export interface NormAmbitionsTable {
  versionId: string;
  code: string;
  position: number;
  title: string;
  description: string | null;
}

export interface NormMembersTable {
  versionId: string;
  organisationId: string;
}

export interface NormStatusesTable {
  id: Generated<string>;
  normId: string;
  organisationId: string;
  ambitionCode: string;
  status: NormStatus;
  happenedOn: DateColumn;
  evidence: string | null;
  recordedAt: Timestamp;
  recordedBy: string | null;
  recordingOrganisationId: string;
}

export interface NormReviewsTable {
  id: Generated<string>;
  normId: string;
  versionId: string;
  heldOn: DateColumn;
  note: string | null;
  createdAt: Timestamp;
  createdBy: string | null;
}

export interface NormReviewPointsTable {
  id: Generated<string>;
  reviewId: string;
  position: number;
  organisationId: string;
  ambitionCode: string;
  status: 'not-started' | 'in-progress';
  since: DateColumn | null;
  outcome: string | null;
  outcomeRecordedAt: NullableTimestamp;
  outcomeRecordedBy: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ScansTable {
  id: Generated<string>;
  regionId: string;
  name: string;
  kind: ScanKind;
  subject: ScanSubject;
  description: string | null;
  createdAt: Timestamp;
  createdBy: string | null;
}

export interface ScanVersionsTable {
  id: Generated<string>;
  scanId: string;
  number: number;
  definition: Json<ScanDefinition>;
  note: string | null;
  createdAt: Timestamp;
  createdBy: string | null;
}

/** A run's or an object's answers: the chosen option's value per question code. */
export type StoredScanAnswers = Array<{ code: string; value: string }>;

export interface ScanRunsTable {
  id: Generated<string>;
  regionId: string;
  scanId: string;
  versionId: string;
  municipalityCode: string;
  heldOn: DateColumn;
  answers: ColumnType<StoredScanAnswers | null, string | null, string | null>;
  note: string | null;
  organisationId: string;
  recordedAt: Timestamp;
  recordedBy: string | null;
}

export interface ScanRunObjectsTable {
  id: Generated<string>;
  runId: string;
  position: number;
  answers: Json<StoredScanAnswers>;
  locationId: string | null;
}

export interface ScanActionsTable {
  id: Generated<string>;
  runId: string;
  title: string;
  questionCode: string | null;
  dueOn: DateColumn | null;
  createdAt: Timestamp;
  createdBy: string | null;
}

export interface ScanActionStepsTable {
  id: Generated<string>;
  actionId: string;
  status: ScanActionStatus;
  happenedOn: DateColumn;
  note: string | null;
  organisationId: string;
  recordedAt: Timestamp;
  recordedBy: string | null;
}

export interface FinanceLinesTable {
  regionId: string;
  year: number;
  line: string;
  /** numeric: read as a string. */
  budget: ColumnType<string | null, number | null, number | null>;
  realisation: ColumnType<string | null, number | null, number | null>;
  updatedAt: Timestamp;
  updatedBy: string | null;
}

export interface ImportsTable {
  id: Generated<string>;
  regionId: string;
  organisationId: string;
  kind: string;
  mode: 'dry-run' | 'commit';
  status: 'checked' | 'committed' | 'refused';
  fileName: string;
  fileSha256: string;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  separator: string | null;
  sheet: string | null;
  sheets: ColumnType<string[], string, string>;
  mapping: ColumnType<Array<{ column: string; field: string | null; label: string | null }>, string, string>;
  rows: number;
  accepted: number;
  rejected: number;
  skipped: number;
  written: number;
  problems: ColumnType<ImportRowProblem[], string, string>;
  skippedRows: ColumnType<Array<{ line: number; reason: string }>, string, string>;
  errorRows: ColumnType<
    { header: string[]; rows: Array<{ line: number; cells: Array<string | null>; error: string }> },
    string,
    string
  >;
  createdAt: Timestamp;
  createdBy: string | null;
}

/** Which case each of a source's own case numbers became, with the history it came with. */
export interface ImportedCasesTable {
  regionId: string;
  sourceKey: string;
  caseId: string | null;
  fingerprint: string;
  importId: string;
}

/** Which signal each of a source's own signal numbers became, for the organisation that imported it. */
export interface ImportedSignalsTable {
  regionId: string;
  organisationId: string;
  sourceKey: string;
  signalId: string | null;
  fingerprint: string;
  importId: string;
}

/** Which inspection each of a source's own inspection numbers became, for the organisation that imported it. */
export interface ImportedInspectionsTable {
  regionId: string;
  organisationId: string;
  sourceKey: string;
  inspectionId: string | null;
  fingerprint: string;
  importId: string;
}

/** A subject imported into a case: the case subject its source number became (null: destroyed since). */
export interface ImportedCaseSubjectsTable {
  caseId: string;
  sourceKey: string;
  caseSubjectId: string | null;
  fingerprint: string;
  importId: string;
}

/** An import waiting for, or run by, the job runner; its file is erased once the job ended. */
export interface ImportJobsTable {
  id: string;
  regionId: string;
  organisationId: string;
  kind: string;
  mode: 'dry-run' | 'commit';
  fileName: string;
  sheet: string | null;
  mapping: ColumnType<Record<string, string> | null, string | null, string | null>;
  /** The sealed file, base64. */
  file: string | null;
  status: 'queued' | 'running' | 'done' | 'failed';
  attempts: Generated<number>;
  importId: string | null;
  error: string | null;
  createdBy: string;
  createdAt: Timestamp;
  startedAt: NullableTimestamp;
  finishedAt: NullableTimestamp;
}

export interface ImportMappingsTable {
  organisationId: string;
  kind: string;
  mapping: ColumnType<Record<string, string>, string, string>;
  updatedAt: Timestamp;
}

export interface AnnualReportsTable {
  id: Generated<string>;
  regionId: string;
  year: number;
  title: string;
  status: 'draft' | 'published';
  createdAt: Timestamp;
  createdBy: string | null;
  publishedAt: NullableTimestamp;
  publishedBy: string | null;
  snapshot: ColumnType<PublishedReport | null, string | null | undefined, string | null>;
  snapshotSha256: string | null;
  pdf: Buffer | null;
}

export interface AnnualReportSectionsTable {
  id: Generated<string>;
  reportId: string;
  parentId: string | null;
  position: number;
  key: string;
  title: string;
  blocks: Json<ReportBlock[]>;
  ownerId: string | null;
  status: ReportSectionStatus;
}

export interface AnnualReportSectionVersionsTable {
  id: Generated<string>;
  sectionId: string;
  prose: string;
  status: 'draft' | 'submitted' | 'approved' | 'returned';
  note: string | null;
  recordedAt: Timestamp;
  recordedBy: string | null;
}

export type JobRunStatus = 'running' | 'ok' | 'partial' | 'error';

export interface JobRunsTable {
  id: Generated<string>;
  job: string;
  regionId: string | null;
  period: string;
  status: JobRunStatus;
  attempts: Generated<number>;
  startedAt: Timestamp;
  endedAt: LaterTimestamp;
  counts: ColumnType<Record<string, number>, string | undefined, string>;
  message: string | null;
  traceId: string;
}

export type HoldRecordKind = 'signal' | 'case';
export type HoldGround = 'criminal-investigation' | 'court-case' | 'woo-request' | 'complaint' | 'other';

export interface LegalHoldsTable {
  id: Generated<string>;
  regionId: string;
  recordKind: HoldRecordKind;
  recordId: string;
  ground: HoldGround;
  reason: string;
  placedBy: string | null;
  placedAt: Timestamp;
  liftedBy: string | null;
  liftedAt: LaterTimestamp;
  liftReason: string | null;
}

export type DestructionListStatus = 'draft' | 'submitted' | 'approved' | 'executed' | 'returned';

export interface DestructionListsTable {
  id: Generated<string>;
  regionId: string;
  collaborationId: string;
  draftedOn: DateColumn;
  runId: string | null;
  status: DestructionListStatus;
  submittedBy: string | null;
  submittedAt: LaterTimestamp;
  approvedBy: string | null;
  approvedAt: LaterTimestamp;
  returnedReason: string | null;
  executedAt: LaterTimestamp;
}

export type DestructionItemStatus = 'due' | 'postponed' | 'held' | 'not-due' | 'destroyed';

export interface DestructionItemsTable {
  id: Generated<string>;
  listId: string;
  recordKind: RetentionRecordKind;
  recordId: string;
  label: string;
  organisationId: string | null;
  dueOn: DateColumn;
  status: DestructionItemStatus;
  destroyedAt: LaterTimestamp;
  counts: ColumnType<Record<string, number>, string | undefined, string>;
}

export interface RetentionPostponementsTable {
  id: Generated<string>;
  regionId: string;
  recordKind: RetentionRecordKind;
  recordId: string;
  listId: string | null;
  until: DateColumn;
  reason: string;
  postponedBy: string | null;
  postponedAt: Timestamp;
}

export interface DestructionReceiptsTable {
  listId: string;
  organisationId: string;
  counts: ColumnType<Record<string, number>, string, string>;
  issuedAt: Timestamp;
}

export interface PendingFileDeletionsTable {
  storageName: string;
  listId: string | null;
  recordedAt: Timestamp;
}

export interface DataSubjectRequestsTable {
  id: Generated<string>;
  regionId: string;
  reference: string;
  kind: DsrKind;
  receivedOn: DateColumn;
  surname: string;
  firstNames: string | null;
  dateOfBirth: DateColumn;
  bsn: string | null;
  contact: string;
  identityCheck: (typeof identityChecks)[number];
  identityCheckedOn: DateColumn;
  details: string | null;
  deadline: DateColumn;
  extensionNoticeOn: DateColumn | null;
  extensionReason: string | null;
  registeredBy: string | null;
  registeredAt: Timestamp;
  answeredOn: DateColumn | null;
  answeredBy: string | null;
  answer: ColumnType<DsrAnswer | null, string | null, string | null>;
}

export interface DataSubjectRequestTasksTable {
  id: Generated<string>;
  requestId: string;
  organisationId: string;
  ownerId: string | null;
}

export interface DataSubjectRequestMatchesTable {
  id: Generated<string>;
  requestId: string;
  taskId: string;
  recordKind: DsrRecordKind;
  recordId: string | null;
  label: string;
  found: string;
  matchedBy: 'bsn' | 'name-and-birth';
  review: 'pending' | 'confirmed' | 'rejected';
  reviewedBy: string | null;
  decision: DsrDecision | null;
  ground: RefusalGround | null;
  explanation: string | null;
  decidedBy: string | null;
  decidedAt: NullableTimestamp;
}

export interface DB {
  dataSubjectRequests: DataSubjectRequestsTable;
  dataSubjectRequestTasks: DataSubjectRequestTasksTable;
  dataSubjectRequestMatches: DataSubjectRequestMatchesTable;
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
  processingLogAnchors: ProcessingLogAnchorsTable;
  userActionLog: UserActionLogTable;
  signals: SignalsTable;
  signalOrganisations: SignalOrganisationsTable;
  signalThemes: SignalThemesTable;
  signalSubjects: SignalSubjectsTable;
  signalEvents: SignalEventsTable;
  hitcheckRounds: HitcheckRoundsTable;
  hitcheckRoundSubjects: HitcheckRoundSubjectsTable;
  hitcheckRoundOrganisations: HitcheckRoundOrganisationsTable;
  hitcheckAnswers: HitcheckAnswersTable;
  meetings: MeetingsTable;
  meetingOrganisations: MeetingOrganisationsTable;
  meetingAgenda: MeetingAgendaTable;
  collaborations: CollaborationsTable;
  collaborationMembers: CollaborationMembersTable;
  collaborationPurposes: CollaborationPurposesTable;
  collaborationEvents: CollaborationEventsTable;
  retentionTerms: RetentionTermsTable;
  legalBases: LegalBasesTable;
  interventionCatalogue: InterventionCatalogueTable;
  cases: CasesTable;
  caseSignals: CaseSignalsTable;
  caseOriginOrganisations: CaseOriginOrganisationsTable;
  caseMunicipalities: CaseMunicipalitiesTable;
  caseThemes: CaseThemesTable;
  caseParticipants: CaseParticipantsTable;
  caseEvents: CaseEventsTable;
  caseSubjects: CaseSubjectsTable;
  provisions: ProvisionsTable;
  caseMatrix: CaseMatrixTable;
  advices: AdvicesTable;
  interventions: InterventionsTable;
  results: ResultsTable;
  communications: CommunicationsTable;
  evaluations: EvaluationsTable;
  casePriorities: CasePrioritiesTable;
  attachments: AttachmentsTable;
  caseOpenPeriods: CaseOpenPeriodsTable;
  districtTargets: DistrictTargetsTable;
  analysisProducts: AnalysisProductsTable;
  subjects: SubjectsTable;
  subjectKeys: SubjectKeysTable;
  subjectNameCounts: SubjectNameCountsTable;
  subjectSightings: SubjectSightingsTable;
  subjectRelations: SubjectRelationsTable;
  matchSuggestions: MatchSuggestionsTable;
  subjectMerges: SubjectMergesTable;
  subjectConflicts: SubjectConflictsTable;
  ftmImports: FtmImportsTable;
  notifications: NotificationsTable;
  notificationTriggers: NotificationTriggersTable;
  notificationPreferences: NotificationPreferencesTable;
  notificationMails: NotificationMailsTable;
  locationProjects: LocationProjectsTable;
  locations: LocationsTable;
  locationEvents: LocationEventsTable;
  locationSubjects: LocationSubjectsTable;
  locationCases: LocationCasesTable;
  inspections: InspectionsTable;
  inspectionOrganisations: InspectionOrganisationsTable;
  inspectionLocations: InspectionLocationsTable;
  inspectionFindings: InspectionFindingsTable;
  inspectionFollowUps: InspectionFollowUpsTable;
  addressRegister: AddressRegisterTable;
  addressRegisterLoads: AddressRegisterLoadsTable;
  mapLayers: MapLayersTable;
  programmes: ProgrammesTable;
  programmeGoals: ProgrammeGoalsTable;
  goalResults: GoalResultsTable;
  activityKinds: ActivityKindsTable;
  activities: ActivitiesTable;
  financeLines: FinanceLinesTable;
  imports: ImportsTable;
  importMappings: ImportMappingsTable;
  importedCases: ImportedCasesTable;
  importedSignals: ImportedSignalsTable;
  importedInspections: ImportedInspectionsTable;
  importedCaseSubjects: ImportedCaseSubjectsTable;
  importJobs: ImportJobsTable;
  annualReports: AnnualReportsTable;
  annualReportSections: AnnualReportSectionsTable;
  annualReportSectionVersions: AnnualReportSectionVersionsTable;
  norms: NormsTable;
  normVersions: NormVersionsTable;
  normAmbitions: NormAmbitionsTable;
  normMembers: NormMembersTable;
  normStatuses: NormStatusesTable;
  normReviews: NormReviewsTable;
  normReviewPoints: NormReviewPointsTable;
  scans: ScansTable;
  scanVersions: ScanVersionsTable;
  scanRuns: ScanRunsTable;
  scanRunObjects: ScanRunObjectsTable;
  scanActions: ScanActionsTable;
  scanActionSteps: ScanActionStepsTable;
  jobRuns: JobRunsTable;
  legalHolds: LegalHoldsTable;
  destructionLists: DestructionListsTable;
  destructionItems: DestructionItemsTable;
  retentionPostponements: RetentionPostponementsTable;
  destructionReceipts: DestructionReceiptsTable;
  pendingFileDeletions: PendingFileDeletionsTable;
}
