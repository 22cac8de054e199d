import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { namedBind, type ReaderScope, readerScopeSql } from '../../common/access/reader-scope';
import type { ListQuery, Page } from '../../common/http/list-query';
import { likePattern } from '../../database/list-query-builder';
import type { Tx } from '../../database/transaction';
import { periodsWithin } from '../cases/periods';
import type { LikertAnswers } from './feedback.entity';
import type { FeedbackFilter, FeedbackView } from './feedback.dto';

export interface StaffOfCode {
  id: string;
  code: string;
  teamId: string | null;
  active: boolean;
}

export interface FeedbackWrite {
  responseId: string;
  staffId: string;
  teamId: string | null;
  customerRef: string | null;
  channel: string | null;
  likert: LikertAnswers;
  nps: number | null;
  comment: string | null;
  respondedAt: Date;
  period: string;
}

const SORT_COLUMNS: Readonly<Record<string, string>> = {
  id: 'f.id',
  respondedAt: 'f.responded_at',
  createdAt: 'f.created_at',
  nps: 'f.nps',
  staffCode: 's.code',
  period: 'f.period',
};

type Row = Record<string, unknown>;

function toView(row: Row): FeedbackView {
  return {
    id: row.id as string,
    institutionId: row.institution_id as string,
    responseId: row.response_id as string,
    staffId: row.staff_id as string,
    teamId: (row.team_id as string | null) ?? null,
    customerRef: (row.customer_ref as string | null) ?? null,
    channel: (row.channel as string | null) ?? null,
    likert: row.likert as LikertAnswers,
    nps: (row.nps as number | null) ?? null,
    comment: (row.comment as string | null) ?? null,
    respondedAt: new Date(row.responded_at as string),
    period: row.period as string,
    receivedBy: (row.received_by as string | null) ?? null,
    createdAt: new Date(row.created_at as string),
    staffCode: row.staff_code as string,
    staffName: row.staff_name as string,
    caseIds: (row.case_ids as string[] | null) ?? [],
  };
}

