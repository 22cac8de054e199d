import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evaluation runs, the chunks workers share, and the scorecards they write.
 *
 * A run's scorecards are written chunk by chunk with `current = false`; the transaction that
 * finishes the last chunk flips them to current all at once, so readers never see half a run.
 * At most one scorecard per (institution, period, staff) is current: the one from the newest
 * succeeded run that evaluated that staff member.
 *
 * A chunk holds the facts the planner read for its staff (`population`), so the scorecards match
 * the run's inputs digest even if facts change while the run is under way; it is cleared once the
 * run ends.
 */
export class Evaluations1764200000000 implements MigrationInterface {
  name = 'Evaluations1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE evaluation_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES institutions(id),
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
        team_id uuid REFERENCES teams(id) ON DELETE SET NULL,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
        total int NOT NULL DEFAULT 0,
        done int NOT NULL DEFAULT 0,
        chunk_count int NOT NULL DEFAULT 0,
        chunks_done int NOT NULL DEFAULT 0,
        pins jsonb NOT NULL DEFAULT '[]',
        team_means jsonb NOT NULL DEFAULT '{}',
        inputs_digest text,
        errors jsonb NOT NULL DEFAULT '[]',
        summary jsonb NOT NULL DEFAULT '{}',
        timings jsonb NOT NULL DEFAULT '{}',
        attempts int NOT NULL DEFAULT 0,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        started_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX evaluation_runs_period_idx ON evaluation_runs (institution_id, period, created_at DESC)`);
    await db.query(`CREATE INDEX evaluation_runs_open_idx ON evaluation_runs (created_at) WHERE status IN ('queued', 'running')`);

    await db.query(`
      CREATE TABLE evaluation_chunks (
        run_id uuid NOT NULL REFERENCES evaluation_runs(id) ON DELETE CASCADE,
        index int NOT NULL,
        staff_count int NOT NULL,
        population jsonb,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
        worker text,
        finished_at timestamptz,
        PRIMARY KEY (run_id, index)
      )`);

    await db.query(`
      CREATE TABLE scorecards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES institutions(id),
        run_id uuid NOT NULL REFERENCES evaluation_runs(id) ON DELETE CASCADE,
        staff_id uuid NOT NULL REFERENCES staff(id),
        team_id uuid,
        period text NOT NULL,
        document_version_id uuid NOT NULL REFERENCES document_versions(id),
        scheme_key text NOT NULL,
        scheme_version int NOT NULL,
        tier text,
        composite double precision,
        band text,
        zone text CHECK (zone IN ('red', 'yellow', 'blue')),
        promotion_eligible boolean,
        error_count int NOT NULL DEFAULT 0,
        current boolean NOT NULL DEFAULT false,
        result jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (run_id, staff_id)
      )`);
    await db.query(`CREATE UNIQUE INDEX scorecards_current_idx ON scorecards (institution_id, period, staff_id) WHERE current`);
    await db.query(`CREATE INDEX scorecards_staff_idx ON scorecards (staff_id, period)`);
    await db.query(`CREATE INDEX scorecards_current_team_idx ON scorecards (institution_id, period, team_id) WHERE current`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE scorecards`);
    await db.query(`DROP TABLE evaluation_chunks`);
    await db.query(`DROP TABLE evaluation_runs`);
  }
}
