import { Inject, Injectable } from '@nestjs/common';
import { workingDaysDeadline } from '@carescore/engine';
import { readerScopeOf } from '../../common/access/reader-scope';
import type { RequestContext } from '../../common/auth/auth-user';
import { conflict, forbidden, notFound } from '../../common/errors/domain-error';
import type { ListQuery, Page } from '../../common/http/list-query';
import { TransactionRunner, type Tx } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { InboxRepository } from '../notifications/inbox.repository';
import { InstitutionsRepository } from '../institutions/institutions.repository';
import type { AcknowledgementResponse, PeriodDetailResponse, PeriodFilter, PeriodResponse, PeriodState, ReopenPeriodRequest, ScorecardCycleResponse } from './periods.dto';
import { type PeriodRow, PeriodsRepository, type PeriodSummaryRow } from './periods.repository';
import { msg } from '../../common/i18n/messages';

const iso = (at: Date | null) => (at ? at.toISOString() : null);

function toResponse(row: PeriodSummaryRow, now: Date): PeriodResponse {
  return {
    id: row.period,
    period: row.period,
    state: row.state,
    publishedAt: iso(row.publishedAt),
    publishedBy: row.publishedBy,
    appealDeadline: iso(row.appealDeadline),
    appealWindowOpen: row.state === 'published' && row.appealDeadline !== null && now < row.appealDeadline,
    closedAt: iso(row.closedAt),
    closedBy: row.closedBy,
    runs: row.runs,
    lastRunStatus: row.lastRunStatus,
    counts: { staff: row.staff, acknowledged: row.acknowledged, appealed: row.appealed, openAppeals: row.openAppeals, corrected: row.corrected },
  };
}

const stateOf = (row: PeriodRow | null): PeriodState => row?.state ?? 'open';

/**
 * The evaluation cycle of a period: open → published (staff see and acknowledge their scorecards
 * inside the appeal window) → closed (nothing about the period changes; the database refuses it)
 * → reopened to published when an admin must correct something. Each change is audited.
 */
@Injectable()
export class PeriodsService {
  constructor(
    @Inject(PeriodsRepository) private readonly periods: PeriodsRepository,
    @Inject(InstitutionsRepository) private readonly institutions: InstitutionsRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(InboxRepository) private readonly inbox: InboxRepository,
  ) {}

