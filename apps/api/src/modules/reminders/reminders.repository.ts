import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/transaction';

/**
 * Reminders of a succeeded run (SPEC §6): the reminders its current scorecards matched, each sent once per staff member,
 * period and reminder (`reminder_sends`), as inbox items to the staff member's login and/or their team's manager, as the
 * reminder names. A staff login's item waits for the period's publication, as the scorecard it comes from.
 */
@Injectable()
export class RemindersRepository {
  /** Records the reminders not sent before and adds their inbox items; the number of reminders sent. */
  async sendForRun(runId: string, at: Date, tx: Tx): Promise<number> {
    const rows = (await tx.query(
      `WITH hits AS (
         SELECT sc.id AS scorecard_id, sc.institution_id, sc.staff_id, sc.team_id, sc.period, r.value AS reminder
           FROM scorecards sc
          CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(sc.result -> 'reminders') = 'array' THEN sc.result -> 'reminders' ELSE '[]'::jsonb END) AS r(value)
          WHERE sc.run_id = $1 AND sc.current
       ), fresh AS (
         INSERT INTO reminder_sends (institution_id, staff_id, period, reminder_id, run_id, sent_at)
         SELECT h.institution_id, h.staff_id, h.period, h.reminder ->> 'id', $1, $2 FROM hits h
         ON CONFLICT DO NOTHING
         RETURNING staff_id, reminder_id
       ), items AS (
         INSERT INTO inbox_items (institution_id, user_id, kind, target_type, target_id, params, created_at, held_for_period)
         SELECT h.institution_id, u.id, 'reminder', 'scorecard', h.scorecard_id::text,
                jsonb_build_object('title', coalesce(h.reminder -> 'name', jsonb_build_object('zh', h.reminder ->> 'id', 'en', h.reminder ->> 'id')),
                                   'text', h.reminder -> 'text', 'staff', s.name, 'period', h.period),
                $2, CASE WHEN u.role = 'staff' THEN h.period END
           FROM hits h
           JOIN fresh f ON f.staff_id = h.staff_id AND f.reminder_id = h.reminder ->> 'id'
           JOIN staff s ON s.id = h.staff_id
           JOIN users u ON u.institution_id = h.institution_id AND u.active AND (
                (u.role = 'staff' AND u.staff_id = h.staff_id AND (h.reminder -> 'to') @> '["staff"]'::jsonb)
             OR (u.role = 'manager' AND (h.reminder -> 'to') @> '["manager"]'::jsonb AND u.id IN (SELECT t.manager_id FROM teams t WHERE t.id = h.team_id)))
         RETURNING id
       )
       SELECT (SELECT count(*) FROM fresh)::int AS sent, (SELECT count(*) FROM items)::int AS items`,
      [runId, at.toISOString()],
    )) as Array<{ sent: number; items: number }>;
    return rows[0].sent;
  }

  /** A failed run that was started by hand (not by a schedule): what its notice needs; null otherwise. */
  async failedRunToTell(runId: string, tx: Tx): Promise<FailedRun | null> {
    const rows = (await tx.query(
      `SELECT r.id, r.institution_id AS "institutionId", r.period, r.created_by AS "createdBy", r.errors
         FROM evaluation_runs r
        WHERE r.id = $1 AND r.status = 'failed' AND NOT EXISTS (SELECT 1 FROM evaluation_schedules s WHERE s.run_id = r.id)`,
      [runId],
    )) as FailedRun[];
    return rows[0] ?? null;
  }

  /** The failure to the run's starter and every active admin of its institution, once each. */
  async addRunFailed(run: FailedRun, reason: { zh: string; en: string }, at: Date, tx: Tx): Promise<number> {
    const rows = (await tx.query(
      `INSERT INTO inbox_items (institution_id, user_id, kind, target_type, target_id, params, created_at)
       SELECT u.institution_id, u.id, 'run_failed', 'run', $2, jsonb_build_object('period', $3::text, 'reason', $4::jsonb), $5
         FROM users u
        WHERE u.institution_id = $1 AND u.active AND (u.role = 'admin' OR u.id = $6)
       RETURNING id`,
      [run.institutionId, run.id, run.period, JSON.stringify(reason), at.toISOString(), run.createdBy],
    )) as unknown[];
    return rows.length;
  }
}

export interface FailedRun {
  id: string;
  institutionId: string;
  period: string;
  createdBy: string | null;
  errors: Array<{ path?: string; message?: string; code?: string; params?: Record<string, string | number | boolean> }>;
}
