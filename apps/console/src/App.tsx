import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import auditLog from './audit-log';
import { HONOUR_ROLL_ROUTE, HonourRollPage } from './awards';
import bindings from './bindings';
import cases from './cases';
import changeRequests from './change-requests';
import documents from './documents';
import evaluations from './evaluations';
import experiments from './experiments';
import facts, { FactImport } from './facts';
import feedback from './feedback';
import { INSTITUTION_PATH, InstitutionSettingsPage } from './institution';
import { i18nProvider } from './i18n/i18nProvider';
import { Dashboard } from './layout/Dashboard';
import { Layout } from './layout/Layout';
import { LoginPage } from './layout/LoginPage';
import { authProvider } from './providers/authProvider';
import notifications from './notifications';
import { NOTIFICATION_PREFERENCES_PATH, NotificationPreferencesPage } from './notification-preferences';
import periods from './periods';
import { dataProvider } from './providers/dataProvider';
import scorecards from './scorecards';
import staff from './staff';
import teams from './teams';
import users from './users';

/**
 * The CareScore console. Each resource is a folder named like the API resource whose index.ts
 * exports its views; a new screen (evaluation runs, scorecards, cases, experiments) is a new
 * folder and one more <Resource> here, plus its rule in providers/permissions.ts.
 * The menu shows only the resources the signed-in role may list (authProvider.canAccess).
 */
export function App() {
  return (
    <Admin
      title="CareScore"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      layout={Layout}
      loginPage={LoginPage}
      dashboard={Dashboard}
      requireAuth
      disableTelemetry
    >
      <Resource name="change-requests" {...changeRequests} />
      <Resource name="documents" {...documents} />
      <Resource name="bindings" {...bindings} />
      <Resource name="periods" {...periods} />
      <Resource name="facts" {...facts}>
        <Route path="import" element={<FactImport />} />
      </Resource>
      <Resource name="evaluations" {...evaluations} />
      <Resource name="scorecards" {...scorecards} />
      <Resource name="cases" {...cases} />
      <Resource name="feedback" {...feedback} />
      <Resource name="notifications" {...notifications} />
      <Resource name="experiments" {...experiments} />
      <Resource name="staff" {...staff} />
      <Resource name="teams" {...teams} />
      <Resource name="users" {...users} />
      <Resource name="audit-log" {...auditLog} />
      <CustomRoutes>
        <Route path={INSTITUTION_PATH} element={<InstitutionSettingsPage />} />
        <Route path={NOTIFICATION_PREFERENCES_PATH} element={<NotificationPreferencesPage />} />
        <Route path={HONOUR_ROLL_ROUTE} element={<HonourRollPage />} />
      </CustomRoutes>
    </Admin>
  );
}
