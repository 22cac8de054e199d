import AssessmentIcon from '@mui/icons-material/Assessment';
import { createElement, lazy } from 'react';
import { Route } from 'react-router-dom';

const TeamSummaryPage = lazy(() => import('./TeamSummaryPage').then((m) => ({ default: m.TeamSummaryPage })));

export default {
  list: lazy(() => import('./ScorecardList').then((m) => ({ default: m.ScorecardList }))),
  show: lazy(() => import('./ScorecardShow').then((m) => ({ default: m.ScorecardShow }))),
  icon: AssessmentIcon,
  recordRepresentation: (record: { staffName: string; period: string }) => `${record.staffName} ${record.period}`,
  // /scorecards/teams/:teamId?period=…: a team's period summary, a page of this resource.
  children: createElement(Route, { path: 'teams/:teamId', element: createElement(TeamSummaryPage) }),
};
