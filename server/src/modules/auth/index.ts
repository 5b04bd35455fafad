// The session lookup's statement ($1 token hash, $2 now, $3 idle since), for the benchmark's baseline.
export { LIVE_SESSION, revokeSessions } from './auth.repository.js';
export { authRoutes } from './auth.routes.js';
export { AuthService, type NewSession } from './auth.service.js';
