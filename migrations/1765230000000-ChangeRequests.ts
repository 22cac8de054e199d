import type { MigrationInterface, QueryRunner } from 'typeorm';

const INBOX_TARGETS_BEFORE = `'case', 'scorecard', 'period', 'run'`;

/**
 * Approvals (issue 15): an institution may require a second person for rule changes (`institutions.approvals`).
 * Then publishing a scheme or workflow version, binding, rebinding or unbinding a period that has runs, promoting an
 * experiment and closing or reopening a period each create a change request instead of acting. A request keeps what
 * to do (`payload`), what it was made against (`basis`: the document revision, the binding, the experiment or the
 * period's state, checked again on approval) and the names its texts are made of (`summary`, never ids in a text).
 * At most one request is pending per target. Inbox items may lead to a change request (their two kinds, a request
 * awaiting you and its outcome, are allowed by 1765250000001-ChangeRequestInboxKinds, after the notification channels'
 * migration rewrote the list of kinds).
 */
export class ChangeRequests1765230000000 implements MigrationInterface {
  name = 'ChangeRequests1765230000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE institutions ADD COLUMN approvals boolean NOT NULL DEFAULT false`);
    await db.query(`
      CREATE TABLE change_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES institutions(id),
        kind text NOT NULL CHECK (kind IN ('document_publish', 'binding_create', 'binding_update', 'binding_delete', 'experiment_promote', 'period_close', 'period_reopen')),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
        target_type text NOT NULL CHECK (target_type IN ('document', 'binding', 'experiment', 'period')),
        target_id text NOT NULL CHECK (length(target_id) <= 100),
        payload jsonb NOT NULL DEFAULT '{}',
        basis jsonb NOT NULL DEFAULT '{}',
        summary jsonb NOT NULL DEFAULT '{}',
        requested_by uuid NOT NULL REFERENCES users(id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        reason text CHECK (length(reason) <= 2000),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX change_requests_one_pending_idx ON change_requests (institution_id, target_type, target_id) WHERE status = 'pending'`);
    await db.query(`CREATE INDEX change_requests_list_idx ON change_requests (institution_id, status, requested_at DESC)`);
    await db.query(`ALTER TABLE inbox_items DROP CONSTRAINT inbox_items_target_type_check`);
    await db.query(`ALTER TABLE inbox_items ADD CONSTRAINT inbox_items_target_type_check CHECK (target_type IN (${INBOX_TARGETS_BEFORE}, 'change_request'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM inbox_items WHERE target_type = 'change_request'`);
    await db.query(`ALTER TABLE inbox_items DROP CONSTRAINT inbox_items_target_type_check`);
    await db.query(`ALTER TABLE inbox_items ADD CONSTRAINT inbox_items_target_type_check CHECK (target_type IN (${INBOX_TARGETS_BEFORE}))`);
    await db.query(`DROP TABLE change_requests`);
    await db.query(`ALTER TABLE institutions DROP COLUMN approvals`);
  }
}
