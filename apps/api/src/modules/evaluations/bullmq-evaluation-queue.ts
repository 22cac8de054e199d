import type { OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../../config/app-config';
import { EVALUATION_QUEUE_NAME, type EvaluationQueue, JOB_ATTEMPTS, planJobId, QueueUnavailableError } from './evaluation-queue';
import { createRedisProducerConnection, PRODUCER_COMMAND_TIMEOUT_MS, readyWithin } from './redis-connection';

/** How long after start the queue waits for its first connection before calling Redis unreachable. */
const FIRST_CONNECT_WAIT_MS = 2000;

/** The producer side in the API: a started run becomes a `plan` job; workers (`npm run worker`) do the rest. */
export class BullEvaluationQueue implements EvaluationQueue, OnApplicationShutdown {
  readonly kind = 'bullmq' as const;
  readonly connection: Redis;
  readonly queue: Queue;
  private readonly firstConnection: Promise<void>;

  constructor(config: AppConfig) {
    this.connection = createRedisProducerConnection(config.redisUrl as string);
    this.queue = new Queue(EVALUATION_QUEUE_NAME, { connection: this.connection, prefix: config.queuePrefix });
    this.queue.on('error', () => undefined); // a lost connection fails enqueue() and shows in /api/health
    // A run started right after boot (the demo seed) waits for the connection rather than meet it still connecting.
    this.firstConnection = readyWithin(this.connection, FIRST_CONNECT_WAIT_MS);
  }

  /**
   * Fails at once while Redis is not connected, and within about a second when it does not answer, rather than
   * waiting for Redis to return: the caller then fails the run, so a job that did reach Redis finds it ended.
   */
  async enqueue(runId: string): Promise<void> {
    await this.firstConnection;
    if (this.connection.status !== 'ready') throw new QueueUnavailableError(`Redis is not connected (${this.connection.status})`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new QueueUnavailableError(`Redis did not answer within ${PRODUCER_COMMAND_TIMEOUT_MS} ms`)), PRODUCER_COMMAND_TIMEOUT_MS + 200);
    });
    try {
      await Promise.race([this.queue.add('plan', { runId }, { jobId: planJobId(runId), ...jobOptions() }), timeout]);
    } catch (error) {
      throw error instanceof QueueUnavailableError ? error : new QueueUnavailableError((error as Error).message);
    } finally {
      clearTimeout(timer);
    }
  }

  async isUp(): Promise<boolean> {
    await this.firstConnection;
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
