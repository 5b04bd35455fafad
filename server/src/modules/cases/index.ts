export { AttachmentsService } from './attachments.service.js';
export { CaseInformationService } from './case-information.service.js';
export { casesRules } from './cases.access.js';
export { referencesOf as caseReferences } from './cases.repository.js';
export { casesRoutes } from './cases.routes.js';
export {
  type CaseInterventionsReader,
  type CaseStep,
  CasesService,
} from './cases.service.js';
