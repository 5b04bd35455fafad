export { meetingsRules } from './meetings.access.js';
export { meetingsRoutes } from './meetings.routes.js';
export { MeetingsService } from './meetings.service.js';
