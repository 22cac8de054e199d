import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { notFound } from '../../common/errors/domain-error';
import type { ListQuery, Page } from '../../common/http/list-query';
import { currentLanguage } from '../../common/i18n/request-language';
import { TransactionRunner } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { type InboxFilter, type InboxItemResponse, toInboxItemResponse } from './inbox.dto';
import { InboxRepository } from './inbox.repository';

/**
 * A user's own in-app inbox. Every read and write is of the signed-in user's items only (another user's item is
 * 404, whoever asks): the inbox is addressed to a person, so the reader scope rule of per-person data does not
 * widen it. Reading the inbox is not audited; marking items read is (one entry per item, one for read-all).
 */
@Injectable()
export class InboxService {
  constructor(
    @Inject(InboxRepository) private readonly inbox: InboxRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async mine(user: AuthUser, query: ListQuery<InboxFilter>): Promise<Page<InboxItemResponse>> {
    const page = await this.inbox.mine(user.id, { offset: query.offset, limit: query.limit, unread: query.filter.unread });
    const language = currentLanguage();
    return { items: page.items.map((row) => toInboxItemResponse(row, language)), total: page.total };
  }

  unreadCount(user: AuthUser): Promise<number> {
    return this.inbox.unreadCount(user.id);
  }

  async markRead(ctx: RequestContext, id: string): Promise<InboxItemResponse> {
    const item = await this.transactions.run(async (tx) => {
      const marked = await this.inbox.markRead(ctx.user.id, id, new Date(), tx);
      if (!marked) throw notFound('notification', id);
      if (marked.wasUnread) await this.audit.record(ctx, 'update', 'notification', id, { kind: marked.item.kind, before: { readAt: null }, after: { readAt: marked.item.readAt?.toISOString() } }, tx);
      return marked.item;
    });
    return toInboxItemResponse(item, currentLanguage());
  }

  async markAllRead(ctx: RequestContext): Promise<number> {
    return this.transactions.run(async (tx) => {
      const marked = await this.inbox.markAllRead(ctx.user.id, new Date(), tx);
      if (marked > 0) await this.audit.record(ctx, 'update', 'notification', null, { readAll: true, marked }, tx);
      return marked;
    });
  }
}
