import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RequestContext } from '../../common/auth/auth-user';
import { conflict, notFound, serviceUnavailable, unprocessable } from '../../common/errors/domain-error';
import type { ListQuery, Page } from '../../common/http/list-query';
import { TransactionRunner, type Tx } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { BindingsService } from '../bindings/bindings.service';
import { PeriodsService } from '../periods/periods.service';
import { TeamsRepository } from '../teams/teams.repository';
import type { EvaluationRunEntity } from './evaluation-run.entity';
import { EVALUATION_QUEUE, type EvaluationQueue } from './evaluation-queue';
import type { RunFilter, StartRunRequest } from './evaluations.dto';
import { type ChunkState, EvaluationsRepository } from './evaluations.repository';
import { apiIssue, msg } from '../../common/i18n/messages';

/** Seconds a client is told to wait before trying again while the queue is away. */
export const QUEUE_RETRY_AFTER_SECONDS = 10;

const queueUnavailable = () =>
  serviceUnavailable(msg('evaluations.queue_down', { seconds: QUEUE_RETRY_AFTER_SECONDS }), QUEUE_RETRY_AFTER_SECONDS);

export interface RunDetail {
  run: EvaluationRunEntity;
  current: boolean;
  chunks: ChunkState[];
}

@Injectable()
export class EvaluationsService {
  private readonly logger = new Logger('Evaluations');

  constructor(
    @Inject(EvaluationsRepository) private readonly runs: EvaluationsRepository,
    @Inject(BindingsService) private readonly bindings: BindingsService,
    @Inject(TeamsRepository) private readonly teams: TeamsRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(EVALUATION_QUEUE) private readonly queue: EvaluationQueue,
    @Inject(PeriodsService) private readonly periods: PeriodsService,
  ) {}

  /**
   * Records a queued run and hands it to the queue. Refused up front when nothing could be
   * evaluated (no binding for the period) or when the same period and scope is already under way,
   * and with 503 when the queue (Redis) cannot take it: before anything is stored when it is known to be
   * down, else by failing the run it could not queue, so that no run is left to start later behind the
   * client's back (a job that reached Redis all the same finds its run failed and does nothing).
   */
  async start(ctx: RequestContext, request: StartRunRequest): Promise<EvaluationRunEntity> {
    if (!(await this.queue.isUp())) throw queueUnavailable();
    const institutionId = ctx.user.institutionId;
    const teamId = request.teamId ?? null;
    const run = await this.transactions.run(async (tx) => {
      if (teamId !== null && !(await this.teams.findById(institutionId, teamId, tx))) {
        throw unprocessable(msg('evaluations.team_not_found', { id: teamId }), [{ path: 'teamId', message: msg('teams.not_in_institution') }]);
      }
      const bound = teamId === null ? await this.bindings.anyForPeriod(institutionId, request.period, tx) : await this.bindings.resolve(institutionId, request.period, teamId, tx);
      if (!bound) {
        throw unprocessable(msg(teamId ? 'evaluations.no_scheme.team' : 'evaluations.no_scheme', { period: request.period }), [
          { path: 'period', message: msg('evaluations.no_scheme.detail') },
        ]);
      }
      const state = await this.periods.state(institutionId, request.period, tx);
      if (state === 'closed') throw conflict(msg('periods.closed_before_run', { period: request.period }), [{ path: 'period', message: msg('periods.closed.detail'), code: 'period_closed' }]);
      if (state === 'published' && !request.reason) {
        throw unprocessable(msg('evaluations.reason_required', { period: request.period }), [{ path: 'reason', message: msg('evaluations.reason_required.detail'), code: 'reason_required' }]);
      }
      const correction = request.staffIds ? await this.correctionBasis(institutionId, request.period, teamId, request.staffIds, tx) : null;
      const open = await this.runs.findOpenRun(institutionId, request.period, teamId, tx);
      if (open) throw conflict(msg('evaluations.run_open', { period: request.period, state: open.status, id: open.id }), [{ path: 'period', message: msg('evaluations.run_open.detail', { id: open.id, state: open.status }) }]);
      const reason = state === 'published' ? (request.reason ?? null) : null;
      const created = await this.runs.insertRun({ institutionId, period: request.period, teamId, createdBy: ctx.user.id, reason, staffIds: correction?.staffIds ?? null, basisRunId: correction?.basisRunId ?? null }, tx);
      await this.audit.record(
        ctx,
        'evaluate',
        'evaluation_run',
        created.id,
        { period: created.period, teamId, ...(reason ? { reason, periodState: state } : {}), ...(correction ? { staffIds: correction.staffIds, basisRunId: correction.basisRunId } : {}) },
        tx,
      );
      return created;
    });
    try {
      await this.queue.enqueue(run.id);
    } catch (error) {
      const problem = (error as Error).message;
      const reason = `could not be queued: ${problem}`;
      const failed = await this.transactions.run(async (tx) => {
        const current = await this.runs.lockRun(run.id, tx);
        // Redis may have taken the job without our hearing it, and a worker finished the run meanwhile: that stands.
        if (!current || (current.status !== 'queued' && current.status !== 'running')) return false;
        await this.runs.fail(run.id, [apiIssue('run', 'runs.not_queued', { problem })], tx);
        await this.audit.record(ctx, 'update', 'evaluation_run', run.id, { before: { status: current.status }, after: { status: 'failed' }, reason }, tx);
        return true;
      });
      if (failed) {
        this.logger.warn(`run ${run.id} ${reason}; failed it`);
        throw queueUnavailable();
      }
    }
    return run;
  }

  /** The run a correction builds on: the one every named staff member's current scorecard comes from. */
  private async correctionBasis(institutionId: string, period: string, teamId: string | null, staffIds: string[], tx: Tx): Promise<{ staffIds: string[]; basisRunId: string }> {
    if (teamId !== null) throw unprocessable(msg('evaluations.correction_team'), [{ path: 'teamId', message: msg('evaluations.correction_team.detail'), code: 'team_with_staff' }]);
    const unique = [...new Set(staffIds)];
    const current = await this.runs.currentScorecardsOf(institutionId, period, unique, tx);
    const found = new Set(current.map((row) => row.staffId));
    const missing = unique.map((id, index) => ({ id, index })).filter((item) => !found.has(item.id));
    if (missing.length > 0) {
      throw unprocessable(msg('evaluations.correction_missing', { count: missing.length, period }), missing.map((item) => ({ path: `staffIds.${item.index}`, message: msg('evaluations.correction_missing.detail', { period }), code: 'no_current_scorecard' })));
    }
    const runs = [...new Set(current.map((row) => row.runId))];
    if (runs.length > 1) throw unprocessable(msg('evaluations.correction_runs', { count: runs.length }), [{ path: 'staffIds', message: msg('evaluations.correction_runs.detail', { runs: runs.join(', ') }), code: 'staff_from_several_runs' }]);
    return { staffIds: unique, basisRunId: runs[0] };
  }

  list(institutionId: string, query: ListQuery<RunFilter>): Promise<Page<EvaluationRunEntity>> {
    return this.runs.list(institutionId, query);
  }

  async get(institutionId: string, id: string): Promise<RunDetail> {
    const run = await this.runs.findRun(institutionId, id);
    if (!run) throw notFound('evaluation run', id);
    const [current, chunks] = await Promise.all([this.runs.isCurrentRun(run), this.runs.chunkStates(run.id)]);
    return { run, current, chunks };
  }
}
