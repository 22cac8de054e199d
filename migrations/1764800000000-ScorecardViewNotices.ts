import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables a scorecard's detail view (and who may read it) is made of, and the columns of them it shows or depends on. */
const WATCHED = [
  { table: 'scorecards', update: 'UPDATE' },
  { table: 'evaluation_runs', update: 'UPDATE OF status, finished_at, team_id, period' },
  { table: 'staff', update: 'UPDATE OF code, name, team_id, institution_id' },
  { table: 'teams', update: 'UPDATE OF name, manager_id, institution_id' },
] as const;

/**
 * Any change to what a scorecard's detail shows or who may read it is announced on the channel
 * `carescore_scorecard_views_changed`: a scorecard updated or removed (the current flag moves when a newer run
 * succeeds), a run's status, a staff member's code, name or team, a team's name or manager. Each API process keeps
 * the detail responses it served in memory and forgets them all at such a notice, whichever process or tool made
 * the change. Statement-level, so a run that moves 10 000 current flags sends one notice, not 10 000.
 */
export class ScorecardViewNotices1764800000000 implements MigrationInterface {
  name = 'ScorecardViewNotices1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION announce_scorecard_view_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('carescore_scorecard_views_changed', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    for (const { table, update } of WATCHED) {
      await db.query(`CREATE TRIGGER ${table}_announce_view_change AFTER ${update} OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION announce_scorecard_view_change()`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const { table } of WATCHED) await db.query(`DROP TRIGGER ${table}_announce_view_change ON ${table}`);
    await db.query(`DROP FUNCTION announce_scorecard_view_change()`);
  }
}
