import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The in-app inbox: one row per recipient user and event (a case stage waiting on them, their
 * period's results published, their appeal decided, a scheduled run that failed). Rows keep the
 * kind, a link target and the params of the text (names in both languages, never ids in the text);
 * the text itself is rendered in the reader's language when read. `read_at` is set by its reader.
 * `held_for_period`: an item its reader may see only once that period is published (a staff stage of a case a run
 * opened from their zone, which staff see from the publication on).
 */
export class NotificationInbox1765220000000 implements MigrationInterface {
  name = 'NotificationInbox1765220000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE inbox_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES institutions(id),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('case_stage_started', 'period_published', 'appeal_decided', 'scheduled_run_failed')),
        target_type text NOT NULL CHECK (target_type IN ('case', 'scorecard', 'period', 'run')),
        target_id text NOT NULL CHECK (length(target_id) <= 100),
        params jsonb NOT NULL DEFAULT '{}',
        notification_id uuid REFERENCES notifications(id) ON DELETE SET NULL,
        held_for_period text,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      )`);
    await db.query(`CREATE INDEX inbox_items_user_idx ON inbox_items (user_id, created_at DESC)`);
    await db.query(`CREATE INDEX inbox_items_unread_idx ON inbox_items (user_id) WHERE read_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE inbox_items`);
  }
}
