export {
  clearCaseTexts as clearInterventionTexts,
  type InterventionHistoryRows,
  insertInterventionHistories,
} from './interventions.repository.js';
export { interventionsRoutes } from './interventions.routes.js';
export {
  caseInterventions,
  InterventionsService,
  loadInterventionCatalogue,
} from './interventions.service.js';
