import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Facts: one row per staff member and period, holding the inputs the bound scheme declares
 * (input name → number or list of numbers). Uploads merge into `inputs`; the evaluation worker
 * reads a whole period at once through the (institution_id, period) index.
 */
export class Facts1764100000000 implements MigrationInterface {
  name = 'Facts1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE facts (
        institution_id uuid NOT NULL REFERENCES institutions(id),
        staff_id uuid NOT NULL REFERENCES staff(id),
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
        inputs jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(inputs) = 'object'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (institution_id, staff_id, period)
      )`);
    await db.query(`CREATE INDEX facts_period_idx ON facts (institution_id, period)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE facts`);
  }
}
