import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../../config/app-config';
import { jobOptions } from './bullmq-evaluation-queue';
import { type ChunkJob, chunkJobId, EVALUATION_QUEUE_NAME, type PlanJob, planJobId } from './evaluation-queue';
import type { EvaluationsRepository } from './evaluations.repository';
import { createRedisConnection } from './redis-connection';
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
  private readonly connections: Redis[] = [];
  private readonly queue: Queue;
  private readonly worker: Worker;

  constructor(
    private readonly processor: RunEvaluation,
    private readonly runs: EvaluationsRepository,
    config: AppConfig,
    name = `${hostname()}-${process.pid}`,
  ) {
    this.id = name;
    const url = config.redisUrl as string;
    const producer = createRedisConnection(url);
    const consumer = createRedisConnection(url);
    this.connections.push(producer, consumer);
    this.queue = new Queue(EVALUATION_QUEUE_NAME, { connection: producer, prefix: config.queuePrefix });
    this.worker = new Worker(EVALUATION_QUEUE_NAME, (job) => this.handle(job), {
      connection: consumer,
      prefix: config.queuePrefix,
      concurrency: config.workerConcurrency,
      lockDuration: config.jobLockMs,
      stalledInterval: Math.max(500, Math.floor(config.jobLockMs / 2)),
      maxStalledCount: 2,
      autorun: false,
    });
    this.worker.on('failed', (job, error) => void this.onFailed(job, error));
    this.worker.on('error', (error) => this.logger.error(error.message));
  }

  /** Starts consuming, after re-queueing what an earlier crash (or a lost Redis) may have left behind. */
  async start(): Promise<void> {
    await this.requeueOpenRuns();
    void this.worker.run();
    await this.worker.waitUntilReady();
  }

  async close(): Promise<void> {
    await this.worker.close();
    await this.queue.close();
    for (const connection of this.connections) connection.disconnect();
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
      const outcome = await this.processor.processChunk(runId, index, this.id);
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
    await this.queue.addBulk(jobs.map((job) => ({ name: job.name, data: job.data, opts: { jobId: job.jobId, ...jobOptions() } })));
  }

  private async queueChunks(runId: string, chunks: number[]): Promise<void> {
    if (chunks.length === 0) return;
    await this.queue.addBulk(chunks.map((index) => ({ name: 'chunk', data: { runId, index } satisfies ChunkJob, opts: { jobId: chunkJobId(runId, index), ...jobOptions() } })));
  }

  private async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job) return;
    const followUp = this.processor.followUps.get(job.name);
    if (followUp) return this.onFollowUpFailed(followUp, job, error);
    const { runId } = job.data as PlanJob;
    try {
      if (job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === 'UnrecoverableError' || /stalled more than/.test(error.message)) {
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
      if (job.attemptsMade >= (job.opts.attempts ?? 1) || error.name === 'UnrecoverableError' || /stalled more than/.test(error.message)) {
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
      await this.queue.add('plan', { runId } satisfies PlanJob, { jobId: planJobId(runId), ...jobOptions() });
      await this.queueChunks(runId, await this.runs.pendingChunks(runId));
    }
    await this.queueFollowUps(await this.processor.followUps.open());
  }
}
