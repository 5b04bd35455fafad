export { type FtmEntity, type ParsedEntity, parseFtmLines } from './ftm.js';
export {
  blockingKeys,
  candidatePairs,
  DEFAULT_THRESHOLD,
  nameStatistics,
  type PersonRecord,
  preparePerson,
  scorePair,
} from './matching.js';
export { linkBatch, registerLabel, registerSubject, type Sighting } from './register.js';
export { subjectsRules } from './subjects.access.js';
export { insertRelations, signalsBecameCase } from './subjects.repository.js';
export { subjectsRoutes } from './subjects.routes.js';
export { type FoundSubject, personIdentifiers, SubjectSearch } from './subjects.search.js';
export { type KnownElsewhere, type RecordReferences, SubjectsService } from './subjects.service.js';
