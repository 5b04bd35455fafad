export { AttachmentsService } from './attachments.service.js';
export { CaseInformationService } from './case-information.service.js';
export { type ImportedSubjectRef, importCaseSubjects } from './case-subjects.js';
export { casesRules, manageableCases, participatesInCase } from './cases.access.js';
export {
  type CaseHistoryRows,
  deleteAttachments,
  destroyContent as destroyCaseContent,
  insertCaseHistories,
  lockForDestruction as lockCasesForDestruction,
  namesOf as caseNames,
  nextReferences as nextCaseReferences,
  openWithin as casesOpenWithin,
  referencesOf as caseReferences,
} from './cases.repository.js';
export { casesRoutes } from './cases.routes.js';
export { searchCases } from './cases.search.js';
export {
  type CaseInterventionsReader,
  type CaseStep,
  CasesService,
} from './cases.service.js';
