import type {
  Notification,
  NotificationPage,
  NotificationPreferences,
  UpdateNotificationPreferencesRequest,
} from '@samenspel/contracts';
import { useQuery } from '@tanstack/react-query';
import { getJson, sendJson } from '../../components/api.js';

export const notificationsKey = ['notifications'] as const;
export const unreadKey = ['notifications', 'unread'] as const;
export const preferencesKey = ['notification-preferences'] as const;

/** The unread count for the header: asked again every minute and when the window regains focus. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: unreadKey,
    queryFn: ({ signal }) => getJson<{ unread: number }>('/api/v1/me/notifications/unread-count', signal),
    enabled,
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
}

export function useNotifications(page: number, unreadOnly: boolean) {
  return useQuery({
    queryKey: [...notificationsKey, 'list', page, unreadOnly],
    queryFn: ({ signal }) =>
      getJson<NotificationPage>(
        `/api/v1/me/notifications?page=${page}${unreadOnly ? '&unread=true' : ''}`,
        signal,
      ),
    staleTime: 0,
  });
}

export function markRead(id: string): Promise<Notification> {
  return sendJson<Notification>('POST', `/api/v1/me/notifications/${id}/read`);
}

export function markAllRead(): Promise<{ marked: number }> {
  return sendJson<{ marked: number }>('POST', '/api/v1/me/notifications/read');
}

export function useNotificationPreferences() {
  return useQuery({
    queryKey: preferencesKey,
    queryFn: ({ signal }) => getJson<NotificationPreferences>('/api/v1/me/notification-preferences', signal),
  });
}

export function saveNotificationPreferences(
  body: UpdateNotificationPreferencesRequest,
): Promise<NotificationPreferences> {
  return sendJson<NotificationPreferences, UpdateNotificationPreferencesRequest>(
    'PUT',
    '/api/v1/me/notification-preferences',
    body,
  );
}
