import { createUserRequest, type Role, type SecuritySettings, type UserSummary } from '@samenspel/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  Code,
  Fieldset,
  FieldsetLegend,
  FormFieldTextbox,
  FormLabel,
  Heading1,
  Paragraph,
  RadioButton,
  StatusBadge,
  TableCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { ApiError } from '../../components/api.js';
import { checkForm } from '../../components/check-form.js';
import { DataTable } from '../../components/data-table.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { SelectField } from '../../components/select-field.js';
import { t } from '../../i18n/i18n.js';
import { can, useMe } from '../auth/auth-api.js';
import { usePartnerOrganisations } from '../reference/reference-api.js';
import {
  type CreatedUser,
  createUser,
  saveSecuritySettings,
  securitySettingsKey,
  usersKey,
  useSecuritySettings,
  useUsers,
} from './admin-api.js';
import { RoleFields } from './role-fields.js';

type Field = 'email' | 'displayName' | 'organisationId' | 'roles';

export function UsersPage() {
  const me = useMe();
  const users = useUsers();
  useEffect(() => {
    document.title = `${t('admin.users.title')} · ${t('app.name')}`;
  }, []);
  return (
    <>
      <Heading1>{t('admin.users.title')}</Heading1>
      <Paragraph>{t('admin.users.intro', { region: me.data?.region.name ?? '' })}</Paragraph>
      {users.isPending ? <Loading /> : null}
      {users.isError ? <ProblemAlert error={users.error} onRetry={() => void users.refetch()} /> : null}
      {users.data ? <UsersTable users={users.data} /> : null}
      <CreateUser regionId={me.data?.region.id} />
      {can(me.data, 'security-settings.manage') ? <SecurityPolicy /> : null}
    </>
  );
}

