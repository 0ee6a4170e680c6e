import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { ActiveShell } from './components/layouts/active-shell';
import { RootLayout } from './components/layouts/root-layout';
import { NoAgencyPage, NotFoundPage } from './components/not-found-page';
import { PageLoader } from './components/page-loader';
import { RequireRole, RequireState } from './components/route-guards';
import { LoginPage } from './features/auth/routes/login-page';
import { SecondFactorPage } from './features/auth/routes/second-factor-page';

// Pages load on demand: a collaborator on a phone never downloads the staff screens, and the
// login page is there before the rest has arrived.
const EnrolPage = lazy(() =>
  import('./features/account/routes/enrol-page').then((m) => ({ default: m.EnrolPage })),
);
const SetupPage = lazy(() =>
  import('./features/setup/routes/setup-page').then((m) => ({ default: m.SetupPage })),
);
const DashboardPage = lazy(() =>
  import('./features/dashboard/routes/dashboard-page').then((m) => ({ default: m.DashboardPage })),
);
const CollaboratorsPage = lazy(() =>
  import('./features/collaborators/routes/collaborators-page').then((m) => ({
    default: m.CollaboratorsPage,
  })),
);
const CollaboratorPage = lazy(() =>
  import('./features/collaborators/routes/collaborator-page').then((m) => ({ default: m.CollaboratorPage })),
);
const DocumentsPage = lazy(() =>
  import('./features/documents/routes/documents-page').then((m) => ({ default: m.DocumentsPage })),
);
const SendDocumentPage = lazy(() =>
  import('./features/documents/routes/send-document-page').then((m) => ({ default: m.SendDocumentPage })),
);
const DocumentPage = lazy(() =>
  import('./features/documents/routes/document-page').then((m) => ({ default: m.DocumentPage })),
);
const InvitationPage = lazy(() =>
  import('./features/invitations/routes/invitation-page').then((m) => ({ default: m.InvitationPage })),
);
const PanelPage = lazy(() =>
  import('./features/panel/routes/panel-page').then((m) => ({ default: m.PanelPage })),
);
const PanelDocumentPage = lazy(() =>
  import('./features/panel/routes/panel-document-page').then((m) => ({ default: m.PanelDocumentPage })),
);
const AuditPage = lazy(() =>
  import('./features/audit/routes/audit-page').then((m) => ({ default: m.AuditPage })),
);
const TeamPage = lazy(() =>
  import('./features/team/routes/team-page').then((m) => ({ default: m.TeamPage })),
);
const SettingsPage = lazy(() =>
  import('./features/settings/routes/settings-page').then((m) => ({ default: m.SettingsPage })),
);
const PeriodsPage = lazy(() =>
  import('./features/periods/routes/periods-page').then((m) => ({ default: m.PeriodsPage })),
);
const PeriodPage = lazy(() =>
  import('./features/periods/routes/period-page').then((m) => ({ default: m.PeriodPage })),
);
const PeriodLinesPage = lazy(() =>
  import('./features/periods/routes/period-lines-page').then((m) => ({ default: m.PeriodLinesPage })),
);
const StatementPage = lazy(() =>
  import('./features/statements/routes/statement-page').then((m) => ({ default: m.StatementPage })),
);
const ImportsPage = lazy(() =>
  import('./features/imports/routes/imports-page').then((m) => ({ default: m.ImportsPage })),
);
const NewImportPage = lazy(() =>
  import('./features/imports/routes/new-import-page').then((m) => ({ default: m.NewImportPage })),
);
const ImportPage = lazy(() =>
  import('./features/imports/routes/import-page').then((m) => ({ default: m.ImportPage })),
);
const UnmatchedPage = lazy(() =>
  import('./features/imports/routes/unmatched-page').then((m) => ({ default: m.UnmatchedPage })),
);
const RulesPage = lazy(() =>
  import('./features/rules/routes/rules-page').then((m) => ({ default: m.RulesPage })),
);
const InsurersPage = lazy(() =>
  import('./features/insurers/routes/insurers-page').then((m) => ({ default: m.InsurersPage })),
);
const PanelStatementsPage = lazy(() =>
  import('./features/panel/routes/panel-statements-page').then((m) => ({ default: m.PanelStatementsPage })),
);
const PanelStatementPage = lazy(() =>
  import('./features/panel/routes/panel-statement-page').then((m) => ({ default: m.PanelStatementPage })),
);
const AccountPage = lazy(() =>
  import('./features/account/routes/account-page').then((m) => ({ default: m.AccountPage })),
);

