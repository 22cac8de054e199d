import { Inject, Injectable } from '@nestjs/common';
import type { Role, Stage } from '@carescore/engine';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { conflict, DomainError, forbidden, notFound, unprocessable } from '../../common/errors/domain-error';
import { TransactionRunner, type Tx } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { type LoadedWorkflow, stageOf } from './case-workflows';
import { CaseWorkflows } from './case-workflows';
import { type AfterCommit, CaseClosedListeners } from './case-closed-listeners';
import type { AdvanceCaseRequest, AssignCaseRequest, CommentCaseRequest, ReopenCaseRequest } from './cases.dto';
import { type CaseScope, CasesRepository, type CaseView } from './cases.repository';
import { CLOCK, type Clock } from './clock';
import { checksFor, stageStart } from './open-cases';
import { InboxRepository } from '../notifications/inbox.repository';
import { addHours, hoursBetween } from './periods';
import { CASE_TIMERS, type CaseCheck, type CaseTimers } from './sla/case-timers';
import { checkStageFields } from './stage-fields';
import { currentLanguage, msg } from '../../common/i18n';

export const caseScopeOf = (user: AuthUser): CaseScope => ({ institutionId: user.institutionId, role: user.role, userId: user.id, staffId: user.staffId });

/** Whether the user's role completes this stage (admins may complete any stage). */
export const completesStage = (role: Role, stage: Stage) => role === 'admin' || role === stage.role;

/** Roles that send cases back, reassign them and see every case. */
export const REVIEWER_ROLES: readonly Role[] = ['admin', 'quality_officer'];

const ENTITY = 'case';

/**
 * What people do to a case. Every action that moves it (advance, reopen, assign) runs in one
 * transaction that first claims the case at the version the caller read (`UPDATE … WHERE version`),
 * so of two officers acting at once exactly one wins and the other gets 409 with nothing stored;
 * its event and audit entry land with it. Comments are allowed at any time, also on closed cases.
 */
