export { apiTokensRules } from './api-tokens.access.js';
export type { ApiTokenRow } from './api-tokens.repository.js';
export { apiTokensRoutes } from './api-tokens.routes.js';
export { ApiTokensService } from './api-tokens.service.js';
