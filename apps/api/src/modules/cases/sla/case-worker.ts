import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { QueueConsumer } from '../../../common/queue/queue-consumer';
import type { AppConfig } from '../../../config/app-config';
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
  private readonly consumer: QueueConsumer;

  constructor(
    private readonly escalations: CaseEscalations,
    config: AppConfig,
    private readonly cases: CasesConfig,
    name = `${hostname()}-${process.pid}`,
  ) {
    this.id = name;
    this.consumer = new QueueConsumer({
      queueName: CASE_QUEUE_NAME,
      redisUrl: config.redisUrl as string,
      prefix: config.queuePrefix,
      logger: this.logger,
      handle: (job) => this.handle(job),
      onFailed: (job, error) => this.logger.warn(`case job ${job?.name ?? '?'} failed: ${error.message}`),
      worker: { concurrency: 2 },
    });
  }

  async start(): Promise<void> {
    if (this.cases.sweepMs > 0) await this.consumer.queue.upsertJobScheduler(SWEEP_SCHEDULER_ID, { every: this.cases.sweepMs }, { name: 'sweep', opts: { removeOnComplete: 100, removeOnFail: 100 } });
    await this.consumer.run();
    await this.escalations.sweep().catch((error: unknown) => this.logger.error(`start-up sweep failed: ${(error as Error).message}`));
  }

  close(): Promise<void> {
    return this.consumer.close();
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