const staff = ['owner', 'staff'] as const;
const ownerOnly = ['owner'] as const;
const collaborator = ['collaborator'] as const;

function loaded(page: ReactNode) {
  return <Suspense fallback={<PageLoader />}>{page}</Suspense>;
}

function staffOnly(page: ReactNode) {
  return <RequireRole roles={staff}>{loaded(page)}</RequireRole>;
}

function ownerOnlyPage(page: ReactNode) {
  return <RequireRole roles={ownerOnly}>{loaded(page)}</RequireRole>;
}

function collaboratorPage(page: ReactNode) {
  return <RequireRole roles={collaborator}>{loaded(page)}</RequireRole>;
}

export const router = createBrowserRouter([
  {
    element: <RootLayout />,
    children: [
      {
        path: '/login',
        element: (
          <RequireState states={['anonymous']}>
            <LoginPage />
          </RequireState>
        ),
      },
      {
        path: '/login/2fa',
        element: (
          <RequireState states={['second_factor_required']}>
            <SecondFactorPage />
          </RequireState>
        ),
      },
      { path: '/setup', element: loaded(<SetupPage />) },
      { path: '/invitation', element: loaded(<InvitationPage />) },
      {
        path: '/enrol',
        element: (
          <RequireState states={['enrolment_required', 'active']}>{loaded(<EnrolPage />)}</RequireState>
        ),
      },
      {
        path: '/no-agency',
        element: (
          <RequireState states={['active']}>
            <NoAgencyPage />
          </RequireState>
        ),
      },
      {
        element: (
          <RequireState states={['active']}>
            <ActiveShell />
          </RequireState>
        ),
        children: [
          { index: true, element: staffOnly(<DashboardPage />) },
          { path: 'collaborators', element: staffOnly(<CollaboratorsPage />) },
          { path: 'collaborators/:id', element: staffOnly(<CollaboratorPage />) },
          { path: 'periods', element: staffOnly(<PeriodsPage />) },
          { path: 'periods/:id', element: staffOnly(<PeriodPage />) },
          { path: 'periods/:id/lines', element: staffOnly(<PeriodLinesPage />) },
          { path: 'statements/:id', element: staffOnly(<StatementPage />) },
          { path: 'imports', element: staffOnly(<ImportsPage />) },
          { path: 'imports/new', element: staffOnly(<NewImportPage />) },
          { path: 'imports/unmatched', element: staffOnly(<UnmatchedPage />) },
          { path: 'imports/:id', element: staffOnly(<ImportPage />) },
          { path: 'rules', element: staffOnly(<RulesPage />) },
          { path: 'insurers', element: staffOnly(<InsurersPage />) },
          { path: 'documents', element: staffOnly(<DocumentsPage />) },
          { path: 'documents/new', element: staffOnly(<SendDocumentPage />) },
          { path: 'documents/:id', element: staffOnly(<DocumentPage />) },
          { path: 'audit', element: ownerOnlyPage(<AuditPage />) },
          { path: 'team', element: ownerOnlyPage(<TeamPage />) },
          { path: 'settings', element: ownerOnlyPage(<SettingsPage />) },
          { path: 'panel', element: collaboratorPage(<PanelPage />) },
          { path: 'panel/documents/:id', element: collaboratorPage(<PanelDocumentPage />) },
          { path: 'panel/statements', element: collaboratorPage(<PanelStatementsPage />) },
          { path: 'panel/statements/:id', element: collaboratorPage(<PanelStatementPage />) },
          { path: 'account', element: loaded(<AccountPage />) },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
