import type { Logger } from '@nestjs/common';
import { type Job, Queue, Worker, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { createRedisConnection } from '../../modules/evaluations/redis-connection';

export interface QueueConsumerOptions {
  queueName: string;
  redisUrl: string;
  prefix: string;
  logger: Logger;
  handle(job: Job): Promise<string>;
  onFailed(job: Job | undefined, error: Error): void;
  /** Concurrency, locks and stall detection; the connection, prefix and autorun are set here. */
  worker?: Omit<WorkerOptions, 'connection' | 'prefix' | 'autorun'>;
}

/**
 * One BullMQ queue consumed by this process (the `npm run worker` side): a producer connection for
 * the jobs the consumer queues itself, a consumer connection for the worker (BullMQ blocks on it),
 * errors logged, and both closed together.
 */
export class QueueConsumer {
  readonly queue: Queue;
  private readonly worker: Worker;
  private readonly connections: Redis[];

  constructor(options: QueueConsumerOptions) {
    const producer = createRedisConnection(options.redisUrl);
    const consumer = createRedisConnection(options.redisUrl);
    this.connections = [producer, consumer];
    this.queue = new Queue(options.queueName, { connection: producer, prefix: options.prefix });
    this.worker = new Worker(options.queueName, (job) => options.handle(job), { ...options.worker, connection: consumer, prefix: options.prefix, autorun: false });
    this.worker.on('failed', (job, error) => options.onFailed(job, error));
    this.worker.on('error', (error) => options.logger.error(error.message));
  }

  async run(): Promise<void> {
    void this.worker.run();
    await this.worker.waitUntilReady();
  }

  async close(): Promise<void> {
    await this.worker.close();
    await this.queue.close();
    for (const connection of this.connections) connection.disconnect();
  }
}

/** Whether a failed job will not be tried again: out of attempts, unrecoverable, or stalled too often. */
export function failedForGood(job: Job, error: Error): boolean {
  return job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === 'UnrecoverableError' || /stalled more than/.test(error.message);
}
