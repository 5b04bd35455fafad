import {
  notification,
  notificationPage,
  notificationParams,
  notificationPreferences,
  notificationQuery,
  notificationsMarked,
  unreadNotifications,
  updateNotificationPreferencesRequest,
} from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../../http/problems.js';
import type { NotificationsService } from './notifications.service.js';

const tags = ['Notifications'];

export const notificationsRoutes: FastifyPluginAsyncZod<{ service: NotificationsService }> = async (
  app,
  { service },
) => {
  app.get(
    '/me/notifications',
    {
      schema: {
        tags,
        summary: 'One’s own notifications, newest first, a page of 20',
        querystring: notificationQuery,
        response: { 200: notificationPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => service.list(request.context, request.query),
  );

  app.get(
    '/me/notifications/unread-count',
    {
      schema: {
        tags,
        summary: 'How many of one’s notifications are unread',
        response: { 200: unreadNotifications, ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ unread: await service.unreadCount(request.context) }),
  );

  app.post(
    '/me/notifications/:notificationId/read',
    {
      schema: {
        tags,
        summary: 'Mark one of one’s notifications as read',
        params: notificationParams,
        response: { 200: notification, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.markRead(request.context, request.params.notificationId),
  );

  app.post(
    '/me/notifications/read',
    {
      schema: {
        tags,
        summary: 'Mark all of one’s notifications as read',
        response: { 200: notificationsMarked, ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ marked: await service.markAllRead(request.context) }),
  );

  app.get(
    '/me/notification-preferences',
    {
      schema: {
        tags,
        summary: 'Which notifications one also gets by e-mail (in the app always)',
        response: { 200: notificationPreferences, ...problemResponses(401, 403) },
      },
    },
    async (request) => service.preferences(request.context),
  );

  app.put(
    '/me/notification-preferences',
    {
      schema: {
        tags,
        summary: 'Choose per kind of notification whether it also comes by e-mail',
        body: updateNotificationPreferencesRequest,
        response: { 200: notificationPreferences, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => service.updatePreferences(request.context, request.body),
  );
};
