import '@utrecht/component-library-css/dist/index.css';
import './theme/tokens.css';
import './app/app.css';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ComponentType, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ErrorPage } from './app/error-page.js';
import { Layout } from './app/layout.js';
import { NotFoundPage } from './app/not-found-page.js';
import { ApiError } from './components/api.js';
import { Loading } from './components/loading.js';
import { meKey, meQuery } from './features/auth/auth-api.js';
import { RequirePermission, RequireSession } from './features/auth/require-session.js';

/**
 * A page whose code is fetched when it is first visited, so that each role's start page loads
 * only what it shows (the map, the charts and the network drawing stay out of it).
 */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  return async () => ({ Component: (await load())[name] as ComponentType });
}

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
    // The first page's code is still on its way: the same status as any other load.
    hydrateFallbackElement: <Loading />,
    children: [
      {
        // A page that breaks shows the Dutch error page inside the layout, never a stack trace.
        errorElement: <ErrorPage />,
        children: [
          { path: 'aanmelden', lazy: page(() => import('./features/auth/sign-in-page.js'), 'SignInPage') },
          {
            element: <RequireSession />,
            children: [
              { index: true, lazy: page(() => import('./features/work/work-page.js'), 'WorkPage') },
              { path: 'regio', lazy: page(() => import('./features/region/region-page.js'), 'RegionPage') },
              {
                path: 'regio/:regionId',
                lazy: page(() => import('./features/region/region-page.js'), 'RegionPage'),
              },
              {
                path: 'tweede-factor',
                lazy: page(() => import('./features/auth/second-factor-page.js'), 'SecondFactorPage'),
              },
              {
                path: 'wachtwoord-kiezen',
                lazy: page(() => import('./features/account/password-change-page.js'), 'PasswordChangePage'),
              },
              {
                path: 'mijn-account',
                lazy: page(() => import('./features/account/account-page.js'), 'AccountPage'),
              },
              {
                element: <RequirePermission permission="notification.read" />,
                children: [
                  {
                    path: 'meldingen',
                    lazy: page(
                      () => import('./features/notifications/notifications-page.js'),
                      'NotificationsPage',
                    ),
                  },
                ],
              },
              {
                element: <RequirePermission permission="signal.read" />,
                children: [
                  {
                    path: 'signalen',
                    lazy: page(() => import('./features/signals/signals-page.js'), 'SignalsPage'),
                  },
                  {
                    path: 'signalen/:signalId',
                    lazy: page(() => import('./features/signals/signal-page.js'), 'SignalPage'),
                  },
                ],
              },
              {
                element: <RequirePermission permission="signal.create" />,
                children: [
                  {
                    path: 'signalen/nieuw',
                    lazy: page(() => import('./features/signals/intake-page.js'), 'IntakePage'),
                  },
                  {
                    path: 'signalen/:signalId/bewerken',
                    lazy: page(() => import('./features/signals/intake-page.js'), 'IntakePage'),
                  },
                  {
                    path: 'signalen/importeren',
                    lazy: page(
                      () => import('./features/signals/signals-import-page.js'),
                      'SignalsImportPage',
                    ),
                  },
                ],
              },
              {
                element: <RequirePermission permission="case.read" />,
                children: [
                  {
                    path: 'casussen',
                    lazy: page(() => import('./features/cases/cases-page.js'), 'CasesPage'),
                  },
                  {
                    path: 'casussen/:caseId',
                    lazy: page(() => import('./features/cases/case-page.js'), 'CasePage'),
                  },
                  {
                    path: 'casussen/:caseId/:tab',
                    lazy: page(() => import('./features/cases/case-page.js'), 'CasePage'),
                  },
                ],
              },
              {
                element: <RequirePermission permission="case.create" />,
                children: [
                  {
                    path: 'casussen/nieuw',
                    lazy: page(() => import('./features/cases/case-new-page.js'), 'CaseNewPage'),
                  },
                  {
                    path: 'casussen/historie-importeren',
                    lazy: page(
                      () => import('./features/cases/case-history-import-page.js'),
                      'CaseHistoryImportPage',
                    ),
                  },
                ],
              },
              {
                element: <RequirePermission permission="case.manage" />,
                children: [
                  {
                    path: 'casussen/betrokkenen-importeren',
                    lazy: page(
                      () => import('./features/cases/case-subjects-import-page.js'),
                      'CaseSubjectsImportPage',
                    ),
                  },
                ],
              },
              {
                element: <RequirePermission permission="meeting.manage" />,
                children: [
                  {
                    path: 'overleggen',
                    lazy: page(() => import('./features/meetings/meetings-page.js'), 'MeetingsPage'),
                  },
                  {
                    path: 'overleggen/:meetingId',
                    lazy: page(() => import('./features/meetings/meeting-page.js'), 'MeetingPage'),
                  },
                ],
              },
              {
                element: <RequirePermission permission="location.figures" />,
                children: [
                  {
                    path: 'risicolocaties',
                    lazy: page(() => import('./features/places/places-page.js'), 'PlacesPage'),
                  },
                ],
              },
              {
                element: <RequirePermission permission="location.read" />,
                children: [
                  {
                    path: 'risicolocaties/:locationId',
                    lazy: page(() => import('./features/places/location-page.js'), 'LocationPage'),
                  },
                ],
              },
              {
                element: <RequirePermission permission="inspection.read" />,
                children: [
                  {
                    path: 'controles/:inspectionId',
                    lazy: page(() => import('./features/places/inspection-page.js'), 'InspectionPage'),
                  },
                ],
              },
              {
                element: <RequirePermission permission="hitcheck.answer" />,
                children: [
                  {
                    path: 'hit-no-hit',
                    lazy: page(() => import('./features/signals/inbox-page.js'), 'InboxPage'),
                  },
                ],
              },
              {
                element: <RequirePermission permission="subject.read" />,
                children: [
                  // Loaded on demand: the network drawing (Cytoscape) is large.
                  {
                    path: 'subjecten',
                    lazy: page(() => import('./features/subjects/subjects-pages.js'), 'SubjectsPage'),
                  },
                  {
                    path: 'subjecten/:subjectId',
                    lazy: page(() => import('./features/subjects/subjects-pages.js'), 'SubjectPage'),
                  },
                ],
              },
              {
                element: <RequirePermission permission="report.read" />,
                children: [
                  // Loaded on demand: the charts (recharts) are only for steering roles.
                  {
                    path: 'verantwoording',
                    lazy: page(() => import('./features/reports/dashboard-page.js'), 'DashboardPage'),
                  },
                ],
              },
              {
                element: <RequirePermission permission="programme.read" />,
                children: [
                  {
                    path: 'programmas',
                    lazy: page(() => import('./features/programmes/programmes-page.js'), 'ProgrammesPage'),
                  },
                  {
                    path: 'programmas/indicatoren',
                    lazy: page(() => import('./features/programmes/indicators-page.js'), 'IndicatorsPage'),
                  },
                  {
                    path: 'programmas/:programmeId',
                    lazy: page(() => import('./features/programmes/programme-page.js'), 'ProgrammePage'),
                  },
                ],
              },
              {
                element: <RequirePermission permission="activity.read" />,
                children: [
                  {
                    path: 'activiteiten',
                    lazy: page(() => import('./features/programmes/activities-page.js'), 'ActivitiesPage'),
                  },
                ],
              },
              {
                element: <RequirePermission permission="finance.read" />,
                children: [
                  {
                    path: 'financien',
                    lazy: page(() => import('./features/finance/finance-page.js'), 'FinancePage'),
                  },
                ],
              },
              {
                element: <RequirePermission permission="annual-report.read" />,
                children: [
                  {
                    path: 'jaarverslagen',
                    lazy: page(
                      () => import('./features/annual-reports/annual-reports-page.js'),
                      'AnnualReportsPage',
                    ),
                  },
                  {
                    path: 'jaarverslagen/:reportId/publicatie',
                    lazy: page(
                      () => import('./features/annual-reports/publication-page.js'),
                      'PublicationPage',
                    ),
                  },
                ],
              },
              {
                element: <RequirePermission permission="annual-report.write" />,
                children: [
                  {
                    path: 'jaarverslagen/:reportId',
                    lazy: page(
                      () => import('./features/annual-reports/annual-report-page.js'),
                      'AnnualReportPage',
                    ),
                  },
                ],
              },
              {
                element: <RequirePermission permission="case-progress.read" />,
                children: [
                  {
                    path: 'voortgang-casussen',
                    lazy: page(
                      () => import('./features/programmes/case-progress-page.js'),
                      'CaseProgressPage',
                    ),
                  },
                ],
              },
              {
                element: <RequirePermission permission="norm.read" />,
                children: [
                  {
                    path: 'normen',
                    lazy: page(() => import('./features/programmes/norms/norms-pages.js'), 'NormsPage'),
                  },
                  {
                    path: 'normen/:normId',
                    lazy: page(() => import('./features/programmes/norms/norms-pages.js'), 'NormPage'),
                  },
                  {
                    path: 'normen/:normId/deelnemers/:organisationId',
                    lazy: page(
                      () => import('./features/programmes/norms/norm-member-page.js'),
                      'NormMemberPage',
                    ),
                  },
                  {
                    path: 'normen/besprekingen/:reviewId',
                    lazy: page(
                      () => import('./features/programmes/norms/norm-review-page.js'),
                      'NormReviewPage',
                    ),
                  },
                ],
              },
              {
                element: <RequirePermission permission="scan.read" />,
                children: [
                  {
                    path: 'scans',
                    lazy: page(() => import('./features/programmes/scans/scans-pages.js'), 'ScansPage'),
                  },
                  {
                    path: 'scans/:scanId',
                    lazy: page(() => import('./features/programmes/scans/scans-pages.js'), 'ScanPage'),
                  },
                  {
                    path: 'scans/uitvoeringen/:runId',
                    lazy: page(() => import('./features/programmes/scans/scan-run-page.js'), 'ScanRunPage'),
                  },
                ],
              },
              {
                element: <RequirePermission permission="scan.run" />,
                children: [
                  {
                    path: 'scans/:scanId/uitvoeren',
                    lazy: page(
                      () => import('./features/programmes/scans/scan-run-form.js'),
                      'ScanRunFormPage',
                    ),
                  },
                ],
              },
              {
                element: <RequirePermission permission="user.read" />,
                children: [
                  {
                    path: 'beheer/gebruikers',
                    lazy: page(() => import('./features/admin/users-page.js'), 'UsersPage'),
                  },
                  {
                    path: 'beheer/gebruikers/:userId',
                    lazy: page(() => import('./features/admin/user-page.js'), 'UserPage'),
                  },
                ],
              },
              {
                element: <RequirePermission permission="api-token.manage" />,
                children: [
                  {
                    path: 'beheer/api-tokens',
                    lazy: page(() => import('./features/admin/api-tokens-page.js'), 'ApiTokensPage'),
                  },
                ],
              },
              {
                element: <RequirePermission permission="address-register.manage" />,
                children: [
                  {
                    path: 'beheer/adresregister',
                    lazy: page(
                      () => import('./features/places/address-register-page.js'),
                      'AddressRegisterPage',
                    ),
                  },
                ],
              },
              {
                element: <RequirePermission permission="collaboration.read" />,
                children: [
                  {
                    path: 'beheer/samenwerkingsverbanden',
                    lazy: page(() => import('./features/admin/collaborations-page.js'), 'CollaborationsPage'),
                  },
                  {
                    path: 'beheer/samenwerkingsverbanden/:collaborationId',
                    lazy: page(() => import('./features/admin/collaborations-page.js'), 'CollaborationsPage'),
                  },
                ],
              },
              {
                element: <RequirePermission permission="audit.read" />,
                children: [
                  {
                    path: 'verwerkingslog',
                    lazy: page(() => import('./features/audit/audit-log-page.js'), 'AuditLogPage'),
                  },
                ],
              },
              {
                element: <RequirePermission permission="processing-activity.read" />,
                children: [
                  {
                    path: 'verwerkingsregister',
                    lazy: page(
                      () => import('./features/privacy/processing-register-page.js'),
                      'ProcessingRegisterPage',
                    ),
                  },
                ],
              },
              {
                element: <RequirePermission permission="retention.read" />,
                children: [
                  {
                    path: 'bewaartermijnen',
                    lazy: page(() => import('./features/privacy/retention-page.js'), 'RetentionPage'),
                  },
                  {
                    path: 'bewaartermijnen/:listId',
                    lazy: page(() => import('./features/privacy/retention-page.js'), 'RetentionPage'),
                  },
                ],
              },
              {
                element: <RequirePermission permission="dsr.manage" />,
                children: [
                  {
                    path: 'verzoeken-betrokkenen',
                    lazy: page(() => import('./features/privacy/dsr-page.js'), 'DsrRequestsPage'),
                  },
                  {
                    path: 'verzoeken-betrokkenen/:requestId',
                    lazy: page(() => import('./features/privacy/dsr-page.js'), 'DsrRequestPage'),
                  },
                ],
              },
              {
                element: <RequirePermission permission="dsr.decide" />,
                children: [
                  {
                    path: 'mijn-verzoektaken',
                    lazy: page(() => import('./features/privacy/dsr-tasks-page.js'), 'DsrTasksPage'),
                  },
                  {
                    path: 'mijn-verzoektaken/:taskId',
                    lazy: page(() => import('./features/privacy/dsr-tasks-page.js'), 'DsrTaskPage'),
                  },
                ],
              },
              {
                element: <RequirePermission permission="search.use" />,
                children: [
                  {
                    path: 'zoeken',
                    lazy: page(() => import('./features/search/search-page.js'), 'SearchPage'),
                  },
                ],
              },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);

// Who is signed in is asked at once, while the first page's code is still on its way.
void queryClient.prefetchQuery(meQuery);

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