function UsersTable({ users }: { users: UserSummary[] }) {
  return (
    <DataTable
      caption={t('admin.users.caption', { count: users.length })}
      columns={[
        t('admin.name'),
        t('admin.organisation'),
        t('admin.roles'),
        t('admin.secondFactor'),
        t('admin.status'),
      ]}
    >
      {users.map((user) => (
        <TableRow key={user.id}>
          <TableCell>
            <RouterLink to={`/beheer/gebruikers/${user.id}`} className="utrecht-link">
              {user.displayName}
            </RouterLink>
            <br />
            <span className="samenspel-muted">{user.email}</span>
          </TableCell>
          <TableCell>{user.organisation.name}</TableCell>
          <TableCell>{user.roles.map((r) => t(`role.${r}`)).join(', ')}</TableCell>
          <TableCell>{user.secondFactorEnrolled ? t('admin.enrolled') : t('admin.notEnrolled')}</TableCell>
          <TableCell>
            <StatusBadge status={user.active ? 'safe' : 'neutral'}>
              {user.active ? t('admin.active') : t('admin.inactive')}
            </StatusBadge>
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}

function CreateUser({ regionId }: { regionId: string | undefined }) {
  const organisations = usePartnerOrganisations(regionId);
  const queryClient = useQueryClient();
  const [roles, setRoles] = useState<Role[]>([]);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [created, setCreated] = useState<CreatedUser | null>(null);
  const create = useMutation({
    mutationFn: createUser,
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const input = {
      email: String(form.get('email') ?? ''),
      displayName: String(form.get('displayName') ?? ''),
      organisationId: String(form.get('organisationId') ?? ''),
      roles,
    };
    const parsed = checkForm(createUserRequest, input);
    if (!parsed.ok) {
      const found: Partial<Record<Field, string>> = parsed.errors;
      if (!input.organisationId) found.organisationId = t('admin.chooseOrganisation');
      setErrors(found);
      return;
    }
    setErrors({});
    try {
      const result = await create.mutateAsync(parsed.data);
      setCreated(result);
      setRoles([]);
      formElement.reset();
      await queryClient.invalidateQueries({ queryKey: usersKey });
    } catch (error) {
      if (error instanceof ApiError && error.problem.invalidParams) setErrors(error.fieldErrors());
    }
  }

  return (
    <Section id="nieuwe-gebruiker" title={t('admin.users.new')}>
      {created ? (
        <Alert type="ok" role="status">
          <Paragraph>{t('admin.users.created', { name: created.user.displayName })}</Paragraph>
          <Paragraph>
            {t('admin.users.initialPassword')}{' '}
            <Code data-testid="initial-password">{created.initialPassword}</Code>
          </Paragraph>
        </Alert>
      ) : null}
      {create.isError && !(create.error instanceof ApiError && create.error.problem.invalidParams) ? (
        <ProblemAlert error={create.error} />
      ) : null}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <FormFieldTextbox
          id="nieuw-email"
          name="email"
          type="email"
          label={t('admin.email')}
          autoComplete="off"
          required
          invalid={Boolean(errors.email)}
          errorMessage={errors.email}
        />
        <FormFieldTextbox
          id="nieuw-naam"
          name="displayName"
          label={t('admin.name')}
          autoComplete="off"
          required
          invalid={Boolean(errors.displayName)}
          errorMessage={errors.displayName}
        />
        <SelectField
          id="nieuw-organisatie"
          name="organisationId"
          label={t('admin.organisation')}
          required
          busy={organisations.isPending}
          defaultValue=""
          placeholder={t('admin.chooseOrganisation')}
          options={(organisations.data ?? []).map((o) => [o.id, o.name] as const)}
          invalid={Boolean(errors.organisationId)}
          errorMessage={errors.organisationId}
        />
        <RoleFields selected={roles} onChange={setRoles} error={errors.roles} />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" disabled={create.isPending}>
            {t('admin.users.create')}
          </Button>
        </ButtonGroup>
        {create.isPending ? <Loading label={t('admin.saving')} /> : null}
      </form>
    </Section>
  );
}

function SecurityPolicy() {
  const queryClient = useQueryClient();
  const settings = useSecuritySettings();
  const save = useMutation({
    mutationFn: (policy: SecuritySettings['secondFactorRequiredFor']) =>
      saveSecuritySettings({ secondFactorRequiredFor: policy }),
    onSuccess: (updated) => queryClient.setQueryData(securitySettingsKey, updated),
  });
  const [choice, setChoice] = useState<SecuritySettings['secondFactorRequiredFor'] | null>(null);
  const current = choice ?? settings.data?.secondFactorRequiredFor ?? 'personal-data-roles';
  const options = [
    { value: 'personal-data-roles', label: t('admin.security.personal') },
    { value: 'all-roles', label: t('admin.security.all') },
  ] as const;
  return (
    <Section id="beleid-kop" title={t('admin.security.title')}>
      {settings.isPending ? <Loading /> : null}
      {settings.isError ? (
        <ProblemAlert error={settings.error} onRetry={() => void settings.refetch()} />
      ) : null}
      {save.isSuccess ? (
        <Alert type="ok" role="status">
          <Paragraph>{t('admin.security.saved')}</Paragraph>
        </Alert>
      ) : null}
      {save.isError ? <ProblemAlert error={save.error} /> : null}
      {settings.data ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate(current);
          }}
        >
          <Fieldset>
            <FieldsetLegend>{t('admin.security.legend')}</FieldsetLegend>
            {options.map((option) => (
              <p key={option.value} className="samenspel-radio">
                <RadioButton
                  id={`beleid-${option.value}`}
                  name="secondFactorRequiredFor"
                  value={option.value}
                  checked={current === option.value}
                  onChange={() => setChoice(option.value)}
                />
                <FormLabel htmlFor={`beleid-${option.value}`} type="radio">
                  {option.label}
                </FormLabel>
              </p>
            ))}
          </Fieldset>
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
              {t('admin.security.save')}
            </Button>
          </ButtonGroup>
        </form>
      ) : null}
    </Section>
  );
}
