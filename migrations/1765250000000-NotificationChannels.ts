import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE = `'case_stage_started', 'period_published', 'appeal_decided', 'scheduled_run_failed'`;
const KINDS_AFTER = `${KINDS_BEFORE}, 'case_assigned', 'case_stage_due_soon', 'reminder'`;

/**
 * Channels beside the in-app inbox (e-mail, a group robot's webhook):
 * - `notification_deliveries`: one row per inbox item and channel it goes out on, with its status (queued, sent,
 *   failed with the reason, skipped with the reason, e.g. no address). The in-app item never depends on it.
 * - `inbox_items.planned_at`: when the item's deliveries were planned (NULL: not yet; items from before this
 *   migration count as planned, so an upgrade sends nothing old).
 * - `notification_settings`: an institution's channels (e-mail on or off; its group robot's URL, format, signing
 *   secret and which kinds go to the group).
 * - `notification_mutes`: a kind of notification a user muted on a channel.
 * - `case_stage_visits.due_soon_at`: when the "due within 4 h" notice of a stage visit was given.
 * - `reminder_sends`: a scheme's reminder sent to a staff member for a period (sent once per staff and period).
 */
export class NotificationChannels1765250000000 implements MigrationInterface {
  name = 'NotificationChannels1765250000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE inbox_items ADD COLUMN planned_at timestamptz`);
    await db.query(`UPDATE inbox_items SET planned_at = created_at`);
    await db.query(`CREATE INDEX inbox_items_unplanned_idx ON inbox_items (created_at) WHERE planned_at IS NULL`);
    await db.query(`ALTER TABLE inbox_items DROP CONSTRAINT inbox_items_kind_check`);
    await db.query(`ALTER TABLE inbox_items ADD CONSTRAINT inbox_items_kind_check CHECK (kind IN (${KINDS_AFTER}))`);
    await db.query(`
      CREATE TABLE notification_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES institutions(id),
        inbox_item_id uuid NOT NULL REFERENCES inbox_items(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
        address text,
        status text NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'skipped')),
        reason text,
        attempts int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        UNIQUE (inbox_item_id, channel)
      )`);
    await db.query(`CREATE INDEX notification_deliveries_institution_idx ON notification_deliveries (institution_id, created_at DESC)`);
    await db.query(`CREATE INDEX notification_deliveries_queued_idx ON notification_deliveries (updated_at) WHERE status = 'queued'`);
    await db.query(`
      CREATE TABLE notification_settings (
        institution_id uuid PRIMARY KEY REFERENCES institutions(id),
        email_enabled boolean NOT NULL DEFAULT true,
        webhook_url text,
        webhook_format text NOT NULL DEFAULT 'wecom' CHECK (webhook_format IN ('wecom', 'dingtalk', 'json')),
        webhook_secret text,
        webhook_kinds text[] NOT NULL DEFAULT ARRAY['case_stage_started', 'case_stage_due_soon', 'scheduled_run_failed'],
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE notification_mutes (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
        PRIMARY KEY (user_id, kind, channel)
      )`);
    await db.query(`ALTER TABLE case_stage_visits ADD COLUMN due_soon_at timestamptz`);
    await db.query(`
      CREATE TABLE reminder_sends (
        institution_id uuid NOT NULL REFERENCES institutions(id),
        staff_id uuid NOT NULL REFERENCES staff(id),
        period text NOT NULL,
        reminder_id text NOT NULL,
        run_id uuid NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (institution_id, staff_id, period, reminder_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE reminder_sends`);
    await db.query(`ALTER TABLE case_stage_visits DROP COLUMN due_soon_at`);
    await db.query(`DROP TABLE notification_mutes`);
    await db.query(`DROP TABLE notification_settings`);
    await db.query(`DROP TABLE notification_deliveries`);
    await db.query(`DELETE FROM inbox_items WHERE kind IN ('case_assigned', 'case_stage_due_soon', 'reminder')`);
    await db.query(`ALTER TABLE inbox_items DROP CONSTRAINT inbox_items_kind_check`);
    await db.query(`ALTER TABLE inbox_items ADD CONSTRAINT inbox_items_kind_check CHECK (kind IN (${KINDS_BEFORE}))`);
    await db.query(`ALTER TABLE inbox_items DROP COLUMN planned_at`);
  }
}
