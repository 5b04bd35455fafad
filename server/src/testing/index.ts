export { createTestApp, type TestApp, testAuthConfig } from './app.js';
export {
  createEmptyDatabase,
  createTestDatabase,
  DEMO_TIMEOUT,
  demoKeys,
  demoSeedOutput,
  serverUrl,
  testEngine,
} from './database.js';
export {
  addCaseSubject,
  Cast,
  dutchDay,
  type Member,
  type NewSubject,
  newAcceptedSignal,
  newAdviserInThreeCases,
  newBsn,
  newCase,
  newMeeting,
  newPerson,
  newRound,
  newSignal,
  newSignalAtMunicipalTable,
  uniqueSurname,
} from './factories.js';
export {
  createUser,
  ensureOtherRegion,
  forgetTotpStep,
  OTHER_REGION,
  type TestUser,
  totpCode,
} from './identity.js';
export { multipartFile, smallPdf } from './multipart.js';
export { type ApiSession, signIn } from './session.js';
