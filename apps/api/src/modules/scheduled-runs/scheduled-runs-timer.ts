import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SerialInterval } from '../../common/queue/serial-interval';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { FireScheduledRuns } from './fire-scheduled-runs.use-case';
import { SCHEDULED_RUNS_CONFIG, type ScheduledRunsConfig } from './scheduled-runs-config';

/**
 * Without Redis (embedded mode): the API process ticks the scheduler every SCHEDULED_RUNS_TICK_MS.
 * With REDIS_URL a BullMQ job scheduler ticks it in the workers instead (ScheduledRunsWorker).
 */
@Injectable()
export class ScheduledRunsTimer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ScheduledRuns');
  private readonly interval = new SerialInterval(
    async () => {
      const result = await this.fire.execute(new Date());
      if (result.started.length + result.refused.length + result.notified > 0) this.logger.log(`scheduled runs: ${result.started.length} started, ${result.refused.length} refused, ${result.notified} failure(s) told`);
    },
    (error) => this.logger.error(`scheduled runs tick failed: ${(error as Error).message}`),
  );

  constructor(
    @Inject(FireScheduledRuns) private readonly fire: FireScheduledRuns,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SCHEDULED_RUNS_CONFIG) private readonly schedules: ScheduledRunsConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.redisUrl || this.schedules.tickMs === 0) return;
    this.interval.start(this.schedules.tickMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.interval.stop();
  }
}
