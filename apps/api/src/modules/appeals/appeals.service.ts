import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { checkFacts } from '@carescore/engine';
import { readerScopeOf } from '../../common/access/reader-scope';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { conflict, forbidden, notFound, unprocessable } from '../../common/errors/domain-error';
import type { ListQuery, Page } from '../../common/http/list-query';
import { TransactionRunner, type Tx } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { type AfterCommit, CaseClosedListeners } from '../cases/case-closed-listeners';
import { CaseWorkflows } from '../cases/case-workflows';
import type { CaseView } from '../cases/cases.repository';
import { OpenCases } from '../cases/open-cases';
import { CASE_TIMERS, type CaseTimers } from '../cases/sla/case-timers';
import type { FieldValues } from '../cases/stage-fields';
import { CompiledSchemes } from '../evaluations/compiled-schemes';
import { EVALUATION_QUEUE, type EvaluationQueue } from '../evaluations/evaluation-queue';
import { EvaluationsRepository } from '../evaluations/evaluations.repository';
import type { FactInputs } from '../facts/fact.entity';
import { InboxRepository } from '../notifications/inbox.repository';
import { PeriodsRepository } from '../periods/periods.repository';
import type { AppealFilter, AppealResponse, FileAppealRequest } from './appeals.dto';
import { AppealsRepository } from './appeals.repository';
import { msg } from '../../common/i18n/messages';


/**
 * Appeals (申诉): a staff member, or their manager on their behalf, contests their current scorecard
 * of a published period inside the appeal window. An appeal is a case on the published workflow
 * whose trigger is the appeal event (template score-appeal), so it has the inbox, SLAs, escalation
 * and timeline of every case. Closing its case decides it: `uphold`, or `correct` with corrected
 * inputs, which are stored (the originals kept in fact_corrections) and that staff member alone is
 * evaluated again by a correction run.
 */
@Injectable()
export class AppealsService implements OnModuleInit {
  constructor(
    @Inject(AppealsRepository) private readonly appeals: AppealsRepository,
    @Inject(PeriodsRepository) private readonly periods: PeriodsRepository,
    @Inject(CaseWorkflows) private readonly workflows: CaseWorkflows,
    @Inject(OpenCases) private readonly openCases: OpenCases,
    @Inject(CASE_TIMERS) private readonly timers: CaseTimers,
    @Inject(CaseClosedListeners) private readonly closedCases: CaseClosedListeners,
    @Inject(CompiledSchemes) private readonly schemes: CompiledSchemes,
    @Inject(EvaluationsRepository) private readonly runs: EvaluationsRepository,
    @Inject(EVALUATION_QUEUE) private readonly queue: EvaluationQueue,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(InboxRepository) private readonly inbox: InboxRepository,
  ) {}

  onModuleInit(): void {
    this.closedCases.register((ctx, closed, fields, tx) => this.decide(ctx, closed, fields, tx));
  }

  list(user: AuthUser, query: ListQuery<AppealFilter>): Promise<Page<AppealResponse>> {
    return this.appeals.list(readerScopeOf(user), query);
  }

  async get(user: AuthUser, id: string): Promise<AppealResponse> {
    const appeal = await this.appeals.findVisible(readerScopeOf(user), id);
    if (!appeal) throw notFound('appeal', id);
    return appeal;
  }

  async file(ctx: RequestContext, request: FileAppealRequest): Promise<AppealResponse> {
    const institutionId = ctx.user.institutionId;
    const { id, checks } = await this.transactions.run(async (tx) => {
      const scorecard = await this.appeals.scorecard(institutionId, request.scorecardId, tx);
      const own = ctx.user.role === 'staff' && scorecard !== null && scorecard.staffId === ctx.user.staffId;
      const managed = ctx.user.role === 'manager' && scorecard !== null && (await this.appeals.isManagerOf(institutionId, ctx.user.id, scorecard.teamId, tx));
      if (ctx.user.role !== 'staff' && ctx.user.role !== 'manager') throw forbidden(msg('appeals.filed_by'));
      if (!scorecard || (!own && !managed)) throw notFound('scorecard', request.scorecardId);
      const period = await this.periods.find(institutionId, scorecard.period, tx);
      if (!period || period.state === 'open') {
        throw conflict(msg('appeals.not_published', { period: scorecard.period }), [{ path: 'scorecardId', message: msg('appeals.not_published.detail'), code: 'period_open' }]);
      }
      if (period.state === 'closed') throw conflict(msg('periods.closed', { period: scorecard.period }), [{ path: 'period', message: msg('periods.closed.detail'), code: 'period_closed' }]);
      if (period.appealDeadline && new Date() >= period.appealDeadline) {
        throw conflict(msg('appeals.window_ended', { period: scorecard.period, deadline: period.appealDeadline.toISOString() }), [{ path: 'scorecardId', message: msg('periods.appeal_window_ended.detail'), code: 'appeal_window_ended' }]);
      }
      if (!scorecard.current) throw conflict(msg('scorecards.replaced_appeal'), [{ path: 'scorecardId', message: msg('scorecards.not_current.detail'), code: 'scorecard_not_current' }]);
      const unknown = request.indicators.map((indicator, index) => ({ indicator, index })).filter((item) => !scorecard.indicators.includes(item.indicator));
      if (unknown.length > 0) {
        throw unprocessable(msg('appeals.unknown_indicators'), unknown.map((item) => ({ path: `indicators.${item.index}`, message: msg('appeals.unknown_indicator.detail', { indicator: item.indicator }), code: 'unknown_indicator' })));
      }
      const open = await this.appeals.openAppealOf(scorecard.id, tx);
      if (open) throw conflict(msg('appeals.already_open', { id: open }), [{ path: 'scorecardId', message: msg('appeals.open.detail', { id: open }), code: 'appeal_open' }]);
      const workflow = (await this.workflows.published(institutionId, tx)).find((candidate) => candidate.event === 'appeal');
      if (!workflow) {
        throw unprocessable(msg('appeals.no_workflow'), [{ path: 'scorecardId', message: msg('appeals.no_workflow.detail'), code: 'no_appeal_workflow' }]);
      }
      const { opened, checks } = await this.openCases.open(institutionId, [{ workflow, source: 'appeal', staffId: scorecard.staffId, teamId: scorecard.teamId, period: scorecard.period, runId: scorecard.runId }], tx);
      const appealId = await this.appeals.insert({ institutionId, caseId: opened[0].caseId, scorecard, indicators: request.indicators, reason: request.reason, filedBy: ctx.user.id }, tx);
      await this.audit.record(ctx, 'create', 'appeal', appealId, { scorecardId: scorecard.id, staffId: scorecard.staffId, period: scorecard.period, indicators: request.indicators, reason: request.reason, caseId: opened[0].caseId }, tx);
      return { id: appealId, checks };
    });
    this.timers.schedule(checks);
    return this.get(ctx.user, id);
  }

