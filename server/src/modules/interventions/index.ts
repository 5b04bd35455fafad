export { interventionsRoutes } from './interventions.routes.js';
export {
  caseInterventions,
  InterventionsService,
  loadInterventionCatalogue,
} from './interventions.service.js';
