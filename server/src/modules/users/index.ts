export { type DemoCredentials, demoAccounts, demoActor, seedDemoAccounts } from './demo-accounts.js';
export { usersRules } from './users.access.js';
export { secondFactorRequired } from './users.policy.js';
export { presentUser } from './users.presenter.js';
export type { UserRow } from './users.repository.js';
export * as usersRepository from './users.repository.js';
export { usersRoutes } from './users.routes.js';
export { UsersService } from './users.service.js';
