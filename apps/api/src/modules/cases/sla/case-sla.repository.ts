import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Role } from '@carescore/engine';
import type { Tx } from '../../../database/transaction';
import type { UserRef } from '../cases.repository';

/** What the SLA checks read and write: which stage visits are due for a look, and whom an escalation notifies. */
@Injectable()
export class CaseSlaRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Cases with a stage visit whose next check (due time or escalation step) has come, oldest first. */
  async dueForCheck(now: Date, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT case_id AS "caseId" FROM case_stage_visits WHERE ended_at IS NULL AND next_check_at <= $1 ORDER BY next_check_at LIMIT $2`,
      [now.toISOString(), limit],
    )) as Array<{ caseId: string }>;
    return rows.map((row) => row.caseId);
  }

  /** The next check of every open stage visit, soonest first (to re-arm in-process timers after a restart). */
  async pendingChecks(limit: number): Promise<Array<{ caseId: string; visitId: string; at: Date }>> {
    const rows = (await this.dataSource.query(
      `SELECT case_id AS "caseId", id AS "visitId", next_check_at AS at FROM case_stage_visits
        WHERE ended_at IS NULL AND next_check_at IS NOT NULL ORDER BY next_check_at LIMIT $1`,
      [limit],
    )) as Array<{ caseId: string; visitId: string; at: string | Date }>;
    return rows.map((row) => ({ ...row, at: new Date(row.at) }));
  }

  /**
   * Claims the open stage visits coming due within `withinHours` (due after now, at most that far ahead; a stage whose
   * whole SLA is that short is left out: its start said as much), each once: their `due_soon_at` is set.
   */
  async claimDueSoon(now: Date, withinHours: number, limit: number, tx: Tx): Promise<Array<{ caseId: string; stageIndex: number; workflowVersionId: string; dueAt: Date }>> {
    const rows = (await tx.query(
      `UPDATE case_stage_visits v SET due_soon_at = $1
         FROM cases c
        WHERE v.id IN (SELECT v.id FROM case_stage_visits v
                        WHERE v.ended_at IS NULL AND v.due_soon_at IS NULL AND NOT v.breached
                          AND v.due_at > $1 AND v.due_at <= $1::timestamptz + make_interval(secs => $2 * 3600)
                          AND v.due_at - v.started_at > make_interval(secs => $2 * 3600)
                        ORDER BY v.due_at LIMIT $3 FOR UPDATE SKIP LOCKED)
          AND c.id = v.case_id AND c.status = 'open'
       RETURNING v.case_id AS "caseId", v.stage_index AS "stageIndex", c.workflow_version_id AS "workflowVersionId", v.due_at AS "dueAt"`,
      [now.toISOString(), withinHours, limit],
    )) as [Array<{ caseId: string; stageIndex: number; workflowVersionId: string; dueAt: string | Date }>, number];
    return rows[0].map((row) => ({ ...row, dueAt: new Date(row.dueAt) }));
  }

  async setEscalations(visitId: string, escalations: number, nextCheckAt: Date | null, tx: Tx): Promise<void> {
    await tx.query(`UPDATE case_stage_visits SET escalations = $2, next_check_at = $3 WHERE id = $1`, [visitId, escalations, nextCheckAt?.toISOString() ?? null]);
  }

  async teamManager(institutionId: string, teamId: string | null, tx: Tx): Promise<UserRef[]> {
    if (teamId === null) return [];
    return (await tx.query(
      `SELECT u.id, u.email, u.name, u.role FROM teams t JOIN users u ON u.id = t.manager_id AND u.active WHERE t.institution_id = $1 AND t.id = $2`,
      [institutionId, teamId],
    )) as UserRef[];
  }

  async usersWithRole(institutionId: string, role: Role, tx: Tx): Promise<UserRef[]> {
    return (await tx.query(`SELECT id, email, name, role FROM users WHERE institution_id = $1 AND role = $2 AND active ORDER BY email`, [institutionId, role])) as UserRef[];
  }
}
