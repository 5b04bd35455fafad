export { AttachmentsService } from './attachments.service.js';
export { casesRules } from './cases.access.js';
export { loadCaseConfiguration } from './cases.repository.js';
export { casesRoutes } from './cases.routes.js';
export { CasesService } from './cases.service.js';
export { seedDemoCases } from './demo-cases.js';
