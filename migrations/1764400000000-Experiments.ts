import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Experiments (issue #7): a champion and a challenger scheme version tried on a population over
 * periods, in shadow or split mode.
 *
 * - `experiments`: one per institution and key. `team_ids` null means the whole institution;
 *   `periods` is a jsonb array of period strings (`periods ? '2026-Q1'` finds those covering one).
 * - `experiment_scorecards`: the challenger's scorecards computed in shadow mode beside a run.
 *   Kept apart from `scorecards` on purpose, so they can never be read as official results.
 */
export class Experiments1764400000000 implements MigrationInterface {
  name = 'Experiments1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE experiments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES institutions(id),
        key text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
        name jsonb NOT NULL,
        period_kind text NOT NULL CHECK (period_kind IN ('month', 'quarter')),
        champion_document_id uuid NOT NULL REFERENCES documents(id),
        champion_version_id uuid NOT NULL REFERENCES document_versions(id),
        champion_version int NOT NULL,
        challenger_document_id uuid NOT NULL REFERENCES documents(id),
        challenger_version_id uuid NOT NULL REFERENCES document_versions(id),
        challenger_version int NOT NULL,
        team_ids jsonb,
        periods jsonb NOT NULL CHECK (jsonb_typeof(periods) = 'array'),
        mode text NOT NULL CHECK (mode IN ('shadow', 'split')),
        unit text CHECK (unit IN ('staff', 'team')),
        challenger_percent double precision CHECK (challenger_percent BETWEEN 0 AND 100),
        status text NOT NULL CHECK (status IN ('draft', 'running', 'stopped', 'promoted')),
        promoted_binding_id uuid REFERENCES bindings(id) ON DELETE SET NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (institution_id, key),
        CHECK (champion_version_id <> challenger_version_id),
        CHECK ((mode = 'split') = (unit IS NOT NULL AND challenger_percent IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX experiments_running_idx ON experiments (institution_id) WHERE status = 'running'`);
    await db.query(`
      CREATE TABLE experiment_scorecards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES institutions(id),
        experiment_id uuid NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
        run_id uuid NOT NULL REFERENCES evaluation_runs(id) ON DELETE CASCADE,
        period text NOT NULL,
        staff_id uuid NOT NULL REFERENCES staff(id),
        team_id uuid REFERENCES teams(id) ON DELETE SET NULL,
        arm text NOT NULL CHECK (arm IN ('champion', 'challenger')),
        document_version_id uuid NOT NULL REFERENCES document_versions(id),
        scheme_key text NOT NULL,
        scheme_version int NOT NULL,
        tier text,
        composite double precision,
        band text,
        zone text CHECK (zone IN ('red', 'yellow', 'blue')),
        promotion_eligible boolean,
        result jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (experiment_id, run_id, staff_id, arm)
      )`);
    await db.query(`CREATE INDEX experiment_scorecards_period_idx ON experiment_scorecards (experiment_id, period, created_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE experiment_scorecards`);
    await db.query(`DROP TABLE experiments`);
  }
}
