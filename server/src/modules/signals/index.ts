export { seedDemoSignals } from './demo-signals.js';
export { signalsRules } from './signals.access.js';
export { signalsRoutes } from './signals.routes.js';
export { SignalsService, searchKeys, subjectLabel } from './signals.service.js';
