import { lazy } from 'react';

/** The honour roll page's route: `/honour-roll/:teamId?period=` (the team's awards of a period; every role, scoped by the API). */
export const HONOUR_ROLL_ROUTE = '/honour-roll/:teamId';

export const HonourRollPage = lazy(() => import('./HonourRollPage').then((m) => ({ default: m.HonourRollPage })));
