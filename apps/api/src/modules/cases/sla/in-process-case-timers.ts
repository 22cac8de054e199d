import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, type Clock } from '../clock';
import { CaseEscalations } from './case-escalations';
import type { CaseCheck, CaseTimers } from './case-timers';

/** setTimeout's limit (about 24.8 days); later moments are left to the sweep. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** Case checks on timers in this process (embedded mode); lost on restart, which the sweep covers. */
@Injectable()
export class InProcessCaseTimers implements CaseTimers, OnApplicationShutdown {
  readonly kind = 'in-process' as const;
  private readonly logger = new Logger('CaseTimers');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    @Inject(CaseEscalations) private readonly escalations: CaseEscalations,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  schedule(checks: readonly CaseCheck[]): void {
    if (this.stopped) return;
    for (const check of checks) {
      const key = `${check.visitId}-${check.at.getTime()}`;
      const delay = Math.max(0, check.at.getTime() - this.clock.now().getTime());
      if (this.timers.has(key) || delay > MAX_DELAY_MS) continue;
      const timer = setTimeout(() => {
        this.timers.delete(key);
        if (this.stopped) return;
        this.escalations.check(check.caseId).catch((error: unknown) => this.logger.error(`check of case ${check.caseId} failed: ${(error as Error).message}`));
      }, delay);
      timer.unref();
      this.timers.set(key, timer);
    }
  }

  /** Timers waiting (for tests and health). */
  get pending(): number {
    return this.timers.size;
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
