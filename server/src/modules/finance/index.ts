export { financeRules } from './finance.access.js';
export { financeRoutes } from './finance.routes.js';
export { FinanceService, financeYearOf } from './finance.service.js';
