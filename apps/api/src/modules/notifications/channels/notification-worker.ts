import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { QueueConsumer } from '../../../common/queue/queue-consumer';
import type { AppConfig } from '../../../config/app-config';
import type { ChannelDeliveries } from './channel-deliveries';
import type { ChannelsConfig } from './channels-config';
import { NOTIFICATIONS_QUEUE_NAME } from './delivery-queue';
import type { NotificationTick } from './notification-tick';

/** Id of the BullMQ job scheduler of the tick: one per deployment, however many workers run. */
export const NOTIFICATIONS_SCHEDULER_ID = 'notifications-tick';

/**
 * With REDIS_URL, `npm run worker` runs the notification jobs: the `tick` (every NOTIFY_TICK_MS for the whole deployment;
 * the database claim plans each item once however many ticks meet) and one `deliver` job per delivery, retried with
 * exponential backoff; the last failed try marks the delivery failed.
 */
export class NotificationWorker {
  private readonly logger = new Logger('NotificationWorker');
  private readonly consumer: QueueConsumer;
  readonly id: string;

  constructor(
    private readonly tick: NotificationTick,
    private readonly deliveries: ChannelDeliveries,
    config: AppConfig,
    private readonly channels: ChannelsConfig,
    name = `${hostname()}-${process.pid}`,
  ) {
    this.id = name;
    this.consumer = new QueueConsumer({
      queueName: NOTIFICATIONS_QUEUE_NAME,
      redisUrl: config.redisUrl as string,
      prefix: config.queuePrefix,
      logger: this.logger,
      handle: (job) => this.handle(job),
      onFailed: (job, error) => this.logger.warn(`notification job ${job?.name ?? '?'} failed: ${error.message}`),
      worker: { concurrency: 4 },
    });
  }

  async start(): Promise<void> {
    if (this.channels.tickMs > 0) await this.consumer.queue.upsertJobScheduler(NOTIFICATIONS_SCHEDULER_ID, { every: this.channels.tickMs }, { name: 'tick', opts: { removeOnComplete: 100, removeOnFail: 100 } });
    await this.consumer.run();
  }

  close(): Promise<void> {
    return this.consumer.close();
  }

  private async handle(job: Job): Promise<string> {
    if (job.name === 'tick') return JSON.stringify(await this.tick.run());
    if (job.name === 'deliver') {
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      return this.deliveries.send((job.data as { deliveryId: string }).deliveryId, final);
    }
    throw new Error(`unknown notification job ${job.name}`);
  }
}
