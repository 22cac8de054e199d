import { Injectable } from '@nestjs/common';

/** A job to do after a run has succeeded; its id is unique per piece of work, so queueing it twice is harmless. */
export interface FollowUpJob {
  name: string;
  jobId: string;
  data: Record<string, string>;
}

/** Work another module does after a run, on the evaluation queue (BullMQ or in-process). */
export interface RunFollowUp {
  /** The job name; must not be `plan` or `chunk`. */
  readonly name: string;
  /** Jobs due once the run's success has committed. */
  due(runId: string): Promise<FollowUpJob[]>;
  /** Jobs left pending or interrupted (by a crash, a lost queue): queued again at start. */
  open(): Promise<FollowUpJob[]>;
  /** Does the job; idempotent, so a repeated or resumed job writes nothing twice. */
  process(data: Record<string, string>): Promise<string>;
  /** An error retrying cannot help (the job is failed at once). */
  isPermanent(error: unknown): boolean;
  /** The job failed for good. */
  fail(data: Record<string, string>, message: string): Promise<void>;
  noteRetry(data: Record<string, string>, message: string): Promise<void>;
}

/** Follow-ups registered by other modules when they start (shadow experiments); see the evaluation queues. */
@Injectable()
export class RunFollowUps {
  private readonly followUps = new Map<string, RunFollowUp>();

  register(followUp: RunFollowUp): void {
    if (followUp.name === 'plan' || followUp.name === 'chunk') throw new Error(`follow-up job name ${followUp.name} is taken`);
    this.followUps.set(followUp.name, followUp);
  }

  get(name: string): RunFollowUp | undefined {
    return this.followUps.get(name);
  }

  async dueAfter(runId: string): Promise<FollowUpJob[]> {
    const jobs: FollowUpJob[] = [];
    for (const followUp of this.followUps.values()) jobs.push(...(await followUp.due(runId)));
    return jobs;
  }

  async open(): Promise<FollowUpJob[]> {
    const jobs: FollowUpJob[] = [];
    for (const followUp of this.followUps.values()) jobs.push(...(await followUp.open()));
    return jobs;
  }
}
