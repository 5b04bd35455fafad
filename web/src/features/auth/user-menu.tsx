import { useQueryClient } from '@tanstack/react-query';
import { Button, ButtonGroup, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { NavLink, Link as RouterLink, useNavigate } from 'react-router';
import { setCsrfToken } from '../../components/api.js';
import { t } from '../../i18n/i18n.js';
import { NotificationsLink } from '../notifications/notifications-link.js';
import { can, endSessions, meKey, useMe } from './auth-api.js';

/** Navigation by ability, and the signed-in user with sign-out (here, or everywhere). */
export function UserMenu() {
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  if (!me.data) return null;
  const active = me.data.session.state === 'active';

  async function signOut(everywhere: boolean) {
    setBusy(true);
    try {
      await endSessions(everywhere);
    } finally {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(meKey, null);
      setBusy(false);
      await navigate(everywhere ? '/aanmelden?uitgelogd=overal' : '/aanmelden', { replace: true });
    }
  }

  const links = [
    { to: '/', label: t('nav.start'), show: active },
    { to: '/signalen', label: t('nav.signals'), show: active && can(me.data, 'signal.read') },
    { to: '/casussen', label: t('nav.cases'), show: active && can(me.data, 'case.read') },
    { to: '/overleggen', label: t('nav.meetings'), show: active && can(me.data, 'meeting.manage') },
    { to: '/hit-no-hit', label: t('nav.inbox'), show: active && can(me.data, 'hitcheck.answer') },
    { to: '/subjecten', label: t('nav.subjects'), show: active && can(me.data, 'subject.read') },
    { to: '/verantwoording', label: t('nav.dashboard'), show: active && can(me.data, 'report.read') },
    { to: '/beheer/gebruikers', label: t('nav.users'), show: active && can(me.data, 'user.read') },
    { to: '/beheer/api-tokens', label: t('nav.apiTokens'), show: active && can(me.data, 'api-token.manage') },
    {
      to: '/beheer/samenwerkingsverbanden',
      label: t('nav.collaborations'),
      show: active && can(me.data, 'collaboration.read'),
    },
    { to: '/verwerkingslog', label: t('nav.auditLog'), show: active && can(me.data, 'audit.read') },
  ].filter((l) => l.show);

  return (
    <div className="samenspel-usermenu">
      {links.length > 0 ? (
        <nav aria-label={t('nav.label')}>
          <ul className="samenspel-nav">
            {links.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} end={link.to === '/'} className="samenspel-nav__link">
                  {link.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <NotificationsLink />
      <details className="samenspel-usermenu__details">
        <summary>{t('userMenu.summary', { name: me.data.user.displayName })}</summary>
        <div className="samenspel-usermenu__panel">
          <Paragraph>
            {me.data.user.email}
            <br />
            {me.data.organisation.name}
            <br />
            {t('userMenu.roles', { roles: me.data.roles.map((r) => t(`role.${r}`)).join(', ') })}
          </Paragraph>
          {active ? (
            <Paragraph>
              <RouterLink
                to="/mijn-account"
                className="utrecht-link"
                onClick={(event) => event.currentTarget.closest('details')?.removeAttribute('open')}
              >
                {t('userMenu.account')}
              </RouterLink>
            </Paragraph>
          ) : null}
          <ButtonGroup>
            <Button appearance="secondary-action-button" disabled={busy} onClick={() => void signOut(false)}>
              {t('userMenu.signOut')}
            </Button>
            <Button appearance="subtle-button" disabled={busy} onClick={() => void signOut(true)}>
              {t('userMenu.signOutEverywhere')}
            </Button>
          </ButtonGroup>
        </div>
      </details>
    </div>
  );
}
