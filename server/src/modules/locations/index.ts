export { locationsRules } from './locations.access.js';
export { locationsRoutes } from './locations.routes.js';
export { LocationsService } from './locations.service.js';
