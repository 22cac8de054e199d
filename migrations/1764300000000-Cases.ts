import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Closed-loop cases (SPEC §1.3): survey feedback, cases pinned to a published workflow version,
 * their stage visits (time in each stage, due time, breach, escalations), the append-only case
 * events, and escalation notifications.
 *
 * - `feedback`: one row per survey response, idempotent on (institution, response_id).
 * - `cases`: one per feedback response and matching workflow, or per staff member, period and
 *   zone rule (zone actions). `version` is the optimistic-concurrency token: every state change
 *   is `UPDATE … WHERE version = <the version read>`, so of two officers acting at once one wins.
 * - `case_stage_visits`: each time a case enters a stage (a reopen enters an earlier stage again).
 *   `next_check_at` is when something is next due (the stage's due time, then each escalation
 *   step); the periodic sweep reads it, so nothing depends on a delayed job being delivered.
 * - `case_events`: who did what, when, at which stage, with which fields and reason. Append-only,
 *   enforced by triggers like the audit log's.
 * - `notifications`: one per stage visit and escalation step, delivered after commit.
 */
export class Cases1764300000000 implements MigrationInterface {
  name = 'Cases1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE feedback (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES institutions(id),
        response_id text NOT NULL CHECK (length(response_id) BETWEEN 1 AND 128),
        staff_id uuid NOT NULL REFERENCES staff(id),
        team_id uuid REFERENCES teams(id) ON DELETE SET NULL,
        customer_ref text,
        channel text,
        likert jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(likert) = 'object'),
        nps int CHECK (nps BETWEEN 0 AND 10),
        comment text,
        responded_at timestamptz NOT NULL,
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        received_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (institution_id, response_id),
        CHECK (nps IS NOT NULL OR likert <> '{}'::jsonb)
      )`);
    await db.query(`CREATE INDEX feedback_staff_time_idx ON feedback (institution_id, staff_id, responded_at)`);
    await db.query(`CREATE INDEX feedback_time_idx ON feedback (institution_id, responded_at DESC)`);

    await db.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES institutions(id),
        source text NOT NULL CHECK (source IN ('feedback', 'zone')),
        workflow_document_id uuid NOT NULL REFERENCES documents(id),
        workflow_version_id uuid NOT NULL REFERENCES document_versions(id),
        workflow_key text NOT NULL,
        workflow_version int NOT NULL,
        staff_id uuid NOT NULL REFERENCES staff(id),
        team_id uuid REFERENCES teams(id) ON DELETE SET NULL,
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
        feedback_id uuid REFERENCES feedback(id),
        run_id uuid,
        zone_id text,
        zone text CHECK (zone IN ('red', 'yellow', 'blue')),
        action text,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        stage text,
        stage_index int,
        assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
        version int NOT NULL DEFAULT 1,
        opened_at timestamptz NOT NULL,
        stage_started_at timestamptz,
        due_at timestamptz,
        closed_at timestamptz,
        breached boolean NOT NULL DEFAULT false,
        breach_count int NOT NULL DEFAULT 0,
        hours_to_close double precision,
        closed_in_sla boolean,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'open') = (closed_at IS NULL)),
        CHECK (status = 'closed' OR (stage IS NOT NULL AND due_at IS NOT NULL)),
        CHECK ((source = 'feedback') = (feedback_id IS NOT NULL)),
        CHECK (source <> 'zone' OR zone_id IS NOT NULL)
      )`);
    await db.query(`CREATE UNIQUE INDEX cases_feedback_once ON cases (feedback_id, workflow_document_id) WHERE feedback_id IS NOT NULL`);
    await db.query(`CREATE UNIQUE INDEX cases_zone_once ON cases (institution_id, staff_id, period, zone_id) WHERE source = 'zone'`);
    await db.query(`CREATE INDEX cases_open_due_idx ON cases (institution_id, due_at) WHERE status = 'open'`);
    await db.query(`CREATE INDEX cases_staff_idx ON cases (institution_id, staff_id, opened_at)`);
    await db.query(`CREATE INDEX cases_opened_idx ON cases (institution_id, opened_at DESC)`);

    await db.query(`
      CREATE TABLE case_stage_visits (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES institutions(id),
        case_id uuid NOT NULL REFERENCES cases(id),
        seq int NOT NULL CHECK (seq > 0),
        stage text NOT NULL,
        stage_index int NOT NULL,
        started_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        ended_at timestamptz,
        hours double precision,
        outcome text CHECK (outcome IN ('advanced', 'reopened', 'closed')),
        breached boolean NOT NULL DEFAULT false,
        breached_at timestamptz,
        escalations int NOT NULL DEFAULT 0,
        next_check_at timestamptz,
        UNIQUE (case_id, seq),
        CHECK ((ended_at IS NULL) = (outcome IS NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX case_stage_visits_one_open ON case_stage_visits (case_id) WHERE ended_at IS NULL`);
    await db.query(`CREATE INDEX case_stage_visits_check_idx ON case_stage_visits (next_check_at) WHERE ended_at IS NULL AND next_check_at IS NOT NULL`);

    await db.query(`
      CREATE TABLE case_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        institution_id uuid NOT NULL REFERENCES institutions(id),
        case_id uuid NOT NULL REFERENCES cases(id),
        type text NOT NULL CHECK (type IN ('opened', 'advanced', 'closed', 'reopened', 'assigned', 'commented', 'breached', 'escalated')),
        actor_id uuid,
        actor_email text,
        actor_role text,
        stage text,
        to_stage text,
        fields jsonb,
        reason text,
        data jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX case_events_case_idx ON case_events (case_id, id)`);
    await db.query(`
      CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_events is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`CREATE TRIGGER case_events_no_update BEFORE UPDATE OR DELETE ON case_events FOR EACH ROW EXECUTE FUNCTION case_events_append_only()`);
    await db.query(`CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events FOR EACH STATEMENT EXECUTE FUNCTION case_events_append_only()`);

    await db.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES institutions(id),
        case_id uuid NOT NULL REFERENCES cases(id),
        visit_id uuid NOT NULL REFERENCES case_stage_visits(id),
        step int NOT NULL CHECK (step >= 0),
        stage text NOT NULL,
        notify text NOT NULL CHECK (notify IN ('manager', 'director', 'quality_officer', 'admin')),
        recipients jsonb NOT NULL DEFAULT '[]',
        message jsonb NOT NULL,
        channel text,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        error text,
        due_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        sent_at timestamptz,
        UNIQUE (visit_id, step)
      )`);
    await db.query(`CREATE INDEX notifications_case_idx ON notifications (case_id, created_at)`);
    await db.query(`CREATE INDEX notifications_undelivered_idx ON notifications (created_at) WHERE status <> 'sent'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE notifications`);
    await db.query(`DROP TABLE case_events`);
    await db.query(`DROP FUNCTION case_events_append_only`);
    await db.query(`DROP TABLE case_stage_visits`);
    await db.query(`DROP TABLE cases`);
    await db.query(`DROP TABLE feedback`);
  }
}
