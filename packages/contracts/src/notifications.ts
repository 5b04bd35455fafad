import { z } from 'zod';
import { notificationKinds } from './vocabulary.js';

export const notificationKind = z.enum(notificationKinds);
export type NotificationKind = z.infer<typeof notificationKind>;

export const notification = z.object({
  id: z.uuid(),
  kind: notificationKind,
  text: z.string().describe('Short Dutch text without personal data: at most a reference or code name'),
  link: z.string().describe('Path in the web app of what the notification is about'),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type Notification = z.infer<typeof notification>;

export const NOTIFICATION_PAGE_SIZE = 20;

export const notificationQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  unread: z.stringbool().optional().describe('Only unread notifications'),
});
export type NotificationQuery = z.infer<typeof notificationQuery>;

export const notificationPage = z.object({
  items: z.array(notification),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int().describe('How many notifications the query finds, on all pages'),
  unread: z.number().int().describe('How many of all the user’s notifications are unread'),
});
export type NotificationPage = z.infer<typeof notificationPage>;

export const notificationParams = z.strictObject({ notificationId: z.uuid('Dit is geen geldige id.') });
export const unreadNotifications = z.object({ unread: z.number().int() });
export const notificationsMarked = z.object({ marked: z.number().int() });

export const notificationMailChoice = z.strictObject({ kind: notificationKind, email: z.boolean() });

export const notificationPreferences = z.object({
  mailConfigured: z.boolean().describe('Whether this installation sends e-mail at all'),
  kinds: z.array(notificationMailChoice).describe('Per kind whether a mail is sent; in the app always'),
});
export type NotificationPreferences = z.infer<typeof notificationPreferences>;

export const updateNotificationPreferencesRequest = z.strictObject({
  kinds: z
    .array(notificationMailChoice)
    .max(notificationKinds.length)
    .refine((list) => new Set(list.map((k) => k.kind)).size === list.length, {
      message: 'Noem elke soort melding één keer.',
    })
    .describe('The kinds to change; the others keep their setting'),
});
export type UpdateNotificationPreferencesRequest = z.infer<typeof updateNotificationPreferencesRequest>;
