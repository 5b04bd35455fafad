export { hitcheckRules } from './hitcheck.access.js';
export { hitcheckRoutes } from './hitcheck.routes.js';
export { HitcheckRounds, HitcheckService } from './hitcheck.service.js';
