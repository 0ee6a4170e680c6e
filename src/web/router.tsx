import type { ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { ActiveShell } from './components/layouts/active-shell';
import { RootLayout } from './components/layouts/root-layout';
import { NoAgencyPage, NotFoundPage } from './components/not-found-page';
import { RequireRole, RequireState } from './components/route-guards';
import { LoginPage } from './features/auth/routes/login-page';
import { SecondFactorPage } from './features/auth/routes/second-factor-page';
import { EnrolPage } from './features/account/routes/enrol-page';
import { SetupPage } from './features/setup/routes/setup-page';
import { DashboardPage } from './features/dashboard/routes/dashboard-page';
import { CollaboratorsPage } from './features/collaborators/routes/collaborators-page';
import { CollaboratorPage } from './features/collaborators/routes/collaborator-page';
import { DocumentsPage } from './features/documents/routes/documents-page';
import { SendDocumentPage } from './features/documents/routes/send-document-page';
import { DocumentPage } from './features/documents/routes/document-page';
import { InvitationPage } from './features/invitations/routes/invitation-page';
import { PanelPage } from './features/panel/routes/panel-page';
import { PanelDocumentPage } from './features/panel/routes/panel-document-page';
import { AuditPage } from './features/audit/routes/audit-page';
import { TeamPage } from './features/team/routes/team-page';
import { SettingsPage } from './features/settings/routes/settings-page';
import { AccountPage } from './features/account/routes/account-page';

const staff = ['owner', 'staff'] as const;
const ownerOnly = ['owner'] as const;
const collaborator = ['collaborator'] as const;

function staffOnly(page: ReactNode) {
  return <RequireRole roles={staff}>{page}</RequireRole>;
}

function ownerOnlyPage(page: ReactNode) {
  return <RequireRole roles={ownerOnly}>{page}</RequireRole>;
}

function collaboratorPage(page: ReactNode) {
  return <RequireRole roles={collaborator}>{page}</RequireRole>;
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
      { path: '/setup', element: <SetupPage /> },
      { path: '/invitation', element: <InvitationPage /> },
      {
        path: '/enrol',
        element: (
          <RequireState states={['enrolment_required', 'active']}>
            <EnrolPage />
          </RequireState>
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
          { path: 'documents', element: staffOnly(<DocumentsPage />) },
          { path: 'documents/new', element: staffOnly(<SendDocumentPage />) },
          { path: 'documents/:id', element: staffOnly(<DocumentPage />) },
          { path: 'audit', element: ownerOnlyPage(<AuditPage />) },
          { path: 'team', element: ownerOnlyPage(<TeamPage />) },
          { path: 'settings', element: ownerOnlyPage(<SettingsPage />) },
          { path: 'panel', element: collaboratorPage(<PanelPage />) },
          { path: 'panel/documents/:id', element: collaboratorPage(<PanelDocumentPage />) },
          { path: 'account', element: <AccountPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
