import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '@carescore/engine';
import { DataSource } from 'typeorm';
import { publishedPeriodSql } from '../../common/access/reader-scope';
import type { Tx } from '../../database/transaction';

export const INBOX_KINDS = ['case_stage_started', 'case_assigned', 'case_stage_due_soon', 'period_published', 'appeal_decided', 'scheduled_run_failed', 'run_failed', 'reminder', 'change_request_pending', 'change_request_decided'] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];
export const INBOX_TARGET_TYPES = ['case', 'scorecard', 'period', 'run', 'change_request'] as const;
export type InboxTargetType = (typeof INBOX_TARGET_TYPES)[number];

/** A name in both languages. */
export interface BothLanguages {
  zh: string;
  en: string;
}
/** What an item's text is made of: names (in both languages where they have two), numbers, a period; never an id. */
export type InboxParams = Record<string, string | number | BothLanguages>;

export interface InboxItemRow {
  id: string;
  kind: InboxKind;
  targetType: InboxTargetType;
  targetId: string;
  params: InboxParams;
  createdAt: Date;
  readAt: Date | null;
}

/** A case's stage that has just started: who may act on it is worked out from the case and the stage's role. */
export interface StageStart {
  caseId: string;
  role: Role;
  params: InboxParams;
}

/**
 * An item's target as read: a scorecard replaced since by a re-run of its period (a correction, a new run) leads to
 * the staff member's current scorecard of the period instead.
 */
const targetIdOf = (alias: string) => `CASE WHEN ${alias}.target_type = 'scorecard' THEN coalesce((
    SELECT cur.id::text FROM scorecards old JOIN scorecards cur ON cur.institution_id = old.institution_id AND cur.staff_id = old.staff_id AND cur.period = old.period AND cur.current
     WHERE old.id = ${alias}.target_id::uuid), ${alias}.target_id) ELSE ${alias}.target_id END`;

/** Items the reader may see now: not held, or held for a period published since. */
const SHOWN = `(i.held_for_period IS NULL OR ${publishedPeriodSql({ institutionId: 'i.institution_id', period: 'i.held_for_period' })})`;

const COLUMNS = `i.id, i.kind, i.target_type AS "targetType", ${targetIdOf('i')} AS "targetId", i.params, i.created_at AS "createdAt", i.read_at AS "readAt"`;

/**
 * The in-app inbox: one row per recipient. Items are created in bulk (one statement per event) inside the
 * transaction of the event; each is read and marked read by its own user only.
 */
