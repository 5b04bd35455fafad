import { Alert, Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { t } from '../i18n/i18n.js';
import { ApiError } from './api.js';

/** The server's explanation of a failed request (RFC 9457), or `unanswered` when no problem came back. */
export function problemDetail(error: unknown, unanswered: string): string {
  return error instanceof ApiError ? (error.problem.detail ?? error.problem.title) : unanswered;
}

/**
 * A refusal is the server saying "not now" (a conflict, a step out of order): the user did nothing
 * wrong and nothing broke, so it is titled "Dit kan nog niet", not "Er ging iets mis".
 */
export function isRefusal(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 409 || error.status === 422 || error.status === 403);
}

/** A failed request in plain Dutch, with the server's explanation and a way to try again. */
export function ProblemAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const refusal = isRefusal(error);
  return (
    <Alert type={refusal ? 'warning' : 'error'} role="alert">
      <Heading2>{t(refusal ? 'error.refused' : 'error.title')}</Heading2>
      <Paragraph>{problemDetail(error, 'Controleer uw verbinding en probeer het opnieuw.')}</Paragraph>
      {onRetry && !refusal ? (
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
    <Alert type={isRefusal(error) ? 'warning' : 'error'} role="alert">
      {isRefusal(error) ? <Heading2>{t('error.refused')}</Heading2> : null}
      <Paragraph>{problemDetail(error, t('signIn.offline'))}</Paragraph>
    </Alert>
  );
}
