import { Inject, Injectable } from '@nestjs/common';
import { diffDocuments } from '@carescore/engine';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { conflict, forbidden, notFound } from '../../common/errors/domain-error';
import type { ListQuery, Page } from '../../common/http/list-query';
import { msg } from '../../common/i18n/messages';
import { currentLanguage } from '../../common/i18n/request-language';
import { TransactionRunner, type Tx } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import type { CreateBindingRequest, UpdateBindingRequest } from '../bindings/bindings.dto';
import { BindingsService } from '../bindings/bindings.service';
import { presentContent } from '../documents/document-content';
import { DocumentsRepository } from '../documents/documents.repository';
import { DocumentsService } from '../documents/documents.service';
import { ExperimentsService } from '../experiments/experiments.service';
import { InboxRepository } from '../notifications/inbox.repository';
import { PeriodsService } from '../periods/periods.service';
import { decisionRefusal, describeInBoth, movedFields } from './change-request-rules';
import { type ChangeRequestDetailResponse, type ChangeRequestFilter, type ChangeRequestResponse, toChangeRequestResponse } from './change-requests.dto';
import { type ChangeRequestRow, ChangeRequestsRepository } from './change-requests.repository';

const ENTITY = 'change_request';

/** The noun a stale request's message names, per kind. */
const STALE_WHAT = {
  document_publish: 'document revision',
  binding_create: 'binding',
  binding_update: 'binding',
  binding_delete: 'binding',
  experiment_promote: 'experiment',
  period_close: 'period state',
  period_reopen: 'period state',
} as const;

/**
 * Change requests (issue 15): read, approved, rejected or withdrawn. Approving one applies its change in the same
 * transaction through the very service method the direct action calls, as the approver and with the requester
 * named in every audit entry it writes, after checking that its target has not moved since the request (409).
 */
@Injectable()
export class ChangeRequestsService {
  constructor(
    @Inject(ChangeRequestsRepository) private readonly requests: ChangeRequestsRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(InboxRepository) private readonly inbox: InboxRepository,
    @Inject(DocumentsService) private readonly documents: DocumentsService,
    @Inject(DocumentsRepository) private readonly documentVersions: DocumentsRepository,
    @Inject(BindingsService) private readonly bindings: BindingsService,
    @Inject(ExperimentsService) private readonly experiments: ExperimentsService,
    @Inject(PeriodsService) private readonly periods: PeriodsService,
  ) {}

  async list(user: AuthUser, query: ListQuery<ChangeRequestFilter>): Promise<Page<ChangeRequestResponse>> {
    const page = await this.requests.list(user.institutionId, user, query);
    const language = currentLanguage();
    return { total: page.total, items: page.items.map((row) => toChangeRequestResponse(row, user, language)) };
  }

  async get(user: AuthUser, id: string): Promise<ChangeRequestDetailResponse> {
    const row = await this.find(user.institutionId, id);
    const stale = row.status === 'pending' && movedFields(row.basis, await this.requests.snapshot(user.institutionId, row.kind, row.targetId, row.payload)).length > 0;
    return { ...toChangeRequestResponse(row, user, currentLanguage()), stale, diff: row.kind === 'document_publish' ? await this.documentDiff(row) : null };
  }

  async approve(ctx: RequestContext, id: string): Promise<ChangeRequestDetailResponse> {
    const institutionId = ctx.user.institutionId;
    await this.transactions.run(async (tx) => {
      const row = await this.decidable(ctx, id, tx);
      const moved = movedFields(row.basis, await this.requests.snapshot(institutionId, row.kind, row.targetId, row.payload, tx));
      if (moved.length > 0) {
        const current = (await this.requests.snapshot(institutionId, row.kind, row.targetId, row.payload, tx)) ?? {};
        throw conflict(
          msg('change_requests.stale', { what: STALE_WHAT[row.kind] }),
          moved.map((field) => ({ path: field, message: msg('change_requests.stale.detail', { before: String(row.basis[field] ?? '—'), now: String(current[field] ?? '—') }), code: 'change_request_stale' })),
        );
      }
      const applying: RequestContext = { user: ctx.user, ip: ctx.ip, approval: { changeRequestId: row.id, requestedBy: { id: row.requestedBy.id, email: row.requestedBy.email } } };
      await this.apply(applying, row, tx);
      await this.requests.decide(row.id, 'approved', ctx.user.id, null, tx);
      await this.decided(ctx, row, 'approved', null, tx);
    });
    return this.get(ctx.user, id);
  }

  async reject(ctx: RequestContext, id: string, reason: string): Promise<ChangeRequestDetailResponse> {
    await this.transactions.run(async (tx) => {
      const row = await this.decidable(ctx, id, tx);
      await this.requests.decide(row.id, 'rejected', ctx.user.id, reason, tx);
      await this.decided(ctx, row, 'rejected', reason, tx);
    });
    return this.get(ctx.user, id);
  }

