export { auditRules } from './audit.access.js';
export { type ActionSpec, AuditRecorder } from './audit.recorder.js';
// The records and their hash chain, for the benchmark's baseline that writes the same rows.
export {
  CHAINS,
  type ChainHeads,
  chainHash,
  GENESIS,
  isChainConflict,
  processingContent,
  userActionContent,
} from './audit.repository.js';
export { auditRoutes } from './audit.routes.js';
export { AuditService, type ChainReport, type Work } from './audit.service.js';
export { loadProcessingActivities } from './processing-activities.js';
export { pseudonymise, type SubjectIdentifier } from './pseudonym.js';
export { traceFrom, traceparentOf } from './trace.js';
