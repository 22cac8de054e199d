import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/auth/auth-user';
import type { Tx } from '../../database/transaction';
import type { FieldValues } from './stage-fields';
import type { CaseView } from './cases.repository';

/** What happens after the transaction that closed the case has committed (e.g. queueing a run it created). */
export type AfterCommit = () => Promise<void>;

/**
 * Called inside the transaction that closes a case with its last stage's fields: what a listener
 * writes lands with the close or not at all, and a DomainError it throws refuses the close.
 */
export type CaseClosedListener = (ctx: RequestContext, closed: CaseView, fields: FieldValues, tx: Tx) => Promise<AfterCommit | void>;

/** Other modules react to a closed case (an appeal's decision) without the cases module knowing them. */
@Injectable()
export class CaseClosedListeners {
  private readonly listeners: CaseClosedListener[] = [];

  register(listener: CaseClosedListener): void {
    this.listeners.push(listener);
  }

  async notify(ctx: RequestContext, closed: CaseView, fields: FieldValues, tx: Tx): Promise<AfterCommit[]> {
    const after: AfterCommit[] = [];
    for (const listener of this.listeners) {
      const then = await listener(ctx, closed, fields, tx);
      if (then) after.push(then);
    }
    return after;
  }
}
