import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SerialInterval } from '../../../common/queue/serial-interval';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { CASES_CONFIG, type CasesConfig } from '../cases-config';
import { CaseSlaRepository } from './case-sla.repository';
import { CaseEscalations } from './case-escalations';
import { InProcessCaseTimers } from './in-process-case-timers';

/** Open stage visits whose timers are re-armed at start; the sweep covers any beyond. */
const REARM_LIMIT = 10_000;

/**
 * Without Redis (embedded mode): at start, the timers lost with the previous process are re-armed
 * and a sweep catches up what came due meanwhile; then the sweep runs every CASES_SWEEP_MS. With
 * REDIS_URL the delayed jobs live in Redis and the workers run the sweep as a repeatable job
 * (CaseWorker).
 */
@Injectable()
export class CaseSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CaseSweeper');
  private readonly interval = new SerialInterval(
    async () => {
      const result = await this.escalations.sweep();
      if (result.breached + result.escalated > 0) this.logger.log(`sweep: ${result.breached} breached, ${result.escalated} escalated, ${result.delivered} delivered`);
    },
    (error) => this.logger.error(`sweep failed: ${(error as Error).message}`),
  );

  constructor(
    @Inject(CaseEscalations) private readonly escalations: CaseEscalations,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CASES_CONFIG) private readonly cases: CasesConfig,
    @Inject(CaseSlaRepository) private readonly repository: CaseSlaRepository,
    @Inject(InProcessCaseTimers) private readonly timers: InProcessCaseTimers,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.redisUrl) return;
    this.repository
      .pendingChecks(REARM_LIMIT)
      .then((checks) => this.timers.schedule(checks))
      .catch((error: unknown) => this.logger.error(`could not re-arm case timers: ${(error as Error).message}`));
    if (this.cases.sweepMs === 0) return;
    this.interval.start(this.cases.sweepMs, true);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.interval.stop();
  }
}
