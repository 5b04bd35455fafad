import type { Role, UserSummary } from '@samenspel/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Paragraph,
} from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { NotFoundPage } from '../../app/not-found-page.js';
import { ApiError } from '../../components/api.js';
import { Confirmation, useConfirmation } from '../../components/confirmation.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { formatDateTime, t } from '../../i18n/i18n.js';
import { useMe } from '../auth/auth-api.js';
import { changeUser, type UserChange, usersKey, useUser } from './admin-api.js';
import { RoleFields } from './role-fields.js';

export function UserPage() {
  const { userId } = useParams();
  const me = useMe();
  const user = useUser(userId);
  useEffect(() => {
    if (user.data) document.title = `${user.data.displayName} · ${t('app.name')}`;
  }, [user.data]);
  if (user.isPending) return <Loading />;
  if (user.isError) {
    if (user.error instanceof ApiError && user.error.status === 404) return <NotFoundPage />;
    return <ProblemAlert error={user.error} onRetry={() => void user.refetch()} />;
  }
  return <UserDetail user={user.data} self={me.data?.user.id === user.data.id} />;
}

function UserDetail({ user, self }: { user: UserSummary; self: boolean }) {
  const queryClient = useQueryClient();
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [message, setMessage] = useState<string | null>(null);
  const asking = useConfirmation<'deactivate' | 'reset-second-factor'>();
  const change = useMutation({
    mutationFn: (request: { change: UserChange; done: string }) => changeUser(user.id, request.change),
    onSuccess: async (updated, request) => {
      queryClient.setQueryData([...usersKey, user.id], updated);
      await queryClient.invalidateQueries({ queryKey: usersKey, exact: true });
      asking.done();
      setMessage(request.done);
    },
    onError: () => asking.done(),
  });
  const roleError = change.error instanceof ApiError ? change.error.fieldError('roles') : undefined;

  return (
    <>
      <Paragraph>
        <RouterLink to="/beheer/gebruikers" className="utrecht-link">
          {t('admin.users.back')}
        </RouterLink>
      </Paragraph>
      <Heading1>{user.displayName}</Heading1>
      {message ? (
        <Alert type="ok" role="status">
          <Paragraph>{message}</Paragraph>
        </Alert>
      ) : null}
      {change.isError && !roleError ? <ProblemAlert error={change.error} /> : null}
      <DataList>
        <DataListItem>
          <DataListKey>{t('admin.email')}</DataListKey>
          <DataListValue>{user.email}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('admin.organisation')}</DataListKey>
          <DataListValue>{user.organisation.name}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('admin.status')}</DataListKey>
          <DataListValue>{user.active ? t('admin.active') : t('admin.inactive')}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('admin.secondFactor')}</DataListKey>
          <DataListValue>
            {user.secondFactorEnrolled ? t('admin.enrolled') : t('admin.notEnrolled')}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('admin.createdAt')}</DataListKey>
          <DataListValue>{formatDateTime(user.createdAt)}</DataListValue>
        </DataListItem>
      </DataList>

      {self ? (
        <Alert type="info">
          <Paragraph>{t('admin.users.self')}</Paragraph>
        </Alert>
      ) : null}

      <Section id="rollen-kop" title={t('admin.users.changeRoles')}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            change.mutate({ change: { type: 'roles', roles }, done: t('admin.users.rolesSaved') });
          }}
          noValidate
        >
          <RoleFields selected={roles} onChange={setRoles} error={roleError} disabled={self} />
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button" disabled={self || change.isPending}>
              {t('admin.users.saveRoles')}
            </Button>
          </ButtonGroup>
        </form>
      </Section>

      <Section id="account-kop" title={t('admin.users.account')}>
        {asking.pending === 'deactivate' ? (
          <Confirmation
            title={t('admin.users.deactivateQuestion', { name: user.displayName })}
            confirmLabel={t('admin.users.deactivateYes')}
            busy={change.isPending}
            onConfirm={() =>
              change.mutate({ change: { type: 'deactivate' }, done: t('admin.users.deactivated') })
            }
            onCancel={asking.cancel}
          >
            {t('admin.users.confirmDeactivate', { name: user.displayName })}
          </Confirmation>
        ) : null}
        {asking.pending === 'reset-second-factor' ? (
          <Confirmation
            title={t('admin.users.resetQuestion')}
            confirmLabel={t('admin.users.resetYes')}
            busy={change.isPending}
            onConfirm={() =>
              change.mutate({ change: { type: 'reset-second-factor' }, done: t('admin.users.resetDone') })
            }
            onCancel={asking.cancel}
          >
            {t('admin.users.confirmReset', { name: user.displayName })}
          </Confirmation>
        ) : null}
        <ButtonGroup>
          {user.active ? (
            <Button
              appearance="secondary-action-button"
              disabled={self || change.isPending || asking.asking}
              onClick={() => asking.ask('deactivate')}
            >
              {t('admin.users.deactivate')}
            </Button>
          ) : (
            <Button
              appearance="secondary-action-button"
              disabled={self || change.isPending}
              onClick={() =>
                change.mutate({ change: { type: 'reactivate' }, done: t('admin.users.reactivated') })
              }
            >
              {t('admin.users.reactivate')}
            </Button>
          )}
          <Button
            appearance="secondary-action-button"
            disabled={self || change.isPending || !user.secondFactorEnrolled || asking.asking}
            onClick={() => asking.ask('reset-second-factor')}
          >
            {t('admin.users.resetSecondFactor')}
          </Button>
        </ButtonGroup>
        {change.isPending ? <Loading label={t('admin.saving')} /> : null}
      </Section>
    </>
  );
}
