import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Split (pilot) experiments (issue #7): a staff member in a running split experiment is scored
 * officially by the version of their arm, and the scorecard says so.
 *
 * - `scorecards.experiment_id` / `experiment_arm`: the split experiment and arm that chose the
 *   version of this official scorecard (both null when the binding alone chose it). The outcome
 *   report reads arms from here, so it compares what staff were actually scored by.
 * - `evaluation_runs.overrides`: per experiment, arm and version, how many staff the run scored
 *   with a version other than (or tagged beside) their team's binding.
 */
export class SplitExperiments1764450000000 implements MigrationInterface {
  name = 'SplitExperiments1764450000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE scorecards ADD COLUMN experiment_id uuid REFERENCES experiments(id)`);
    await db.query(`ALTER TABLE scorecards ADD COLUMN experiment_arm text CHECK (experiment_arm IN ('champion', 'challenger'))`);
    await db.query(`ALTER TABLE scorecards ADD CONSTRAINT scorecards_experiment_pair_check CHECK ((experiment_id IS NULL) = (experiment_arm IS NULL))`);
    await db.query(`CREATE INDEX scorecards_experiment_idx ON scorecards (experiment_id, staff_id, period) WHERE experiment_id IS NOT NULL AND current`);
    await db.query(`ALTER TABLE evaluation_runs ADD COLUMN overrides jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE evaluation_runs DROP COLUMN overrides`);
    await db.query(`DROP INDEX scorecards_experiment_idx`);
    await db.query(`ALTER TABLE scorecards DROP CONSTRAINT scorecards_experiment_pair_check`);
    await db.query(`ALTER TABLE scorecards DROP COLUMN experiment_arm`);
    await db.query(`ALTER TABLE scorecards DROP COLUMN experiment_id`);
  }
}
