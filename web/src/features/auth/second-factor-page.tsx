import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  Code,
  FormFieldTextbox,
  Heading1,
  Heading2,
  OrderedList,
  OrderedListItem,
  Paragraph,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { ApiError } from '../../components/api.js';
import { CopyButton } from '../../components/copy-button.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { t } from '../../i18n/i18n.js';
import { confirmSecondFactor, meKey, startSecondFactorEnrolment, useMe } from './auth-api.js';

/** Enrolment of an authenticator app: QR code, first code, then the recovery codes, once. */
export function SecondFactorPage() {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [codeError, setCodeError] = useState<string | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const start = useMutation({
    mutationFn: startSecondFactorEnrolment,
  });
  const confirm = useMutation({
    mutationFn: (code: string) => confirmSecondFactor({ code }),
  });

  useEffect(() => {
    document.title = `${t('secondFactor.title')} · ${t('app.name')}`;
  }, []);

  const needsEnrolment = me.data && !me.data.secondFactor.enrolled;
  const { mutate: startEnrolment, isIdle } = start;
  useEffect(() => {
    if (needsEnrolment && isIdle) startEnrolment();
  }, [needsEnrolment, isIdle, startEnrolment]);

  if (me.isPending) return <Loading />;
  if (!me.data) return <Navigate to="/aanmelden" replace />;

  if (recoveryCodes) {
    return (
      <div className="samenspel-narrow">
        <Heading1>{t('secondFactor.recoveryTitle')}</Heading1>
        <Alert type="warning">
          <Paragraph>{t('secondFactor.recoveryIntro')}</Paragraph>
        </Alert>
        <ul className="samenspel-codes" aria-label={t('secondFactor.recoveryTitle')}>
          {recoveryCodes.map((code) => (
            <li key={code}>
              <Code>{code}</Code>
            </li>
          ))}
        </ul>
        <CopyButton text={recoveryCodes.join('\n')} label={t('secondFactor.copyCodes')} />
        <ButtonGroup>
          <Button
            appearance="primary-action-button"
            onClick={async () => {
              await queryClient.invalidateQueries({ queryKey: meKey });
              await navigate('/', { replace: true });
            }}
          >
            {t('secondFactor.done')}
          </Button>
        </ButtonGroup>
      </div>
    );
  }

  if (me.data.secondFactor.enrolled) return <Navigate to="/" replace />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '').replace(/\s/g, '');
    if (!/^\d{6}$/.test(code)) {
      setCodeError(t('secondFactor.codeFormat'));
      return;
    }
    setCodeError(null);
    try {
      const result = await confirm.mutateAsync(code);
      setRecoveryCodes(result.recoveryCodes);
    } catch (error) {
      setCodeError(
        error instanceof ApiError ? (error.fieldError('code') ?? error.message) : t('signIn.offline'),
      );
    }
  }

  return (
    <div className="samenspel-narrow">
      <Heading1>{t('secondFactor.title')}</Heading1>
      <Paragraph>{t('secondFactor.intro')}</Paragraph>
      {start.isPending ? <Loading label={t('secondFactor.preparing')} /> : null}
      {start.isError ? <ProblemAlert error={start.error} onRetry={() => start.reset()} /> : null}
      {start.data ? (
        <>
          <OrderedList>
            <OrderedListItem>{t('secondFactor.step1')}</OrderedListItem>
            <OrderedListItem>{t('secondFactor.step2')}</OrderedListItem>
            <OrderedListItem>{t('secondFactor.step3')}</OrderedListItem>
          </OrderedList>
          <img
            className="samenspel-qr"
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(start.data.qrCodeSvg)}`}
            alt={t('secondFactor.qrAlt')}
            width={200}
            height={200}
          />
          <Heading2>{t('secondFactor.manualTitle')}</Heading2>
          <Paragraph>
            {t('secondFactor.manual')} <Code data-testid="totp-secret">{start.data.secret}</Code>
          </Paragraph>
          <form onSubmit={(event) => void submit(event)} noValidate>
            <FormFieldTextbox
              id="code"
              name="code"
              label={t('secondFactor.code')}
              autoComplete="one-time-code"
              required
              invalid={Boolean(codeError)}
              errorMessage={codeError}
            />
            <ButtonGroup>
              <Button type="submit" appearance="primary-action-button" disabled={confirm.isPending}>
                {t('secondFactor.confirm')}
              </Button>
            </ButtonGroup>
            {confirm.isPending ? <Loading label={t('secondFactor.checking')} /> : null}
          </form>
        </>
      ) : null}
    </div>
  );
}
