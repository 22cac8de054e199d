import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../../../config/app-config';
import { createRedisProducerConnection } from '../../evaluations/redis-connection';
import type { Clock } from '../clock';
import { CASE_QUEUE_NAME, type CaseCheck, type CaseTimers, checkJobId } from './case-timers';

export const caseJobOptions = { attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: 24 * 3600, count: 10000 }, removeOnFail: { age: 7 * 24 * 3600 } } as const;

/** The producer side: one delayed `check` job per due moment; `npm run worker` consumes them (CaseWorker). */
export class BullCaseTimers implements CaseTimers, OnApplicationShutdown {
  readonly kind = 'bullmq' as const;
  readonly connection: Redis;
  readonly queue: Queue;
  private readonly logger = new Logger('CaseTimers');

  constructor(
    config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.connection = createRedisProducerConnection(config.redisUrl as string);
    this.queue = new Queue(CASE_QUEUE_NAME, { connection: this.connection, prefix: config.queuePrefix });
    this.queue.on('error', (error) => this.logger.warn(`case queue: ${error.message}`));
  }

  schedule(checks: readonly CaseCheck[]): void {
    if (checks.length === 0) return;
    const now = this.clock.now().getTime();
    const jobs = checks.map((check) => ({
      name: 'check',
      data: { caseId: check.caseId, visitId: check.visitId, at: check.at.toISOString() },
      opts: { jobId: checkJobId(check), delay: Math.max(0, check.at.getTime() - now), ...caseJobOptions },
    }));
    // Fire and forget: with Redis away (the producer connection fails commands at once), the sweep finds these cases when they come due.
    this.queue.addBulk(jobs).catch((error: unknown) => this.logger.warn(`could not queue ${jobs.length} case check(s); the sweep will find them: ${(error as Error).message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}
