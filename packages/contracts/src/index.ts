export * from './audit.js';
export * from './health.js';
export * from './identity.js';
export * from './messages.js';
export * from './problem.js';
export * from './reference.js';

/** Version of the HTTP API, sent in the `API-Version` header of every response. */
export const API_VERSION = '1.0.0';
export const API_BASE_PATH = '/api/v1';
export * from './accountability-lines.js';
export * from './annual-reports.js';
export * from './cases.js';
export * from './collaborations.js';
export * from './finance.js';
export * from './identifiers.js';
export * from './imports.js';
export * from './lists.js';
export * from './locations.js';
export * from './names.js';
export * from './norms.js';
export * from './notifications.js';
export * from './programmes.js';
export * from './reports.js';
export * from './scans.js';
export * from './search.js';
export * from './signals.js';
export * from './subjects.js';
export * from './vocabulary.js';
