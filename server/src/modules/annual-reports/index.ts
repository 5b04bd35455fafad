export { annualReportsRules } from './annual-reports.access.js';
// The charts and maps (pure), and the reads of a published report: for the benchmark.
export { barChart, choropleth } from './annual-reports.graphics.js';
export { reportPdf } from './annual-reports.pdf.js';
export { publishedTable, snapshotOf } from './annual-reports.repository.js';
export { annualReportsRoutes } from './annual-reports.routes.js';
export { AnnualReportsService } from './annual-reports.service.js';
