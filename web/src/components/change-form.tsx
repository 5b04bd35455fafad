import type { UseMutationResult } from '@tanstack/react-query';
import { Button, ButtonGroup } from '@utrecht/component-library-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { t } from '../i18n/i18n.js';
import { ApiError } from './api.js';
import { FormValues } from './form-values.js';
import { Loading } from './loading.js';
import { FormProblem, problemDetail } from './problem-alert.js';

/** The props a field of a change form takes: its id and name, and the server's message for it. */
export interface ChangeFormField {
  id: string;
  name: string;
  invalid: boolean;
  errorMessage: string | undefined;
}

/** What a change form needs of a mutation (TanStack Query's useMutation result). */
export type ChangeMutation<TVariables> = Pick<
  UseMutationResult<unknown, Error, TVariables>,
  'mutate' | 'isPending'
>;

/**
 * A small form for one change, named by its heading: it sends the mutation, keeps the button
 * disabled while it runs, shows the server's problem (RFC 9457) next to the fields it names or
 * above them, and empties itself after success.
 *
 * The fields are the children, a function of `field(name)`, which gives each field its id, name
 * and message. `field(name, requestName)` also shows the message for the request's name of that
 * value, when the two differ (an amount typed in euros, sent in cents).
 */
export function ChangeForm<TVariables>({
  id,
  title,
  submitLabel,
  mutation,
  toVariables,
  problemAt,
  busyLabel,
  children,
}: {
  id: string;
  title: string;
  submitLabel: string;
  mutation: ChangeMutation<TVariables>;
  toVariables: (values: FormValues) => TVariables;
  /** For a form of one field: every problem is shown next to that field. */
  problemAt?: string;
  /** Announced while the change is sent (an upload takes a while). */
  busyLabel?: string;
  children: (field: (name: string, requestName?: string) => ChangeFormField) => ReactNode;
}) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);

  function refused(error: unknown) {
    if (problemAt) {
      const reason = error instanceof ApiError ? error.problem.invalidParams?.[0]?.reason : undefined;
      setErrors({ [problemAt]: reason ?? problemDetail(error, t('signIn.offline')) });
    } else if (error instanceof ApiError && error.problem.invalidParams) {
      setErrors(error.fieldErrors());
      setProblem(null);
    } else {
      setErrors({});
      setProblem(error);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    mutation.mutate(toVariables(new FormValues(new FormData(form))), {
      onSuccess: () => {
        setErrors({});
        setProblem(null);
        form.reset();
      },
      onError: refused,
    });
  }

  const field = (name: string, requestName?: string): ChangeFormField => {
    const message = errors[name] ?? (requestName ? errors[requestName] : undefined);
    return { id: `${id}-${name}`, name, invalid: Boolean(message), errorMessage: message };
  };

  return (
    <form onSubmit={submit} noValidate className="samenspel-subject" aria-labelledby={`${id}-kop`}>
      <h3 id={`${id}-kop`} className="utrecht-heading-3">
        {title}
      </h3>
      {problem ? <FormProblem error={problem} /> : null}
      {children(field)}
      <ButtonGroup>
        <Button type="submit" appearance="secondary-action-button" disabled={mutation.isPending}>
          {submitLabel}
        </Button>
      </ButtonGroup>
      {busyLabel && mutation.isPending ? <Loading label={busyLabel} /> : null}
    </form>
  );
}
