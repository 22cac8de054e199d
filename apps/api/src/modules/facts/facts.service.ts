import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { notFound } from '../../common/errors/domain-error';
import type { ListQuery, Page } from '../../common/http/list-query';
import { TransactionRunner } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { readerScopeOf } from '../../common/access/reader-scope';
import { type FactFilter, factId, type FactKey, type FactView } from './facts.dto';
import { FactsRepository } from './facts.repository';

/** Reading and deleting stored facts; managers see only the facts of the staff of their teams. */
@Injectable()
export class FactsService {
  constructor(
    @Inject(FactsRepository) private readonly facts: FactsRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  list(user: AuthUser, query: ListQuery<FactFilter>): Promise<Page<FactView>> {
    return this.facts.list(readerScopeOf(user), query);
  }

  async get(user: AuthUser, key: FactKey): Promise<FactView> {
    const fact = await this.facts.findVisible(readerScopeOf(user), key);
    if (!fact) throw notFound('facts', factId(key));
    return fact;
  }

  /** Removes the facts of one staff member for one period; audited with what was removed. */
  async delete(ctx: RequestContext, key: FactKey): Promise<FactView> {
    return this.transactions.run(async (tx) => {
      const fact = await this.facts.findVisible(readerScopeOf(ctx.user), key, tx);
      if (!fact) throw notFound('facts', factId(key));
      await this.facts.delete(ctx.user.institutionId, key, tx);
      await this.audit.record(ctx, 'delete', 'fact', factId(key), { before: { staffCode: fact.staffCode, period: fact.period, inputs: fact.inputs } }, tx);
      return fact;
    });
  }
}