@Injectable()
export class CaseActions {
  constructor(
    @Inject(CasesRepository) private readonly cases: CasesRepository,
    @Inject(CaseWorkflows) private readonly workflows: CaseWorkflows,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CASE_TIMERS) private readonly timers: CaseTimers,
    @Inject(CaseClosedListeners) private readonly closedListeners: CaseClosedListeners,
    @Inject(InboxRepository) private readonly inbox: InboxRepository,
  ) {}

  /** Completes the current stage with its fields; moves to the next stage, or closes the case after the last. */
  async advance(ctx: RequestContext, id: string, request: AdvanceCaseRequest): Promise<void> {
    const afterCommit: AfterCommit[] = [];
    const checks = await this.transactions.run(async (tx) => {
      const { current, workflow } = await this.openCase(ctx.user, id, request.version, tx);
      const index = current.stageIndex as number;
      const stage = stageOf(workflow, index);
      if (request.stage !== stage.id) {
        throw conflict(msg('cases.wrong_stage', { id, stage: stage.id, requested: request.stage }), [{ path: 'stage', message: msg('cases.wrong_stage.detail', { stage: stage.id }) }]);
      }
      if (!completesStage(ctx.user.role, stage)) throw forbidden(msg('cases.stage_role', { stage: stage.id, role: stage.role }));
      const { issues, fields } = checkStageFields(stage, request.fields);
      if (issues.length > 0) throw unprocessable(msg('cases.stage_incomplete', { stage: stage.id, problems: issues.map((issue) => `${issue.path} ${issue.message}`).join('; ') }), issues);

      await this.claim(ctx.user, current, tx);
      const now = this.clock.now();
      const next = workflow.document.stages[index + 1] ?? null;
      const visit = await this.cases.openVisit(id, tx);
      if (visit) await this.cases.endVisit(visit, now, next ? 'advanced' : 'closed', tx);
      const actor = { id: ctx.user.id, email: ctx.user.email, role: ctx.user.role };
      await this.cases.appendEvent({ institutionId: current.institutionId, caseId: id, type: 'advanced', actor, stage: stage.id, toStage: next?.id ?? null, fields, at: now }, tx);

      let checks: CaseCheck[] = [];
      if (next) {
        const dueAt = addHours(now, next.slaHours);
        const visitId = await this.cases.startVisit(current.institutionId, id, next.id, index + 1, now, dueAt, tx);
        await this.cases.update(current.institutionId, id, { stage: next.id, stageIndex: index + 1, stageStartedAt: now, dueAt }, tx);
        await this.inbox.addStageStarts([stageStart(workflow, index + 1, id)], now, tx);
        checks = checksFor(workflow, id, visitId, dueAt);
      } else {
        const after = await this.cases.lock(id, tx);
        const hoursToClose = hoursBetween(current.openedAt, now);
        const closedInSla = !(after?.breached ?? current.breached);
        await this.cases.update(current.institutionId, id, { status: 'closed', stage: null, stageIndex: null, stageStartedAt: null, dueAt: null, closedAt: now, hoursToClose, closedInSla }, tx);
        await this.cases.appendEvent({ institutionId: current.institutionId, caseId: id, type: 'closed', actor, stage: stage.id, data: { hoursToClose, closedInSla }, at: now }, tx);
        afterCommit.push(...(await this.closedListeners.notify(ctx, current, fields, tx)));
      }
      await this.audit.record(ctx, 'advance', ENTITY, id, { stage: stage.id, toStage: next?.id ?? null, closed: next === null, fields }, tx);
      return checks;
    });
    this.timers.schedule(checks);
    for (const then of afterCommit) await then();
  }

  /** Sends an open case back to an earlier stage listed in the workflow's reopenTo, with a reason. */
  async reopen(ctx: RequestContext, id: string, request: ReopenCaseRequest): Promise<void> {
    const checks = await this.transactions.run(async (tx) => {
      const { current, workflow } = await this.openCase(ctx.user, id, request.version, tx);
      const index = current.stageIndex as number;
      const from = stageOf(workflow, index);
      const targetIndex = workflow.document.stages.findIndex((stage) => stage.id === request.stage);
      if (!workflow.document.reopenTo.includes(request.stage) || targetIndex < 0) {
        const allowed = workflow.document.reopenTo;
        throw unprocessable(allowed.length > 0 ? msg('cases.send_back_only', { workflow: workflow.key, stages: allowed.join(currentLanguage() === 'zh' ? ' 或 ' : ' or ') }) : msg('cases.send_back_none', { workflow: workflow.key }), [
          { path: 'stage', message: allowed.length > 0 ? msg('one_of', { values: allowed.join(', ') }) : msg('cases.no_reopening.detail') },
        ]);
      }
      if (targetIndex >= index) {
        throw unprocessable(msg('cases.send_back_earlier', { id, stage: from.id }), [{ path: 'stage', message: msg('cases.send_back_earlier.detail', { stage: from.id }) }]);
      }
      const target = stageOf(workflow, targetIndex);

      await this.claim(ctx.user, current, tx);
      const now = this.clock.now();
      const visit = await this.cases.openVisit(id, tx);
      if (visit) await this.cases.endVisit(visit, now, 'reopened', tx);
      const dueAt = addHours(now, target.slaHours);
      const visitId = await this.cases.startVisit(current.institutionId, id, target.id, targetIndex, now, dueAt, tx);
      await this.cases.update(current.institutionId, id, { stage: target.id, stageIndex: targetIndex, stageStartedAt: now, dueAt }, tx);
      await this.inbox.addStageStarts([stageStart(workflow, targetIndex, id)], now, tx);
      await this.cases.appendEvent(
        { institutionId: current.institutionId, caseId: id, type: 'reopened', actor: { id: ctx.user.id, email: ctx.user.email, role: ctx.user.role }, stage: from.id, toStage: target.id, reason: request.reason, at: now },
        tx,
      );
      await this.audit.record(ctx, 'reopen', ENTITY, id, { stage: from.id, toStage: target.id, reason: request.reason }, tx);
      return checksFor(workflow, id, visitId, dueAt);
    });
    this.timers.schedule(checks);
  }

  /** Hands an open case to another officer (or to nobody: back to the quality officers' pool). */
  async assign(ctx: RequestContext, id: string, request: AssignCaseRequest): Promise<void> {
    await this.transactions.run(async (tx) => {
      const { current, workflow } = await this.openCase(ctx.user, id, request.version, tx);
      let assignee: { id: string; email: string } | null = null;
      if (request.assigneeId !== null) {
        const user = await this.cases.findAssignableUser(ctx.user.institutionId, request.assigneeId, tx);
        if (!user) throw unprocessable(msg('cases.assignee_inactive', { id: request.assigneeId }), [{ path: 'assigneeId', message: msg('cases.assignee_inactive.detail') }]);
        if (user.role === 'staff') throw unprocessable(msg('cases.assignee_staff'), [{ path: 'assigneeId', message: msg('cases.assignee_staff.detail') }]);
        assignee = user;
      }
      if ((assignee?.id ?? null) === current.assigneeId) return;
      await this.claim(ctx.user, current, tx);
      const now = this.clock.now();
      await this.cases.update(current.institutionId, id, { assigneeId: assignee?.id ?? null }, tx);
      const data = { from: current.assigneeId, fromEmail: current.assigneeEmail, to: assignee?.id ?? null, toEmail: assignee?.email ?? null };
      await this.cases.appendEvent(
        { institutionId: current.institutionId, caseId: id, type: 'assigned', actor: { id: ctx.user.id, email: ctx.user.email, role: ctx.user.role }, stage: current.stage, reason: request.reason ?? null, data, at: now },
        tx,
      );
      await this.audit.record(ctx, 'assign', ENTITY, id, { assigneeId: { before: current.assigneeId, after: assignee?.id ?? null } }, tx);
      if (assignee && assignee.id !== ctx.user.id && current.stageIndex !== null) await this.inbox.addCaseAssigned(id, assignee.id, stageStart(workflow, current.stageIndex, id).params, now, tx);
    });
  }

  /** A comment on the timeline; anyone who can see the case may comment, at any time. */
  async comment(ctx: RequestContext, id: string, request: CommentCaseRequest): Promise<void> {
    await this.transactions.run(async (tx) => {
      const current = await this.cases.findVisible(caseScopeOf(ctx.user), id, tx);
      if (!current) throw notFound('case', id);
      await this.cases.appendEvent(
        { institutionId: current.institutionId, caseId: id, type: 'commented', actor: { id: ctx.user.id, email: ctx.user.email, role: ctx.user.role }, stage: current.stage, data: { text: request.text }, at: this.clock.now() },
        tx,
      );
      await this.audit.record(ctx, 'comment', ENTITY, id, { text: request.text }, tx);
    });
  }

  /** A case the user can see and act on: open, and at the version they loaded (when they say which). */
  private async openCase(user: AuthUser, id: string, version: number | undefined, tx: Tx): Promise<{ current: CaseView; workflow: LoadedWorkflow }> {
    const current = await this.cases.findVisible(caseScopeOf(user), id, tx);
    if (!current) throw notFound('case', id);
    if (current.status === 'closed') throw conflict(msg('cases.closed', { id }));
    if (version !== undefined && version !== current.version) {
      throw conflict(msg('cases.changed', { id, version, now: current.version }), [{ path: 'version', message: msg('cases.version_now', { version: current.version }) }]);
    }
    return { current, workflow: await this.workflows.pinnedOne(current.workflowVersionId, tx) };
  }

  /** The concurrency gate: 409 when another action (or a close) got there first; nothing of ours is stored then. */
  private async claim(user: AuthUser, current: CaseView, tx: Tx): Promise<void> {
    if (await this.cases.claim(current.institutionId, current.id, current.version, tx)) return;
    throw await this.lostRace(user, current.id, tx);
  }

  private async lostRace(user: AuthUser, id: string, tx: Tx): Promise<DomainError> {
    // Read in the transaction: each statement sees what committed before it, including the winner.
    const now = await this.cases.findVisible(caseScopeOf(user), id, tx);
    if (now?.status === 'closed') return conflict(msg('cases.closed_meanwhile', { id }));
    return conflict(now ? msg('cases.changed_by_other.now', { id, stage: String(now.stage), version: now.version }) : msg('cases.changed_by_other', { id }), [
      { path: 'version', message: now ? msg('cases.version_now', { version: now.version }) : msg('cases.version_newer') },
    ]);
  }
}
