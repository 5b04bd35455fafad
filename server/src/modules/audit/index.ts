export { auditRules } from './audit.access.js';
export { type ActionSpec, AuditRecorder } from './audit.recorder.js';
// The log rows of a batch, for the benchmark's baseline that writes the same rows itself.
export {
  appendLogParameters,
  CHAINS,
  type ChainHeads,
  GENESIS,
  isChainConflict,
} from './audit.repository.js';
export { auditRoutes } from './audit.routes.js';
export {
  AuditService,
  type ChainReport,
  DEFAULT_LOG_MONTHS,
  MIN_LOG_MONTHS,
  type Work,
} from './audit.service.js';
export { loadProcessingActivities } from './processing-activities.js';
export { pseudonymise, type SubjectIdentifier } from './pseudonym.js';
export { traceFrom, traceparentOf } from './trace.js';
