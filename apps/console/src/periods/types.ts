/** The shapes of the period routes (apps/api/src/modules/periods/periods.dto.ts). */
export const PERIOD_STATES = ['open', 'published', 'closed'] as const;
export type PeriodState = (typeof PERIOD_STATES)[number];

export interface PeriodCounts {
  staff: number;
  acknowledged: number;
  appealed: number;
  openAppeals: number;
  corrected: number;
}

export interface PeriodRecord {
  id: string;
  period: string;
  state: PeriodState;
  publishedAt: string | null;
  publishedBy: string | null;
  appealDeadline: string | null;
  appealWindowOpen: boolean;
  closedAt: string | null;
  closedBy: string | null;
  runs: number;
  lastRunStatus: string | null;
  counts: PeriodCounts;
}

export interface PeriodRun {
  id: string;
  status: string;
  teamId: string | null;
  createdAt: string;
  finishedAt: string | null;
  reason: string | null;
}

export interface PeriodDetail extends PeriodRecord {
  runList: PeriodRun[];
}

/** `GET /api/scorecards/:id/cycle`. */
export interface ScorecardCycle {
  scorecardId: string;
  period: string;
  periodState: PeriodState;
  appealDeadline: string | null;
  appealWindowOpen: boolean;
  current: boolean;
  acknowledgedAt: string | null;
  /** The staff member's latest appeal of the period, or null. */
  appeal: CycleAppeal | null;
}

export type AppealStatus = 'open' | 'upheld' | 'corrected';

export interface CycleAppeal {
  id: string;
  caseId: string;
  status: AppealStatus;
  indicators: string[];
  reason: string;
  filedAt: string;
  decidedAt: string | null;
  compositeBefore: number | null;
  compositeAfter: number | null;
}
