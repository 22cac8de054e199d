import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/auth/auth-user';
import { conflict } from '../../common/errors/domain-error';
import { currentLanguage } from '../../common/i18n/request-language';
import { msg } from '../../common/i18n/messages';
import { TransactionRunner, type Tx } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import type { CreateBindingRequest, UpdateBindingRequest } from '../bindings/bindings.dto';
import { nextPeriod } from '../experiments/experiments.service';
import { InstitutionsRepository } from '../institutions/institutions.repository';
import { InboxRepository } from '../notifications/inbox.repository';
import type { ReopenPeriodRequest } from '../periods/periods.dto';
import { approverRoles, describeInBoth } from './change-request-rules';
import { type ChangeRequestKind, type ChangeRequestResponse, type ChangeRequestSummary, type ChangeRequestTargetType, toChangeRequestResponse } from './change-requests.dto';
import { ChangeRequestsRepository } from './change-requests.repository';

/** The direct action, run inside the request's transaction and rolled back: its refusals (404, 409, 422) are the request's. */
export type DryRun = (tx: Tx) => Promise<unknown>;

interface Draft {
  kind: ChangeRequestKind;
  targetType: ChangeRequestTargetType;
  targetId: string;
  payload: Record<string, unknown>;
  summary: ChangeRequestSummary;
}

/** A new binding has no id yet: its request is keyed by the period and scope it binds. */
export const newBindingTarget = (period: string, teamId: string | null | undefined) => `${period}:${teamId ?? '*'}`;

/**
 * Where a rule change meets the institution's `approvals` setting (issue 15). Each method answers null when the
 * action is to happen now (approvals off, a binding of a period without runs, an unknown target whose action will
 * refuse it, a rebind to the version already bound) and otherwise records a change request, after running the
 * direct action and rolling it back so that a request is refused exactly as the action would be. Approving it
 * (ChangeRequestsService) runs the same action for real.
 */
@Injectable()
export class ChangeRequestGate {
  constructor(
    @Inject(ChangeRequestsRepository) private readonly requests: ChangeRequestsRepository,
    @Inject(InstitutionsRepository) private readonly institutions: InstitutionsRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(InboxRepository) private readonly inbox: InboxRepository,
  ) {}

  async documentPublish(ctx: RequestContext, documentId: string, revision: number, dryRun: DryRun): Promise<ChangeRequestResponse | null> {
    const institutionId = ctx.user.institutionId;
    if (!(await this.institutions.approvals(institutionId))) return null;
    const document = await this.requests.document(institutionId, documentId);
    // A quality officer's scheme publish is refused by the action itself (403), as without approvals.
    if (!document || (ctx.user.role !== 'admin' && document.kind !== 'workflow')) return null;
    const summary = { document: document.name ?? document.key, key: document.key, kind: document.kind, version: document.draftVersion };
    return this.open(ctx, { kind: 'document_publish', targetType: 'document', targetId: documentId, payload: { revision }, summary }, dryRun);
  }

  async bindingCreate(ctx: RequestContext, request: CreateBindingRequest, dryRun: DryRun): Promise<ChangeRequestResponse | null> {
    const institutionId = ctx.user.institutionId;
    if (!(await this.institutions.approvals(institutionId)) || !(await this.requests.periodHasRuns(institutionId, request.period))) return null;
    const teamId = request.teamId ?? null;
    const summary = {
      period: request.period,
      scope: teamId === null ? null : await this.requests.teamName(institutionId, teamId),
      key: (await this.requests.documentKey(institutionId, request.documentId)) ?? '',
      version: request.version,
    };
    return this.open(ctx, { kind: 'binding_create', targetType: 'binding', targetId: newBindingTarget(request.period, teamId), payload: { ...request, teamId }, summary }, dryRun);
  }

  async bindingUpdate(ctx: RequestContext, id: string, request: UpdateBindingRequest, dryRun: DryRun): Promise<ChangeRequestResponse | null> {
    const institutionId = ctx.user.institutionId;
    if (!(await this.institutions.approvals(institutionId))) return null;
    const binding = await this.requests.binding(institutionId, id);
    if (!binding || !(await this.requests.periodHasRuns(institutionId, binding.period))) return null;
    const documentId = request.documentId ?? binding.documentId;
    if (documentId === binding.documentId && request.version === binding.version) return null;
    const key = documentId === binding.documentId ? binding.documentKey : ((await this.requests.documentKey(institutionId, documentId)) ?? '');
    const summary = { period: binding.period, scope: binding.teamName, key, version: request.version, fromKey: binding.documentKey, fromVersion: binding.version };
    return this.open(ctx, { kind: 'binding_update', targetType: 'binding', targetId: id, payload: { ...request }, summary }, dryRun);
  }

