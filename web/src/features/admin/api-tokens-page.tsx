import { tokenPermissions } from '@samenspel/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  Code,
  Fieldset,
  FieldsetLegend,
  FormFieldCheckbox,
  FormFieldErrorMessage,
  FormFieldTextbox,
  Heading1,
  Paragraph,
  TableCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError } from '../../components/api.js';
import { CopyButton } from '../../components/copy-button.js';
import { DataTable } from '../../components/data-table.js';
import { DateField, isoDateFromToday } from '../../components/date-field.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { SelectField } from '../../components/select-field.js';
import { formatDateTime, t } from '../../i18n/i18n.js';
import { useMe } from '../auth/auth-api.js';
import { usePartnerOrganisations } from '../reference/reference-api.js';
import {
  apiTokensKey,
  type CreatedApiToken,
  createApiToken,
  revokeApiToken,
  useApiTokens,
} from './admin-api.js';

type Field = 'name' | 'organisationId' | 'permissions' | 'expiresAt';

export function ApiTokensPage() {
  const me = useMe();
  const tokens = useApiTokens();
  const organisations = usePartnerOrganisations(me.data?.region.id);
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const create = useMutation({
    mutationFn: createApiToken,
  });
  const revoke = useMutation({
    mutationFn: revokeApiToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokensKey }),
  });
  useEffect(() => {
    document.title = `${t('admin.tokens.title')} · ${t('app.name')}`;
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const found: Partial<Record<Field, string>> = {};
    const name = String(form.get('name') ?? '').trim();
    const organisationId = String(form.get('organisationId') ?? '');
    const checked = form.getAll('permissions');
    const permissions = tokenPermissions.filter((p) => checked.includes(p));
    const expires = String(form.get('expiresAt') ?? '');
    if (name.length < 2) found.name = t('admin.tokens.nameRequired');
    if (!organisationId) found.organisationId = t('admin.chooseOrganisation');
    if (permissions.length === 0) found.permissions = t('admin.tokens.permissionRequired');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(expires)) found.expiresAt = t('admin.tokens.expiryRequired');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      // The end of the chosen day in the Netherlands.
      const expiresAt = new Date(`${expires}T23:59:59+01:00`).toISOString();
      setCreated(await create.mutateAsync({ name, organisationId, permissions, expiresAt }));
      formElement.reset();
      await queryClient.invalidateQueries({ queryKey: apiTokensKey });
    } catch (error) {
      if (error instanceof ApiError && error.problem.invalidParams) setErrors(error.fieldErrors());
    }
  }

  return (
    <>
      <Heading1>{t('admin.tokens.title')}</Heading1>
      <Paragraph>{t('admin.tokens.intro')}</Paragraph>
      {tokens.isPending ? <Loading /> : null}
      {tokens.isError ? <ProblemAlert error={tokens.error} onRetry={() => void tokens.refetch()} /> : null}
      {revoke.isError ? <ProblemAlert error={revoke.error} /> : null}
      {tokens.data ? (
        <DataTable
          caption={t('admin.tokens.caption', { count: tokens.data.length })}
          columns={[
            t('admin.tokens.name'),
            t('admin.organisation'),
            t('admin.tokens.permissions'),
            t('admin.tokens.expires'),
            t('admin.tokens.lastUsed'),
            t('admin.status'),
          ]}
        >
          {tokens.data.map((token) => (
            <TableRow key={token.id}>
              <TableCell>
                {token.name}
                <br />
                <Code>{token.prefix}…</Code>
              </TableCell>
              <TableCell>{token.organisation.name}</TableCell>
              <TableCell>{token.permissions.map((p) => t(`permission.${p}`)).join(', ')}</TableCell>
              <TableCell>{formatDateTime(token.expiresAt)}</TableCell>
              <TableCell>
                {token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('admin.tokens.never')}
              </TableCell>
              <TableCell>
                {token.revokedAt ? (
                  t('admin.tokens.revoked')
                ) : (
                  <Button
                    appearance="secondary-action-button"
                    disabled={revoke.isPending}
                    aria-label={t('admin.tokens.revokeNamed', { name: token.name })}
                    onClick={() => {
                      if (window.confirm(t('admin.tokens.confirmRevoke', { name: token.name })))
                        revoke.mutate(token.id);
                    }}
                  >
                    {t('admin.tokens.revoke')}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      ) : null}

      <Section id="nieuw-token" title={t('admin.tokens.new')}>
        {created ? (
          <Alert type="ok" role="status">
            <Paragraph>{t('admin.tokens.created', { name: created.apiToken.name })}</Paragraph>
            <Paragraph>
              <Code data-testid="new-token">{created.token}</Code>
            </Paragraph>
            <CopyButton text={created.token} label={t('admin.tokens.copy')} />
          </Alert>
        ) : null}
        <form onSubmit={(event) => void submit(event)} noValidate>
          <FormFieldTextbox
            id="token-naam"
            name="name"
            label={t('admin.tokens.name')}
            description={t('admin.tokens.nameHelp')}
            required
            invalid={Boolean(errors.name)}
            errorMessage={errors.name}
          />
          <SelectField
            id="token-organisatie"
            name="organisationId"
            label={t('admin.organisation')}
            required
            defaultValue=""
            placeholder={t('admin.chooseOrganisation')}
            options={(organisations.data ?? []).map((o) => [o.id, o.name] as const)}
            invalid={Boolean(errors.organisationId)}
            errorMessage={errors.organisationId}
          />
          <Fieldset invalid={Boolean(errors.permissions)}>
            <FieldsetLegend>{t('admin.tokens.permissions')}</FieldsetLegend>
            {errors.permissions ? <FormFieldErrorMessage>{errors.permissions}</FormFieldErrorMessage> : null}
            {tokenPermissions.map((p) => (
              <FormFieldCheckbox
                key={p}
                id={`token-recht-${p}`}
                name="permissions"
                value={p}
                label={t(`permission.${p}`)}
              />
            ))}
          </Fieldset>
          <DateField
            id="token-vervalt"
            name="expiresAt"
            label={t('admin.tokens.expires')}
            hint={t('admin.tokens.expiresHelp')}
            defaultValue={isoDateFromToday(90)}
            min={isoDateFromToday(1)}
            max={isoDateFromToday(365)}
            required
            invalid={Boolean(errors.expiresAt)}
            errorMessage={errors.expiresAt}
          />
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button" disabled={create.isPending}>
              {t('admin.tokens.create')}
            </Button>
          </ButtonGroup>
          {create.isPending ? <Loading label={t('admin.saving')} /> : null}
        </form>
      </Section>
    </>
  );
}
