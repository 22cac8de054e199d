import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A scorecard's result (jsonb, 2–3 kB for a dozen indicators) is kept inline and uncompressed: with the default
 * 2 kB target every insert compressed it (pglz), and every read of a scorecard decompressed it again, which was
 * a fifth of PostgreSQL's work in an evaluation run. Rows stay well under a page.
 */
export class ScorecardsInline1764700000000 implements MigrationInterface {
  name = 'ScorecardsInline1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE scorecards SET (toast_tuple_target = 8160)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE scorecards RESET (toast_tuple_target)`);
  }
}
