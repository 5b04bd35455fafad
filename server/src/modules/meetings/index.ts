export { meetingsRules } from './meetings.access.js';
export { clearAgendaOutcomes } from './meetings.repository.js';
export { meetingsRoutes } from './meetings.routes.js';
export { MeetingsService } from './meetings.service.js';
