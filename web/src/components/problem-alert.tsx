import { Alert, Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { t } from '../i18n/i18n.js';
import { ApiError } from './api.js';

/** A failed request in plain Dutch, with the server's explanation and a way to try again. */
export function ProblemAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const detail =
    error instanceof ApiError
      ? (error.problem.detail ?? error.problem.title)
      : 'Controleer uw verbinding en probeer het opnieuw.';
  return (
    <Alert type="error" role="alert">
      <Heading2>{t('error.title')}</Heading2>
      <Paragraph>{detail}</Paragraph>
      {onRetry ? (
        <Button appearance="secondary-action-button" onClick={onRetry}>
          {t('error.retry')}
        </Button>
      ) : null}
    </Alert>
  );
}
