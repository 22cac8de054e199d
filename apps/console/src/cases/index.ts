import AssignmentLateIcon from '@mui/icons-material/AssignmentLate';
import { createElement, lazy } from 'react';
import { Route } from 'react-router-dom';

const CaseInbox = lazy(() => import('./CaseInbox').then((m) => ({ default: m.CaseInbox })));
const CaseDashboard = lazy(() => import('./CaseDashboard').then((m) => ({ default: m.CaseDashboard })));

export default {
  list: lazy(() => import('./CaseList').then((m) => ({ default: m.CaseList }))),
  show: lazy(() => import('./CaseShow').then((m) => ({ default: m.CaseShow }))),
  // /cases/inbox and /cases/dashboard: the static paths win over /cases/:id.
  children: [createElement(Route, { key: 'inbox', path: 'inbox', element: createElement(CaseInbox) }), createElement(Route, { key: 'dashboard', path: 'dashboard', element: createElement(CaseDashboard) })],
  icon: AssignmentLateIcon,
  recordRepresentation: (record: { staffCode: string; staffName: string }) => `${record.staffCode} ${record.staffName}`,
};
