export { reportsRules } from './reports.access.js';
export { accountabilityTable, type Period, type ReportScope } from './reports.repository.js';
export { reportsRoutes } from './reports.routes.js';
export { ReportsService } from './reports.service.js';
