import { Alert, Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { t } from '../i18n/i18n.js';
import { ApiError } from './api.js';

/** The server's explanation of a failed request (RFC 9457), or `unanswered` when no problem came back. */
export function problemDetail(error: unknown, unanswered: string): string {
  return error instanceof ApiError ? (error.problem.detail ?? error.problem.title) : unanswered;
}

/** A failed request in plain Dutch, with the server's explanation and a way to try again. */
export function ProblemAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Alert type="error" role="alert">
      <Heading2>{t('error.title')}</Heading2>
      <Paragraph>{problemDetail(error, 'Controleer uw verbinding en probeer het opnieuw.')}</Paragraph>
      {onRetry ? (
        <Button appearance="secondary-action-button" onClick={onRetry}>
          {t('error.retry')}
        </Button>
      ) : null}
    </Alert>
  );
}

/** A change the server refused without naming a field: its explanation, above the form's fields. */
export function FormProblem({ error }: { error: unknown }) {
  return (
    <Alert type="error" role="alert">
      <Paragraph>{problemDetail(error, t('signIn.offline'))}</Paragraph>
    </Alert>
  );
}
