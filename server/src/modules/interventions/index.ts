export { clearCaseTexts as clearInterventionTexts } from './interventions.repository.js';
export { interventionsRoutes } from './interventions.routes.js';
export {
  caseInterventions,
  InterventionsService,
  loadInterventionCatalogue,
} from './interventions.service.js';