  async list(institutionId: string, query: ListQuery<PeriodFilter>): Promise<Page<PeriodResponse>> {
    const now = new Date();
    const rows = (await this.periods.summaries(institutionId, query.filter.id ?? null)).filter((row) => !query.filter.state || row.state === query.filter.state);
    rows.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0) * (query.sort.order === 'ASC' ? 1 : -1));
    return { items: rows.slice(query.offset, query.offset + query.limit).map((row) => toResponse(row, now)), total: rows.length };
  }

  async get(institutionId: string, period: string): Promise<PeriodDetailResponse> {
    const [row] = await this.periods.summaries(institutionId, [period]);
    if (!row) throw notFound('period', period);
    const runs = await this.periods.runs(institutionId, period);
    return {
      ...toResponse(row, new Date()),
      runList: runs.map((run) => ({ id: run.id, status: run.status, teamId: run.teamId, createdAt: run.createdAt.toISOString(), finishedAt: iso(run.finishedAt), reason: run.reason })),
    };
  }

  /** The state a period is in (open when it never changed), for other modules' checks. */
  async state(institutionId: string, period: string, tx?: Tx): Promise<PeriodState> {
    return stateOf(await this.periods.find(institutionId, period, tx));
  }

  async publish(ctx: RequestContext, period: string): Promise<PeriodDetailResponse> {
    const institutionId = ctx.user.institutionId;
    await this.transactions.run(async (tx) => {
      const row = await this.lockPeriod(institutionId, period, tx);
      if (row.state !== 'open') throw conflict(msg('periods.already_in_state', { period, state: row.state }), [{ path: 'period', message: msg('periods.in_state.detail', { state: row.state }), code: `period_${row.state}` }]);
      await this.refuseOpenRuns(institutionId, period, 'publish', tx);
      if ((await this.periods.currentScorecardCount(institutionId, period, tx)) === 0) {
        throw conflict(msg('periods.no_results', { period }), [{ path: 'period', message: msg('periods.no_results.detail'), code: 'period_without_results' }]);
      }
      const institution = await this.institutions.findById(institutionId, tx);
      const appealDays = institution?.appealDays ?? 7;
      const timeZone = institution?.timeZone ?? 'Asia/Shanghai';
      const published = await this.periods.publish(institutionId, period, ctx.user.id, workingDaysDeadline(new Date(), appealDays, timeZone), tx);
      const notified = await this.inbox.addPeriodPublished(institutionId, period, new Date(), tx);
      await this.audit.record(ctx, 'publish', 'period', period, { period, before: { state: 'open' }, after: { state: 'published', appealDeadline: iso(published.appealDeadline), appealDays, timeZone }, notified }, tx);
    });
    return this.get(institutionId, period);
  }

  async close(ctx: RequestContext, period: string): Promise<PeriodDetailResponse> {
    await this.transactions.run((tx) => this.closeIn(ctx, period, tx));
    return this.get(ctx.user.institutionId, period);
  }

  /** close() inside a transaction of the caller's (an approved change request applies it this way). */
  async closeIn(ctx: RequestContext, period: string, tx: Tx): Promise<void> {
    const institutionId = ctx.user.institutionId;
    const row = await this.lockPeriod(institutionId, period, tx);
    if (row.state !== 'published') {
      const message = row.state === 'open' ? msg('periods.not_published_yet', { period }) : msg('periods.already_in_state', { period, state: row.state });
      throw conflict(message, [{ path: 'period', message: msg('periods.in_state.detail', { state: row.state }), code: `period_${row.state}` }]);
    }
    await this.refuseOpenRuns(institutionId, period, 'close', tx);
    const appeals = await this.periods.openAppeals(institutionId, period, tx);
    if (appeals.length > 0) {
      throw conflict(
        msg('periods.appeals_open', { period, count: appeals.length, appeals: appeals.map((appeal) => `${appeal.staffCode} (${appeal.id})`).join(', ') }),
        appeals.map((appeal) => ({ path: 'period', message: msg('periods.appeal_open.detail', { id: appeal.id, staff: appeal.staffCode }), code: 'appeal_open' })),
      );
    }
    await this.periods.close(institutionId, period, ctx.user.id, tx);
    await this.audit.record(ctx, 'close', 'period', period, { period, before: { state: 'published' }, after: { state: 'closed' } }, tx);
  }

  async reopen(ctx: RequestContext, period: string, request: ReopenPeriodRequest): Promise<PeriodDetailResponse> {
    await this.transactions.run((tx) => this.reopenIn(ctx, period, request, tx));
    return this.get(ctx.user.institutionId, period);
  }

  /** reopen() inside a transaction of the caller's (an approved change request applies it this way). */
  async reopenIn(ctx: RequestContext, period: string, request: ReopenPeriodRequest, tx: Tx): Promise<void> {
    const institutionId = ctx.user.institutionId;
    const row = await this.lockPeriod(institutionId, period, tx);
    if (row.state !== 'closed') throw conflict(msg('periods.not_closed', { period, state: row.state }), [{ path: 'period', message: msg('periods.in_state.detail', { state: row.state }), code: `period_${row.state}` }]);
    await this.periods.reopen(institutionId, period, tx);
    await this.audit.record(ctx, 'reopen', 'period', period, { period, before: { state: 'closed' }, after: { state: 'published' }, reason: request.reason }, tx);
  }

  /**
   * The staff member confirms their current scorecard of a published period, inside the window.
   * Idempotent: a second call answers the first acknowledgement.
   */
  async acknowledge(ctx: RequestContext, scorecardId: string): Promise<AcknowledgementResponse> {
    const institutionId = ctx.user.institutionId;
    if (ctx.user.role !== 'staff' || ctx.user.staffId === null) throw forbidden(msg('periods.ack_staff_only'));
    return this.transactions.run(async (tx) => {
      const scorecard = await this.periods.scorecardForAcknowledgement(institutionId, scorecardId, tx);
      // Another person's scorecard is not found, as when reading it.
      if (!scorecard || scorecard.staffId !== ctx.user.staffId) throw notFound('scorecard', scorecardId);
      const existing = await this.periods.findAcknowledgement(scorecardId, tx);
      if (existing) return { scorecardId, period: existing.period, acknowledgedAt: existing.acknowledgedAt.toISOString(), created: false };
      const row = await this.periods.find(institutionId, scorecard.period, tx);
      const state = stateOf(row);
      if (state === 'open') throw notFound('scorecard', scorecardId);
      if (state === 'closed') throw conflict(msg('periods.closed', { period: scorecard.period }), [{ path: 'period', message: msg('periods.closed.detail'), code: 'period_closed' }]);
      if (!scorecard.current) throw conflict(msg('scorecards.replaced_ack'), [{ path: 'id', message: msg('scorecards.not_current.detail'), code: 'scorecard_not_current' }]);
      if (row?.appealDeadline && new Date() >= row.appealDeadline) {
        throw conflict(msg('periods.ack_window_ended', { period: scorecard.period, deadline: row.appealDeadline.toISOString() }), [{ path: 'period', message: msg('periods.appeal_window_ended.detail'), code: 'appeal_window_ended' }]);
      }
      const acknowledgement = await this.periods.acknowledge(institutionId, scorecard, ctx.user.id, tx);
      await this.audit.record(ctx, 'acknowledge', 'scorecard', scorecardId, { period: scorecard.period, staffId: scorecard.staffId }, tx);
      return { scorecardId, period: acknowledgement.period, acknowledgedAt: acknowledgement.acknowledgedAt.toISOString(), created: true };
    });
  }

  /**
   * Where a scorecard stands in its period's cycle: the period's state and window, and whether it
   * was acknowledged or appealed. Read through the reader scope: staff their own scorecards, managers
   * those of their teams (to appeal on a staff member's behalf); another's is not found, as when reading it.
   */
  async cycle(ctx: RequestContext, scorecardId: string): Promise<ScorecardCycleResponse> {
    const institutionId = ctx.user.institutionId;
    return this.transactions.run(async (tx) => {
      const scorecard = await this.periods.visibleScorecard(readerScopeOf(ctx.user), scorecardId, tx);
      if (!scorecard) throw notFound('scorecard', scorecardId);
      const row = await this.periods.find(institutionId, scorecard.period, tx);
      const acknowledgement = await this.periods.findAcknowledgement(scorecardId, tx);
      const appeal = await this.periods.latestAppeal(institutionId, scorecard.staffId, scorecard.period, tx);
      const state = stateOf(row);
      return {
        scorecardId,
        period: scorecard.period,
        periodState: state,
        appealDeadline: iso(row?.appealDeadline ?? null),
        appealWindowOpen: state === 'published' && row?.appealDeadline != null && new Date() < row.appealDeadline,
        current: scorecard.current,
        acknowledgedAt: iso(acknowledgement?.acknowledgedAt ?? null),
        appeal: appeal ? { ...appeal, filedAt: appeal.filedAt.toISOString(), decidedAt: iso(appeal.decidedAt) } : null,
      };
    });
  }

  private async lockPeriod(institutionId: string, period: string, tx: Tx): Promise<PeriodRow> {
    await this.periods.ensure(institutionId, period, tx);
    const row = await this.periods.find(institutionId, period, tx, true);
    if (!row) throw notFound('period', period);
    return row;
  }

  private async refuseOpenRuns(institutionId: string, period: string, action: 'publish' | 'close', tx: Tx): Promise<void> {
    const open = await this.periods.openRunIds(institutionId, period, tx);
    if (open.length > 0) {
      throw conflict(msg(`periods.run_under_way.${action}`, { period, runs: open.join(', ') }), open.map((id) => ({ path: 'period', message: msg('periods.run_under_way.detail', { id }), code: 'run_under_way' })));
    }
  }
}
