import type { Client } from 'pg';

/**
 * An institution at the scale of the issue-13 finding, written straight into a migrated database with SQL (building
 * it through the API would take the bench minutes of runs): 50 060 staff — 100 teams of 500 and 3 small teams of 20
 * — and four monthly periods of current scorecards from succeeded runs (200 240 rows, each result ~2 kB as the
 * engine writes them). The first small team is managed by `managerId`, so that manager's scope holds 20 staff.
 */
export interface ListDataset {
  institutionId: string;
  managerTeamId: string;
  periods: string[];
  staff: number;
  scorecards: number;
}

export const LIST_DATASET_PERIODS = ['2026-01', '2026-02', '2026-03', '2026-04'];
const BIG_TEAMS = 100;
const BIG_TEAM_SIZE = 500;
const SMALL_TEAMS = 3;
const SMALL_TEAM_SIZE = 20;

/** A result shaped like the engine's (a dozen indicators, three dimensions, promotion), about 2 kB of jsonb. */
const RESULT = JSON.stringify({
  indicators: Object.fromEntries(
    Array.from({ length: 12 }, (_, i) => [`indicator_${i + 1}`, { value: 88.5, score: 81.25, weight: 8, inputs: { done: 28, planned: 30 }, status: 'scored' }]),
  ),
  dimensions: { execution: { score: 84.2, weight: 40 }, professional: { score: 79.1, weight: 35 }, satisfaction: { score: 91.7, weight: 25 } },
  adjustments: [],
  zones: [],
  hints: [],
  promotion: { eligible: false, criteriaMet: false, consecutive: 0 },
});

export async function createListDataset(db: Client, institutionId: string, managerId: string, documentVersionId: string): Promise<ListDataset> {
  await db.query('BEGIN');
  await db.query(
    `INSERT INTO teams (institution_id, name, manager_id)
     SELECT $1::uuid, 'Ward ' || lpad(i::text, 3, '0'), NULL FROM generate_series(1, ${BIG_TEAMS}) i
     UNION ALL
     SELECT $1::uuid, 'Small ' || i, CASE WHEN i = 1 THEN $2::uuid END FROM generate_series(1, ${SMALL_TEAMS}) i`,
    [institutionId, managerId],
  );
  // Codes D000001…: `q=D0` matches every one of them, as in the finding; names are "<surname> <number>".
  await db.query(
    `WITH numbered AS (SELECT id, name, row_number() OVER (PARTITION BY name LIKE 'Ward %' ORDER BY name) AS n FROM teams WHERE institution_id = $1)
     INSERT INTO staff (institution_id, code, name, team_id, tier)
     SELECT $1::uuid, 'D' || lpad(k::text, 6, '0'), (ARRAY['Wang','Li','Zhang','Liu','Chen','Yang','Zhao','Huang'])[1 + k % 8] || ' ' || k, t.id,
            (ARRAY['junior','mid','senior'])[1 + k % 3]
       FROM numbered t
       CROSS JOIN LATERAL generate_series(
         CASE WHEN t.name LIKE 'Ward %' THEN (t.n - 1) * ${BIG_TEAM_SIZE} + 1 ELSE ${BIG_TEAMS * BIG_TEAM_SIZE} + (t.n - 1) * ${SMALL_TEAM_SIZE} + 1 END,
         CASE WHEN t.name LIKE 'Ward %' THEN t.n * ${BIG_TEAM_SIZE} ELSE ${BIG_TEAMS * BIG_TEAM_SIZE} + t.n * ${SMALL_TEAM_SIZE} END) k`,
    [institutionId],
  );
  for (const period of LIST_DATASET_PERIODS) {
    const {
      rows: [run],
    } = await db.query<{ id: string }>(
      `INSERT INTO evaluation_runs (institution_id, period, status, total, done, started_at, finished_at) VALUES ($1, $2, 'succeeded', 0, 0, now(), now()) RETURNING id`,
      [institutionId, period],
    );
    await db.query(
      `INSERT INTO scorecards (institution_id, run_id, staff_id, team_id, period, document_version_id, scheme_key, scheme_version, tier, composite, band, zone, promotion_eligible, current, result)
       SELECT $1::uuid, $2::uuid, s.id, s.team_id, $3, $4::uuid, 'hm-3d9i', 1, s.tier, s.composite,
              CASE WHEN s.composite >= 90 THEN 'A' WHEN s.composite >= 80 THEN 'B' WHEN s.composite >= 70 THEN 'C' ELSE 'D' END,
              CASE WHEN s.composite < 60 THEN 'red' WHEN s.composite < 70 THEN 'yellow' END, false, true, $5::jsonb
         FROM (SELECT id, team_id, tier, round((40 + random() * 60)::numeric, 2)::float8 AS composite FROM staff WHERE institution_id = $1) s`,
      [institutionId, run.id, period, documentVersionId, RESULT],
    );
  }
  await db.query('COMMIT');
  await db.query('VACUUM ANALYZE staff');
  await db.query('VACUUM ANALYZE scorecards');
  await db.query('ANALYZE teams');
  await db.query('ANALYZE evaluation_runs');
  const {
    rows: [counts],
  } = await db.query<{ staff: number; scorecards: number; team: string }>(
    `SELECT (SELECT count(*)::int FROM staff WHERE institution_id = $1) AS staff, (SELECT count(*)::int FROM scorecards WHERE institution_id = $1) AS scorecards,
            (SELECT id FROM teams WHERE institution_id = $1 AND manager_id = $2) AS team`,
    [institutionId, managerId],
  );
  return { institutionId, managerTeamId: counts.team, periods: LIST_DATASET_PERIODS, staff: counts.staff, scorecards: counts.scorecards };
}
