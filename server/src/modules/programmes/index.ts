export {
  ActivitiesService,
  type ActivityLookups,
  activitiesHeldWithin,
  activityLookups,
  activityProblems,
  recordActivities,
} from './activities.service.js';
export { indicators } from './indicators.js';
export { normsRules } from './norms.access.js';
export { normsRoutes } from './norms.routes.js';
export { NormsService } from './norms.service.js';
export { programmesRules } from './programmes.access.js';
export { programmesRoutes } from './programmes.routes.js';
export { ProgrammesService, programmesOfYear } from './programmes.service.js';
export { scansRules } from './scans.access.js';
export { scansRoutes } from './scans.routes.js';
export { ScansService } from './scans.service.js';
