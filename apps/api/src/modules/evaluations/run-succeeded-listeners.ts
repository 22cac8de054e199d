import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/transaction';
import type { EvaluationRunEntity } from './evaluation-run.entity';

/** Called inside the transaction that makes a run's scorecards current: what it writes lands with them or not at all. */
export type RunSucceededListener = (run: EvaluationRunEntity, tx: Tx) => Promise<void>;

/**
 * Other modules react to a succeeded run here (e.g. cases opened from zone hits) without the
 * evaluations module knowing them: they register a listener when their module starts.
 */
@Injectable()
export class RunSucceededListeners {
  private readonly listeners: RunSucceededListener[] = [];

  register(listener: RunSucceededListener): void {
    this.listeners.push(listener);
  }

  async notify(run: EvaluationRunEntity, tx: Tx): Promise<void> {
    for (const listener of this.listeners) await listener(run, tx);
  }
}
