import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduled runs: a binding may carry a schedule ("3 days after the period ends, 02:00 on the
 * institution's clock"). `fired_at` is set once, in the transaction that starts the run (or records
 * why none could start), so of several processes ticking at once exactly one fires a schedule.
 * Notifications become more than case escalations: a scheduled run that failed tells the admins
 * (kind `scheduled_run_failed`, no case).
 */
export class ScheduledRuns1765210000000 implements MigrationInterface {
  name = 'ScheduledRuns1765210000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE evaluation_schedules (
        binding_id uuid PRIMARY KEY REFERENCES bindings(id) ON DELETE CASCADE,
        institution_id uuid NOT NULL REFERENCES institutions(id),
        days_after_end int NOT NULL CHECK (days_after_end BETWEEN 1 AND 90),
        at_time text NOT NULL CHECK (at_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        fired_at timestamptz,
        due_at timestamptz,
        run_id uuid REFERENCES evaluation_runs(id) ON DELETE SET NULL,
        refused text CHECK (length(refused) <= 2000),
        failure_notified_at timestamptz
      )`);
    await db.query(`CREATE INDEX evaluation_schedules_pending_idx ON evaluation_schedules (institution_id) WHERE fired_at IS NULL`);
    await db.query(`CREATE INDEX evaluation_schedules_watch_idx ON evaluation_schedules (run_id) WHERE run_id IS NOT NULL AND failure_notified_at IS NULL`);
    await db.query(`ALTER TABLE notifications ALTER COLUMN case_id DROP NOT NULL`);
    await db.query(`ALTER TABLE notifications ALTER COLUMN visit_id DROP NOT NULL`);
    await db.query(`ALTER TABLE notifications ADD COLUMN kind text NOT NULL DEFAULT 'escalation' CHECK (kind IN ('escalation', 'scheduled_run_failed'))`);
    await db.query(`ALTER TABLE notifications ADD COLUMN binding_id uuid REFERENCES bindings(id) ON DELETE SET NULL`);
    await db.query(`ALTER TABLE notifications ADD COLUMN run_id uuid REFERENCES evaluation_runs(id) ON DELETE SET NULL`);
    await db.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_escalation_case CHECK (kind <> 'escalation' OR (case_id IS NOT NULL AND visit_id IS NOT NULL))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM notifications WHERE kind <> 'escalation'`);
    await db.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_escalation_case`);
    await db.query(`ALTER TABLE notifications DROP COLUMN run_id`);
    await db.query(`ALTER TABLE notifications DROP COLUMN binding_id`);
    await db.query(`ALTER TABLE notifications DROP COLUMN kind`);
    await db.query(`ALTER TABLE notifications ALTER COLUMN visit_id SET NOT NULL`);
    await db.query(`ALTER TABLE notifications ALTER COLUMN case_id SET NOT NULL`);
    await db.query(`DROP TABLE evaluation_schedules`);
  }
}
