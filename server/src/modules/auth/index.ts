export { revokeSessions } from './auth.repository.js';
export { authRoutes } from './auth.routes.js';
export { AuthService, type NewSession } from './auth.service.js';
