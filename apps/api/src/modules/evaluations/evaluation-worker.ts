import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { EvaluationLimitExceeded } from '../../common/evaluation-threads/scheme-evaluator';
import { failedForGood, QueueConsumer } from '../../common/queue/queue-consumer';
import type { AppConfig } from '../../config/app-config';
import { jobOptions } from './bullmq-evaluation-queue';
import { type ChunkJob, chunkJobId, EVALUATION_QUEUE_NAME, type PlanJob, planJobId } from './evaluation-queue';
import type { EvaluationsRepository } from './evaluations.repository';
import type { FollowUpJob, RunFollowUp } from './run-follow-ups';
import type { RunEvaluation } from './run-evaluation.use-case';

/**
 * A BullMQ consumer of evaluation jobs (`npm run worker`; several may run at once). A `plan` job
 * plans the run and queues one `chunk` job per chunk, which any worker may take. A job whose worker
 * dies is taken over by another once its lock lapses (`JOB_LOCK_MS`); the chunk's transaction died
 * with the worker, so it is simply done again. A job that fails all its attempts fails the run.
 * The chunk that makes a run succeed queues the run's follow-up jobs (shadow experiments; see
 * RunFollowUps), one job id per piece of work, with the same attempts; their failure is theirs alone.
 */
export class EvaluationWorker {
  readonly id: string;
  private readonly logger = new Logger('EvaluationWorker');
  private readonly consumer: QueueConsumer;

  constructor(
    private readonly processor: RunEvaluation,
    private readonly runs: EvaluationsRepository,
    config: AppConfig,
    name = `${hostname()}-${process.pid}`,
  ) {
    this.id = name;
    this.consumer = new QueueConsumer({
      queueName: EVALUATION_QUEUE_NAME,
      redisUrl: config.redisUrl as string,
      prefix: config.queuePrefix,
      logger: this.logger,
      handle: (job) => this.handle(job),
      onFailed: (job, error) => void this.onFailed(job, error),
      worker: {
        concurrency: config.workerConcurrency,
        lockDuration: config.jobLockMs,
        stalledInterval: Math.max(500, Math.floor(config.jobLockMs / 2)),
        maxStalledCount: 2,
      },
    });
  }

  /** Starts consuming, after re-queueing what an earlier crash (or a lost Redis) may have left behind. */
  async start(): Promise<void> {
    await this.requeueOpenRuns();
    await this.consumer.run();
  }

  close(): Promise<void> {
    return this.consumer.close();
  }

  private async handle(job: Job): Promise<string> {
    if (job.name === 'plan') {
      const { runId } = job.data as PlanJob;
      const chunks = await this.processor.plan(runId);
      await this.queueChunks(runId, chunks);
      return `${chunks.length} chunks`;
    }
    if (job.name === 'chunk') {
      const { runId, index } = job.data as ChunkJob;
      const outcome = await this.processor.processChunk(runId, index, this.id).catch((error: unknown) => {
        // Past its time or memory limit the same chunk would stop again: fail the run at once.
        throw error instanceof EvaluationLimitExceeded ? new UnrecoverableError(error.message) : error;
      });
      if (outcome === 'succeeded') await this.queueFollowUps(await this.processor.followUps.dueAfter(runId));
      return outcome;
    }
    const followUp = this.processor.followUps.get(job.name);
    if (!followUp) throw new UnrecoverableError(`unknown job ${job.name}`);
    try {
      return await followUp.process(job.data as Record<string, string>);
    } catch (error) {
      if (followUp.isPermanent(error)) throw new UnrecoverableError((error as Error).message);
      throw error;
    }
  }

  private async queueFollowUps(jobs: FollowUpJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.consumer.queue.addBulk(jobs.map((job) => ({ name: job.name, data: job.data, opts: { jobId: job.jobId, ...jobOptions() } })));
  }

  private async queueChunks(runId: string, chunks: number[]): Promise<void> {
    if (chunks.length === 0) return;
    await this.consumer.queue.addBulk(chunks.map((index) => ({ name: 'chunk', data: { runId, index } satisfies ChunkJob, opts: { jobId: chunkJobId(runId, index), ...jobOptions() } })));
  }

  private async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job) return;
    const followUp = this.processor.followUps.get(job.name);
    if (followUp) return this.onFollowUpFailed(followUp, job, error);
    const { runId } = job.data as PlanJob;
    try {
      if (failedForGood(job, error)) {
        this.logger.error(`run ${runId}: ${job.name} job failed for good: ${error.message}`);
        await this.processor.fail(runId, `${job.name} job failed: ${error.message}`);
      } else {
        await this.processor.noteRetry(runId, error.message);
      }
    } catch (failure) {
      this.logger.error(`run ${runId}: could not record the failure: ${(failure as Error).message}`);
    }
  }

  private async onFollowUpFailed(followUp: RunFollowUp, job: Job, error: Error): Promise<void> {
    const data = job.data as Record<string, string>;
    try {
      if (failedForGood(job, error)) {
        this.logger.error(`${job.name} job ${job.id} failed for good: ${error.message}`);
        await followUp.fail(data, error.message);
      } else {
        await followUp.noteRetry(data, error.message);
      }
    } catch (failure) {
      this.logger.error(`${job.name} job ${job.id}: could not record the failure: ${(failure as Error).message}`);
    }
  }

  private async requeueOpenRuns(): Promise<void> {
    for (const runId of await this.runs.openRunIds()) {
      await this.consumer.queue.add('plan', { runId } satisfies PlanJob, { jobId: planJobId(runId), ...jobOptions() });
      await this.queueChunks(runId, await this.runs.pendingChunks(runId));
    }
    await this.queueFollowUps(await this.processor.followUps.open());
  }
}
