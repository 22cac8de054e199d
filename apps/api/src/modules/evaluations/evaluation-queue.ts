/** Where started runs go: BullMQ on Redis when REDIS_URL is set, else the in-process queue. */
export interface EvaluationQueue {
  readonly kind: 'bullmq' | 'in-process';
  enqueue(runId: string): Promise<void>;
  /** Whether jobs can be queued now (Redis answers); always true in-process. */
  isUp(): Promise<boolean>;
}

export const EVALUATION_QUEUE = Symbol('EVALUATION_QUEUE');

/** The queue could not take the job now (Redis away or not answering). Should the job reach Redis after all, it finds its run failed. */
export class QueueUnavailableError extends Error {
  override name = 'QueueUnavailableError';
}

/** BullMQ queue name; job names are `plan` and `chunk`. */
export const EVALUATION_QUEUE_NAME = 'evaluations';

/** Tries per job before the run is failed (a crashed worker's stalled job counts as one). */
export const JOB_ATTEMPTS = 3;

export interface PlanJob {
  runId: string;
}

export interface ChunkJob {
  runId: string;
  index: number;
}

// BullMQ job ids may not contain ':'; one id per run and chunk makes enqueueing twice harmless.
export const planJobId = (runId: string) => `plan-${runId}`;
export const chunkJobId = (runId: string, index: number) => `chunk-${runId}-${index}`;
