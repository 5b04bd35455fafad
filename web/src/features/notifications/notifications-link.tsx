import { NavLink } from 'react-router';
import { t } from '../../i18n/i18n.js';
import { can, useMe } from '../auth/auth-api.js';
import { useUnreadCount } from './notifications-api.js';
import './notifications.css';

/** "Meldingen" in the header, with the number unread beside it. */
export function NotificationsLink() {
  const me = useMe();
  const allowed = me.data?.session.state === 'active' && can(me.data, 'notification.read');
  const unread = useUnreadCount(allowed).data?.unread ?? 0;
  if (!allowed) return null;
  // The visible number alone would not say what it counts: the name says "Meldingen, 3 ongelezen".
  return (
    <NavLink
      to="/meldingen"
      className="samenspel-notifications-link"
      aria-label={unread > 0 ? t('notifications.linkUnread', { count: unread }) : undefined}
    >
      {t('notifications.link')}
      {unread > 0 ? <span className="samenspel-count">{unread > 99 ? '99+' : unread}</span> : null}
    </NavLink>
  );
}
