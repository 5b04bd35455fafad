import { type NotificationKind, notificationKinds } from '@samenspel/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormFieldCheckbox,
  Heading1,
  Paragraph,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { setCsrfToken } from '../../components/api.js';
import { Confirmation, useConfirmation } from '../../components/confirmation.js';
import { Loading } from '../../components/loading.js';
import { FormProblem, ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { t } from '../../i18n/i18n.js';
import { endSessions, meKey, useMe } from '../auth/auth-api.js';
import {
  preferencesKey,
  saveNotificationPreferences,
  useNotificationPreferences,
} from '../notifications/notifications-api.js';
import type { PasswordChanged } from './account-api.js';
import { PasswordForm } from './password-form.js';
import './account.css';

/** What the password change did elsewhere, and what the user does next there. */
function changedMessage(result: PasswordChanged): string {
  if (result.otherSessionsEnded === 0) return t('account.password.changedAlone');
  if (result.otherSessionsEnded === 1) return t('account.password.changedOne');
  return t('account.password.changedMany', { count: result.otherSessionsEnded });
}

/** One's own account: who one is here, the password, which notifications come by e-mail, signing out everywhere. */
export function AccountPage() {
  const me = useMe();
  const [changed, setChanged] = useState<string | null>(null);
  useEffect(() => {
    document.title = `${t('account.title')} · ${t('app.name')}`;
  }, []);
  if (me.isPending) return <Loading />;
  if (!me.data) return null;
  const { user, organisation, roles } = me.data;
  return (
    <div className="samenspel-account">
      <Heading1>{t('account.title')}</Heading1>
      <dl className="samenspel-account__facts">
        <dt>{t('account.name')}</dt>
        <dd>{user.displayName}</dd>
        <dt>{t('account.email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('account.organisation')}</dt>
        <dd>{organisation.name}</dd>
        <dt>{t('account.roles')}</dt>
        <dd>{roles.map((r) => t(`role.${r}`)).join(', ')}</dd>
      </dl>

      <Section id="wachtwoord-wijzigen" title={t('account.password.title')}>
        <Paragraph>{t('account.password.intro')}</Paragraph>
        <div role="status">
          {changed ? (
            <Alert type="ok">
              <Paragraph>{changed}</Paragraph>
            </Alert>
          ) : null}
        </div>
        <PasswordForm id="wachtwoord-wijzigen" onChanged={(result) => setChanged(changedMessage(result))} />
      </Section>

      <MailPreferences />
      <SignOutEverywhere />
    </div>
  );
}

function MailPreferences() {
  const preferences = useNotificationPreferences();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: saveNotificationPreferences,
    onSuccess: (result) => {
      queryClient.setQueryData(preferencesKey, result);
      setSaved(true);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const chosen = new FormData(event.currentTarget).getAll('email');
    setSaved(false);
    save.mutate({ kinds: notificationKinds.map((kind) => ({ kind, email: chosen.includes(kind) })) });
  }

  const email = new Map<NotificationKind, boolean>(
    (preferences.data?.kinds ?? []).map((k) => [k.kind, k.email]),
  );
  return (
    <Section id="meldingen-per-e-mail" title={t('account.mail.title')}>
      <Paragraph>{t('account.mail.intro')}</Paragraph>
      {preferences.isPending ? <Loading /> : null}
      {preferences.isError ? (
        <ProblemAlert error={preferences.error} onRetry={() => void preferences.refetch()} />
      ) : null}
      {preferences.data && !preferences.data.mailConfigured ? (
        <Alert type="info">
          <Paragraph>{t('account.mail.notConfigured')}</Paragraph>
        </Alert>
      ) : null}
      {preferences.data ? (
        <form onSubmit={submit} noValidate>
          <div role="status">
            {saved ? (
              <Alert type="ok">
                <Paragraph>{t('account.mail.saved')}</Paragraph>
              </Alert>
            ) : null}
          </div>
          {save.isError ? <FormProblem error={save.error} /> : null}
          <Fieldset>
            <FieldsetLegend>{t('account.mail.legend')}</FieldsetLegend>
            {notificationKinds.map((kind) => (
              <FormFieldCheckbox
                // A fresh default after each save: the checkboxes show what the server stored.
                key={`${kind}-${email.get(kind)}`}
                id={`mail-${kind}`}
                name="email"
                value={kind}
                label={t(`notificationKind.${kind}`)}
                description={t(`notificationKindHelp.${kind}`)}
                defaultChecked={email.get(kind) ?? true}
                onChange={() => setSaved(false)}
              />
            ))}
          </Fieldset>
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
              {t('account.mail.save')}
            </Button>
          </ButtonGroup>
          {save.isPending ? <Loading label={t('admin.saving')} /> : null}
        </form>
      ) : null}
    </Section>
  );
}

function SignOutEverywhere() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const confirmation = useConfirmation<true>();
  const signOut = useMutation({
    mutationFn: () => endSessions(true),
    onSuccess: async () => {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(meKey, null);
      await navigate('/aanmelden?uitgelogd=overal', { replace: true });
    },
  });
  return (
    <Section id="overal-uitloggen" title={t('account.signOut.title')}>
      <Paragraph>{t('account.signOut.intro')}</Paragraph>
      {signOut.isError ? <ProblemAlert error={signOut.error} /> : null}
      <ButtonGroup>
        <Button
          appearance="secondary-action-button"
          disabled={confirmation.asking}
          onClick={() => confirmation.ask(true)}
        >
          {t('account.signOut.button')}
        </Button>
      </ButtonGroup>
      {confirmation.asking ? (
        <Confirmation
          title={t('account.signOut.confirmTitle')}
          confirmLabel={t('account.signOut.confirm')}
          busy={signOut.isPending}
          onConfirm={() => signOut.mutate()}
          onCancel={() => confirmation.cancel()}
        >
          {t('account.signOut.confirmText')}
        </Confirmation>
      ) : null}
    </Section>
  );
}
