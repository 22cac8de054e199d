import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The evaluation cycle: a period is open (runs may repeat, staff see nothing), published (staff see
 * their scorecards and acknowledge them inside the appeal window) or closed (the record pay relies
 * on). A period without a row is open. Writes to a closed period's facts, bindings, runs and
 * acknowledgements are refused by statement triggers inside the writing transaction (SQLSTATE
 * CS409, answered 409), whichever code path makes them; each trigger first takes a share lock on
 * the period rows it touches, so it serialises with a close (which locks the row for update).
 * A run of a published period states its reason. Institutions gain their time zone (periods are local calendar ranges) and appeal window length.
 */
export class PeriodCycle1765150000000 implements MigrationInterface {
  name = 'PeriodCycle1765150000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE institutions ADD COLUMN time_zone text NOT NULL DEFAULT 'Asia/Shanghai' CHECK (length(time_zone) BETWEEN 1 AND 64)`);
    await db.query(`ALTER TABLE institutions ADD COLUMN appeal_days int NOT NULL DEFAULT 7 CHECK (appeal_days BETWEEN 1 AND 60)`);
    await db.query(`ALTER TABLE evaluation_runs ADD COLUMN reason text CHECK (length(reason) <= 2000)`);
    // A correction run evaluates some staff again with the versions and team means of the run their scorecards came from.
    await db.query(`ALTER TABLE evaluation_runs ADD COLUMN staff_ids uuid[]`);
    await db.query(`ALTER TABLE evaluation_runs ADD COLUMN basis_run_id uuid REFERENCES evaluation_runs(id) ON DELETE SET NULL`);
    await db.query(`ALTER TABLE evaluation_runs ADD CONSTRAINT evaluation_runs_correction CHECK ((staff_ids IS NULL) = (basis_run_id IS NULL))`);
    await db.query(`
      CREATE TABLE periods (
        institution_id uuid NOT NULL REFERENCES institutions(id),
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
        state text NOT NULL CHECK (state IN ('open', 'published', 'closed')),
        published_at timestamptz,
        published_by uuid REFERENCES users(id) ON DELETE SET NULL,
        appeal_deadline timestamptz,
        closed_at timestamptz,
        closed_by uuid REFERENCES users(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (institution_id, period),
        CHECK (state = 'open' OR (published_at IS NOT NULL AND appeal_deadline IS NOT NULL)),
        CHECK (state <> 'closed' OR closed_at IS NOT NULL)
      )`);
    await db.query(`
      CREATE TABLE scorecard_acknowledgements (
        scorecard_id uuid PRIMARY KEY REFERENCES scorecards(id) ON DELETE CASCADE,
        institution_id uuid NOT NULL REFERENCES institutions(id),
        staff_id uuid NOT NULL REFERENCES staff(id),
        period text NOT NULL,
        acknowledged_by uuid REFERENCES users(id) ON DELETE SET NULL,
        acknowledged_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX scorecard_acknowledgements_period_idx ON scorecard_acknowledgements (institution_id, period)`);
    // Appeals: a case (source appeal) on the workflow whose trigger is the appeal event, about one scorecard.
    await db.query(`ALTER TABLE cases DROP CONSTRAINT cases_source_check`);
    await db.query(`ALTER TABLE cases ADD CONSTRAINT cases_source_check CHECK (source IN ('feedback', 'zone', 'appeal'))`);
    await db.query(`
      CREATE TABLE appeals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES institutions(id),
        case_id uuid NOT NULL UNIQUE REFERENCES cases(id),
        scorecard_id uuid NOT NULL REFERENCES scorecards(id),
        staff_id uuid NOT NULL REFERENCES staff(id),
        team_id uuid REFERENCES teams(id) ON DELETE SET NULL,
        period text NOT NULL,
        indicators jsonb NOT NULL CHECK (jsonb_typeof(indicators) = 'array'),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'corrected')),
        composite_before double precision,
        filed_by uuid REFERENCES users(id) ON DELETE SET NULL,
        filed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        decided_at timestamptz,
        decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
        correction_run_id uuid REFERENCES evaluation_runs(id) ON DELETE SET NULL,
        CHECK ((status = 'open') = (decided_at IS NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX appeals_one_open_per_scorecard ON appeals (scorecard_id) WHERE status = 'open'`);
    await db.query(`CREATE INDEX appeals_period_idx ON appeals (institution_id, period, status)`);
    // The facts an appeal's decision replaced: who, when, which appeal, before and after.
    await db.query(`
      CREATE TABLE fact_corrections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL REFERENCES institutions(id),
        staff_id uuid NOT NULL REFERENCES staff(id),
        period text NOT NULL,
        appeal_id uuid NOT NULL REFERENCES appeals(id),
        before jsonb NOT NULL,
        after jsonb NOT NULL,
        corrected_by uuid REFERENCES users(id) ON DELETE SET NULL,
        corrected_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX fact_corrections_staff_idx ON fact_corrections (institution_id, staff_id, period)`);
    await db.query(`
      CREATE FUNCTION refuse_closed_period_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        closed text;
      BEGIN
        PERFORM 1 FROM periods p WHERE (p.institution_id, p.period) IN (SELECT DISTINCT c.institution_id, c.period FROM changed c) FOR SHARE;
        SELECT p.period INTO closed FROM periods p
          WHERE p.state = 'closed' AND (p.institution_id, p.period) IN (SELECT DISTINCT c.institution_id, c.period FROM changed c)
          ORDER BY p.period LIMIT 1;
        IF closed IS NOT NULL THEN
          RAISE EXCEPTION 'period % is closed', closed USING ERRCODE = 'CS409', DETAIL = closed, TABLE = TG_TABLE_NAME;
        END IF;
        RETURN NULL;
      END $$`);
    const guarded: Array<[string, string[]]> = [
      ['facts', ['INSERT', 'UPDATE', 'DELETE']],
      ['bindings', ['INSERT', 'UPDATE', 'DELETE']],
      ['evaluation_runs', ['INSERT']],
      ['scorecard_acknowledgements', ['INSERT']],
      ['appeals', ['INSERT']],
    ];
    for (const [table, events] of guarded) {
      for (const event of events) {
        const rows = event === 'DELETE' ? 'OLD TABLE AS changed' : 'NEW TABLE AS changed';
        await db.query(`CREATE TRIGGER ${table}_closed_period_${event.toLowerCase()} AFTER ${event} ON ${table} REFERENCING ${rows} FOR EACH STATEMENT EXECUTE FUNCTION refuse_closed_period_rows()`);
      }
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['facts', 'bindings', 'evaluation_runs', 'scorecard_acknowledgements', 'appeals']) {
      for (const event of ['insert', 'update', 'delete']) await db.query(`DROP TRIGGER IF EXISTS ${table}_closed_period_${event} ON ${table}`);
    }
    await db.query(`DROP FUNCTION refuse_closed_period_rows()`);
    await db.query(`DROP TABLE fact_corrections`);
    await db.query(`DROP TABLE appeals`);
    await db.query(`ALTER TABLE cases DROP CONSTRAINT cases_source_check`);
    await db.query(`ALTER TABLE cases ADD CONSTRAINT cases_source_check CHECK (source IN ('feedback', 'zone'))`);
    await db.query(`DROP TABLE scorecard_acknowledgements`);
    await db.query(`DROP TABLE periods`);
    await db.query(`ALTER TABLE evaluation_runs DROP CONSTRAINT evaluation_runs_correction`);
    await db.query(`ALTER TABLE evaluation_runs DROP COLUMN basis_run_id`);
    await db.query(`ALTER TABLE evaluation_runs DROP COLUMN staff_ids`);
    await db.query(`ALTER TABLE evaluation_runs DROP COLUMN reason`);
    await db.query(`ALTER TABLE institutions DROP COLUMN appeal_days`);
    await db.query(`ALTER TABLE institutions DROP COLUMN time_zone`);
  }
}
