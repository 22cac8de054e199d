import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { positionalBind, type ReaderScope, readerScopeSql } from '../../common/access/reader-scope';
import type { Tx } from '../../database/transaction';

export interface PublishedSurvey {
  documentId: string;
  versionId: string;
  key: string;
  version: number;
  content: Record<string, unknown>;
}

export interface StaffForInvitation {
  id: string;
  code: string;
  teamId: string | null;
  active: boolean;
}

export interface InvitationWrite {
  survey: PublishedSurvey;
  staff: StaffForInvitation;
  customerRef: string | null;
  event: string | null;
  period: string;
  expiresAt: Date;
}

/** An invitation as the public page needs it: the survey version's content and the staff member's display name, nothing else of theirs. */
export interface InvitationForAnswer {
  id: string;
  institutionId: string;
  surveyKey: string;
  surveyVersion: number;
  content: Record<string, unknown>;
  staffCode: string;
  staffName: string;
  customerRef: string | null;
  event: string | null;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface RateCounts {
  sent: number;
  answered: number;
  expired: number;
}

export interface StaffRateRow extends RateCounts {
  staffId: string;
  staffCode: string;
  staffName: string;
  teamId: string | null;
  teamName: string | null;
}

@Injectable()
export class SurveyInvitationsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The highest published (not retired) version of each survey key, by key. */
  async publishedSurveys(institutionId: string, keys: readonly string[], tx: Tx): Promise<Map<string, PublishedSurvey>> {
    const rows = (await tx.query(
      `SELECT DISTINCT ON (d.key) d.id AS "documentId", v.id AS "versionId", d.key, v.version, v.content
         FROM documents d JOIN document_versions v ON v.document_id = d.id
        WHERE d.institution_id = $1 AND d.kind = 'survey' AND d.key = ANY($2::text[]) AND v.status = 'published'
        ORDER BY d.key, v.version DESC`,
      [institutionId, [...keys]],
    )) as PublishedSurvey[];
    return new Map(rows.map((row) => [row.key, row]));
  }

  async staffByCodes(institutionId: string, codes: readonly string[], tx: Tx): Promise<Map<string, StaffForInvitation>> {
    const rows = (await tx.query(`SELECT id, code, team_id AS "teamId", active FROM staff WHERE institution_id = $1 AND code = ANY($2::text[])`, [institutionId, [...codes]])) as StaffForInvitation[];
    return new Map(rows.map((row) => [row.code, row]));
  }

  /** Inserts the invitations in order; their ids, in the same order. */
  async insert(institutionId: string, createdBy: string, rows: readonly InvitationWrite[], tx: Tx): Promise<string[]> {
    const input = rows.map((row, index) => ({
      ord: index,
      document_id: row.survey.documentId,
      document_version_id: row.survey.versionId,
      survey_key: row.survey.key,
      survey_version: row.survey.version,
      staff_id: row.staff.id,
      team_id: row.staff.teamId,
      customer_ref: row.customerRef,
      event: row.event,
      period: row.period,
      expires_at: row.expiresAt.toISOString(),
    }));
    const inserted = (await tx.query(
      `INSERT INTO survey_invitations (institution_id, created_by, document_id, document_version_id, survey_key, survey_version, staff_id, team_id, customer_ref, event, period, expires_at)
       SELECT $1, $2, r.document_id, r.document_version_id, r.survey_key, r.survey_version, r.staff_id, r.team_id, r.customer_ref, r.event, r.period, r.expires_at
         FROM jsonb_to_recordset($3::jsonb) AS r(ord int, document_id uuid, document_version_id uuid, survey_key text, survey_version int, staff_id uuid, team_id uuid,
                                                   customer_ref text, event text, period text, expires_at timestamptz)
        ORDER BY r.ord
       RETURNING id`,
      [institutionId, createdBy, JSON.stringify(input)],
    )) as Array<{ id: string }>;
    return inserted.map((row) => row.id);
  }

  /** The invitation a verified token names, with what its page shows; `lock` holds it until the transaction ends. */
  async findForAnswer(id: string, tx?: Tx, lock = false): Promise<InvitationForAnswer | null> {
    const runner = tx ?? this.dataSource;
    const rows = (await runner.query(
      `SELECT i.id, i.institution_id AS "institutionId", i.survey_key AS "surveyKey", i.survey_version AS "surveyVersion", v.content,
              s.code AS "staffCode", s.name AS "staffName", i.customer_ref AS "customerRef", i.event, i.expires_at AS "expiresAt", i.used_at AS "usedAt"
         FROM survey_invitations i
         JOIN document_versions v ON v.id = i.document_version_id
         JOIN staff s ON s.id = i.staff_id
        WHERE i.id = $1${lock ? ' FOR UPDATE OF i' : ''}`,
      [id],
    )) as Array<Omit<InvitationForAnswer, 'expiresAt' | 'usedAt'> & { expiresAt: string | Date; usedAt: string | Date | null }>;
    const row = rows[0];
    if (!row) return null;
    return { ...row, expiresAt: new Date(row.expiresAt), usedAt: row.usedAt === null ? null : new Date(row.usedAt) };
  }

  /** Marks the invitation answered by this feedback; false when it was answered already. */
  async markUsed(id: string, feedbackId: string, at: Date, tx: Tx): Promise<boolean> {
    const rows = (await tx.query(`UPDATE survey_invitations SET used_at = $2, feedback_id = $3 WHERE id = $1 AND used_at IS NULL RETURNING id`, [id, at.toISOString(), feedbackId])) as unknown[];
    return rows.length > 0;
  }

  /** Invitations sent in these months, answered and expired unanswered (at `now`), per staff member the reader may see. */
  async ratesByStaff(scope: ReaderScope, months: readonly string[], now: Date, filter: { teamId?: string; surveyKey?: string }): Promise<StaffRateRow[]> {
    const values: unknown[] = [];
    const bind = positionalBind(values);
    const where = [readerScopeSql(scope, { institutionId: 'i.institution_id', staffId: 'i.staff_id', teamIds: ['i.team_id'] }, bind), `i.period = ANY(${bind([...months])}::text[])`];
    if (filter.teamId) where.push(`i.team_id = ${bind(filter.teamId)}`);
    if (filter.surveyKey) where.push(`i.survey_key = ${bind(filter.surveyKey)}`);
    const at = bind(now.toISOString());
    const rows = (await this.dataSource.query(
      `SELECT i.staff_id AS "staffId", s.code AS "staffCode", s.name AS "staffName", i.team_id AS "teamId", t.name AS "teamName",
              count(*)::int AS sent,
              count(i.used_at)::int AS answered,
              count(*) FILTER (WHERE i.used_at IS NULL AND i.expires_at <= ${at}::timestamptz)::int AS expired
         FROM survey_invitations i
         JOIN staff s ON s.id = i.staff_id
         LEFT JOIN teams t ON t.id = i.team_id
        WHERE ${where.join(' AND ')}
        GROUP BY i.staff_id, s.code, s.name, i.team_id, t.name
        ORDER BY s.code, t.name NULLS LAST`,
      values,
    )) as StaffRateRow[];
    return rows;
  }
}
