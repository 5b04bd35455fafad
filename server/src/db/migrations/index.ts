import type { Migration } from 'kysely';
import * as referenceData from './20261128T163000-reference-data.js';
import * as identityAndAudit from './20261128T180000-identity-and-audit.js';
import * as signals from './20261128T190000-signals.js';
import * as cases from './20261128T200000-cases.js';
import * as accountability from './20261128T210000-accountability.js';
import * as subjects from './20261128T220000-subjects.js';
import * as subjectFeatures from './20261128T230000-subject-features.js';
import * as moduleOwnership from './20261201T100000-module-ownership.js';
import * as signalReceivedFrom from './20261202T090000-signal-received-from.js';
import * as subjectConflicts from './20261202T100000-subject-conflicts.js';
import * as collaborations from './20261202T120000-collaborations.js';
import * as resultCollections from './20261203T090000-result-collections.js';
import * as datedSteps from './20261203T100000-dated-steps.js';
import * as personMatchingRecords from './20261206T093100-person-matching-records.js';
import * as passwordChange from './20261206T141500-password-change.js';
import * as attachmentMetadata from './20261206T141700-attachment-metadata.js';
import * as notifications from './20261206T142500-notifications.js';
import * as processingLogRecords from './20261206T143700-processing-log-records.js';
import * as searchIndexes from './20261206T143800-search-indexes.js';
import * as dutchSubjectLabels from './20261206T150000-dutch-subject-labels.js';
import * as locations from './20261206T160000-locations.js';
import * as mapLayers from './20261206T170000-map-layers.js';
import * as disclosureMinimum from './20261206T180000-disclosure-minimum.js';
import * as addressRegisterRegions from './20261206T190000-address-register-regions.js';
import * as programmes from './20261207T090000-programmes.js';
import * as normsAndScans from './20261207T100000-norms-and-scans.js';
import * as finance from './20261207T110000-finance.js';
import * as annualReports from './20261207T120000-annual-reports.js';
import * as imports from './20261207T150000-imports.js';
import * as dateSlipKeys from './20261207T160000-date-slip-keys.js';
import * as retention from './20261207T170000-retention.js';
import * as caseRecordIndexes from './20261207T180000-case-record-indexes.js';
import * as dataSubjectRequests from './20261207T190000-data-subject-requests.js';
import * as processingRegister from './20261207T200000-processing-register.js';
import * as processingLogPartitions from './20261207T210000-processing-log-partitions.js';
import * as installationJobRuns from './20261207T210100-installation-job-runs.js';
import * as notificationLinks from './20261207T220000-notification-links.js';
import * as importedCases from './20261207T230000-imported-cases.js';
import * as importJobs from './20261207T233000-import-jobs.js';
import * as importedSignals from './20261208T090000-imported-signals.js';
import * as importedInspections from './20261208T093000-imported-inspections.js';
import * as importedCaseSubjects from './20261208T100000-imported-case-subjects.js';
import * as addressRegisterImports from './20261208T103000-address-register-imports.js';
import * as suggestionHousehold from './20261208T110000-suggestion-household.js';

/**
 * Every migration, by its timestamped name. Listed statically so that compiled code, tsx and
 * the test runner load them the same way; migrations.test.ts checks none is left out.
 */
export const migrations: Record<string, Migration> = {
  '20261128T163000-reference-data': referenceData,
  '20261128T180000-identity-and-audit': identityAndAudit,
  '20261128T190000-signals': signals,
  '20261128T200000-cases': cases,
  '20261128T210000-accountability': accountability,
  '20261128T220000-subjects': subjects,
  '20261128T230000-subject-features': subjectFeatures,
  '20261201T100000-module-ownership': moduleOwnership,
  '20261202T090000-signal-received-from': signalReceivedFrom,
  '20261202T100000-subject-conflicts': subjectConflicts,
  '20261202T120000-collaborations': collaborations,
  '20261203T090000-result-collections': resultCollections,
  '20261203T100000-dated-steps': datedSteps,
  '20261206T093100-person-matching-records': personMatchingRecords,
  '20261206T141500-password-change': passwordChange,
  '20261206T141700-attachment-metadata': attachmentMetadata,
  '20261206T142500-notifications': notifications,
  '20261206T143700-processing-log-records': processingLogRecords,
  '20261206T143800-search-indexes': searchIndexes,
  '20261206T150000-dutch-subject-labels': dutchSubjectLabels,
  '20261206T160000-locations': locations,
  '20261206T170000-map-layers': mapLayers,
  '20261206T180000-disclosure-minimum': disclosureMinimum,
  '20261206T190000-address-register-regions': addressRegisterRegions,
  '20261207T090000-programmes': programmes,
  '20261207T100000-norms-and-scans': normsAndScans,
  '20261207T110000-finance': finance,
  '20261207T120000-annual-reports': annualReports,
  '20261207T150000-imports': imports,
  '20261207T160000-date-slip-keys': dateSlipKeys,
  '20261207T170000-retention': retention,
  '20261207T180000-case-record-indexes': caseRecordIndexes,
  '20261207T190000-data-subject-requests': dataSubjectRequests,
  '20261207T200000-processing-register': processingRegister,
  '20261207T210000-processing-log-partitions': processingLogPartitions,
  '20261207T210100-installation-job-runs': installationJobRuns,
  '20261207T220000-notification-links': notificationLinks,
  '20261207T230000-imported-cases': importedCases,
  '20261207T233000-import-jobs': importJobs,
  '20261208T090000-imported-signals': importedSignals,
  '20261208T093000-imported-inspections': importedInspections,
  '20261208T100000-imported-case-subjects': importedCaseSubjects,
  '20261208T103000-address-register-imports': addressRegisterImports,
  '20261208T110000-suggestion-household': suggestionHousehold,
};
