import type { Permission } from '@samenspel/contracts';
import { Navigate, Outlet, useLocation } from 'react-router';
import { NotFoundPage } from '../../app/not-found-page.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { can, useMe } from './auth-api.js';

/**
 * Pages behind sign-in: without a session to the sign-in page; a session that must first choose
 * its own password or enrol a second factor goes there (the password page may show its outcome).
 */
export function RequireSession() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ProblemAlert error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const back = `${location.pathname}${location.search}${location.hash}`;
    return (
      <Navigate to={back === '/' ? '/aanmelden' : `/aanmelden?terug=${encodeURIComponent(back)}`} replace />
    );
  }
  const state = me.data.session.state;
  const first =
    state === 'password-change' ? '/wachtwoord-kiezen' : state === 'active' ? null : '/tweede-factor';
  if (first && location.pathname !== first && location.pathname !== '/wachtwoord-kiezen') {
    return <Navigate to={first} replace />;
  }
  return <Outlet />;
}

/** A page only for holders of a permission; others see "not found", as the API answers them. */
export function RequirePermission({ permission }: { permission: Permission }) {
  const me = useMe();
  return can(me.data, permission) ? <Outlet /> : <NotFoundPage />;
}
