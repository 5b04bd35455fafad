import { changePasswordRequest } from '@samenspel/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonGroup, FormFieldTextbox } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../components/api.js';
import { checkForm } from '../../components/check-form.js';
import { Loading } from '../../components/loading.js';
import { FormProblem } from '../../components/problem-alert.js';
import { t } from '../../i18n/i18n.js';
import { meKey } from '../auth/auth-api.js';
import { changePassword, type PasswordChanged } from './account-api.js';

type Field = 'currentPassword' | 'newPassword' | 'repeatPassword';

/**
 * The current password and the new one twice, checked here by the same rules as the server's
 * and then by the server. On success the form empties and the session is the new one the
 * server handed out (its CSRF token is fetched again before anything else is sent).
 */
export function PasswordForm({
  id,
  forced = false,
  onChanged,
}: {
  id: string;
  /** The first change after an administrator made the account: the current one is the one received. */
  forced?: boolean;
  onChanged: (result: PasswordChanged) => void;
}) {
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const change = useMutation({ mutationFn: changePassword });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = new FormData(form);
    const body = {
      currentPassword: String(values.get('currentPassword') ?? ''),
      newPassword: String(values.get('newPassword') ?? ''),
      repeatPassword: String(values.get('repeatPassword') ?? ''),
    };
    const parsed = checkForm(changePasswordRequest, body);
    if (!parsed.ok) {
      const found: Partial<Record<Field, string>> = parsed.errors;
      setErrors(found);
      change.reset();
      return;
    }
    setErrors({});
    try {
      const result = await change.mutateAsync(parsed.data);
      form.reset();
      await queryClient.invalidateQueries({ queryKey: meKey });
      onChanged(result);
    } catch (error) {
      if (error instanceof ApiError && error.problem.invalidParams?.length) {
        setErrors(error.fieldErrors());
        change.reset();
      }
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby={id}>
      {change.isError ? <FormProblem error={change.error} /> : null}
      <FormFieldTextbox
        id={`${id}-huidig`}
        name="currentPassword"
        type="password"
        label={forced ? t('password.received') : t('password.current')}
        autoComplete="current-password"
        required
        invalid={Boolean(errors.currentPassword)}
        errorMessage={errors.currentPassword}
      />
      <FormFieldTextbox
        id={`${id}-nieuw`}
        name="newPassword"
        type="password"
        label={t('password.new')}
        description={t('password.rules')}
        autoComplete="new-password"
        required
        invalid={Boolean(errors.newPassword)}
        errorMessage={errors.newPassword}
      />
      <FormFieldTextbox
        id={`${id}-herhaal`}
        name="repeatPassword"
        type="password"
        label={t('password.repeat')}
        autoComplete="new-password"
        required
        invalid={Boolean(errors.repeatPassword)}
        errorMessage={errors.repeatPassword}
      />
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" disabled={change.isPending}>
          {t('password.save')}
        </Button>
      </ButtonGroup>
      {change.isPending ? <Loading label={t('password.saving')} /> : null}
    </form>
  );
}
