import { signInRequest } from '@samenspel/contracts';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  ButtonLink,
  FormFieldTextbox,
  Heading1,
  Paragraph,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../components/api.js';
import { checkForm } from '../../components/check-form.js';
import { Loading } from '../../components/loading.js';
import { Section } from '../../components/section.js';
import { t } from '../../i18n/i18n.js';
import { meKey, signIn, useMe, useSignInMethods } from './auth-api.js';

type Field = 'email' | 'password' | 'code';

/** Only paths inside the app, so that a link cannot send a user elsewhere after signing in. */
export function safeReturnPath(value: string | null): string {
  return value?.startsWith('/') && !value.startsWith('//') ? value : '/';
}

export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const methods = useSignInMethods();
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | null>(
    params.get('sso') === 'mislukt' ? t('signIn.ssoFailed') : null,
  );
  const signedOutEverywhere = params.get('uitgelogd') === 'overal';
  const [busy, setBusy] = useState(false);
  const returnTo = safeReturnPath(params.get('terug'));

  useEffect(() => {
    document.title = `${t('signIn.title')} · ${t('app.name')}`;
  }, []);

  if (me.data?.session.state === 'active') return <Navigate to={returnTo} replace />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      ...(form.get('code') ? { code: String(form.get('code')) } : {}),
    };
    const parsed = checkForm(signInRequest, input);
    if (!parsed.ok) {
      const found: Partial<Record<Field, string>> = parsed.errors;
      setErrors(found);
      setFailure(null);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const result = await signIn(parsed.data);
      await queryClient.invalidateQueries({ queryKey: meKey });
      const next = {
        active: returnTo,
        'password-change': '/wachtwoord-kiezen',
        'second-factor-enrolment': '/tweede-factor',
      }[result.state];
      await navigate(next, { replace: true });
    } catch (error) {
      setFailure(
        error instanceof ApiError ? (error.problem.detail ?? error.problem.title) : t('signIn.offline'),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="samenspel-narrow">
      <Heading1>{t('signIn.title')}</Heading1>
      <Paragraph>{t('signIn.intro')}</Paragraph>
      {signedOutEverywhere && !failure ? (
        <Alert type="ok" role="status">
          <Paragraph>{t('signIn.signedOutEverywhere')}</Paragraph>
        </Alert>
      ) : null}
      {failure ? (
        <Alert type="error" role="alert">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      ) : null}
      <form onSubmit={(event) => void submit(event)} noValidate aria-describedby="aanmelden-uitleg">
        <FormFieldTextbox
          id="email"
          name="email"
          type="email"
          label={t('signIn.email')}
          autoComplete="username"
          required
          invalid={Boolean(errors.email)}
          errorMessage={errors.email}
        />
        <FormFieldTextbox
          id="password"
          name="password"
          type="password"
          label={t('signIn.password')}
          autoComplete="current-password"
          required
          invalid={Boolean(errors.password)}
          errorMessage={errors.password}
        />
        <FormFieldTextbox
          id="code"
          name="code"
          label={t('signIn.code')}
          description={t('signIn.codeHelp')}
          autoComplete="one-time-code"
          invalid={Boolean(errors.code)}
          errorMessage={errors.code}
        />
        <p id="aanmelden-uitleg" className="samenspel-visually-hidden">
          {t('signIn.intro')}
        </p>
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" disabled={busy}>
            {t('signIn.submit')}
          </Button>
        </ButtonGroup>
        {busy ? <Loading label={t('signIn.busy')} /> : null}
      </form>
      {methods.data?.oidc ? (
        <Section id="sso-kop" title={t('signIn.ssoTitle')}>
          <ButtonLink appearance="secondary-action-button" href={methods.data.oidc.url}>
            {t('signIn.sso', { name: methods.data.oidc.name })}
          </ButtonLink>
        </Section>
      ) : null}
    </div>
  );
}