@Injectable()
export class FeedbackRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async staffByCodes(institutionId: string, codes: readonly string[], tx: Tx): Promise<Map<string, StaffOfCode>> {
    const rows = (await tx.query(`SELECT id, code, team_id AS "teamId", active FROM staff WHERE institution_id = $1 AND code = ANY($2::text[])`, [institutionId, [...codes]])) as StaffOfCode[];
    return new Map(rows.map((row) => [row.code, row]));
  }

  /** Feedback ids of responses already received, by response id. */
  async existing(institutionId: string, responseIds: readonly string[], tx: Tx): Promise<Map<string, string>> {
    const rows = (await tx.query(`SELECT id, response_id AS "responseId" FROM feedback WHERE institution_id = $1 AND response_id = ANY($2::text[])`, [institutionId, [...responseIds]])) as Array<{
      id: string;
      responseId: string;
    }>;
    return new Map(rows.map((row) => [row.responseId, row.id]));
  }

  /** Inserts new responses; one received meanwhile by a concurrent request is skipped (not returned). */
  async insert(institutionId: string, receivedBy: string | null, rows: readonly FeedbackWrite[], tx: Tx): Promise<Map<string, string>> {
    if (rows.length === 0) return new Map();
    const input = rows.map((row) => ({
      response_id: row.responseId,
      staff_id: row.staffId,
      team_id: row.teamId,
      customer_ref: row.customerRef,
      channel: row.channel,
      likert: row.likert,
      nps: row.nps,
      comment: row.comment,
      responded_at: row.respondedAt.toISOString(),
      period: row.period,
    }));
    const inserted = (await tx.query(
      `INSERT INTO feedback (institution_id, received_by, response_id, staff_id, team_id, customer_ref, channel, likert, nps, comment, responded_at, period)
       SELECT $1, $2, r.response_id, r.staff_id, r.team_id, r.customer_ref, r.channel, coalesce(r.likert, '{}'), r.nps, r.comment, r.responded_at, r.period
         FROM jsonb_to_recordset($3::jsonb) AS r(response_id text, staff_id uuid, team_id uuid, customer_ref text, channel text, likert jsonb, nps int,
                                                   comment text, responded_at timestamptz, period text)
       ON CONFLICT (institution_id, response_id) DO NOTHING
       RETURNING id, response_id AS "responseId"`,
      [institutionId, receivedBy, JSON.stringify(input)],
    )) as Array<{ id: string; responseId: string }>;
    return new Map(inserted.map((row) => [row.responseId, row.id]));
  }

  async casesOf(feedbackIds: readonly string[], tx: Tx): Promise<Map<string, Array<{ id: string; workflowKey: string }>>> {
    const rows = (await tx.query(`SELECT id, feedback_id AS "feedbackId", workflow_key AS "workflowKey" FROM cases WHERE feedback_id = ANY($1::uuid[]) ORDER BY opened_at, id`, [
      [...feedbackIds],
    ])) as Array<{ id: string; feedbackId: string; workflowKey: string }>;
    const byFeedback = new Map<string, Array<{ id: string; workflowKey: string }>>();
    for (const row of rows) byFeedback.set(row.feedbackId, [...(byFeedback.get(row.feedbackId) ?? []), { id: row.id, workflowKey: row.workflowKey }]);
    return byFeedback;
  }

  /** Likert answers and NPS ratings per staff member in [from, to), in the order they were given. */
  async answers(institutionId: string, staffIds: readonly string[], from: Date, to: Date, tx: Tx): Promise<Array<{ staffId: string; likert: LikertAnswers; nps: number | null }>> {
    return (await tx.query(
      `SELECT staff_id AS "staffId", likert, nps FROM feedback
        WHERE institution_id = $1 AND staff_id = ANY($2::uuid[]) AND responded_at >= $3 AND responded_at < $4
        ORDER BY responded_at, id`,
      [institutionId, [...staffIds], from.toISOString(), to.toISOString()],
    )) as Array<{ staffId: string; likert: LikertAnswers; nps: number | null }>;
  }

  private scoped(scope: ReaderScope): SelectQueryBuilder<Row> {
    const qb = this.dataSource
      .createQueryBuilder()
      .select('f.*')
      .addSelect('s.code', 'staff_code')
      .addSelect('s.name', 'staff_name')
      .addSelect('(SELECT array_agg(c.id ORDER BY c.opened_at) FROM cases c WHERE c.feedback_id = f.id)', 'case_ids')
      .from('feedback', 'f')
      .innerJoin('staff', 's', 's.id = f.staff_id');
    qb.where(readerScopeSql(scope, { institutionId: 'f.institution_id', staffId: 'f.staff_id', teamIds: ['f.team_id'] }, namedBind(qb)));
    return qb as unknown as SelectQueryBuilder<Row>;
  }

  async list(scope: ReaderScope, query: ListQuery<FeedbackFilter>): Promise<Page<FeedbackView>> {
    const qb = this.scoped(scope);
    const f = query.filter;
    if (f.id) {
      if (f.id.length === 0) return { items: [], total: 0 };
      qb.andWhere('f.id IN (:...ids)', { ids: f.id });
    }
    if (f.staffId) qb.andWhere('f.staff_id = :staffId', { staffId: f.staffId });
    if (f.teamId === null) qb.andWhere('f.team_id IS NULL');
    else if (f.teamId) qb.andWhere('f.team_id = :teamId', { teamId: f.teamId });
    if (f.channel) qb.andWhere('f.channel = :channel', { channel: f.channel });
    if (f.period) qb.andWhere('f.period IN (:...periods)', { periods: periodsWithin(f.period) });
    if (f.q) qb.andWhere('(f.response_id ILIKE :q OR f.customer_ref ILIKE :q OR s.code ILIKE :q)', { q: likePattern(f.q) });
    const counted = await qb.clone().select('COUNT(*)::int', 'total').getRawOne<{ total: number }>();
    const column = SORT_COLUMNS[query.sort.field] ?? SORT_COLUMNS.respondedAt;
    qb.orderBy(column, query.sort.order, 'NULLS LAST');
    if (column !== 'f.id') qb.addOrderBy('f.id', 'ASC');
    const rows = await qb.offset(query.offset).limit(query.limit).getRawMany<Row>();
    return { items: rows.map(toView), total: Number(counted?.total ?? 0) };
  }

  async findVisible(scope: ReaderScope, id: string): Promise<FeedbackView | null> {
    const row = await this.scoped(scope).andWhere('f.id = :id', { id }).getRawOne<Row>();
    return row ? toView(row) : null;
  }
}
