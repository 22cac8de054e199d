import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { positionalBind, type ReaderScope, readerScopeSql } from '../../common/access/reader-scope';
import type { ListQuery, Page } from '../../common/http/list-query';
import type { Tx } from '../../database/transaction';
import type { FactInputs } from '../facts/fact.entity';
import type { AppealFilter, AppealResponse, AppealStatus } from './appeals.dto';

/** An appeal is about its staff member, recorded under the team they were in. */
const APPEAL_PERSON = { institutionId: 'a.institution_id', staffId: 'a.staff_id', teamIds: ['a.team_id'] } as const;

/** The scorecard an appeal is about, with what decides whether it may be filed. */
export interface AppealableScorecard {
  id: string;
  runId: string;
  staffId: string;
  teamId: string | null;
  period: string;
  current: boolean;
  composite: number | null;
  documentVersionId: string;
  indicators: string[];
}

const SORT_COLUMNS: Record<string, string> = { filedAt: 'a.filed_at', period: 'a.period', status: 'a.status' };

function toResponse(row: Record<string, unknown>): AppealResponse {
  return {
    id: row.id as string,
    caseId: row.case_id as string,
    scorecardId: row.scorecard_id as string,
    staffId: row.staff_id as string,
    staffCode: row.staff_code as string,
    staffName: row.staff_name as string,
    teamId: (row.team_id as string | null) ?? null,
    period: row.period as string,
    indicators: row.indicators as string[],
    reason: row.reason as string,
    status: row.status as AppealStatus,
    compositeBefore: (row.composite_before as number | null) ?? null,
    compositeAfter: (row.composite_after as number | null) ?? null,
    filedBy: (row.filed_by as string | null) ?? null,
    filedAt: (row.filed_at as Date).toISOString(),
    decidedAt: row.decided_at ? (row.decided_at as Date).toISOString() : null,
    correctionRunId: (row.correction_run_id as string | null) ?? null,
  };
}

