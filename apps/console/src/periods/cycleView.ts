import type { ScorecardCycle } from './types';

export type AcknowledgementView = 'none' | 'ask' | 'done' | 'ended' | 'closed' | 'not_current' | 'pending';

/**
 * What a scorecard's page says about its period's cycle: nothing while the period is open; for the
 * staff member themself `ask` (确认) inside the window on the current scorecard; `done` once
 * acknowledged; otherwise why not. Admins and quality officers (not `ownPage`) see `pending` instead of `ask`.
 */
export function acknowledgementView(cycle: Pick<ScorecardCycle, 'periodState' | 'acknowledgedAt' | 'appealWindowOpen' | 'current'>, ownPage: boolean): AcknowledgementView {
  if (cycle.periodState === 'open') return 'none';
  if (cycle.acknowledgedAt) return 'done';
  if (cycle.periodState === 'closed') return 'closed';
  if (!cycle.appealWindowOpen) return 'ended';
  if (!ownPage) return 'pending';
  return cycle.current ? 'ask' : 'not_current';
}

/**
 * Whether the 申诉 button shows: inside the window, on the current scorecard, with no appeal under
 * way, for the staff member themself (not yet acknowledged) or their manager on their behalf.
 */
export function mayAppeal(cycle: Pick<ScorecardCycle, 'periodState' | 'appealWindowOpen' | 'current' | 'acknowledgedAt' | 'appeal'>, role: string | undefined): boolean {
  if (role !== 'staff' && role !== 'manager') return false;
  if (cycle.periodState !== 'published' || !cycle.appealWindowOpen || !cycle.current) return false;
  if (cycle.appeal?.status === 'open') return false;
  return role === 'manager' || cycle.acknowledgedAt === null;
}
