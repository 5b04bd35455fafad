export { collaborationsRules, inCollaborationOf } from './collaborations.access.js';
export {
  collaborationsIn as collaborationsOfRegion,
  covenantOf,
  disclosureMinimumOf,
  isLegalBasisOf,
  legalBasesOf,
  participatingAmong,
} from './collaborations.repository.js';
export { collaborationsRoutes } from './collaborations.routes.js';
export { CollaborationsService, loadCovenants } from './collaborations.service.js';
