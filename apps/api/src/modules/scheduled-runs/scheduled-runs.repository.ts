import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../../database/transaction';

/** A binding's schedule with what deciding its due time and firing it needs. */
export interface ScheduleRow {
  bindingId: string;
  institutionId: string;
  period: string;
  teamId: string | null;
  timeZone: string;
  daysAfterEnd: number;
  time: string;
  firedAt: Date | null;
  runId: string | null;
  runStatus: string | null;
  refused: string | null;
}

/** A scheduled run that failed and whose admins were not told yet. */
export interface FailedScheduledRun {
  bindingId: string;
  institutionId: string;
  period: string;
  teamId: string | null;
  runId: string;
  errors: Array<{ path?: string; message: string }>;
}

const SELECT = `SELECT s.binding_id, s.institution_id, b.period, b.team_id, i.time_zone, s.days_after_end, s.at_time, s.fired_at, s.run_id, r.status AS run_status, s.refused
  FROM evaluation_schedules s
  JOIN bindings b ON b.id = s.binding_id
  JOIN institutions i ON i.id = s.institution_id
  LEFT JOIN evaluation_runs r ON r.id = s.run_id`;

const toRow = (row: Record<string, unknown>): ScheduleRow => ({
  bindingId: row.binding_id as string,
  institutionId: row.institution_id as string,
  period: row.period as string,
  teamId: (row.team_id as string | null) ?? null,
  timeZone: row.time_zone as string,
  daysAfterEnd: row.days_after_end as number,
  time: row.at_time as string,
  firedAt: (row.fired_at as Date | null) ?? null,
  runId: (row.run_id as string | null) ?? null,
  runStatus: (row.run_status as string | null) ?? null,
  refused: (row.refused as string | null) ?? null,
});

/** Schedules of bindings (evaluation_schedules) and the claims that make each fire once. */
@Injectable()
export class ScheduledRunsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  private db(tx?: Tx) {
    return tx ?? this.dataSource.manager;
  }

  async find(institutionId: string, bindingId: string, tx?: Tx): Promise<ScheduleRow | null> {
    const rows: Array<Record<string, unknown>> = await this.db(tx).query(`${SELECT} WHERE s.institution_id = $1 AND s.binding_id = $2`, [institutionId, bindingId]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** Sets the schedule and arms it again: one that fired fires anew at its (new) due time. */
  async upsert(schedule: { bindingId: string; institutionId: string; daysAfterEnd: number; time: string; by: string }, tx: Tx): Promise<void> {
    await tx.query(
      `INSERT INTO evaluation_schedules (binding_id, institution_id, days_after_end, at_time, created_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (binding_id) DO UPDATE SET days_after_end = EXCLUDED.days_after_end, at_time = EXCLUDED.at_time, created_by = EXCLUDED.created_by,
         updated_at = now(), fired_at = NULL, due_at = NULL, run_id = NULL, refused = NULL, failure_notified_at = NULL`,
      [schedule.bindingId, schedule.institutionId, schedule.daysAfterEnd, schedule.time, schedule.by],
    );
  }

  async remove(institutionId: string, bindingId: string, tx: Tx): Promise<void> {
    await tx.query(`DELETE FROM evaluation_schedules WHERE institution_id = $1 AND binding_id = $2`, [institutionId, bindingId]);
  }

  /** Every schedule not fired yet (an institution has a few per period, so all of them are read). */
  async unfired(): Promise<ScheduleRow[]> {
    const rows: Array<Record<string, unknown>> = await this.db().query(`${SELECT} WHERE s.fired_at IS NULL ORDER BY s.institution_id, b.period`);
    return rows.map(toRow);
  }

  /** Takes the schedule for firing: of several processes ticking at once, exactly one gets it (the row lock serialises them). */
  async claim(bindingId: string, dueAt: Date, tx: Tx): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [, affected] = (await tx.query(`UPDATE evaluation_schedules SET fired_at = clock_timestamp(), due_at = $2 WHERE binding_id = $1 AND fired_at IS NULL`, [bindingId, dueAt])) as [unknown, number];
    return affected === 1;
  }

  async recordRun(bindingId: string, runId: string, tx: Tx): Promise<void> {
    await tx.query(`UPDATE evaluation_schedules SET run_id = $2 WHERE binding_id = $1`, [bindingId, runId]);
  }

  /** The schedule fired without a run; its admins are told in the same transaction. */
  async recordRefusal(bindingId: string, reason: string, tx: Tx): Promise<void> {
    await tx.query(`UPDATE evaluation_schedules SET refused = $2, failure_notified_at = clock_timestamp() WHERE binding_id = $1`, [bindingId, reason]);
  }

  async failedUnnotified(): Promise<FailedScheduledRun[]> {
    const rows: Array<Record<string, unknown>> = await this.db().query(
      `SELECT s.binding_id, s.institution_id, b.period, b.team_id, s.run_id, r.errors
         FROM evaluation_schedules s JOIN evaluation_runs r ON r.id = s.run_id JOIN bindings b ON b.id = s.binding_id
        WHERE s.failure_notified_at IS NULL AND r.status = 'failed'`,
    );
    return rows.map((row) => ({
      bindingId: row.binding_id as string,
      institutionId: row.institution_id as string,
      period: row.period as string,
      teamId: (row.team_id as string | null) ?? null,
      runId: row.run_id as string,
      errors: (row.errors as FailedScheduledRun['errors'] | null) ?? [],
    }));
  }

  /** Takes the failure for telling the admins, once. */
  async claimFailureNotice(bindingId: string, runId: string, tx: Tx): Promise<boolean> {
    const [, affected] = (await tx.query(`UPDATE evaluation_schedules SET failure_notified_at = clock_timestamp() WHERE binding_id = $1 AND run_id = $2 AND failure_notified_at IS NULL`, [bindingId, runId])) as [unknown, number];
    return affected === 1;
  }
}
