/** One moment a case must be looked at: a stage's due time or an escalation step after it. */
export interface CaseCheck {
  caseId: string;
  visitId: string;
  at: Date;
}

/**
 * Wakes the escalation check of a case at its due times: a BullMQ delayed job per moment when
 * REDIS_URL is set, an in-process timer otherwise. Best effort by design: the periodic sweep
 * finds whatever a lost job or a restart missed, so `schedule` never throws.
 */
export interface CaseTimers {
  readonly kind: 'bullmq' | 'in-process';
  schedule(checks: readonly CaseCheck[]): void;
}

export const CASE_TIMERS = Symbol('CASE_TIMERS');

/** BullMQ queue of case checks; job names `check` (one case) and `sweep` (periodic). */
export const CASE_QUEUE_NAME = 'cases';

// BullMQ job ids may not contain ':'; one id per visit and moment makes scheduling twice harmless.
export const checkJobId = (check: CaseCheck) => `check-${check.visitId}-${check.at.getTime()}`;
