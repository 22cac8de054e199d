import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/transaction';

/** Called inside the transaction that fails a run (after it is marked failed): what it writes lands with the failure or not at all. */
export type RunFailedListener = (runId: string, tx: Tx) => Promise<void>;

/** Other modules react to a failed run here (e.g. telling whoever started it) without the evaluations module knowing them. */
@Injectable()
export class RunFailedListeners {
  private readonly listeners: RunFailedListener[] = [];

  register(listener: RunFailedListener): void {
    this.listeners.push(listener);
  }

  async notify(runId: string, tx: Tx): Promise<void> {
    for (const listener of this.listeners) await listener(runId, tx);
  }
}
