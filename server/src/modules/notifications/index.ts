export { NotificationMailer } from './mailer.js';
export { notificationsRules } from './notifications.access.js';
// The demo's users have read what reached them before its last weeks.
export {
  deleteLinkingTo as deleteNotificationsLinkingTo,
  markReadBefore as markNotificationsReadBefore,
} from './notifications.repository.js';
export { notificationsRoutes } from './notifications.routes.js';
export { addWorkingDays, NotificationsService } from './notifications.service.js';
export { StepNotifier } from './notifier.js';
