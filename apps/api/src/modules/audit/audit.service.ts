import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/auth/auth-user';
import type { ListQuery, Page } from '../../common/http/list-query';
import type { Tx } from '../../database/transaction';
import type { AuditEntryEntity } from './audit-entry.entity';
import type { AuditFilter } from './audit.dto';
import { AuditRepository } from './audit.repository';
import { ChainWalk, type ChainReport } from './audit-chain';

/** Entries read per query while verifying a chain. */
const VERIFY_PAGE = 5000;

export type AuditAction = 'create' | 'update' | 'delete' | 'publish' | 'retire' | 'rollback' | 'bind' | 'rebind' | 'unbind' | 'import' | 'login_failed' | 'login' | 'evaluate' | 'advance' | 'reopen' | 'assign' | 'comment' | 'close' | 'acknowledge' | 'request' | 'approve' | 'reject' | 'withdraw';

@Injectable()
export class AuditService {
  constructor(@Inject(AuditRepository) private readonly repository: AuditRepository) {}

  /**
   * Records a change inside the transaction that makes it, so the two land together. A change applied by approving a
   * change request names the requester beside the approver (the actor) under `approval`.
   */
  record(ctx: RequestContext, action: AuditAction, entityType: string, entityId: string | null, changes: Record<string, unknown>, tx?: Tx): Promise<void> {
    const approval = ctx.approval
      ? { changeRequestId: ctx.approval.changeRequestId, requestedBy: ctx.approval.requestedBy.id, requestedByEmail: ctx.approval.requestedBy.email, approvedBy: ctx.user.id, approvedByEmail: ctx.user.email }
      : undefined;
    return this.repository.append(
      { institutionId: ctx.user.institutionId, actorId: ctx.user.id, actorEmail: ctx.user.email, action, entityType, entityId, changes: approval ? { ...changes, approval } : changes, ip: ctx.ip },
      tx,
    );
  }

  /** Changes no signed-in user made (a schedule firing): the actor is named (`schedule:<binding id>`), with no user id. */
  recordSystem(institutionId: string, actor: string, action: AuditAction, entityType: string, entityId: string | null, changes: Record<string, unknown>, tx?: Tx): Promise<void> {
    return this.repository.append({ institutionId, actorId: null, actorEmail: actor, action, entityType, entityId, changes, ip: null }, tx);
  }

  /** Login failures have no authenticated actor. */
  recordLoginFailure(email: string, institutionId: string | null, ip: string | null, reason: string): Promise<void> {
    return this.repository.append({ institutionId, actorId: null, actorEmail: email, action: 'login_failed', entityType: 'user', entityId: null, changes: { reason }, ip });
  }

  list(institutionId: string, query: ListQuery<AuditFilter>): Promise<Page<AuditEntryEntity>> {
    return this.repository.list(institutionId, query);
  }

  /** Walks one institution's chain (null: the entries without an institution) and reports its first broken link. */
  async verifyChain(institutionId: string | null): Promise<ChainReport> {
    const walk = new ChainWalk(institutionId);
    let after: { seq: number; id: string } | null = null;
    for (;;) {
      const links = await this.repository.chainLinks(institutionId, after, VERIFY_PAGE);
      for (const link of links) if (!walk.push(link)) return walk.report();
      if (links.length < VERIFY_PAGE) return walk.report();
      const last = links[links.length - 1] as (typeof links)[number];
      after = { seq: last.seq, id: last.id };
    }
  }

  /** Every chain in the database (`npm run audit:verify`). */
  async verifyAll(): Promise<ChainReport[]> {
    const reports: ChainReport[] = [];
    for (const institutionId of await this.repository.chainIds()) reports.push(await this.verifyChain(institutionId));
    return reports;
  }
}