@Injectable()
export class InboxRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Stage starts (or, with `kind` case_stage_due_soon, stages coming due), to the users who can act on them: a staff stage to the staff member's login (for a case a run
   * opened from their zone held until the period is published, as the case itself); a manager stage to the manager
   * of the case's team; a quality officer or admin stage to the case's assignee, else every active user of the role.
   */
  async addStageStarts(starts: readonly StageStart[], at: Date, tx: Tx, kind: 'case_stage_started' | 'case_stage_due_soon' = 'case_stage_started'): Promise<number> {
    if (starts.length === 0) return 0;
    const payload = starts.map((start) => ({ case_id: start.caseId, role: start.role, params: start.params }));
    const rows = (await tx.query(
      `INSERT INTO inbox_items (institution_id, user_id, kind, target_type, target_id, params, created_at, held_for_period)
       SELECT c.institution_id, u.id, $3, 'case', c.id::text, x.params || jsonb_build_object('staff', s.name, 'period', c.period), $2,
              CASE WHEN x.role = 'staff' AND c.source = 'zone' THEN c.period END
         FROM jsonb_to_recordset($1::jsonb) AS x(case_id uuid, role text, params jsonb)
         JOIN cases c ON c.id = x.case_id
         JOIN staff s ON s.id = c.staff_id
         JOIN users u ON u.institution_id = c.institution_id AND u.active AND CASE
           WHEN x.role = 'staff' THEN u.role = 'staff' AND u.staff_id = c.staff_id
           WHEN x.role = 'manager' THEN u.role = 'manager' AND u.id IN (SELECT t.manager_id FROM teams t WHERE t.id = c.team_id)
           WHEN c.assignee_id IS NOT NULL THEN u.id = c.assignee_id
           ELSE u.role = x.role END
       RETURNING id`,
      [JSON.stringify(payload), at.toISOString(), kind],
    )) as unknown[];
    return rows.length;
  }

  /** A case assigned to someone (not by themselves): to the assignee, if active. */
  async addCaseAssigned(caseId: string, assigneeId: string, params: InboxParams, at: Date, tx: Tx): Promise<number> {
    const rows = (await tx.query(
      `INSERT INTO inbox_items (institution_id, user_id, kind, target_type, target_id, params, created_at)
       SELECT c.institution_id, u.id, 'case_assigned', 'case', c.id::text, $3::jsonb || jsonb_build_object('staff', s.name, 'period', c.period), $4
         FROM cases c JOIN staff s ON s.id = c.staff_id JOIN users u ON u.id = $2 AND u.institution_id = c.institution_id AND u.active
        WHERE c.id = $1
       RETURNING id`,
      [caseId, assigneeId, JSON.stringify(params), at.toISOString()],
    )) as unknown[];
    return rows.length;
  }

  /** A period's results published: one item per active staff login with a current scorecard of the period. */
  async addPeriodPublished(institutionId: string, period: string, at: Date, tx: Tx): Promise<number> {
    const rows = (await tx.query(
      `INSERT INTO inbox_items (institution_id, user_id, kind, target_type, target_id, params, created_at)
       SELECT sc.institution_id, u.id, 'period_published', 'scorecard', sc.id::text, jsonb_build_object('period', sc.period), $3
         FROM scorecards sc
         JOIN users u ON u.institution_id = sc.institution_id AND u.staff_id = sc.staff_id AND u.role = 'staff' AND u.active
        WHERE sc.institution_id = $1 AND sc.period = $2 AND sc.current
       RETURNING id`,
      [institutionId, period, at.toISOString()],
    )) as unknown[];
    return rows.length;
  }

  /** An appeal decided: to the appellant's staff login, and to the manager who filed it on their behalf. */
  async addAppealDecided(appealId: string, decision: 'upheld' | 'corrected', at: Date, tx: Tx): Promise<number> {
    const rows = (await tx.query(
      `INSERT INTO inbox_items (institution_id, user_id, kind, target_type, target_id, params, created_at)
       SELECT a.institution_id, u.id, 'appeal_decided', 'scorecard', a.scorecard_id::text, jsonb_build_object('period', a.period, 'staff', s.name, 'decision', $2::text), $3
         FROM appeals a
         JOIN staff s ON s.id = a.staff_id
         JOIN users u ON u.institution_id = a.institution_id AND u.active AND ((u.role = 'staff' AND u.staff_id = a.staff_id) OR (u.role = 'manager' AND u.id = a.filed_by))
        WHERE a.id = $1
       RETURNING id`,
      [appealId, decision, at.toISOString()],
    )) as unknown[];
    return rows.length;
  }

  /** A scheduled run that failed: to every active admin, beside the delivered notice it comes with. */
  async addToAdmins(
    institutionId: string,
    item: { kind: InboxKind; targetType: InboxTargetType; targetId: string; params: InboxParams; notificationId: string | null },
    at: Date,
    tx: Tx,
  ): Promise<number> {
    const rows = (await tx.query(
      `INSERT INTO inbox_items (institution_id, user_id, kind, target_type, target_id, params, notification_id, created_at)
       SELECT u.institution_id, u.id, $2, $3, $4, $5::jsonb, $6, $7 FROM users u WHERE u.institution_id = $1 AND u.role = 'admin' AND u.active
       RETURNING id`,
      [institutionId, item.kind, item.targetType, item.targetId, JSON.stringify(item.params), item.notificationId, at.toISOString()],
    )) as unknown[];
    return rows.length;
  }

  /**
   * A change request awaiting a decision: to every active user of the institution in `roles`, but the requester.
   * Its outcome: to the requester alone (`roles` empty, `userId` set).
   */
  async addToUsers(
    institutionId: string,
    recipients: { roles: readonly Role[]; exceptUserId: string | null } | { userId: string },
    item: { kind: InboxKind; targetType: InboxTargetType; targetId: string; params: InboxParams },
    at: Date,
    tx: Tx,
  ): Promise<number> {
    const [who, recipient] = 'userId' in recipients ? ['u.id = $6', [recipients.userId]] : ['u.role = ANY($6::text[]) AND u.id IS DISTINCT FROM $7::uuid', [recipients.roles, recipients.exceptUserId]];
    const rows = (await tx.query(
      `INSERT INTO inbox_items (institution_id, user_id, kind, target_type, target_id, params, created_at)
       SELECT u.institution_id, u.id, $2, $3, $4, $5::jsonb, $${6 + recipient.length} FROM users u WHERE u.institution_id = $1 AND u.active AND ${who}
       RETURNING id`,
      [institutionId, item.kind, item.targetType, item.targetId, JSON.stringify(item.params), ...recipient, at.toISOString()],
    )) as unknown[];
    return rows.length;
  }

  /** The user's items, unread first, then newest first. */
  async mine(userId: string, page: { offset: number; limit: number; unread?: boolean }): Promise<{ items: InboxItemRow[]; total: number }> {
    const unread = `AND ${SHOWN} ${page.unread === undefined ? '' : page.unread ? 'AND i.read_at IS NULL' : 'AND i.read_at IS NOT NULL'}`;
    const [items, counts] = await Promise.all([
      this.dataSource.query(
        `SELECT ${COLUMNS} FROM inbox_items i WHERE i.user_id = $1 ${unread} ORDER BY (i.read_at IS NULL) DESC, i.created_at DESC, i.id DESC OFFSET $2 LIMIT $3`,
        [userId, page.offset, page.limit],
      ) as Promise<InboxItemRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS n FROM inbox_items i WHERE i.user_id = $1 ${unread}`, [userId]) as Promise<Array<{ n: number }>>,
    ]);
    return { items: items.map(withDates), total: counts[0].n };
  }

  async unreadCount(userId: string): Promise<number> {
    const rows: Array<{ n: number }> = await this.dataSource.query(`SELECT count(*)::int AS n FROM inbox_items i WHERE i.user_id = $1 AND i.read_at IS NULL AND ${SHOWN}`, [userId]);
    return rows[0].n;
  }

  /** Marks the user's own item read (kept at its first reading); null when the user has no such item. */
  async markRead(userId: string, id: string, at: Date, tx: Tx): Promise<{ item: InboxItemRow; wasUnread: boolean } | null> {
    const rows = (await tx.query(
      `UPDATE inbox_items i SET read_at = coalesce(i.read_at, $3)
         FROM (SELECT i.id, i.read_at FROM inbox_items i WHERE i.id = $1 AND i.user_id = $2 AND ${SHOWN} FOR UPDATE OF i) before
        WHERE i.id = before.id
       RETURNING ${COLUMNS}, before.read_at IS NULL AS "wasUnread"`,
      [id, userId, at.toISOString()],
    )) as [Array<InboxItemRow & { wasUnread: boolean }>, number];
    const row = rows[0][0];
    if (!row) return null;
    const { wasUnread, ...item } = row;
    return { item: withDates(item), wasUnread };
  }

  /** Marks every unread item of the user read; the number marked. */
  async markAllRead(userId: string, at: Date, tx: Tx): Promise<number> {
    const [, affected] = (await tx.query(`UPDATE inbox_items i SET read_at = $2 WHERE i.user_id = $1 AND i.read_at IS NULL AND ${SHOWN}`, [userId, at.toISOString()])) as [unknown, number];
    return affected;
  }
}

function withDates(row: InboxItemRow): InboxItemRow {
  return { ...row, createdAt: new Date(row.createdAt), readAt: row.readAt === null ? null : new Date(row.readAt) };
}
