import type { OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../../config/app-config';
import { EVALUATION_QUEUE_NAME, type EvaluationQueue, JOB_ATTEMPTS, planJobId } from './evaluation-queue';
import { createRedisConnection } from './redis-connection';

/** The producer side in the API: a started run becomes a `plan` job; workers (`npm run worker`) do the rest. */
export class BullEvaluationQueue implements EvaluationQueue, OnApplicationShutdown {
  readonly kind = 'bullmq' as const;
  readonly connection: Redis;
  readonly queue: Queue;

  constructor(config: AppConfig) {
    this.connection = createRedisConnection(config.redisUrl as string);
    this.queue = new Queue(EVALUATION_QUEUE_NAME, { connection: this.connection, prefix: config.queuePrefix });
  }

  async enqueue(runId: string): Promise<void> {
    await this.queue.add('plan', { runId }, { jobId: planJobId(runId), ...jobOptions() });
  }

  async isUp(): Promise<boolean> {
    try {
      return (await Promise.race([this.connection.ping(), new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), 1000))])) === 'PONG';
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}

export function jobOptions() {
  return {
    attempts: JOB_ATTEMPTS,
    backoff: { type: 'exponential', delay: 500 },
    removeOnComplete: { age: 24 * 3600, count: 10000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  } as const;
}