  /** The close of an appeal's case: its last stage decides (`decision`: uphold | correct, `corrected` inputs). */
  private async decide(ctx: RequestContext, closed: CaseView, fields: FieldValues, tx: Tx): Promise<AfterCommit | void> {
    if (closed.source !== 'appeal') return;
    const appeal = await this.appeals.lockByCase(closed.id, tx);
    if (!appeal) return;
    const decision = fields.decision;
    if (decision !== 'correct') {
      await this.appeals.decide(appeal.id, 'upheld', ctx.user.id, null, tx);
      await this.inbox.addAppealDecided(appeal.id, 'upheld', new Date(), tx);
      await this.audit.record(ctx, 'update', 'appeal', appeal.id, { before: { status: 'open' }, after: { status: 'upheld' }, caseId: closed.id }, tx);
      return;
    }
    const corrected = fields.corrected as FactInputs | undefined;
    if (!corrected || Object.keys(corrected).length === 0) {
      throw unprocessable(msg('appeals.corrected_required'), [{ path: 'fields.corrected', message: msg('appeals.corrected_required.detail'), code: 'corrected_required' }]);
    }
    const [current] = await this.runs.currentScorecardsOf(appeal.institutionId, appeal.period, [appeal.staffId], tx);
    if (!current) throw conflict(msg('appeals.no_current_scorecard'), [{ path: 'fields.corrected', message: msg('appeals.nothing_to_correct.detail'), code: 'no_current_scorecard' }]);
    const scheme = (await this.schemes.get([current.documentVersionId], tx)).get(current.documentVersionId);
    const before = (await this.appeals.facts(appeal.institutionId, appeal.staffId, appeal.period, tx)) ?? {};
    const after: FactInputs = { ...before, ...corrected };
    const issues = scheme ? checkFacts(scheme.document, [{ staffId: appeal.staffId, tier: appeal.tier, inputs: corrected }]) : [];
    if (issues.length > 0) {
      throw unprocessable(
        msg('appeals.corrected_unfit'),
        issues.map((issue) => ({ ...issue, path: `fields.corrected${issue.path.replace(/^\[0\]\.inputs|^0\.inputs/, '')}` })),
      );
    }
    await this.appeals.correctFacts({ institutionId: appeal.institutionId, staffId: appeal.staffId, period: appeal.period, appealId: appeal.id, before, after, by: ctx.user.id }, tx);
    const run = await this.runs.insertRun(
      { institutionId: appeal.institutionId, period: appeal.period, teamId: null, createdBy: ctx.user.id, reason: `appeal ${appeal.id}`, staffIds: [appeal.staffId], basisRunId: current.runId },
      tx,
    );
    await this.appeals.decide(appeal.id, 'corrected', ctx.user.id, run.id, tx);
    await this.inbox.addAppealDecided(appeal.id, 'corrected', new Date(), tx);
    await this.audit.record(ctx, 'update', 'appeal', appeal.id, { before: { status: 'open' }, after: { status: 'corrected' }, caseId: closed.id, correctionRunId: run.id, facts: { before, after } }, tx);
    await this.audit.record(ctx, 'evaluate', 'evaluation_run', run.id, { period: appeal.period, teamId: null, reason: `appeal ${appeal.id}`, staffIds: [appeal.staffId], basisRunId: current.runId }, tx);
    return () => this.queue.enqueue(run.id);
  }
}