  async bindingDelete(ctx: RequestContext, id: string, dryRun: DryRun): Promise<ChangeRequestResponse | null> {
    const institutionId = ctx.user.institutionId;
    if (!(await this.institutions.approvals(institutionId))) return null;
    const binding = await this.requests.binding(institutionId, id);
    if (!binding || !(await this.requests.periodHasRuns(institutionId, binding.period))) return null;
    const summary = { period: binding.period, scope: binding.teamName, key: binding.documentKey, version: binding.version };
    return this.open(ctx, { kind: 'binding_delete', targetType: 'binding', targetId: id, payload: {}, summary }, dryRun);
  }

  async experimentPromote(ctx: RequestContext, id: string, dryRun: DryRun): Promise<ChangeRequestResponse | null> {
    const institutionId = ctx.user.institutionId;
    if (!(await this.institutions.approvals(institutionId))) return null;
    const experiment = await this.requests.experiment(institutionId, id);
    if (!experiment) return null;
    const summary = { experiment: experiment.name, key: experiment.challengerKey, version: experiment.challengerVersion, period: nextPeriod(experiment.periods[experiment.periods.length - 1]) };
    return this.open(ctx, { kind: 'experiment_promote', targetType: 'experiment', targetId: id, payload: {}, summary }, dryRun);
  }

  async periodClose(ctx: RequestContext, period: string, dryRun: DryRun): Promise<ChangeRequestResponse | null> {
    if (!(await this.institutions.approvals(ctx.user.institutionId))) return null;
    return this.open(ctx, { kind: 'period_close', targetType: 'period', targetId: period, payload: {}, summary: { period } }, dryRun);
  }

  async periodReopen(ctx: RequestContext, period: string, request: ReopenPeriodRequest, dryRun: DryRun): Promise<ChangeRequestResponse | null> {
    if (!(await this.institutions.approvals(ctx.user.institutionId))) return null;
    return this.open(ctx, { kind: 'period_reopen', targetType: 'period', targetId: period, payload: { reason: request.reason }, summary: { period, reason: request.reason } }, dryRun);
  }

  private async open(ctx: RequestContext, draft: Draft, dryRun: DryRun): Promise<ChangeRequestResponse> {
    const institutionId = ctx.user.institutionId;
    const id = await this.transactions.run(async (tx) => {
      await tx.query('SAVEPOINT change_request_dry_run');
      await dryRun(tx);
      await tx.query('ROLLBACK TO SAVEPOINT change_request_dry_run');
      const pending = await this.requests.findPending(institutionId, draft.targetType, draft.targetId, tx);
      if (pending) throw conflict(msg('change_requests.already_pending'), [{ path: 'id', message: msg('change_requests.already_pending.detail', { id: pending }), code: 'change_request_pending' }]);
      const basis = (await this.requests.snapshot(institutionId, draft.kind, draft.targetId, draft.payload, tx)) ?? {};
      const created = await this.requests.insert({ institutionId, ...draft, basis, requestedBy: ctx.user.id }, tx);
      const row = await this.requests.find(institutionId, created, tx);
      const notified = await this.inbox.addToUsers(
        institutionId,
        { roles: approverRoles(draft.kind, draft.summary), exceptUserId: ctx.user.id },
        { kind: 'change_request_pending', targetType: 'change_request', targetId: created, params: { action: describeInBoth(draft.kind, draft.summary), requester: row?.requestedBy.name ?? ctx.user.email } },
        new Date(),
        tx,
      );
      await this.audit.record(ctx, 'request', 'change_request', created, { kind: draft.kind, target: { type: draft.targetType, id: draft.targetId }, payload: draft.payload, basis, summary: draft.summary, notified }, tx);
      return created;
    });
    const row = await this.requests.find(institutionId, id);
    if (!row) throw new Error(`change request ${id} vanished`);
    return toChangeRequestResponse(row, ctx.user, currentLanguage());
  }
}
