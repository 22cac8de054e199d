import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../../../config/app-config';
import { createRedisProducerConnection } from '../../evaluations/redis-connection';
import { ChannelDeliveries } from './channel-deliveries';
import { CHANNELS_CONFIG, type ChannelsConfig } from './channels-config';

export const NOTIFICATIONS_QUEUE_NAME = 'notifications';

/** Sends deliveries: as BullMQ jobs for the workers (with REDIS_URL), or in this process. */
export interface DeliveryQueue {
  enqueue(ids: readonly string[]): Promise<void>;
}
export const DELIVERY_QUEUE = Symbol('DELIVERY_QUEUE');

export const deliveryJobOptions = (config: ChannelsConfig) =>
  ({ attempts: config.attempts, backoff: { type: 'exponential', delay: config.backoffMs }, removeOnComplete: { age: 24 * 3600, count: 10_000 }, removeOnFail: { age: 7 * 24 * 3600 } }) as const;

/** The producer side: one `deliver` job per delivery, its id the delivery's (queuing one twice is a no-op). */
export class BullDeliveryQueue implements DeliveryQueue, OnApplicationShutdown {
  readonly connection: Redis;
  readonly queue: Queue;
  private readonly logger = new Logger('DeliveryQueue');

  constructor(
    config: AppConfig,
    private readonly channels: ChannelsConfig,
  ) {
    this.connection = createRedisProducerConnection(config.redisUrl as string);
    this.queue = new Queue(NOTIFICATIONS_QUEUE_NAME, { connection: this.connection, prefix: config.queuePrefix });
    this.queue.on('error', (error) => this.logger.warn(`notifications queue: ${error.message}`));
  }

  async enqueue(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.queue.addBulk(ids.map((id) => ({ name: 'deliver', data: { deliveryId: id }, opts: { jobId: `delivery-${id}`, ...deliveryJobOptions(this.channels) } })));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}

/** setTimeout's limit; a longer wait is left to the tick, which queues stale deliveries again. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Embedded mode: each delivery is tried at once, then again after NOTIFY_BACKOFF_MS, doubling, up to NOTIFY_ATTEMPTS
 * tries, as the BullMQ jobs are. Waiting retries are lost with the process; the tick queues them again later.
 */
@Injectable()
export class InProcessDeliveryQueue implements DeliveryQueue, OnApplicationShutdown {
  private readonly logger = new Logger('DeliveryQueue');
  private readonly pending = new Map<string, NodeJS.Timeout | null>();
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(
    @Inject(ChannelDeliveries) private readonly deliveries: ChannelDeliveries,
    @Inject(CHANNELS_CONFIG) private readonly config: ChannelsConfig,
  ) {}

  enqueue(ids: readonly string[]): Promise<void> {
    for (const id of ids) if (!this.pending.has(id)) this.attempt(id, 1);
    return Promise.resolve();
  }

  /** Settles once every delivery queued here has ended, its retries included (tests). */
  async idle(): Promise<void> {
    while (this.pending.size > 0 && !this.stopped) {
      if (this.running.size > 0) await Promise.allSettled([...this.running]);
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  private attempt(id: string, attempt: number): void {
    if (this.stopped) return;
    this.pending.set(id, null);
    const final = attempt >= this.config.attempts;
    const work = this.deliveries
      .send(id, final)
      .then(() => this.pending.delete(id))
      .catch(() => {
        if (final || this.stopped) return this.pending.delete(id);
        const delay = Math.min(MAX_DELAY_MS, this.config.backoffMs * 2 ** (attempt - 1));
        const timer = setTimeout(() => this.attempt(id, attempt + 1), delay);
        timer.unref();
        this.pending.set(id, timer);
      })
      .catch((error: unknown) => this.logger.error((error as Error).message))
      .finally(() => this.running.delete(work));
    this.running.add(work);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const timer of this.pending.values()) if (timer) clearTimeout(timer);
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
    this.pending.clear();
  }
}
