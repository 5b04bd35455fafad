export { searchRules } from './search.access.js';
export { searchRoutes } from './search.routes.js';
export { SearchService } from './search.service.js';
