import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SerialInterval } from '../../../common/queue/serial-interval';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { ChannelDeliveries } from './channel-deliveries';
import { CHANNELS_CONFIG, type ChannelsConfig } from './channels-config';
import { DELIVERY_QUEUE, type DeliveryQueue } from './delivery-queue';

/** One tick: new inbox items planned for delivery, and their deliveries queued. */
@Injectable()
export class NotificationTick {
  constructor(
    @Inject(ChannelDeliveries) private readonly deliveries: ChannelDeliveries,
    @Inject(DELIVERY_QUEUE) private readonly queue: DeliveryQueue,
  ) {}

  async run(now = new Date()): Promise<{ planned: number; queued: number }> {
    const plan = await this.deliveries.plan(now);
    await this.queue.enqueue(plan.queued);
    return { planned: plan.planned, queued: plan.queued.length };
  }
}

/**
 * Without Redis (embedded mode) the API process ticks every NOTIFY_TICK_MS; with REDIS_URL a BullMQ job scheduler ticks
 * in the workers instead (NotificationWorker).
 */
@Injectable()
export class NotificationTimer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('NotificationTick');
  private readonly interval = new SerialInterval(
    async () => {
      const result = await this.tick.run();
      if (result.queued > 0) this.logger.log(`notifications: ${result.planned} item(s) planned, ${result.queued} delivery(ies) queued`);
    },
    (error) => this.logger.error(`notification tick failed: ${(error as Error).message}`),
  );

  constructor(
    @Inject(NotificationTick) private readonly tick: NotificationTick,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CHANNELS_CONFIG) private readonly channels: ChannelsConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.redisUrl || this.channels.tickMs === 0) return;
    this.interval.start(this.channels.tickMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.interval.stop();
  }
}