@Injectable()
export class AppealsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private db(tx?: Tx) {
    return tx ?? this.dataSource.manager;
  }

  private select(where: string): string {
    return `SELECT a.*, s.code AS staff_code, s.name AS staff_name,
              (SELECT c.composite FROM scorecards c WHERE c.run_id = a.correction_run_id AND c.staff_id = a.staff_id) AS composite_after
         FROM appeals a JOIN staff s ON s.id = a.staff_id
        WHERE a.institution_id = $1 ${where}`;
  }

  async list(reader: ReaderScope, query: ListQuery<AppealFilter>): Promise<Page<AppealResponse>> {
    const params: unknown[] = [reader.institutionId];
    const conditions: string[] = [`AND ${readerScopeSql(reader, APPEAL_PERSON, positionalBind(params))}`];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    const f = query.filter;
    if (f.id) add('AND a.id = ANY(?::uuid[])', f.id);
    if (f.period) add('AND a.period = ?', f.period);
    if (f.status) add('AND a.status = ?', f.status);
    if (f.teamId) add('AND a.team_id = ?', f.teamId);
    if (f.staffId) add('AND a.staff_id = ?', f.staffId);
    if (f.caseId) add('AND a.case_id = ?', f.caseId);
    const where = conditions.join(' ');
    const order = `${SORT_COLUMNS[query.sort.field] ?? 'a.filed_at'} ${query.sort.order}, a.id`;
    const rows: Array<Record<string, unknown>> = await this.db().query(`${this.select(where)} ORDER BY ${order} LIMIT ${query.limit} OFFSET ${query.offset}`, params);
    const [{ n }] = (await this.db().query(`SELECT count(*)::int AS n FROM appeals a WHERE a.institution_id = $1 ${where}`, params)) as Array<{ n: number }>;
    return { items: rows.map(toResponse), total: n };
  }

  async findVisible(reader: ReaderScope, id: string, tx?: Tx): Promise<AppealResponse | null> {
    const params: unknown[] = [reader.institutionId, id];
    const scope = readerScopeSql(reader, APPEAL_PERSON, positionalBind(params));
    const rows: Array<Record<string, unknown>> = await this.db(tx).query(this.select(`AND a.id = $2 AND ${scope}`), params);
    return rows[0] ? toResponse(rows[0]) : null;
  }

  async scorecard(institutionId: string, scorecardId: string, tx: Tx): Promise<AppealableScorecard | null> {
    const rows: Array<Record<string, unknown>> = await tx.query(
      `SELECT id, run_id, staff_id, team_id, period, current, composite, document_version_id, ARRAY(SELECT jsonb_object_keys(result->'indicators')) AS indicators
         FROM scorecards WHERE institution_id = $1 AND id = $2`,
      [institutionId, scorecardId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id as string,
      runId: row.run_id as string,
      staffId: row.staff_id as string,
      teamId: (row.team_id as string | null) ?? null,
      period: row.period as string,
      current: row.current as boolean,
      composite: (row.composite as number | null) ?? null,
      documentVersionId: row.document_version_id as string,
      indicators: row.indicators as string[],
    };
  }

  async isManagerOf(institutionId: string, managerId: string, teamId: string | null, tx: Tx): Promise<boolean> {
    if (teamId === null) return false;
    const rows: unknown[] = await tx.query(`SELECT 1 FROM teams WHERE institution_id = $1 AND id = $2 AND manager_id = $3`, [institutionId, teamId, managerId]);
    return rows.length > 0;
  }

  async openAppealOf(scorecardId: string, tx: Tx): Promise<string | null> {
    const rows: Array<{ id: string }> = await tx.query(`SELECT id FROM appeals WHERE scorecard_id = $1 AND status = 'open'`, [scorecardId]);
    return rows[0]?.id ?? null;
  }

  async insert(
    appeal: { institutionId: string; caseId: string; scorecard: AppealableScorecard; indicators: string[]; reason: string; filedBy: string },
    tx: Tx,
  ): Promise<string> {
    const rows: Array<{ id: string }> = await tx.query(
      `INSERT INTO appeals (institution_id, case_id, scorecard_id, staff_id, team_id, period, indicators, reason, composite_before, filed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10) RETURNING id`,
      [appeal.institutionId, appeal.caseId, appeal.scorecard.id, appeal.scorecard.staffId, appeal.scorecard.teamId, appeal.scorecard.period, JSON.stringify(appeal.indicators), appeal.reason, appeal.scorecard.composite, appeal.filedBy],
    );
    return rows[0].id;
  }

  /** The open appeal a case is, locked for its decision. */
  async lockByCase(caseId: string, tx: Tx): Promise<{ id: string; institutionId: string; scorecardId: string; staffId: string; tier: string; period: string } | null> {
    const rows: Array<Record<string, unknown>> = await tx.query(
      `SELECT a.id, a.institution_id, a.scorecard_id, a.staff_id, s.tier, a.period FROM appeals a JOIN staff s ON s.id = a.staff_id WHERE a.case_id = $1 AND a.status = 'open' FOR UPDATE OF a`,
      [caseId],
    );
    const row = rows[0];
    return row ? { id: row.id as string, institutionId: row.institution_id as string, scorecardId: row.scorecard_id as string, staffId: row.staff_id as string, tier: row.tier as string, period: row.period as string } : null;
  }

  async decide(id: string, status: 'upheld' | 'corrected', by: string, correctionRunId: string | null, tx: Tx): Promise<void> {
    await tx.query(`UPDATE appeals SET status = $2, decided_at = clock_timestamp(), decided_by = $3, correction_run_id = $4 WHERE id = $1`, [id, status, by, correctionRunId]);
  }

  async facts(institutionId: string, staffId: string, period: string, tx: Tx): Promise<FactInputs | null> {
    const rows: Array<{ inputs: FactInputs }> = await tx.query(`SELECT inputs FROM facts WHERE institution_id = $1 AND staff_id = $2 AND period = $3 FOR UPDATE`, [institutionId, staffId, period]);
    return rows[0]?.inputs ?? null;
  }

  /** Stores the corrected facts and keeps what they replaced, with the appeal and who corrected them. */
  async correctFacts(correction: { institutionId: string; staffId: string; period: string; appealId: string; before: FactInputs; after: FactInputs; by: string }, tx: Tx): Promise<void> {
    await tx.query(
      `INSERT INTO facts (institution_id, staff_id, period, inputs) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (institution_id, staff_id, period) DO UPDATE SET inputs = EXCLUDED.inputs, updated_at = now()`,
      [correction.institutionId, correction.staffId, correction.period, JSON.stringify(correction.after)],
    );
    await tx.query(
      `INSERT INTO fact_corrections (institution_id, staff_id, period, appeal_id, before, after, corrected_by) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7)`,
      [correction.institutionId, correction.staffId, correction.period, correction.appealId, JSON.stringify(correction.before), JSON.stringify(correction.after), correction.by],
    );
  }
}
