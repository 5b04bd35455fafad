export { dsrRoutes } from './dsr.routes.js';
export { type DsrDeps, DsrService } from './dsr.service.js';
export { privacyRules } from './privacy.access.js';
export { privacyRoutes } from './privacy.routes.js';
export { SharingService } from './register.service.js';
export {
  DESTROY_JOB,
  DRAFT_JOB,
  LOG_ROTATE_JOB,
  type RetentionDeps,
  RetentionService,
} from './retention.service.js';
