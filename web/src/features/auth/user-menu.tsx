import { useQueryClient } from '@tanstack/react-query';
import { Button, ButtonGroup, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { setCsrfToken } from '../../components/api.js';
import { t } from '../../i18n/i18n.js';
import { NotificationsLink } from '../notifications/notifications-link.js';
import { endSessions, meKey, useMe } from './auth-api.js';

/** The signed-in user, with sign-out (here, or everywhere); the main menu is `MainNav`. */
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

  return (
    <div className="samenspel-usermenu">
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
