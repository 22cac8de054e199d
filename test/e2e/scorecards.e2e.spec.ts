import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scorecardDetailResponseSchema } from '../../apps/api/src/modules/scorecards/scorecards.dto';
import { storeDocument } from './support/documents-fixture';
import { evaluate, type RunBody } from './support/evaluations-fixture';
import { bearer, createInstitution, type TestInstitution, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let alpha: TestInstitution;
let beta: TestInstitution;

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

interface ScorecardRow {
  id: string;
  runId: string;
  staffId: string;
  staffCode: string;
  staffName: string;
  teamId: string | null;
  teamName: string | null;
  period: string;
  scheme: { key: string; version: number };
  tier: string | null;
  composite: number | null;
  band: string | null;
  zone: 'red' | 'yellow' | 'blue' | null;
  promotion: { to: string; criteriaMet: boolean; eligible: boolean } | null;
  errorCount: number;
  current: boolean;
  experimentId: string | null;
  experimentArm: 'champion' | 'challenger' | null;
  createdAt: string;
}
interface IndicatorResult {
  status: string;
  value?: number;
  score?: number;
  weight?: number;
  share?: number;
  inputs?: Record<string, unknown>;
}
interface ScorecardDetail extends ScorecardRow {
  result: {
    staffId: string;
    team: string | null;
    indicators: Record<string, IndicatorResult>;
    dimensions: Record<string, { score: number | null; weight: number }>;
    composite: number | null;
    zones: Array<{ id: string; zone: string }>;
  };
  run: { id: string; status: string; period: string };
  explanation: {
    scheme: { key: string; version: number; name: unknown };
    indicators: Array<{ id: string; name: unknown; unit: string | null; direction: string; scoring: Record<string, unknown>; lines: Array<{ value: number; score: number }> }>;
    dimensions: Array<{ id: string; name: unknown; weight: number; parentId: string | null; children: string[]; indicators: Array<{ id: string; weight: number }> }>;
    topLevelDimensions: string[];
    bands: Array<{ id: string; name: unknown; min: number }>;
    zones: Array<{ id: string; name: unknown; zone: string; action: string | null }>;
  };
  teamMean: { teamId: string; count: number; composite: number | null; dimensions: Record<string, number | null> } | null;
}

interface FactsFile {
  staffId: string;
  team: string;
  tier: 'junior' | 'mid' | 'senior';
  inputs: Record<string, number | number[]>;
}
const FACTS = JSON.parse(readFileSync(join(__dirname, '../../rule-templates/facts/career-tiers.json'), 'utf8')) as FactsFile[];
const inputsOf = (code: string) => (FACTS.find((row) => row.staffId === code) as FactsFile).inputs;
const NAMES: Record<string, string> = { 'ct-01': 'Ann Lee', 'ct-02': 'Bo Chen', 'ct-03': 'Cai Wen', 'ct-04': 'Dee Park', 'ct-05': 'Eve Ma', 'ct-06': 'Fan Yu', 'ct-07': 'Gus Hale', 'ct-08': 'Hu Lan', 'ct-09': 'Ivy Solo' };

/** Alpha: Cardiology (team-a, managed by alpha.manager) with ct-01…ct-04, Oncology (team-b) with ct-05…ct-08, ct-09 without a team. */
let cardiologyId: string;
let oncologyId: string;
const staffIds: Record<string, string> = {};
/** 2026-Q1 run twice (ct-02's satisfaction changed in between), 2026-Q2 once (ct-02 the same inputs as ct-01: a tie), 2026-03 for Oncology only (hm-3d9i: errors). */
let q1First: RunBody;
let q1Second: RunBody;
let q2: RunBody;
let monthly: RunBody;
let failedScorecardId: string;
let failedRunId: string;

const get = (user: TestUser, path: string) => t.http().get(path).set(bearer(user));
async function list(user: TestUser, filter: Record<string, unknown> = {}, query: Record<string, string> = {}) {
  const response = await get(user, '/api/scorecards')
    .query({ filter: JSON.stringify(filter), range: '[0,999]', sort: '["staffCode","ASC"]', ...query })
    .expect(200);
  return { items: response.body as ScorecardRow[], range: response.headers['content-range'] as string };
}
const codes = (rows: Array<{ staffCode: string }>) => rows.map((row) => row.staffCode);
/** The detail is put together as JSON text (the stored result spliced in): it must still be JSON of the documented shape. */
async function detail(user: TestUser, id: string): Promise<ScorecardDetail> {
  const response = await get(user, `/api/scorecards/${id}`).expect(200).expect('content-type', 'application/json; charset=utf-8');
  const parsed = scorecardDetailResponseSchema.safeParse(response.body);
  expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  return response.body as ScorecardDetail;
}
const one = async (filter: Record<string, unknown>) => {
  const { items } = await list(alpha.admin, filter);
  expect(items).toHaveLength(1);
  return items[0];
};

async function putFacts(period: string, rows: Array<{ code: string; inputs: Record<string, number | number[]> }>) {
  await t
    .http()
    .post('/api/facts')
    .set(bearer(alpha.admin))
    .send(rows.map((row) => ({ staffCode: row.code, period, inputs: row.inputs })))
    .expect(200);
}

beforeAll(async () => {
  t = await startTestApp({ evaluationChunkSize: 3 });
  alpha = await createInstitution(t, 'Alpha');
  beta = await createInstitution(t, 'Beta');
  const createTeam = async (body: Record<string, unknown>) => ((await t.http().post('/api/teams').set(bearer(alpha.admin)).send(body).expect(201)).body as { id: string }).id;
  cardiologyId = await createTeam({ name: 'Cardiology', managerId: alpha.manager.id });
  oncologyId = await createTeam({ name: 'Oncology' });
  const teams: Record<string, string> = { 'team-a': cardiologyId, 'team-b': oncologyId };
  for (const row of [...FACTS, { staffId: 'ct-09', team: '', tier: 'junior' as const, inputs: inputsOf('ct-05') }]) {
    const body = { code: row.staffId, name: NAMES[row.staffId], teamId: teams[row.team] ?? null, tier: row.tier };
    staffIds[row.staffId] = ((await t.http().post('/api/staff').set(bearer(alpha.admin)).send(body).expect(201)).body as { id: string }).id;
  }
  await t.http().post('/api/staff').set(bearer(beta.admin)).send({ code: 'ct-01', name: 'Beta Ann', tier: 'junior' }).expect(201);

  const quarterly = await storeDocument(t, alpha.id, 'career-tiers', ['published']);
  const hm = await storeDocument(t, alpha.id, 'hm-3d9i', ['published']);
  for (const period of ['2026-Q1', '2026-Q2']) await t.http().post('/api/bindings').set(bearer(alpha.admin)).send({ period, documentId: quarterly.id, version: 1 }).expect(201);
  await t.http().post('/api/bindings').set(bearer(alpha.admin)).send({ period: '2026-03', documentId: hm.id, version: 1 }).expect(201);

  const allStaff = Object.keys(staffIds).map((code) => ({ code, inputs: code === 'ct-09' ? inputsOf('ct-05') : inputsOf(code) }));
  await putFacts('2026-Q1', allStaff);
  q1First = await evaluate(t, alpha.admin, { period: '2026-Q1' });
  await putFacts('2026-Q1', [{ code: 'ct-02', inputs: { satisfaction_ratings: [5, 5, 5, 5] } }]);
  q1Second = await evaluate(t, alpha.admin, { period: '2026-Q1' });
  await putFacts('2026-Q2', allStaff.map((row) => (row.code === 'ct-02' ? { code: 'ct-02', inputs: inputsOf('ct-01') } : row)));
  q2 = await evaluate(t, alpha.admin, { period: '2026-Q2' });
  await putFacts('2026-03', [{ code: 'ct-05', inputs: { followups_planned: 30, followups_done: 28 } }]);
  monthly = await evaluate(t, alpha.admin, { period: '2026-03', teamId: oncologyId });

  // A run that failed after writing a scorecard: its scorecards must never be shown.
  const db = t.app.get(DataSource);
  [{ id: failedRunId }] = (await db.query(`INSERT INTO evaluation_runs (institution_id, period, status) VALUES ($1, '2026-Q1', 'failed') RETURNING id`, [alpha.id])) as Array<{ id: string }>;
  [{ id: failedScorecardId }] = (await db.query(
    `INSERT INTO scorecards (institution_id, run_id, staff_id, team_id, period, document_version_id, scheme_key, scheme_version, tier, composite, band, zone, error_count, current, result)
     SELECT institution_id, $1, staff_id, team_id, period, document_version_id, scheme_key, scheme_version, tier, composite, band, zone, error_count, false, result
       FROM scorecards WHERE run_id = $2 AND staff_id = $3 RETURNING id`,
    [failedRunId, q1Second.id, staffIds['ct-01']],
  )) as Array<{ id: string }>;
}, 120_000);
afterAll(async () => t?.close());

describe('GET /api/scorecards', () => {
  it('lists the current scorecards by default, one per staff member and period, with Content-Range', async () => {
    const { items, range } = await list(alpha.admin);
    // Q1 (9, from the second run), Q2 (9), 2026-03 (Oncology's 4).
    expect(items).toHaveLength(22);
    expect(range).toBe('scorecards 0-21/22');
    expect(items.every((row) => row.current)).toBe(true);
    expect(items.filter((row) => row.period === '2026-Q1').every((row) => row.runId === q1Second.id)).toBe(true);
    expect(items.filter((row) => row.period === '2026-Q2').every((row) => row.runId === q2.id)).toBe(true);
    expect(items.filter((row) => row.period === '2026-03').every((row) => row.runId === monthly.id && row.scheme.key === 'hm-3d9i')).toBe(true);
    expect(items.some((row) => row.id === failedScorecardId)).toBe(false);

    const ann = items.find((row) => row.staffCode === 'ct-01' && row.period === '2026-Q1') as ScorecardRow;
    expect(ann).toEqual({
      id: expect.any(String),
      runId: q1Second.id,
      staffId: staffIds['ct-01'],
      staffCode: 'ct-01',
      staffName: 'Ann Lee',
      teamId: cardiologyId,
      teamName: 'Cardiology',
      period: '2026-Q1',
      scheme: { key: 'career-tiers', version: 1 },
      tier: 'junior',
      composite: expect.closeTo(90.625, 9),
      band: 'A',
      zone: null,
      promotion: { to: 'mid', criteriaMet: true, eligible: false },
      errorCount: 0,
      current: true,
      experimentId: null,
      experimentArm: null,
      createdAt: expect.any(String),
    });
  });

  it('pages and sorts: composite, staffCode, staffName, period, band, zone, tier, createdAt', async () => {
    const page = await get(alpha.admin, '/api/scorecards')
      .query({ filter: JSON.stringify({ period: '2026-Q1' }), range: '[2,4]', sort: '["staffCode","DESC"]' })
      .expect(200);
    expect(codes(page.body as ScorecardRow[])).toEqual(['ct-07', 'ct-06', 'ct-05']);
    expect(page.headers['content-range']).toBe('scorecards 2-4/9');
    const past = await get(alpha.admin, '/api/scorecards').query({ range: '[100,109]' }).expect(200);
    expect(past.headers['content-range']).toBe('scorecards 100-100/22');

    const q1 = { period: '2026-Q1' };
    const byComposite = (await list(alpha.admin, q1, { sort: '["composite","DESC"]' })).items.map((row) => row.composite as number);
    expect(byComposite).toEqual([...byComposite].sort((a, b) => b - a));
    expect(codes((await list(alpha.admin, q1, { sort: '["staffName","ASC"]' })).items)).toEqual(['ct-01', 'ct-02', 'ct-03', 'ct-04', 'ct-05', 'ct-06', 'ct-07', 'ct-08', 'ct-09']);
    const bands = (await list(alpha.admin, q1, { sort: '["band","ASC"]' })).items.map((row) => row.band);
    expect(bands).toEqual([...bands].sort());
    // Zones sort by severity: red before yellow before blue, none last.
    const zones = (await list(alpha.admin, q1, { sort: '["zone","DESC"]' })).items.map((row) => row.zone);
    expect(zones[0]).toBe('red');
    expect(zones.indexOf(null)).toBeGreaterThan(zones.lastIndexOf('yellow'));
    const tiers = (await list(alpha.admin, q1, { sort: '["tier","ASC"]' })).items.map((row) => row.tier);
    expect(tiers).toEqual([...tiers].sort());
    const periods = (await list(alpha.admin, {}, { sort: '["period","ASC"]' })).items.map((row) => row.period);
    expect(periods).toEqual([...periods].sort());
    const created = (await list(alpha.admin, {}, { sort: '["createdAt","DESC"]' })).items.map((row) => row.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('filters by period, teamId (null: no team), tier, band, zone, staffId, q, hasErrors and id', async () => {
    expect(codes((await list(alpha.admin, { period: '2026-03' })).items)).toEqual(['ct-05', 'ct-06', 'ct-07', 'ct-08']);
    expect(codes((await list(alpha.admin, { period: '2026-Q1', teamId: cardiologyId })).items)).toEqual(['ct-01', 'ct-02', 'ct-03', 'ct-04']);
    expect(codes((await list(alpha.admin, { period: '2026-Q1', teamId: null })).items)).toEqual(['ct-09']);
    expect(codes((await list(alpha.admin, { period: '2026-Q1', tier: 'senior' })).items)).toEqual(['ct-06', 'ct-07']);
    const q1 = (await list(alpha.admin, { period: '2026-Q1' })).items;
    for (const band of ['A', 'B', 'C', 'D']) {
      expect(codes((await list(alpha.admin, { period: '2026-Q1', band })).items)).toEqual(codes(q1.filter((row) => row.band === band)));
    }
    expect(codes((await list(alpha.admin, { period: '2026-Q1', zone: 'red' })).items)).toEqual(['ct-07']);
    expect(codes((await list(alpha.admin, { period: '2026-Q1', zone: null })).items)).toEqual(codes(q1.filter((row) => row.zone === null)));
    expect((await list(alpha.admin, { staffId: staffIds['ct-05'] })).items.map((row) => row.period).sort()).toEqual(['2026-03', '2026-Q1', '2026-Q2']);
    expect(codes((await list(alpha.admin, { period: '2026-Q1', q: 'CT-0' })).items)).toHaveLength(9);
    expect(codes((await list(alpha.admin, { period: '2026-Q1', q: 'chen' })).items)).toEqual(['ct-02']);
    expect(codes((await list(alpha.admin, { period: '2026-Q1', q: '%' })).items)).toEqual([]);
    // The hm-3d9i run's scorecards lack plan_updates for the extra_plan_updates adjustment: errors.
    const withErrors = (await list(alpha.admin, { hasErrors: true })).items;
    expect(withErrors.map((row) => row.period)).toEqual(['2026-03', '2026-03', '2026-03', '2026-03']);
    expect(withErrors.every((row) => row.errorCount > 0)).toBe(true);
    expect((await list(alpha.admin, { hasErrors: false })).items).toHaveLength(18);
    const picked = [q1[0].id, q1[3].id];
    expect((await list(alpha.admin, { id: picked })).items.map((row) => row.id).sort()).toEqual([...picked].sort());
    expect((await list(alpha.admin, { id: failedScorecardId })).items).toEqual([]);
    // No split experiment chose any version here (the split e2e covers tagged scorecards).
    expect((await list(alpha.admin, { period: '2026-Q1', experimentId: null, experimentArm: null })).items).toHaveLength(9);
    expect((await list(alpha.admin, { period: '2026-Q1', experimentArm: 'challenger' })).items).toEqual([]);
  });

  it('keeps an older run readable by runId and id; the newer run is current; a run that did not succeed shows nothing', async () => {
    const older = (await list(alpha.admin, { runId: q1First.id })).items;
    expect(older).toHaveLength(9);
    expect(older.every((row) => !row.current && row.runId === q1First.id)).toBe(true);
    const newer = (await list(alpha.admin, { runId: q1Second.id })).items;
    expect(newer.every((row) => row.current)).toBe(true);
    expect((await list(alpha.admin, { period: '2026-Q1', current: false })).items.map((row) => row.id).sort()).toEqual(older.map((row) => row.id).sort());

    // ct-02's satisfaction went from 55 to 100 between the runs.
    const [before] = older.filter((row) => row.staffCode === 'ct-02');
    const [after] = newer.filter((row) => row.staffCode === 'ct-02');
    expect(before.composite).toBeCloseTo(44.1666667, 6);
    expect(after.composite).toBeCloseTo((100 + 33.3333333) / 2, 6);
    const old = await detail(alpha.admin, before.id);
    expect(old).toMatchObject({ current: false, runId: q1First.id, run: { id: q1First.id, status: 'succeeded' } });
    expect(old.result.indicators.satisfaction).toMatchObject({ value: 55, score: 55 });

    expect((await list(alpha.admin, { runId: failedRunId })).items).toEqual([]);
    await get(alpha.admin, `/api/scorecards/${failedScorecardId}`).expect(404);
  });
});

describe('GET /api/scorecards/:id', () => {
  it('explains every number of ct-01 (junior, Q1): the hand-checked composite, indicator lines and names, dimension tree, bands and zones', async () => {
    const row = await one({ period: '2026-Q1', staffId: staffIds['ct-01'] });
    const body = await detail(alpha.admin, row.id);
    expect(body).toMatchObject({ ...row, run: { id: q1Second.id, status: 'succeeded', period: '2026-Q1' } });

    // Tier junior: record_completeness 72/80 = 90 % → 80 (target), followup_rate 38/40 = 95 % →
    // 80 + (95 − 90) / (98 − 90) × 20 = 92.5, satisfaction mean(5,5,4,5,5,4,5,5) × 20 = 95 (raw).
    // client = 95; professional (tier weights 50/50) = (80 + 92.5) / 2 = 86.25; organisation has
    // no junior indicator. Composite = (40 × 95 + 40 × 86.25) / 80 = 90.625 → band A.
    const { indicators, dimensions } = body.result;
    expect(indicators.record_completeness).toMatchObject({ status: 'ok', value: expect.closeTo(90, 9), score: expect.closeTo(80, 9), weight: 50, share: 0.25 });
    expect(indicators.followup_rate).toMatchObject({ status: 'ok', value: 95, score: expect.closeTo(92.5, 9), weight: 50, share: 0.25, inputs: { followups_done: 38, followups_planned: 40 } });
    expect(indicators.satisfaction).toMatchObject({ status: 'ok', value: 95, score: 95, weight: 50, share: 0.5 });
    expect(indicators.mentoring).toEqual({ status: 'excluded' });
    expect(dimensions.client).toEqual({ score: 95, weight: 40 });
    expect(dimensions.professional.score).toBeCloseTo(86.25, 9);
    expect(dimensions.organisation).toEqual({ score: null, weight: 20 });
    expect(body.result.composite).toBeCloseTo((40 * 95 + 40 * 86.25) / 80, 9);
    expect(body.result.staffId).toBe('ct-01');
    expect(body.result.team).toBe(cardiologyId);

    const { explanation } = body;
    expect(explanation.scheme).toEqual({ key: 'career-tiers', version: 1, name: { zh: '分层职业发展考核', en: 'Career tiers' } });
    const indicator = (id: string) => explanation.indicators.find((item) => item.id === id);
    expect(explanation.indicators.map((item) => item.id)).toEqual([
      'record_completeness',
      'followup_rate',
      'satisfaction',
      'intervention_effectiveness',
      'behaviour_change_rate',
      'collaboration',
      'long_term_retention',
      'risk_reduction',
      'mentoring',
    ]);
    expect(indicator('followup_rate')).toMatchObject({
      name: { zh: '随访完成率', en: 'Follow-up rate' },
      unit: '%',
      direction: 'higher',
      formula: 'followups_done / followups_planned * 100',
      missing: 'exclude',
      scoring: { type: 'thresholds', baseline: 80, target: 90, excellent: 98, points: { baseline: 60, target: 80, excellent: 100 } },
      lines: [
        { value: 80, score: 60 },
        { value: 90, score: 80 },
        { value: 98, score: 100 },
      ],
    });
    expect(indicator('behaviour_change_rate')?.lines).toEqual([
      { value: 10, score: 0 },
      { value: 30, score: 60 },
      { value: 45, score: 80 },
      { value: 60, score: 100 },
    ]);
    expect(indicator('collaboration')).toMatchObject({
      unit: '例',
      lines: [
        { value: 4, score: 100 },
        { value: 2, score: 80 },
        { value: 1, score: 60 },
      ],
    });
    expect(indicator('risk_reduction')?.lines).toEqual([
      { value: 0, score: 0 },
      { value: 20, score: 100 },
    ]);
    expect(indicator('satisfaction')).toMatchObject({ unit: null, scoring: { type: 'raw' }, lines: [], missing: 'zero' });
    expect(explanation.topLevelDimensions).toEqual(['client', 'professional', 'organisation']);
    expect(explanation.dimensions).toEqual([
      {
        id: 'client',
        name: { zh: '客户维度', en: 'Client' },
        weight: 40,
        parentId: null,
        depth: 0,
        children: [],
        indicators: [
          { id: 'satisfaction', weight: 50 },
          { id: 'behaviour_change_rate', weight: 25 },
          { id: 'long_term_retention', weight: 25 },
        ],
      },
      expect.objectContaining({ id: 'professional', name: { zh: '专业维度', en: 'Professional' }, parentId: null }),
      expect.objectContaining({ id: 'organisation', name: { zh: '组织维度', en: 'Organisation' }, weight: 20 }),
    ]);
    expect(explanation.bands).toEqual([
      { id: 'A', name: { zh: '优秀', en: 'Excellent' }, min: 90 },
      { id: 'B', name: { zh: '良好', en: 'Good' }, min: 80 },
      { id: 'C', name: { zh: '合格', en: 'Satisfactory' }, min: 60 },
      { id: 'D', name: { zh: '待改进', en: 'Needs improvement' }, min: 0 },
    ]);
    expect(explanation.zones).toEqual([
      { id: 'major_complaint', name: { zh: '重大投诉', en: 'Major complaint' }, zone: 'red', action: 'suspend_and_train' },
      { id: 'low_satisfaction', name: { zh: '满意度偏低', en: 'Low satisfaction' }, zone: 'yellow', action: 'assign_mentor' },
      { id: 'record_process_gap', name: { zh: '建档流程缺陷', en: 'Record-keeping process gap' }, zone: 'blue', action: 'process_improvement' },
    ]);
  });

  it('gives the team means per top-level dimension over the same run and team (radar: staff vs team)', async () => {
    const team = (await list(alpha.admin, { runId: q1Second.id, teamId: cardiologyId })).items;
    expect(codes(team)).toEqual(['ct-01', 'ct-02', 'ct-03', 'ct-04']);
    const details = await Promise.all(team.map((row) => detail(alpha.admin, row.id)));
    const meanOf = (values: Array<number | null>) => {
      const present = values.filter((value): value is number => value !== null);
      return present.length === 0 ? null : present.reduce((sum, value) => sum + value, 0) / present.length;
    };
    const expected = Object.fromEntries(['client', 'professional', 'organisation'].map((id) => [id, meanOf(details.map((item) => item.result.dimensions[id].score))]));
    const { teamMean } = details[0];
    expect(teamMean).toMatchObject({ teamId: cardiologyId, count: 4 });
    expect(teamMean?.composite).toBeCloseTo(meanOf(details.map((item) => item.composite)) as number, 9);
    for (const id of ['client', 'professional', 'organisation']) expect(teamMean?.dimensions[id]).toBeCloseTo(expected[id] as number, 9);
    // Only the mids have an organisation score (collaboration): ct-03 and ct-04.
    expect(details.map((item) => item.result.dimensions.organisation.score !== null)).toEqual([false, false, true, true]);
    // ct-02 after the second run: client 100 (satisfaction), so the client mean moved with it.
    expect(details[1].result.dimensions.client.score).toBe(100);

    // The older run's means are its own.
    const older = (await list(alpha.admin, { runId: q1First.id, teamId: cardiologyId, staffId: staffIds['ct-02'] })).items[0];
    const olderDetail = await detail(alpha.admin, older.id);
    expect(olderDetail.teamMean?.dimensions.client).toBeLessThan(teamMean?.dimensions.client as number);

    const solo = await detail(alpha.admin, (await one({ period: '2026-Q1', staffId: staffIds['ct-09'] })).id);
    expect(solo.teamMean).toBeNull();
  });

  it('flags the zones of a scorecard: ct-07 red (major complaint), ct-02 in Q1 run 1 yellow and blue', async () => {
    const gus = await detail(alpha.admin, (await one({ period: '2026-Q1', staffId: staffIds['ct-07'] })).id);
    expect(gus.zone).toBe('red');
    expect(gus.result.zones.map((zone) => zone.id)).toContain('major_complaint');
    const bo = (await list(alpha.admin, { runId: q1First.id, staffId: staffIds['ct-02'] })).items[0];
    expect(bo.zone).toBe('yellow');
    expect((await detail(alpha.admin, bo.id)).result.zones).toEqual([
      { id: 'low_satisfaction', zone: 'yellow', action: 'assign_mentor' },
      { id: 'record_process_gap', zone: 'blue', action: 'process_improvement' },
    ]);
  });
});

describe('GET /api/staff/:id/trend', () => {
  it('lists the current scorecard per period, oldest first, with the latest scheme’s dimension names', async () => {
    const response = await get(alpha.admin, `/api/staff/${staffIds['ct-01']}/trend`).expect(200);
    const q1 = await one({ period: '2026-Q1', staffId: staffIds['ct-01'] });
    const q2Row = await one({ period: '2026-Q2', staffId: staffIds['ct-01'] });
    expect(response.body).toEqual({
      staffId: staffIds['ct-01'],
      staffCode: 'ct-01',
      staffName: 'Ann Lee',
      dimensions: [
        { id: 'client', name: { zh: '客户维度', en: 'Client' }, parentId: null },
        { id: 'professional', name: { zh: '专业维度', en: 'Professional' }, parentId: null },
        { id: 'organisation', name: { zh: '组织维度', en: 'Organisation' }, parentId: null },
      ],
      points: [
        {
          period: '2026-Q1',
          scorecardId: q1.id,
          scheme: { key: 'career-tiers', version: 1 },
          tier: 'junior',
          composite: expect.closeTo(90.625, 9),
          band: 'A',
          zone: null,
          dimensions: { client: 95, professional: expect.closeTo(86.25, 9), organisation: null },
        },
        expect.objectContaining({ period: '2026-Q2', scorecardId: q2Row.id, composite: expect.closeTo(90.625, 9), band: 'A' }),
      ],
    });
    // Two quarters in a row meeting the criteria: eligible for promotion in Q2.
    expect(q2Row.promotion).toEqual({ to: 'mid', criteriaMet: true, eligible: true });

    const gus = (await get(alpha.admin, `/api/staff/${staffIds['ct-05']}/trend`).expect(200)).body as { points: Array<{ period: string; scheme: { key: string } }> };
    expect(gus.points.map((point) => [point.period, point.scheme.key])).toEqual([
      ['2026-03', 'hm-3d9i'],
      ['2026-Q1', 'career-tiers'],
      ['2026-Q2', 'career-tiers'],
    ]);
  });

  it('answers 404 for an unknown staff member and an empty trend for one never evaluated', async () => {
    await get(alpha.admin, `/api/staff/${UNKNOWN_ID}/trend`).expect(404);
    const newcomer = (await t.http().post('/api/staff').set(bearer(alpha.admin)).send({ code: 'ct-99', name: 'New', tier: 'junior', teamId: cardiologyId }).expect(201)).body as { id: string };
    expect((await get(alpha.manager, `/api/staff/${newcomer.id}/trend`).expect(200)).body).toMatchObject({ staffCode: 'ct-99', dimensions: [], points: [] });
  });
});

describe('GET /api/teams/:id/summary', () => {
  it('summarises a team’s period: means, every band and zone with zero counts, a ranking with a tie', async () => {
    const response = await get(alpha.quality, `/api/teams/${cardiologyId}/summary`).query({ period: '2026-Q2' }).expect(200);
    const rows = (await list(alpha.admin, { period: '2026-Q2', teamId: cardiologyId })).items;
    const details = await Promise.all(rows.map((row) => detail(alpha.admin, row.id)));
    const body = response.body as {
      count: number;
      scored: number;
      meanComposite: number;
      schemes: unknown[];
      dimensions: Array<{ id: string; name: unknown; mean: number | null }>;
      bands: Array<{ id: string; count: number }>;
      zones: Array<{ zone: string; count: number }>;
      noZone: number;
      unbanded: number;
      zoneRules: Array<{ id: string; count: number }>;
      ranking: Array<{ rank: number | null; staffCode: string; composite: number | null; staffId: string; staffName: string; band: string | null }>;
    };
    expect(body).toMatchObject({ teamId: cardiologyId, teamName: 'Cardiology', period: '2026-Q2', count: 4, scored: 4, unbanded: 0, schemes: [{ key: 'career-tiers', version: 1 }] });
    const composites = rows.map((row) => row.composite as number);
    expect(body.meanComposite).toBeCloseTo(composites.reduce((sum, value) => sum + value, 0) / 4, 9);
    expect(body.dimensions.map((dimension) => [dimension.id, dimension.name])).toEqual([
      ['client', { zh: '客户维度', en: 'Client' }],
      ['professional', { zh: '专业维度', en: 'Professional' }],
      ['organisation', { zh: '组织维度', en: 'Organisation' }],
    ]);
    for (const dimension of body.dimensions) {
      const scores = details.map((item) => item.result.dimensions[dimension.id].score).filter((score): score is number => score !== null);
      expect(dimension.mean).toBeCloseTo(scores.reduce((sum, value) => sum + value, 0) / scores.length, 9);
    }
    // The team means of the summary are those of the scorecard explanation (one run, one team).
    expect(details[0].teamMean?.dimensions.client).toBeCloseTo(body.dimensions[0].mean as number, 9);

    const bandCount = (id: string) => rows.filter((row) => row.band === id).length;
    expect(body.bands).toEqual(['A', 'B', 'C', 'D'].map((id) => ({ id, name: expect.any(Object), count: bandCount(id) })));
    expect(body.bands.reduce((sum, band) => sum + band.count, 0)).toBe(4);
    expect(body.bands.some((band) => band.count === 0)).toBe(true);
    expect(body.zones).toEqual(['red', 'yellow', 'blue'].map((zone) => ({ zone, count: rows.filter((row) => row.zone === zone).length })));
    expect(body.noZone).toBe(rows.filter((row) => row.zone === null).length);
    expect(body.zoneRules.map((rule) => rule.id)).toEqual(['major_complaint', 'low_satisfaction', 'record_process_gap']);
    expect(body.zoneRules[0].count).toBe(0);

    // ct-01 and ct-02 had the same inputs in Q2: equal composites share a rank, the next rank skips.
    const ranking = body.ranking;
    expect(ranking.map((entry) => entry.composite)).toEqual([...composites].sort((a, b) => b - a));
    const ann = ranking.find((entry) => entry.staffCode === 'ct-01');
    const bo = ranking.find((entry) => entry.staffCode === 'ct-02');
    expect(ann?.composite).toBeCloseTo(90.625, 9);
    expect(bo?.composite).toBe(ann?.composite);
    expect(bo?.rank).toBe(ann?.rank);
    expect(ranking.indexOf(bo as (typeof ranking)[number])).toBe(ranking.indexOf(ann as (typeof ranking)[number]) + 1);
    expect(ranking.map((entry) => entry.rank)).toEqual(expectedRanks(ranking.map((entry) => entry.composite as number)));
    expect(new Set(ranking.map((entry) => entry.rank)).size).toBe(3);
    expect(ann).toMatchObject({ staffId: staffIds['ct-01'], staffName: 'Ann Lee', band: 'A' });
  });

  it('reports an empty period with the count 0; 404 for unknown or another institution’s team; 400 without a good period', async () => {
    expect((await get(alpha.admin, `/api/teams/${cardiologyId}/summary`).query({ period: '2025-Q4' }).expect(200)).body).toMatchObject({ count: 0, meanComposite: null, ranking: [], bands: [] });
    await get(alpha.admin, `/api/teams/${UNKNOWN_ID}/summary`).query({ period: '2026-Q2' }).expect(404);
    await get(beta.admin, `/api/teams/${cardiologyId}/summary`).query({ period: '2026-Q2' }).expect(404);
    await get(alpha.admin, `/api/teams/${cardiologyId}/summary`).expect(400);
    await get(alpha.admin, `/api/teams/${cardiologyId}/summary`).query({ period: '2026-Q5' }).expect(400);
    await get(alpha.admin, `/api/teams/${cardiologyId}/summary`).query({ period: '2026-Q2', extra: '1' }).expect(400);
    await get(alpha.admin, '/api/teams/not-a-uuid/summary').query({ period: '2026-Q2' }).expect(400);
  });
});

/** Competition ranking over composites sorted high to low: 1, 2, 2, 4. */
function expectedRanks(sorted: number[]): number[] {
  return sorted.map((value) => sorted.findIndex((other) => other === value) + 1);
}

describe('visibility', () => {
  it('a staff user sees only their own scorecards and trend, and no team summary (403)', async () => {
    // Not yet linked to a staff member: nothing at all.
    expect((await list(alpha.staff)).items).toEqual([]);
    await t.http().put(`/api/users/${alpha.staff.id}`).set(bearer(alpha.admin)).send({ staffId: staffIds['ct-01'] }).expect(200);
    // Linked, but nothing is published yet: staff see results only of published periods.
    expect((await list(alpha.staff)).items).toEqual([]);
    for (const period of ['2026-Q1', '2026-Q2']) await t.http().post(`/api/periods/${period}/publish`).set(bearer(alpha.admin)).expect(200);

    // By staff code, then newest period first.
    const { items, range } = await list(alpha.staff);
    expect(items.map((row) => [row.staffCode, row.period])).toEqual([
      ['ct-01', '2026-Q2'],
      ['ct-01', '2026-Q1'],
    ]);
    expect(range).toBe('scorecards 0-1/2');
    expect((await list(alpha.staff, { runId: q1First.id })).items.map((row) => row.staffCode)).toEqual(['ct-01']);
    const own = await detail(alpha.staff, items[1].id);
    expect(own.teamMean?.count).toBe(4);
    const other = await one({ period: '2026-Q1', staffId: staffIds['ct-02'] });
    await get(alpha.staff, `/api/scorecards/${other.id}`).expect(404);
    expect((await list(alpha.staff, { id: [other.id, items[0].id] })).items.map((row) => row.id)).toEqual([items[0].id]);
    await get(alpha.staff, `/api/staff/${staffIds['ct-01']}/trend`).expect(200);
    await get(alpha.staff, `/api/staff/${staffIds['ct-02']}/trend`).expect(404);
    await get(alpha.staff, `/api/teams/${cardiologyId}/summary`).query({ period: '2026-Q2' }).expect(403);
  });

  it('a manager sees the staff of the teams they manage only', async () => {
    const { items } = await list(alpha.manager, { period: '2026-Q1' });
    expect(codes(items)).toEqual(['ct-01', 'ct-02', 'ct-03', 'ct-04']);
    expect((await list(alpha.manager, { period: '2026-Q1', teamId: oncologyId })).items).toEqual([]);
    expect((await list(alpha.manager, { runId: q1First.id })).items).toHaveLength(4);
    const outsider = await one({ period: '2026-Q1', staffId: staffIds['ct-05'] });
    await get(alpha.manager, `/api/scorecards/${outsider.id}`).expect(404);
    await detail(alpha.manager, items[0].id);
    await get(alpha.manager, `/api/staff/${staffIds['ct-05']}/trend`).expect(404);
    await get(alpha.manager, `/api/staff/${staffIds['ct-09']}/trend`).expect(404);
    await get(alpha.manager, `/api/staff/${staffIds['ct-03']}/trend`).expect(200);
    await get(alpha.manager, `/api/teams/${oncologyId}/summary`).query({ period: '2026-Q1' }).expect(404);
    expect((await get(alpha.manager, `/api/teams/${cardiologyId}/summary`).query({ period: '2026-Q1' }).expect(200)).body).toMatchObject({ count: 4 });
  });

  it('admins and quality officers see the whole institution; another institution’s ids are 404', async () => {
    expect((await list(alpha.quality, { period: '2026-Q1' })).items).toHaveLength(9);
    const row = await one({ period: '2026-Q1', staffId: staffIds['ct-01'] });
    await detail(alpha.quality, row.id);
    expect((await list(beta.admin)).items).toEqual([]);
    expect((await list(beta.admin, { id: row.id })).items).toEqual([]);
    expect((await list(beta.admin, { runId: q1Second.id })).items).toEqual([]);
    await get(beta.admin, `/api/scorecards/${row.id}`).expect(404);
    await get(beta.admin, `/api/staff/${staffIds['ct-01']}/trend`).expect(404);
    await get(beta.manager, `/api/scorecards/${row.id}`).expect(404);
  });

  it('needs a token', async () => {
    await t.http().get('/api/scorecards').expect(401);
    await t.http().get(`/api/staff/${staffIds['ct-01']}/trend`).expect(401);
  });
});

describe('bad input', () => {
  it('answers 400 to malformed ids, filters, sorts and ranges', async () => {
    await get(alpha.admin, '/api/scorecards/not-a-uuid').expect(400);
    await get(alpha.admin, `/api/scorecards/${UNKNOWN_ID}`).expect(404);
    await get(alpha.admin, '/api/staff/not-a-uuid/trend').expect(400);
    const bad = async (query: Record<string, string>) => (await get(alpha.admin, '/api/scorecards').query(query).expect(400)).body as { details: Array<{ path: string }> };
    expect((await bad({ filter: JSON.stringify({ period: '2026-13' }) })).details[0].path).toBe('filter.period');
    expect((await bad({ filter: JSON.stringify({ period: 'Q1-2026' }) })).details[0].path).toBe('filter.period');
    expect((await bad({ filter: JSON.stringify({ runId: 'nope' }) })).details[0].path).toBe('filter.runId');
    expect((await bad({ filter: JSON.stringify({ zone: 'green' }) })).details[0].path).toBe('filter.zone');
    expect((await bad({ filter: JSON.stringify({ hasErrors: 'yes' }) })).details[0].path).toBe('filter.hasErrors');
    expect((await bad({ filter: JSON.stringify({ colour: 'red' }) })).details[0].path).toBe('filter');
    await bad({ sort: '["result","ASC"]' });
    await bad({ range: '[5,1]' });
    await bad({ filter: '{"period":' });
  });
});

describe('OpenAPI', () => {
  it('documents every scorecard route with its zod response schema', async () => {
    const docs = (await t.http().get('/api/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: { properties?: Record<string, unknown> } }> }> }>> };
    for (const path of ['/api/scorecards', '/api/scorecards/export', '/api/scorecards/{id}', '/api/staff/{id}/trend', '/api/teams/{id}/summary']) expect(docs.paths[path]?.get, path).toBeDefined();
    const detailSchema = docs.paths['/api/scorecards/{id}'].get.responses['200'].content?.['application/json'].schema;
    expect(Object.keys(detailSchema?.properties ?? {})).toEqual(expect.arrayContaining(['result', 'explanation', 'teamMean', 'run']));
    expect(Object.keys(docs.paths['/api/teams/{id}/summary'].get.responses['200'].content?.['application/json'].schema.properties ?? {})).toContain('ranking');
  });
});
