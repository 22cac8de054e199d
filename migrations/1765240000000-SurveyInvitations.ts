import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Surveys clients answer (SPEC §6, `kind: survey`): the document kind `survey`, and one row per invitation sent.
 *
 * - `documents.kind` also allows `survey`.
 * - `survey_invitations`: the survey version the client answers (the published one when the invitation was made),
 *   the staff member it is about (and their team then, for response rates per team), an optional customer reference
 *   and service event (首次评估后, 方案调整后…), when it expires, and once answered when (`used_at`) and which feedback
 *   response it became (`feedback_id`). The link's token is an HMAC of the id with the app's secret, never stored.
 *   `period` is the month the invitation was sent in, by the institution's calendar (response rates per period).
 */
export class SurveyInvitations1765240000000 implements MigrationInterface {
  name = 'SurveyInvitations1765240000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE documents DROP CONSTRAINT documents_kind_check`);
    await db.query(`ALTER TABLE documents ADD CONSTRAINT documents_kind_check CHECK (kind IN ('scheme', 'workflow', 'survey'))`);
    await db.query(`
      CREATE TABLE survey_invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES institutions(id),
        document_id uuid NOT NULL REFERENCES documents(id),
        document_version_id uuid NOT NULL REFERENCES document_versions(id),
        survey_key text NOT NULL,
        survey_version int NOT NULL,
        staff_id uuid NOT NULL REFERENCES staff(id),
        team_id uuid REFERENCES teams(id) ON DELETE SET NULL,
        customer_ref text CHECK (length(customer_ref) <= 128),
        event text CHECK (length(event) <= 64),
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        feedback_id uuid REFERENCES feedback(id),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((used_at IS NULL) = (feedback_id IS NULL))
      )`);
    await db.query(`CREATE INDEX survey_invitations_period_idx ON survey_invitations (institution_id, period, staff_id)`);
    await db.query(`CREATE INDEX survey_invitations_staff_idx ON survey_invitations (institution_id, staff_id, created_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE survey_invitations`);
    await db.query(`DELETE FROM documents WHERE kind = 'survey'`);
    await db.query(`ALTER TABLE documents DROP CONSTRAINT documents_kind_check`);
    await db.query(`ALTER TABLE documents ADD CONSTRAINT documents_kind_check CHECK (kind IN ('scheme', 'workflow'))`);
  }
}
