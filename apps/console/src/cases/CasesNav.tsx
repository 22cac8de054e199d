import { Tab, Tabs } from '@mui/material';
import { usePermissions, useTranslate } from 'react-admin';
import { Link, useLocation } from 'react-router-dom';

const TABS = [
  { path: '/cases/inbox', label: 'carescore.cases.nav.inbox', testId: 'cases-nav-inbox' },
  { path: '/cases', label: 'carescore.cases.nav.list', testId: 'cases-nav-list' },
  { path: '/cases/dashboard', label: 'carescore.cases.nav.dashboard', testId: 'cases-nav-dashboard' },
];

/** Inbox, all cases and the dashboard: three views of the same cases, one click apart. */
export function CasesNav() {
  const translate = useTranslate();
  const { pathname } = useLocation();
  const { permissions } = usePermissions<string>();
  // The dashboard is for admins, quality officers and managers (the API refuses staff).
  const tabs = TABS.filter((tab) => permissions !== 'staff' || tab.path !== '/cases/dashboard');
  const active = tabs.find((tab) => tab.path === pathname)?.path ?? '/cases';
  return (
    <Tabs value={active} sx={{ mb: 1, minHeight: 40 }}>
      {tabs.map((tab) => (
        <Tab key={tab.path} value={tab.path} label={translate(tab.label)} component={Link} to={tab.path} data-testid={tab.testId} sx={{ minHeight: 40 }} />
      ))}
    </Tabs>
  );
}
