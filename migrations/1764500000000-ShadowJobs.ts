import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shadow evaluation as a job after the run commits (issue #7), so the run's final transaction (which
 * holds the period's advisory lock) no longer evaluates challengers.
 *
 * - `experiment_shadow_runs`: one per running shadow experiment and run. `planned` when the run is
 *   planned (the challenger's population is captured then, from the same read as the run's);
 *   `pending` once the run has succeeded; `running` while a job works on it; `done` or `failed`.
 * - `experiment_shadow_chunks`: the challenger's population in chunks (staff, tier, team and the
 *   inputs the challenger reads), kept until the shadow run ends so a retry sees the same inputs.
 */
export class ShadowJobs1764500000000 implements MigrationInterface {
  name = 'ShadowJobs1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE experiment_shadow_runs (
        experiment_id uuid NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
        run_id uuid NOT NULL REFERENCES evaluation_runs(id) ON DELETE CASCADE,
        institution_id uuid NOT NULL REFERENCES institutions(id),
        period text NOT NULL,
        status text NOT NULL CHECK (status IN ('planned', 'pending', 'running', 'done', 'failed')),
        staff int NOT NULL,
        chunk_count int NOT NULL,
        stored int NOT NULL DEFAULT 0,
        attempts int NOT NULL DEFAULT 0,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        PRIMARY KEY (experiment_id, run_id)
      )`);
    await db.query(`CREATE INDEX experiment_shadow_runs_open_idx ON experiment_shadow_runs (created_at) WHERE status IN ('planned', 'pending', 'running')`);
    await db.query(`CREATE INDEX experiment_shadow_runs_run_idx ON experiment_shadow_runs (run_id)`);
    await db.query(`
      CREATE TABLE experiment_shadow_chunks (
        experiment_id uuid NOT NULL,
        run_id uuid NOT NULL,
        index int NOT NULL,
        staff_count int NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
        population jsonb,
        PRIMARY KEY (experiment_id, run_id, index),
        FOREIGN KEY (experiment_id, run_id) REFERENCES experiment_shadow_runs (experiment_id, run_id) ON DELETE CASCADE
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE experiment_shadow_chunks`);
    await db.query(`DROP TABLE experiment_shadow_runs`);
  }
}
