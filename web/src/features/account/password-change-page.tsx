import { Alert, Button, ButtonGroup, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { Loading } from '../../components/loading.js';
import { t } from '../../i18n/i18n.js';
import { useMe } from '../auth/auth-api.js';
import type { PasswordChanged } from './account-api.js';
import { PasswordForm } from './password-form.js';

/**
 * Right after signing in with a password an administrator chose: choose one's own before
 * anything else. Then on to the second factor, or into the app.
 */
export function PasswordChangePage() {
  const me = useMe();
  const navigate = useNavigate();
  const [changed, setChanged] = useState<PasswordChanged | null>(null);
  const done = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${t('password.forcedTitle')} · ${t('app.name')}`;
  }, []);
  useEffect(() => {
    if (changed) done.current?.focus();
  }, [changed]);

  if (me.isPending) return <Loading />;
  if (!me.data) return <Navigate to="/aanmelden" replace />;
  if (changed) {
    const enrol = changed.state === 'second-factor-enrolment';
    return (
      <div className="samenspel-narrow">
        <Heading1 ref={done} tabIndex={-1}>
          {t('password.forcedDone')}
        </Heading1>
        <Alert type="ok" role="status">
          <Paragraph>{enrol ? t('password.nextSecondFactor') : t('password.nextApp')}</Paragraph>
        </Alert>
        <ButtonGroup>
          <Button
            appearance="primary-action-button"
            onClick={() => void navigate(enrol ? '/tweede-factor' : '/', { replace: true })}
          >
            {t('password.continue')}
          </Button>
        </ButtonGroup>
      </div>
    );
  }
  if (me.data.session.state !== 'password-change') return <Navigate to="/" replace />;
  return (
    <div className="samenspel-narrow">
      <Heading1 id="wachtwoord-kiezen">{t('password.forcedTitle')}</Heading1>
      <Paragraph>{t('password.forcedIntro')}</Paragraph>
      <PasswordForm id="wachtwoord-kiezen" forced onChanged={setChanged} />
    </div>
  );
}
