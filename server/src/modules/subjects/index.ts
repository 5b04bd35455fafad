export { type FtmEntity, type ParsedEntity, parseFtmLines } from './ftm.js';
export {
  blockingKeys,
  candidateGroups,
  candidatePairs,
  clearlyDifferent,
  DEFAULT_THRESHOLD,
  HOUSEHOLD_LIFT,
  type Household,
  keyKinds,
  MAX_BLOCK,
  nameStatistics,
  type PersonRecord,
  type PreparedPerson,
  preparePerson,
  scorePair,
  scoreRecords,
  THRESHOLD_WEIGHT,
} from './matching.js';
export {
  forgetSightings,
  linkBatch,
  recountSubjectNames,
  refreshPersonMatching,
  registerLabel,
  registerSubject,
  type Sighting,
} from './register.js';
export { subjectsRules } from './subjects.access.js';
export {
  addressesOfRecords,
  caseSubjectsInRegister,
  deleteSuggestions as deleteMatchSuggestions,
  insertRelations,
  type RecordAddress,
  signalsBecameCase,
  subjectRefs,
  subjectsWithData,
} from './subjects.repository.js';
export { subjectsRoutes } from './subjects.routes.js';
export { type FoundSubject, personIdentifiers, SubjectSearch } from './subjects.search.js';
export { type KnownElsewhere, type RecordReferences, SubjectsService } from './subjects.service.js';
