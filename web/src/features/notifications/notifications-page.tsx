import type { Notification } from '@samenspel/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  FormFieldCheckbox,
  Heading1,
  Paragraph,
} from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatDate, t } from '../../i18n/i18n.js';
import { markAllRead, markRead, notificationsKey, useNotifications } from './notifications-api.js';
import './notifications.css';

const timeFormat = new Intl.DateTimeFormat('nl-NL', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Amsterdam',
});
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' });

/** When a notification came, in Dutch time and without seconds: "6 december 2026, 14:05". */
function when(iso: string): string {
  const at = new Date(iso);
  return `${formatDate(dayFormat.format(at))}, ${timeFormat.format(at)}`;
}

/** One's notifications, newest first: unread ones marked, each leading to what it is about. */
export function NotificationsPage() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('pagina')) || 1);
  const unreadOnly = params.get('ongelezen') === 'ja';
  const notifications = useNotifications(page, unreadOnly);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [done, setDone] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationsKey });
  const readOne = useMutation({ mutationFn: markRead, onSuccess: refresh });
  const readAll = useMutation({
    mutationFn: markAllRead,
    onSuccess: async (result) => {
      setDone(t('notifications.allRead', { count: result.marked }));
      await refresh();
    },
  });

  useEffect(() => {
    document.title = `${t('notifications.title')} · ${t('app.name')}`;
  }, []);

  function go(next: { page?: number; unreadOnly?: boolean }) {
    const query = new URLSearchParams();
    const nextPage = next.page ?? page;
    const nextUnread = next.unreadOnly ?? unreadOnly;
    if (nextPage > 1) query.set('pagina', String(nextPage));
    if (nextUnread) query.set('ongelezen', 'ja');
    setParams(query);
  }

  async function open(notification: Notification) {
    // Opening counts as reading; the link works even if marking fails.
    if (!notification.readAt) await readOne.mutateAsync(notification.id).catch(() => undefined);
    await navigate(notification.link);
  }

  const data = notifications.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <>
      <Heading1>{t('notifications.title')}</Heading1>
      <Paragraph>{t('notifications.intro')}</Paragraph>
      <div className="samenspel-filters">
        <FormFieldCheckbox
          id="alleen-ongelezen"
          label={t('notifications.unreadOnly')}
          checked={unreadOnly}
          onChange={(event) => go({ page: 1, unreadOnly: event.currentTarget.checked })}
        />
        {data && data.unread > 0 ? (
          <ButtonGroup>
            <Button
              appearance="secondary-action-button"
              disabled={readAll.isPending}
              onClick={() => {
                setDone(null);
                readAll.mutate();
              }}
            >
              {t('notifications.markAll')}
            </Button>
          </ButtonGroup>
        ) : null}
      </div>
      <div role="status">
        {done ? (
          <Alert type="ok">
            <Paragraph>{done}</Paragraph>
          </Alert>
        ) : null}
      </div>
      {readAll.isError ? <ProblemAlert error={readAll.error} /> : null}
      {readOne.isError ? <ProblemAlert error={readOne.error} /> : null}
      {notifications.isPending ? <Loading /> : null}
      {notifications.isError ? (
        <ProblemAlert error={notifications.error} onRetry={() => void notifications.refetch()} />
      ) : null}
      {data ? (
        <>
          <Paragraph className="samenspel-muted">
            {t('notifications.count', { total: data.total, unread: data.unread })}
          </Paragraph>
          {data.items.length === 0 ? (
            <Paragraph>{unreadOnly ? t('notifications.noneUnread') : t('notifications.none')}</Paragraph>
          ) : (
            <ul className="samenspel-notification-list" aria-label={t('notifications.title')}>
              {data.items.map((n) => (
                <li
                  key={n.id}
                  className={`samenspel-notification${n.readAt ? '' : ' samenspel-notification--unread'}`}
                >
                  <div>
                    <p className="samenspel-notification__kind">
                      {n.readAt ? null : (
                        <span className="samenspel-notification__new">{t('notifications.new')}</span>
                      )}
                      {t(`notificationKind.${n.kind}`)} · {when(n.createdAt)}
                    </p>
                    <p className="samenspel-notification__text">
                      <RouterLink
                        to={n.link}
                        className="utrecht-link"
                        onClick={(event) => {
                          event.preventDefault();
                          void open(n);
                        }}
                      >
                        {n.text}
                      </RouterLink>
                    </p>
                  </div>
                  {n.readAt ? null : (
                    <Button
                      appearance="subtle-button"
                      disabled={readOne.isPending}
                      aria-label={t('notifications.markReadNamed', { text: n.text })}
                      onClick={() => readOne.mutate(n.id)}
                    >
                      {t('notifications.markRead')}
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {pages > 1 ? (
            <nav aria-label={t('notifications.pages')} className="samenspel-section">
              <ButtonGroup>
                <Button
                  appearance="secondary-action-button"
                  disabled={page <= 1}
                  onClick={() => go({ page: page - 1 })}
                >
                  {t('notifications.newer')}
                </Button>
                <Paragraph>{t('notifications.page', { page, pages })}</Paragraph>
                <Button
                  appearance="secondary-action-button"
                  disabled={page >= pages}
                  onClick={() => go({ page: page + 1 })}
                >
                  {t('notifications.older')}
                </Button>
              </ButtonGroup>
            </nav>
          ) : null}
        </>
      ) : null}
    </>
  );
}
