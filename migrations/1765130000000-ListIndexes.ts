import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables the big lists count, and the writes that change a count. */
const WATCHED = [
  { table: 'scorecards', events: 'INSERT OR UPDATE OR DELETE OR TRUNCATE' },
  { table: 'staff', events: 'INSERT OR UPDATE OR DELETE OR TRUNCATE' },
  { table: 'teams', events: 'UPDATE OF manager_id OR DELETE OR TRUNCATE' },
  { table: 'evaluation_runs', events: 'UPDATE OF status OR DELETE OR TRUNCATE' },
] as const;

/**
 * Lists at the scale of a real institution (issue 13: 50 060 staff, 200 000 scorecards).
 *
 * - `scorecards_list_composite_idx`: a period's current scorecards in the default order (composite, best first),
 *   so a page is the first 25 entries of an index range instead of a sort of the period's 50 000 rows; it carries
 *   the run and staff ids, so the total is an index-only count.
 * - Trigram indexes on staff code and name for `q` (ILIKE '%…%'), where the server has pg_trgm (PostgreSQL's
 *   contrib, and embedded PGlite loads it); without it the search still works, by a scan.
 * - Any write that can change a list's total is announced on `carescore_list_counts_changed` (statement-level:
 *   a run's 10 000 rows send one notice), so each API process may keep the totals it counted (ListCounts).
 */
export class ListIndexes1765130000000 implements MigrationInterface {
  name = 'ListIndexes1765130000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX scorecards_list_composite_idx ON scorecards (institution_id, period, composite DESC NULLS LAST) INCLUDE (run_id, staff_id) WHERE current`);
    const [trgm] = (await db.query(`SELECT count(*)::int AS n FROM pg_available_extensions WHERE name = 'pg_trgm'`)) as Array<{ n: number }>;
    if (trgm.n > 0) {
      await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
      await db.query(`CREATE INDEX staff_code_trgm_idx ON staff USING gin (code gin_trgm_ops)`);
      await db.query(`CREATE INDEX staff_name_trgm_idx ON staff USING gin (name gin_trgm_ops)`);
    }
    await db.query(`
      CREATE FUNCTION announce_list_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('carescore_list_counts_changed', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    for (const { table, events } of WATCHED) {
      await db.query(`CREATE TRIGGER ${table}_announce_list_count_change AFTER ${events} ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION announce_list_count_change()`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const { table } of WATCHED) await db.query(`DROP TRIGGER ${table}_announce_list_count_change ON ${table}`);
    await db.query(`DROP FUNCTION announce_list_count_change()`);
    await db.query(`DROP INDEX IF EXISTS staff_name_trgm_idx`);
    await db.query(`DROP INDEX IF EXISTS staff_code_trgm_idx`);
    await db.query(`DROP INDEX scorecards_list_composite_idx`);
  }
}
