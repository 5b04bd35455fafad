export { usersRules } from './users.access.js';
export { secondFactorRequired } from './users.policy.js';
export { presentUser } from './users.presenter.js';
// The account data the auth module signs people in with, and names for other modules to show.
export {
  activeUsersOf,
  advanceTotpStep,
  caseDirectors,
  displayNames,
  findUserByEmail,
  findUserById,
  findUserByOidc,
  isCaseDirector,
  replaceRecoveryCodes,
  secondFactorPolicy,
  type UserRow,
  updateUser,
  useRecoveryCode,
  userIdByEmail,
} from './users.repository.js';
export { usersRoutes } from './users.routes.js';
export { actorFor, type ProvisionedAccount, type SessionRevoker, UsersService } from './users.service.js';
