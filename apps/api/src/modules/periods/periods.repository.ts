import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { positionalBind, type ReaderScope, readerScopeSql } from '../../common/access/reader-scope';
import type { Tx } from '../../database/transaction';
import type { PeriodState } from './periods.dto';

/** The latest appeal of a staff member for a period, as their scorecard page shows it. */
export interface CycleAppealRow {
  id: string;
  caseId: string;
  status: 'open' | 'upheld' | 'corrected';
  indicators: string[];
  reason: string;
  filedAt: Date;
  decidedAt: Date | null;
  compositeBefore: number | null;
  compositeAfter: number | null;
}

export interface PeriodRow {
  period: string;
  state: PeriodState;
  publishedAt: Date | null;
  publishedBy: string | null;
  appealDeadline: Date | null;
  closedAt: Date | null;
  closedBy: string | null;
}

export interface PeriodSummaryRow extends PeriodRow {
  runs: number;
  lastRunStatus: string | null;
  staff: number;
  acknowledged: number;
  appealed: number;
  openAppeals: number;
  corrected: number;
}

export interface PeriodRunRow {
  id: string;
  status: string;
  teamId: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  reason: string | null;
}

export interface AcknowledgementRow {
  scorecardId: string;
  period: string;
  acknowledgedAt: Date;
}

/** The scorecard a staff member acknowledges, with what decides whether they may. */
export interface AcknowledgeableScorecard {
  id: string;
  staffId: string;
  period: string;
  current: boolean;
}

const toPeriodRow = (row: Record<string, unknown>): PeriodRow => ({
  period: row.period as string,
  state: (row.state as PeriodState | null) ?? 'open',
  publishedAt: (row.published_at as Date | null) ?? null,
  publishedBy: (row.published_by as string | null) ?? null,
  appealDeadline: (row.appeal_deadline as Date | null) ?? null,
  closedAt: (row.closed_at as Date | null) ?? null,
  closedBy: (row.closed_by as string | null) ?? null,
});

