export { hitcheckRules } from './hitcheck.access.js';
export {
  awaitingAnswers as roundsAwaitingAnswers,
  deleteRounds as deleteHitcheckRounds,
} from './hitcheck.repository.js';
export { hitcheckRoutes } from './hitcheck.routes.js';
export { HitcheckRounds, HitcheckService } from './hitcheck.service.js';
