import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EvaluationLimitExceeded } from '../../common/evaluation-threads/scheme-evaluator';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { type EvaluationQueue, JOB_ATTEMPTS } from './evaluation-queue';
import { EvaluationsRepository } from './evaluations.repository';
import type { FollowUpJob } from './run-follow-ups';
import { RunEvaluation } from './run-evaluation.use-case';

/**
 * The queue without Redis (embedded mode): runs are processed one after another in this process,
 * with the same processor, retries and failure handling as the BullMQ workers. Runs left queued
 * or running by a previous process are picked up again at start, and so are follow-up jobs (shadow
 * experiments) left pending; a run's follow-ups are queued behind it once it has succeeded.
 */
@Injectable()
export class InProcessEvaluationQueue implements EvaluationQueue, OnApplicationBootstrap, OnApplicationShutdown {
  readonly kind = 'in-process' as const;
  private readonly logger = new Logger('Evaluations');
  private readonly worker = `in-process-${process.pid}`;
  private tail: Promise<void> = Promise.resolve();
  private stopping = false;
  /** Follow-up job ids queued and not yet done: queueing one twice is harmless, as with BullMQ job ids. */
  private readonly queuedFollowUps = new Set<string>();

  constructor(
    @Inject(RunEvaluation) private readonly processor: RunEvaluation,
    @Inject(EvaluationsRepository) private readonly runs: EvaluationsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // With Redis, BullMQ workers own the runs; this queue stays idle.
    if (this.config.redisUrl) return;
    for (const runId of await this.runs.openRunIds()) await this.enqueue(runId);
    for (const job of await this.processor.followUps.open()) this.enqueueFollowUp(job);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.tail;
  }

  enqueue(runId: string): Promise<void> {
    this.tail = this.tail.then(() => this.execute(runId));
    return Promise.resolve();
  }

  enqueueFollowUp(job: FollowUpJob): void {
    if (this.queuedFollowUps.has(job.jobId)) return;
    this.queuedFollowUps.add(job.jobId);
    this.tail = this.tail.then(() => this.executeFollowUp(job));
  }

  isUp(): Promise<boolean> {
    return Promise.resolve(true);
  }

  /** Resolves when every run queued so far has been processed. */
  idle(): Promise<void> {
    return this.tail;
  }

  private async execute(runId: string): Promise<void> {
    if (this.stopping) return;
    try {
      const chunks = await this.attempt(runId, () => this.processor.plan(runId));
      for (const index of chunks) {
        if (this.stopping) return;
        const outcome = await this.attempt(runId, () => this.processor.processChunk(runId, index, this.worker));
        if (outcome === 'succeeded') for (const job of await this.processor.followUps.dueAfter(runId)) this.enqueueFollowUp(job);
      }
    } catch (error) {
      this.logger.error(`run ${runId} failed: ${(error as Error).message}`);
      await this.processor.fail(runId, (error as Error).message).catch(() => undefined);
    }
  }

  private async executeFollowUp(job: FollowUpJob): Promise<void> {
    const followUp = this.processor.followUps.get(job.name);
    try {
      if (this.stopping || !followUp) return;
      for (let attempt = 1; ; attempt += 1) {
        try {
          await followUp.process(job.data);
          return;
        } catch (error) {
          const message = (error as Error).message;
          if (attempt >= JOB_ATTEMPTS || this.stopping || followUp.isPermanent(error)) {
            this.logger.error(`${job.name} job ${job.jobId} failed: ${message}`);
            await followUp.fail(job.data, message).catch(() => undefined);
            return;
          }
          await followUp.noteRetry(job.data, message).catch(() => undefined);
          await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
        }
      }
    } finally {
      this.queuedFollowUps.delete(job.jobId);
    }
  }

  private async attempt<T>(runId: string, step: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await step();
      } catch (error) {
        // Past its time or memory limit the same chunk would stop again: fail the run at once.
        if (attempt >= JOB_ATTEMPTS || this.stopping || error instanceof EvaluationLimitExceeded) throw error;
        await this.processor.noteRetry(runId, (error as Error).message).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
      }
    }
  }
}