  /** The requester takes back a pending request; nobody else may. */
  async withdraw(ctx: RequestContext, id: string): Promise<ChangeRequestDetailResponse> {
    await this.transactions.run(async (tx) => {
      const row = await this.find(ctx.user.institutionId, id, tx, true);
      if (row.requestedBy.id !== ctx.user.id) throw forbidden(msg('change_requests.not_requester'));
      if (row.status !== 'pending') throw conflict(msg('change_requests.not_pending', { state: row.status }), [{ path: 'status', message: msg('change_requests.not_pending', { state: row.status }), code: `change_request_${row.status}` }]);
      await this.requests.decide(row.id, 'withdrawn', ctx.user.id, null, tx);
      await this.audit.record(ctx, 'withdraw', ENTITY, row.id, { kind: row.kind, before: { status: 'pending' }, after: { status: 'withdrawn' }, requestedBy: row.requestedBy.id }, tx);
    });
    return this.get(ctx.user, id);
  }

  /** The one place each kind of request becomes its action: the direct action's own service method. */
  private async apply(ctx: RequestContext, row: ChangeRequestRow, tx: Tx): Promise<void> {
    const payload = row.payload;
    switch (row.kind) {
      case 'document_publish':
        await this.documents.publishIn(ctx, row.targetId, payload.revision as number, tx);
        return;
      case 'binding_create':
        await this.bindings.createIn(ctx, payload as CreateBindingRequest, tx);
        return;
      case 'binding_update':
        await this.bindings.updateIn(ctx, row.targetId, payload as UpdateBindingRequest, tx);
        return;
      case 'binding_delete':
        await this.bindings.deleteIn(ctx, row.targetId, tx);
        return;
      case 'experiment_promote':
        await this.experiments.promoteIn(ctx, row.targetId, tx);
        return;
      case 'period_close':
        await this.periods.closeIn(ctx, row.targetId, tx);
        return;
      case 'period_reopen':
        await this.periods.reopenIn(ctx, row.targetId, { reason: payload.reason as string }, tx);
        return;
    }
  }

  /** The request, locked, when the signed-in user may decide it: 403 for the requester or an ineligible role, 409 once decided. */
  private async decidable(ctx: RequestContext, id: string, tx: Tx): Promise<ChangeRequestRow> {
    const row = await this.find(ctx.user.institutionId, id, tx, true);
    const refusal = decisionRefusal(ctx.user, { ...row, requestedBy: row.requestedBy.id });
    if (refusal === 'self') throw forbidden(msg('change_requests.self_approval'));
    if (refusal === 'role') throw forbidden(msg(row.kind === 'document_publish' && row.summary.kind === 'workflow' ? 'change_requests.not_approver.workflow' : 'change_requests.not_approver'));
    if (refusal === 'not_pending') throw conflict(msg('change_requests.not_pending', { state: row.status }), [{ path: 'status', message: msg('change_requests.not_pending', { state: row.status }), code: `change_request_${row.status}` }]);
    return row;
  }

  /** Audits a decision with both people and tells the requester. */
  private async decided(ctx: RequestContext, row: ChangeRequestRow, decision: 'approved' | 'rejected', reason: string | null, tx: Tx): Promise<void> {
    const approver = await this.requests.find(ctx.user.institutionId, row.id, tx);
    const notified = await this.inbox.addToUsers(
      ctx.user.institutionId,
      { userId: row.requestedBy.id },
      {
        kind: 'change_request_decided',
        targetType: 'change_request',
        targetId: row.id,
        params: { action: describeInBoth(row.kind, row.summary), decision, approver: approver?.decidedBy?.name ?? ctx.user.email, ...(reason === null ? {} : { reason }) },
      },
      new Date(),
      tx,
    );
    await this.audit.record(
      ctx,
      decision === 'approved' ? 'approve' : 'reject',
      ENTITY,
      row.id,
      {
        kind: row.kind,
        target: { type: row.targetType, id: row.targetId },
        before: { status: 'pending' },
        after: { status: decision },
        requestedBy: row.requestedBy.id,
        requestedByEmail: row.requestedBy.email,
        decidedBy: ctx.user.id,
        decidedByEmail: ctx.user.email,
        ...(reason === null ? {} : { reason }),
        notified,
      },
      tx,
    );
  }

  /** A publish's diff in words: from the version published before it to its draft (or, once published, to that version). */
  private async documentDiff(row: ChangeRequestRow): Promise<ChangeRequestDetailResponse['diff']> {
    const institutionId = row.institutionId;
    const toNumber = typeof row.summary.version === 'number' ? row.summary.version : null;
    const to = toNumber === null ? null : await this.documentVersions.findVersion(institutionId, row.targetId, toNumber);
    if (!to) return null;
    const earlier = (await this.documentVersions.listVersions(institutionId, row.targetId)).find((version) => version.version < to.version && version.status !== 'draft');
    const from = earlier ? await this.documentVersions.findVersion(institutionId, row.targetId, earlier.version) : null;
    const changes = from ? diffDocuments(presentContent(from.content), presentContent(to.content)) : [];
    return { from: from?.version ?? null, to: to.version, changes };
  }

  private async find(institutionId: string, id: string, tx?: Tx, lock = false): Promise<ChangeRequestRow> {
    const row = await this.requests.find(institutionId, id, tx, lock);
    if (!row) throw notFound('change request', id);
    return row;
  }
}
