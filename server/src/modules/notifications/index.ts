export { mailOf, NotificationMailer, retryDelayMs } from './mailer.js';
export { notificationsRules } from './notifications.access.js';
// The demo's users have read what reached them before its last weeks.
export { markReadBefore as markNotificationsReadBefore } from './notifications.repository.js';
export { notificationsRoutes } from './notifications.routes.js';
export {
  type AwaitedAnswers,
  addWorkingDays,
  NEAR_WORKING_DAYS,
  NotificationsService,
} from './notifications.service.js';
export { StepNotifier } from './notifier.js';
