import type { UseMutationResult } from '@tanstack/react-query';
import { Alert, Button, ButtonGroup, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../components/api.js';
import type { ChangeFormField } from '../../components/change-form.js';
import { FormValues } from '../../components/form-values.js';
import { Loading } from '../../components/loading.js';
import { FormProblem, problemDetail } from '../../components/problem-alert.js';
import { t } from '../../i18n/i18n.js';

/** What a case form needs of a mutation (TanStack Query's useMutation result). */
export type CaseMutation<TVariables, TResult> = Pick<
  UseMutationResult<TResult, Error, TVariables>,
  'mutate' | 'isPending'
>;

/**
 * The server's messages by field. A field of a list (`signalSubjects.1.signalSubjectId`) also
 * counts for the list, so a message is never lost.
 */
function fieldErrors(error: ApiError): Record<string, string> {
  const found: Record<string, string> = {};
  for (const p of error.problem.invalidParams ?? []) {
    found[p.name] ??= p.reason;
    found[p.name.split('.')[0] ?? p.name] ??= p.reason;
  }
  return found;
}

/**
 * A step on a case, behind its "… toevoegen" button: the form opens on the button (focus on its
 * first field), sends the change with the button disabled while it runs, shows the server's
 * message next to each field it names (or above the fields), and on success closes — so the next
 * time it opens empty — and says what happened and what comes next. "Annuleren" closes it and
 * returns to the button.
 *
 * The fields are the children, a function of `field(name)` (id, name and message), as in
 * ChangeForm. `field(name, ...requestNames)` also shows the message for the request's names of
 * that value (an amount typed in euros, sent in cents as collected or settled).
 */
export function CaseForm<TVariables, TResult>({
  id,
  openLabel,
  title = openLabel,
  submitLabel,
  mutation,
  toVariables,
  success,
  problemAt,
  busyLabel,
  children,
}: {
  id: string;
  /** The button that opens the form: "Partner toevoegen". */
  openLabel: string;
  /** The form's heading; the button's text by default. */
  title?: string;
  submitLabel: string;
  mutation: CaseMutation<TVariables, TResult>;
  toVariables: (values: FormValues) => TVariables;
  /** What happened, and what happens next. */
  success: (result: TResult, variables: TVariables) => string;
  /** For a form of one field: every problem is shown next to that field. */
  problemAt?: string;
  /** Announced while the change is sent (an upload takes a while). */
  busyLabel?: string;
  children: (field: (name: string, ...requestNames: string[]) => ChangeFormField) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const said = useRef<HTMLDivElement>(null);
  const [focus, setFocus] = useState<'form' | 'opener' | 'notice' | null>(null);

  useEffect(() => {
    if (focus === 'form')
      form.current?.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea')?.focus();
    if (focus === 'opener') opener.current?.focus();
    if (focus === 'notice') said.current?.focus();
    setFocus(null);
  }, [focus]);

  function close(next: 'opener' | 'notice') {
    setOpen(false);
    setErrors({});
    setProblem(null);
    setFocus(next);
  }

  function refused(error: unknown) {
    if (problemAt) {
      const reasons =
        error instanceof ApiError && error.problem.invalidParams
          ? [...new Set(error.problem.invalidParams.map((p) => p.reason))].join(' ')
          : problemDetail(error, t('signIn.offline'));
      setErrors({ [problemAt]: reasons });
    } else if (error instanceof ApiError && error.problem.invalidParams) {
      setErrors(fieldErrors(error));
      setProblem(null);
    } else {
      setErrors({});
      setProblem(error);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const variables = toVariables(new FormValues(new FormData(event.currentTarget)));
    mutation.mutate(variables, {
      onSuccess: (result) => {
        setNotice(success(result, variables));
        close('notice');
      },
      onError: refused,
    });
  }

  const field = (name: string, ...requestNames: string[]): ChangeFormField => {
    const message = [name, ...requestNames].map((n) => errors[n]).find(Boolean);
    return { id: `${id}-${name}`, name, invalid: Boolean(message), errorMessage: message };
  };

  return (
    <div className="samenspel-case-form">
      {notice && !open ? (
        <div ref={said} tabIndex={-1} className="samenspel-case-form__notice">
          <Alert type="ok" role="status">
            <Paragraph>{notice}</Paragraph>
          </Alert>
        </div>
      ) : null}
      {open ? (
        <form
          ref={form}
          onSubmit={submit}
          noValidate
          className="samenspel-subject"
          aria-labelledby={`${id}-kop`}
        >
          <h3 id={`${id}-kop`} className="utrecht-heading-3">
            {title}
          </h3>
          {problem ? <FormProblem error={problem} /> : null}
          {children(field)}
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button" disabled={mutation.isPending}>
              {submitLabel}
            </Button>
            <Button
              type="button"
              appearance="secondary-action-button"
              disabled={mutation.isPending}
              onClick={() => close('opener')}
            >
              {t('confirm.cancel')}
            </Button>
          </ButtonGroup>
          {mutation.isPending ? <Loading label={busyLabel ?? t('intake.saving')} /> : null}
        </form>
      ) : (
        <ButtonGroup>
          <Button
            ref={opener}
            appearance="secondary-action-button"
            onClick={() => {
              setNotice(null);
              setOpen(true);
              setFocus('form');
            }}
          >
            {openLabel}
          </Button>
        </ButtonGroup>
      )}
    </div>
  );
}
