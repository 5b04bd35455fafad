export { hitcheckRules } from './hitcheck.access.js';
export { awaitingAnswers as roundsAwaitingAnswers } from './hitcheck.repository.js';
export { hitcheckRoutes } from './hitcheck.routes.js';
export { HitcheckRounds, HitcheckService } from './hitcheck.service.js';
