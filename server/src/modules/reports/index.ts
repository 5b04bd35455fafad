export { accountabilityTable, type Period, type ReportScope } from './engine.js';
export { reportsRules } from './reports.access.js';
export { reportsRoutes } from './reports.routes.js';
export { ReportsService } from './reports.service.js';
