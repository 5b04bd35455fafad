export { candidatePairs, preparePerson, scorePair } from './matching.js';
export { registerSubject } from './register.js';
export { subjectsRules } from './subjects.access.js';
export { subjectsRoutes } from './subjects.routes.js';
export { SubjectsService } from './subjects.service.js';
