export { annualReportsRules } from './annual-reports.access.js';
export { reportPdf } from './annual-reports.pdf.js';
export { annualReportsRoutes } from './annual-reports.routes.js';
export { AnnualReportsService } from './annual-reports.service.js';
