export { createTestApp, type TestApp, testAuthConfig } from './app.js';
export { createEmptyDatabase, createTestDatabase, testEngine } from './database.js';
export {
  createUser,
  ensureOtherRegion,
  forgetTotpStep,
  OTHER_REGION,
  type TestUser,
  totpCode,
} from './identity.js';
export { startIdentityProvider, type TestIdentityProvider } from './oidc-provider.js';
export { type ApiSession, signIn } from './session.js';
