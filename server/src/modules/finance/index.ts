export { financeRules } from './finance.access.js';
export { linesOf as financeLinesOf, upsertLines as recordFinanceLines } from './finance.repository.js';
export { financeRoutes } from './finance.routes.js';
export { FinanceService, financeLineProblems, financeYearOf } from './finance.service.js';
