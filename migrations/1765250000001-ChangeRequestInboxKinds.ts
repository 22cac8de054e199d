import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The inbox's kinds as 1765250000000-NotificationChannels left them. */
const KINDS_BEFORE = `'case_stage_started', 'period_published', 'appeal_decided', 'scheduled_run_failed', 'case_assigned', 'case_stage_due_soon', 'reminder'`;

/**
 * Approvals (issue 15): two more inbox kinds, a change request awaiting you (to every eligible approver) and its
 * outcome (to the requester). After the notification channels' migration, which rewrote the list of kinds.
 */
export class ChangeRequestInboxKinds1765250000001 implements MigrationInterface {
  name = 'ChangeRequestInboxKinds1765250000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE inbox_items DROP CONSTRAINT inbox_items_kind_check`);
    await db.query(`ALTER TABLE inbox_items ADD CONSTRAINT inbox_items_kind_check CHECK (kind IN (${KINDS_BEFORE}, 'change_request_pending', 'change_request_decided'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM inbox_items WHERE kind IN ('change_request_pending', 'change_request_decided')`);
    await db.query(`ALTER TABLE inbox_items DROP CONSTRAINT inbox_items_kind_check`);
    await db.query(`ALTER TABLE inbox_items ADD CONSTRAINT inbox_items_kind_check CHECK (kind IN (${KINDS_BEFORE}))`);
  }
}
