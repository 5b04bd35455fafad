export { reportsRules } from './reports.access.js';
export {
  accountabilityTable,
  caseCounts,
  districtFigures,
  interventionCounts,
  leadTimes,
  type Period,
  phaseAndResultCounts,
  type ReportScope,
} from './reports.repository.js';
export { reportsRoutes } from './reports.routes.js';
export { ReportsService } from './reports.service.js';
