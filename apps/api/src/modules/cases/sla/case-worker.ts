import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../../../config/app-config';
import { createRedisConnection } from '../../evaluations/redis-connection';
import type { CasesConfig } from '../cases-config';
import type { CaseEscalations } from './case-escalations';
import { CASE_QUEUE_NAME } from './case-timers';

/** Id of the repeatable sweep job: one per deployment, however many workers run. */
export const SWEEP_SCHEDULER_ID = 'case-sweep';

/**
 * The BullMQ consumer of case jobs, run by `npm run worker` beside the evaluation worker: `check`
 * jobs (delayed to a stage's due time or an escalation step) and the repeatable `sweep`, which
 * catches whatever a lost job, a restart or a Redis outage missed. Sweeps once at start.
 */
export class CaseWorker {
  readonly id: string;
  private readonly logger = new Logger('CaseWorker');
  private readonly connections: Redis[] = [];
  private readonly queue: Queue;
  private readonly worker: Worker;

  constructor(
    private readonly escalations: CaseEscalations,
    config: AppConfig,
    private readonly cases: CasesConfig,
    name = `${hostname()}-${process.pid}`,
  ) {
    this.id = name;
    const url = config.redisUrl as string;
    const producer = createRedisConnection(url);
    const consumer = createRedisConnection(url);
    this.connections.push(producer, consumer);
    this.queue = new Queue(CASE_QUEUE_NAME, { connection: producer, prefix: config.queuePrefix });
    this.worker = new Worker(CASE_QUEUE_NAME, (job) => this.handle(job), { connection: consumer, prefix: config.queuePrefix, concurrency: 2, autorun: false });
    this.worker.on('error', (error) => this.logger.error(error.message));
    this.worker.on('failed', (job, error) => this.logger.warn(`case job ${job?.name ?? '?'} failed: ${error.message}`));
  }

  async start(): Promise<void> {
    if (this.cases.sweepMs > 0) await this.queue.upsertJobScheduler(SWEEP_SCHEDULER_ID, { every: this.cases.sweepMs }, { name: 'sweep', opts: { removeOnComplete: 100, removeOnFail: 100 } });
    void this.worker.run();
    await this.worker.waitUntilReady();
    await this.escalations.sweep().catch((error: unknown) => this.logger.error(`start-up sweep failed: ${(error as Error).message}`));
  }

  async close(): Promise<void> {
    await this.worker.close();
    await this.queue.close();
    for (const connection of this.connections) connection.disconnect();
  }

  private async handle(job: Job): Promise<string> {
    if (job.name === 'check') {
      const outcome = await this.escalations.check((job.data as { caseId: string }).caseId);
      return `breached ${outcome.breached}, escalated ${outcome.escalated}`;
    }
    if (job.name === 'sweep') {
      const result = await this.escalations.sweep();
      return JSON.stringify(result);
    }
    throw new Error(`unknown case job ${job.name}`);
  }
}
