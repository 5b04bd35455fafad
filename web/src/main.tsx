import '@utrecht/component-library-css/dist/index.css';
import 'leaflet/dist/leaflet.css';
import './theme/tokens.css';
import './app/app.css';
import { configureDutchMessages } from '@samenspel/contracts';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ErrorPage } from './app/error-page.js';
import { Layout } from './app/layout.js';
import { NotFoundPage } from './app/not-found-page.js';
import { ApiError } from './components/api.js';
import { AccountPage } from './features/account/account-page.js';
import { PasswordChangePage } from './features/account/password-change-page.js';
import { ApiTokensPage } from './features/admin/api-tokens-page.js';
import { CollaborationsPage } from './features/admin/collaborations-page.js';
import { UserPage } from './features/admin/user-page.js';
import { UsersPage } from './features/admin/users-page.js';
import { AuditLogPage } from './features/audit/audit-log-page.js';
import { meKey } from './features/auth/auth-api.js';
import { RequirePermission, RequireSession } from './features/auth/require-session.js';
import { SecondFactorPage } from './features/auth/second-factor-page.js';
import { SignInPage } from './features/auth/sign-in-page.js';
import { CaseNewPage } from './features/cases/case-new-page.js';
import { CasePage } from './features/cases/case-page.js';
import { CasesPage } from './features/cases/cases-page.js';
import { MeetingPage } from './features/meetings/meeting-page.js';
import { MeetingsPage } from './features/meetings/meetings-page.js';
import { NotificationsPage } from './features/notifications/notifications-page.js';
import { RegionPage } from './features/region/region-page.js';
import { SearchPage } from './features/search/search-page.js';
import { InboxPage } from './features/signals/inbox-page.js';
import { IntakePage } from './features/signals/intake-page.js';
import { SignalPage } from './features/signals/signal-page.js';
import { SignalsPage } from './features/signals/signals-page.js';
import { WorkPage } from './features/work/work-page.js';

configureDutchMessages();

const queryClient: QueryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5 * 60_000,
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 1,
    },
  },
  // A 401 anywhere means the session ended (timeout, sign-out elsewhere): ask who is signed in again,
  // which sends the user to the sign-in page.
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (error instanceof ApiError && error.status === 401 && query.queryKey[0] !== meKey[0])
        void queryClient.invalidateQueries({ queryKey: meKey });
    },
  }),
});

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      {
        // A page that breaks shows the Dutch error page inside the layout, never a stack trace.
        errorElement: <ErrorPage />,
        children: [
          { path: 'aanmelden', element: <SignInPage /> },
          {
            element: <RequireSession />,
            children: [
              { index: true, element: <WorkPage /> },
              { path: 'regio', element: <RegionPage /> },
              { path: 'regio/:regionId', element: <RegionPage /> },
              { path: 'tweede-factor', element: <SecondFactorPage /> },
              { path: 'wachtwoord-kiezen', element: <PasswordChangePage /> },
              { path: 'mijn-account', element: <AccountPage /> },
              {
                element: <RequirePermission permission="notification.read" />,
                children: [{ path: 'meldingen', element: <NotificationsPage /> }],
              },
              {
                element: <RequirePermission permission="signal.read" />,
                children: [
                  { path: 'signalen', element: <SignalsPage /> },
                  { path: 'signalen/:signalId', element: <SignalPage /> },
                ],
              },
              {
                element: <RequirePermission permission="signal.create" />,
                children: [
                  { path: 'signalen/nieuw', element: <IntakePage /> },
                  { path: 'signalen/:signalId/bewerken', element: <IntakePage /> },
                ],
              },
              {
                element: <RequirePermission permission="case.read" />,
                children: [
                  { path: 'casussen', element: <CasesPage /> },
                  { path: 'casussen/:caseId', element: <CasePage /> },
                  { path: 'casussen/:caseId/:tab', element: <CasePage /> },
                ],
              },
              {
                element: <RequirePermission permission="case.create" />,
                children: [{ path: 'casussen/nieuw', element: <CaseNewPage /> }],
              },
              {
                element: <RequirePermission permission="meeting.manage" />,
                children: [
                  { path: 'overleggen', element: <MeetingsPage /> },
                  { path: 'overleggen/:meetingId', element: <MeetingPage /> },
                ],
              },
              {
                element: <RequirePermission permission="hitcheck.answer" />,
                children: [{ path: 'hit-no-hit', element: <InboxPage /> }],
              },
              {
                element: <RequirePermission permission="subject.read" />,
                children: [
                  // Loaded on demand: the network drawing (Cytoscape) is large.
                  {
                    path: 'subjecten',
                    lazy: async () => ({
                      Component: (await import('./features/subjects/subjects-pages.js')).SubjectsPage,
                    }),
                  },
                  {
                    path: 'subjecten/:subjectId',
                    lazy: async () => ({
                      Component: (await import('./features/subjects/subjects-pages.js')).SubjectPage,
                    }),
                  },
                ],
              },
              {
                element: <RequirePermission permission="report.read" />,
                children: [
                  // Loaded on demand: the charts (recharts) are only for steering roles.
                  {
                    path: 'verantwoording',
                    lazy: async () => ({
                      Component: (await import('./features/reports/dashboard-page.js')).DashboardPage,
                    }),
                  },
                ],
              },
              {
                element: <RequirePermission permission="user.read" />,
                children: [
                  { path: 'beheer/gebruikers', element: <UsersPage /> },
                  { path: 'beheer/gebruikers/:userId', element: <UserPage /> },
                ],
              },
              {
                element: <RequirePermission permission="api-token.manage" />,
                children: [{ path: 'beheer/api-tokens', element: <ApiTokensPage /> }],
              },
              {
                element: <RequirePermission permission="collaboration.read" />,
                children: [
                  { path: 'beheer/samenwerkingsverbanden', element: <CollaborationsPage /> },
                  { path: 'beheer/samenwerkingsverbanden/:collaborationId', element: <CollaborationsPage /> },
                ],
              },
              {
                element: <RequirePermission permission="audit.read" />,
                children: [{ path: 'verwerkingslog', element: <AuditLogPage /> }],
              },
              {
                element: <RequirePermission permission="search.use" />,
                children: [{ path: 'zoeken', element: <SearchPage /> }],
              },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
