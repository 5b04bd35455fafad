import type { AttachmentsConfig, AuthConfig, MailConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { AnnualReportsService } from '../modules/annual-reports/index.js';
import { ApiTokensService } from '../modules/api-tokens/index.js';
import { AuditService, loadProcessingActivities } from '../modules/audit/index.js';
import { AuthService, revokeSessions } from '../modules/auth/index.js';
import {
  AttachmentsService,
  CaseInformationService,
  CasesService,
  caseNames,
  caseReferences,
  importCaseSubjects,
} from '../modules/cases/index.js';
import { CollaborationsService, loadCovenants } from '../modules/collaborations/index.js';
import { FinanceService } from '../modules/finance/index.js';
import { HitcheckRounds, HitcheckService, roundsAwaitingAnswers } from '../modules/hitcheck/index.js';
import { ImportPipelineService, ImportsService } from '../modules/imports/index.js';
import {
  caseInterventions,
  InterventionsService,
  loadInterventionCatalogue,
} from '../modules/interventions/index.js';
import { AddressRegisterService, LocationsService, MapLayersService } from '../modules/locations/index.js';
import { MeetingsService } from '../modules/meetings/index.js';
import { NotificationMailer, NotificationsService, StepNotifier } from '../modules/notifications/index.js';
import {
  type LoadedRegion,
  loadReferenceData,
  OrganisationsService,
} from '../modules/organisations/index.js';
import { DsrService, RetentionService, SharingService } from '../modules/privacy/index.js';
import {
  ActivitiesService,
  NormsService,
  ProgrammesService,
  ScansService,
} from '../modules/programmes/index.js';
import { ReportsService } from '../modules/reports/index.js';
import { SearchService } from '../modules/search/index.js';
import { SignalQueue, SignalsService, signalReferences } from '../modules/signals/index.js';
import { personIdentifiers, SubjectSearch, SubjectsService } from '../modules/subjects/index.js';
import { displayNames, findUserById, UsersService } from '../modules/users/index.js';
import type { Keys } from '../shared/crypto.js';
import { Passwords } from '../shared/passwords.js';
import type { ServiceDeps } from '../shared/service.js';
import { createAccess } from './access.js';

export interface ServicesOptions {
  database: Database;
  keys: Keys;
  auth: AuthConfig;
  attachments: AttachmentsConfig;
  /** Off only for the benchmark's baseline: every action is logged otherwise. */
  auditEnabled?: boolean;
  /** The clock; the demo sets it to each step's date. */
  now?: () => Date;
  /** The password hasher; the test app injects the cheapest setting. */
  passwords?: Passwords;
  /** Where notification e-mails go; without it, notifications stay in the app. */
  mail?: MailConfig | null;
  /**
   * Whether a step on a case, a signal or a place answers with the record as it is after the step (the
   * API's answer; the default). The demo's history reads none of those answers, and building them
   * was half of its queries: it leaves them out.
   */
  stepAnswers?: boolean;
}

export type Services = ReturnType<typeof createServices>;

/**
 * The composition root: access, the processing log and every module's service, built from the
 * database, keys and configuration. HTTP, CLI, demo, tests and benchmarks all start here. Where
 * one module needs another, it is handed that module's service or reader here, so that no
 * module reaches past another's index.ts and none builds another's service.
 */
export function createServices(options: ServicesOptions) {
  const db = options.database.db;
  const access = createAccess();
  const audit = new AuditService({
    db,
    keys: options.keys,
    access,
    enabled: options.auditEnabled ?? true,
    users: {
      namesOf: displayNames,
      emailOf: async (trx, id) => (await findUserById(trx, id))?.email ?? null,
    },
    records: {
      labelsOf: async (trx, records) =>
        new Map([
          ...(await signalReferences(trx, records.signalIds)),
          ...(await caseNames(trx, records.caseIds)),
        ]),
    },
    persons: { identify: personIdentifiers },
  });
  const passwords = options.passwords ?? new Passwords();
  const deps: ServiceDeps = { db, access, audit, now: options.now ?? (() => new Date()) };

  const subjects = new SubjectsService({
    ...deps,
    references: {
      of: async (trx, records) =>
        new Map([
          ...(await caseReferences(trx, records.caseIds)),
          ...(await signalReferences(trx, records.signalIds)),
        ]),
    },
  });
  // Notifications are made in the steps' own transactions (through the port) and mailed after.
  const mailer = new NotificationMailer({ ...deps, config: options.mail ?? null });
  const notifier = new StepNotifier({ ...deps, mail: mailer });
  const rounds = new HitcheckRounds(deps);
  const signals = new SignalsService({ ...deps, rounds, notifier, answers: options.stepAnswers ?? true });
  const cases = new CasesService({
    ...deps,
    subjects,
    interventions: caseInterventions,
    notifier,
    answers: options.stepAnswers ?? true,
  });
  const information = new CaseInformationService({ cases });
  const locations = new LocationsService({ ...deps, answers: options.stepAnswers ?? true });
  return {
    database: options.database,
    access,
    audit,
    organisations: new OrganisationsService(deps),
    users: new UsersService({
      ...deps,
      keys: options.keys,
      passwords,
      sessions: { revokeAll: revokeSessions },
    }),
    apiTokens: new ApiTokensService(deps),
    collaborations: new CollaborationsService(deps),
    auth: new AuthService({ ...deps, keys: options.keys, config: options.auth, passwords }),
    signals,
    signalQueue: new SignalQueue({ ...deps, rounds }),
    hitcheck: new HitcheckService({ ...deps, signals, notifier }),
    meetings: new MeetingsService({ ...deps, signals }),
    locations,
    addressRegister: new AddressRegisterService(deps),
    mapLayers: new MapLayersService(deps),
    programmes: new ProgrammesService(deps),
    activities: new ActivitiesService(deps),
    finance: new FinanceService(deps),
    annualReports: new AnnualReportsService(deps),
    norms: new NormsService(deps),
    scans: new ScansService({ ...deps, locations }),
    cases,
    information,
    interventions: new InterventionsService({ cases }),
    attachments: new AttachmentsService({ ...deps, keys: options.keys, config: options.attachments }),
    reports: new ReportsService(deps),
    subjects,
    imports: new ImportsService({ ...deps, cases, information }),
    importPipeline: new ImportPipelineService({
      ...deps,
      keys: options.keys,
      ports: {
        flagLocation: (trx, actor, request) => locations.flagWithin(trx, actor, request),
        recordInspection: (trx, actor, request, outcome) =>
          locations.recordInspectionWithin(trx, actor, request, outcome),
        addCaseSubjects: (trx, target, subjects, relations, record) =>
          importCaseSubjects(trx, target, subjects, relations, record),
        submitSignal: (trx, actor, request, record) =>
          signals.createWithin(trx, actor, request, true, record),
      },
    }),
    notifications: new NotificationsService({
      ...deps,
      notifier,
      requests: { awaitingAnswers: roundsAwaitingAnswers },
      mailConfigured: mailer.configured,
    }),
    mailer,
    search: new SearchService({ ...deps, subjects: new SubjectSearch(deps) }),
    retention: new RetentionService({ ...deps, attachmentsDir: options.attachments.dir }),
    dataSubjectRequests: new DsrService({ ...deps, pseudonymKey: options.keys.pseudonym }),
    sharing: new SharingService(deps),
  };
}

/**
 * The reference data every installation needs: regions, the register of processing activities,
 * legal bases and the intervention catalogue. Idempotent.
 */
export async function loadReferences(
  database: Database,
): Promise<{ regions: LoadedRegion[]; activities: number }> {
  const regions = await loadReferenceData(database.db);
  const activities = await loadProcessingActivities(database.db);
  await loadCovenants(database.db);
  await loadInterventionCatalogue(database.db);
  return { regions, activities };
}
