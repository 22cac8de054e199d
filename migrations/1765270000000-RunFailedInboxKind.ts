import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE = `'case_stage_started', 'period_published', 'appeal_decided', 'scheduled_run_failed', 'case_assigned', 'case_stage_due_soon', 'reminder', 'change_request_pending', 'change_request_decided'`;

/** The inbox learns `run_failed`: a run started by hand that failed, told to whoever started it and the admins. */
export class RunFailedInboxKind1765270000000 implements MigrationInterface {
  name = 'RunFailedInboxKind1765270000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE inbox_items DROP CONSTRAINT inbox_items_kind_check`);
    await db.query(`ALTER TABLE inbox_items ADD CONSTRAINT inbox_items_kind_check CHECK (kind IN (${KINDS_BEFORE}, 'run_failed'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM inbox_items WHERE kind = 'run_failed'`);
    await db.query(`ALTER TABLE inbox_items DROP CONSTRAINT inbox_items_kind_check`);
    await db.query(`ALTER TABLE inbox_items ADD CONSTRAINT inbox_items_kind_check CHECK (kind IN (${KINDS_BEFORE}))`);
  }
}