/** Period states, and the periods an institution has (any with facts, bindings, runs or a state). */
@Injectable()
export class PeriodsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private db(tx?: Tx) {
    return tx ?? this.dataSource.manager;
  }

  /** Every known period with its state and counts (an institution has tens of periods, not thousands). */
  async summaries(institutionId: string, periods: string[] | null): Promise<PeriodSummaryRow[]> {
    const rows: Array<Record<string, unknown>> = await this.db().query(
      `WITH known AS (
         SELECT DISTINCT period FROM facts WHERE institution_id = $1
         UNION SELECT period FROM bindings WHERE institution_id = $1
         UNION SELECT period FROM evaluation_runs WHERE institution_id = $1
         UNION SELECT period FROM periods WHERE institution_id = $1
       )
       SELECT k.period, p.state, p.published_at, p.published_by, p.appeal_deadline, p.closed_at, p.closed_by,
         (SELECT count(*) FROM evaluation_runs r WHERE r.institution_id = $1 AND r.period = k.period)::int AS runs,
         (SELECT r.status FROM evaluation_runs r WHERE r.institution_id = $1 AND r.period = k.period ORDER BY r.created_at DESC LIMIT 1) AS last_run_status,
         (SELECT count(*) FROM scorecards s WHERE s.institution_id = $1 AND s.period = k.period AND s.current)::int AS staff,
         (SELECT count(*) FROM scorecard_acknowledgements a JOIN scorecards s ON s.id = a.scorecard_id AND s.current
           WHERE a.institution_id = $1 AND a.period = k.period)::int AS acknowledged,
         (SELECT count(DISTINCT ap.staff_id) FROM appeals ap WHERE ap.institution_id = $1 AND ap.period = k.period)::int AS appealed,
         (SELECT count(*) FROM appeals ap WHERE ap.institution_id = $1 AND ap.period = k.period AND ap.status = 'open')::int AS open_appeals,
         (SELECT count(*) FROM appeals ap WHERE ap.institution_id = $1 AND ap.period = k.period AND ap.status = 'corrected')::int AS corrected
       FROM known k LEFT JOIN periods p ON p.institution_id = $1 AND p.period = k.period
       WHERE $2::text[] IS NULL OR k.period = ANY($2::text[])`,
      [institutionId, periods],
    );
    return rows.map((row) => ({ ...toPeriodRow(row), runs: row.runs as number, lastRunStatus: (row.last_run_status as string | null) ?? null, staff: row.staff as number, acknowledged: row.acknowledged as number, appealed: row.appealed as number, openAppeals: row.open_appeals as number, corrected: row.corrected as number }));
  }

  /** The period's state row, locked for update inside `tx` when asked (a state change); null when it never left `open`. */
  async find(institutionId: string, period: string, tx?: Tx, lock = false): Promise<PeriodRow | null> {
    const rows: Array<Record<string, unknown>> = await this.db(tx).query(
      `SELECT period, state, published_at, published_by, appeal_deadline, closed_at, closed_by FROM periods WHERE institution_id = $1 AND period = $2${lock ? ' FOR UPDATE' : ''}`,
      [institutionId, period],
    );
    return rows[0] ? toPeriodRow(rows[0]) : null;
  }

  /** Creates the row of a period that was implicitly open, so that it can be locked. */
  async ensure(institutionId: string, period: string, tx: Tx): Promise<void> {
    await tx.query(`INSERT INTO periods (institution_id, period, state) VALUES ($1, $2, 'open') ON CONFLICT DO NOTHING`, [institutionId, period]);
  }

  async publish(institutionId: string, period: string, by: string, deadline: Date, tx: Tx): Promise<PeriodRow> {
    const rows: Array<Record<string, unknown>> = await tx.query(
      `UPDATE periods SET state = 'published', published_at = clock_timestamp(), published_by = $3, appeal_deadline = $4, updated_at = now()
       WHERE institution_id = $1 AND period = $2 RETURNING *`,
      [institutionId, period, by, deadline],
    );
    return toPeriodRow(rows[0]);
  }

  async close(institutionId: string, period: string, by: string, tx: Tx): Promise<PeriodRow> {
    const rows: Array<Record<string, unknown>> = await tx.query(
      `UPDATE periods SET state = 'closed', closed_at = clock_timestamp(), closed_by = $3, updated_at = now() WHERE institution_id = $1 AND period = $2 RETURNING *`,
      [institutionId, period, by],
    );
    return toPeriodRow(rows[0]);
  }

  async reopen(institutionId: string, period: string, tx: Tx): Promise<PeriodRow> {
    const rows: Array<Record<string, unknown>> = await tx.query(
      `UPDATE periods SET state = 'published', closed_at = NULL, closed_by = NULL, updated_at = now() WHERE institution_id = $1 AND period = $2 RETURNING *`,
      [institutionId, period],
    );
    return toPeriodRow(rows[0]);
  }

  async runs(institutionId: string, period: string): Promise<PeriodRunRow[]> {
    const rows: Array<Record<string, unknown>> = await this.db().query(
      `SELECT id, status, team_id, created_at, finished_at, reason FROM evaluation_runs WHERE institution_id = $1 AND period = $2 ORDER BY created_at DESC`,
      [institutionId, period],
    );
    return rows.map((row) => ({ id: row.id as string, status: row.status as string, teamId: (row.team_id as string | null) ?? null, createdAt: row.created_at as Date, finishedAt: (row.finished_at as Date | null) ?? null, reason: (row.reason as string | null) ?? null }));
  }

  /** Runs of the period still queued or running. */
  async openRunIds(institutionId: string, period: string, tx: Tx): Promise<string[]> {
    const rows: Array<{ id: string }> = await tx.query(`SELECT id FROM evaluation_runs WHERE institution_id = $1 AND period = $2 AND status IN ('queued', 'running') ORDER BY created_at`, [institutionId, period]);
    return rows.map((row) => row.id);
  }

  /** Appeals of the period still open, oldest first, with whose they are. */
  async openAppeals(institutionId: string, period: string, tx: Tx): Promise<Array<{ id: string; staffCode: string }>> {
    const rows: Array<{ id: string; code: string }> = await tx.query(
      `SELECT a.id, s.code FROM appeals a JOIN staff s ON s.id = a.staff_id WHERE a.institution_id = $1 AND a.period = $2 AND a.status = 'open' ORDER BY a.filed_at`,
      [institutionId, period],
    );
    return rows.map((row) => ({ id: row.id, staffCode: row.code }));
  }

  async currentScorecardCount(institutionId: string, period: string, tx: Tx): Promise<number> {
    const rows: Array<{ n: number }> = await tx.query(`SELECT count(*)::int AS n FROM scorecards WHERE institution_id = $1 AND period = $2 AND current`, [institutionId, period]);
    return rows[0].n;
  }

  async scorecardForAcknowledgement(institutionId: string, scorecardId: string, tx: Tx): Promise<AcknowledgeableScorecard | null> {
    const rows: Array<Record<string, unknown>> = await tx.query(`SELECT id, staff_id, period, current FROM scorecards WHERE institution_id = $1 AND id = $2`, [institutionId, scorecardId]);
    const row = rows[0];
    return row ? { id: row.id as string, staffId: row.staff_id as string, period: row.period as string, current: row.current as boolean } : null;
  }

  /** The scorecard if the reader may read it (the reader scope rule: a manager the staff of their teams). */
  async visibleScorecard(reader: ReaderScope, scorecardId: string, tx: Tx): Promise<AcknowledgeableScorecard | null> {
    const params: unknown[] = [scorecardId];
    const scope = readerScopeSql(reader, { institutionId: 's.institution_id', staffId: 's.staff_id', teamIds: ['s.team_id'] }, positionalBind(params));
    const rows: Array<Record<string, unknown>> = await tx.query(`SELECT s.id, s.staff_id, s.period, s.current FROM scorecards s WHERE s.id = $1 AND ${scope}`, params);
    const row = rows[0];
    return row ? { id: row.id as string, staffId: row.staff_id as string, period: row.period as string, current: row.current as boolean } : null;
  }

  /** The staff member's latest appeal of the period (on this or an earlier scorecard of it), with the composite before and after a correction. */
  async latestAppeal(institutionId: string, staffId: string, period: string, tx: Tx): Promise<CycleAppealRow | null> {
    const rows: Array<Record<string, unknown>> = await tx.query(
      `SELECT a.id, a.case_id, a.status, a.indicators, a.reason, a.filed_at, a.decided_at, a.composite_before,
              (SELECT c.composite FROM scorecards c WHERE c.run_id = a.correction_run_id AND c.staff_id = a.staff_id) AS composite_after
         FROM appeals a WHERE a.institution_id = $1 AND a.staff_id = $2 AND a.period = $3 ORDER BY a.filed_at DESC, a.id LIMIT 1`,
      [institutionId, staffId, period],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id as string,
      caseId: row.case_id as string,
      status: row.status as CycleAppealRow['status'],
      indicators: row.indicators as string[],
      reason: row.reason as string,
      filedAt: row.filed_at as Date,
      decidedAt: (row.decided_at as Date | null) ?? null,
      compositeBefore: (row.composite_before as number | null) ?? null,
      compositeAfter: (row.composite_after as number | null) ?? null,
    };
  }

  async findAcknowledgement(scorecardId: string, tx: Tx): Promise<AcknowledgementRow | null> {
    const rows: Array<Record<string, unknown>> = await tx.query(`SELECT scorecard_id, period, acknowledged_at FROM scorecard_acknowledgements WHERE scorecard_id = $1`, [scorecardId]);
    const row = rows[0];
    return row ? { scorecardId: row.scorecard_id as string, period: row.period as string, acknowledgedAt: row.acknowledged_at as Date } : null;
  }

  async acknowledge(institutionId: string, scorecard: AcknowledgeableScorecard, by: string, tx: Tx): Promise<AcknowledgementRow> {
    const rows: Array<Record<string, unknown>> = await tx.query(
      `INSERT INTO scorecard_acknowledgements (scorecard_id, institution_id, staff_id, period, acknowledged_by) VALUES ($1, $2, $3, $4, $5) RETURNING scorecard_id, period, acknowledged_at`,
      [scorecard.id, institutionId, scorecard.staffId, scorecard.period, by],
    );
    return { scorecardId: rows[0].scorecard_id as string, period: rows[0].period as string, acknowledgedAt: rows[0].acknowledged_at as Date };
  }

  /** The periods staff may see their scorecards of: published or closed. */
  async visibleToStaff(institutionId: string): Promise<string[]> {
    const rows: Array<{ period: string }> = await this.db().query(`SELECT period FROM periods WHERE institution_id = $1 AND state <> 'open'`, [institutionId]);
    return rows.map((row) => row.period);
  }
}
