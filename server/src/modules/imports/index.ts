export { importsRoutes } from './imports.routes.js';
export { ImportsService } from './imports.service.js';
