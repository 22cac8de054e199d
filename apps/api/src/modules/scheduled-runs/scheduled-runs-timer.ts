import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
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
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(FireScheduledRuns) private readonly fire: FireScheduledRuns,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SCHEDULED_RUNS_CONFIG) private readonly schedules: ScheduledRunsConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.redisUrl || this.schedules.tickMs === 0) return;
    this.timer = setInterval(() => this.tick(), this.schedules.tickMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.fire
      .execute(new Date())
      .then((result) => {
        if (result.started.length + result.refused.length + result.notified > 0) this.logger.log(`scheduled runs: ${result.started.length} started, ${result.refused.length} refused, ${result.notified} failure(s) told`);
      })
      .catch((error: unknown) => this.logger.error(`scheduled runs tick failed: ${(error as Error).message}`))
      .finally(() => {
        this.running = null;
      });
  }
}
