import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { QueueConsumer } from '../../common/queue/queue-consumer';
import type { AppConfig } from '../../config/app-config';
import type { FireScheduledRuns } from './fire-scheduled-runs.use-case';
import type { ScheduledRunsConfig } from './scheduled-runs-config';

export const SCHEDULED_RUNS_QUEUE_NAME = 'scheduled-runs';
/** Id of the BullMQ job scheduler: one per deployment, however many workers run. */
export const SCHEDULED_RUNS_SCHEDULER_ID = 'scheduled-runs-tick';

/**
 * With REDIS_URL, `npm run worker` ticks the scheduler from a BullMQ job scheduler (one `tick` job
 * every SCHEDULED_RUNS_TICK_MS for the whole deployment). Should two ticks meet all the same, the
 * database claim still fires each schedule once.
 */
export class ScheduledRunsWorker {
  private readonly logger = new Logger('ScheduledRunsWorker');
  private readonly consumer: QueueConsumer;
  readonly id: string;

  constructor(
    private readonly fire: FireScheduledRuns,
    config: AppConfig,
    private readonly schedules: ScheduledRunsConfig,
    name = `${hostname()}-${process.pid}`,
  ) {
    this.id = name;
    this.consumer = new QueueConsumer({
      queueName: SCHEDULED_RUNS_QUEUE_NAME,
      redisUrl: config.redisUrl as string,
      prefix: config.queuePrefix,
      logger: this.logger,
      handle: (job) => this.handle(job),
      onFailed: (job, error) => this.logger.warn(`scheduled runs job ${job?.name ?? '?'} failed: ${error.message}`),
      worker: { concurrency: 1 },
    });
  }

  async start(): Promise<void> {
    if (this.schedules.tickMs === 0) return;
    await this.consumer.queue.upsertJobScheduler(SCHEDULED_RUNS_SCHEDULER_ID, { every: this.schedules.tickMs }, { name: 'tick', opts: { removeOnComplete: 100, removeOnFail: 100 } });
    await this.consumer.run();
  }

  close(): Promise<void> {
    return this.consumer.close();
  }

  private async handle(job: Job): Promise<string> {
    if (job.name !== 'tick') throw new Error(`unknown scheduled runs job ${job.name}`);
    return JSON.stringify(await this.fire.execute(new Date()));
  }
}
