export { auditRules } from './audit.access.js';
export type { ActionSpec, AuditRecorder } from './audit.recorder.js';
export { auditRoutes } from './audit.routes.js';
export { AuditService, type ChainReport, type Work } from './audit.service.js';
export { loadProcessingActivities } from './processing-activities.js';
export { pseudonymise, type SubjectIdentifier } from './pseudonym.js';
export { traceFrom, traceparentOf } from './trace.js';
