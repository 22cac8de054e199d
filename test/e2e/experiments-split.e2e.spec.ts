import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileScheme, type Scorecard, type SchemeDocumentInput } from '@carescore/engine';
import { assignArm, assignmentBucket, welch } from '@carescore/stats';
import sampleFacts from '../../rule-templates/facts/career-tiers.json';
import { type StoredDocument, storeDocument } from './support/documents-fixture';
import { evaluate as evaluateRun, type RunBody } from './support/evaluations-fixture';
import { bearer, createInstitution, type TestInstitution, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Split (pilot) experiments: career-tiers v1 (champion, bound for 2026-Q1…Q3) against v2 (other
 * dimension weights) over the 8 staff of rule-templates/facts/career-tiers.json in two teams. Staff
 * and team ids are random, so each test picks the percentage that puts exactly k units in the
 * challenger arm from their assignment buckets, and checks every arm against assignArm.
 */
let t: TestApp;
let alpha: TestInstitution;
let careerTiers: StoredDocument;
const teams: Record<string, string> = {};
const staffIds: Record<string, string> = {};
const codeOf = new Map<string, string>();

interface OfficialCard {
  staff_id: string;
  code: string;
  team_id: string;
  document_version_id: string;
  scheme_version: number;
  experiment_id: string | null;
  experiment_arm: 'champion' | 'challenger' | null;
  current: boolean;
  result: Scorecard;
}

/** A run as the API returns it, with the staff a split experiment chose the version of. */
type SplitRun = RunBody & { overrides: Array<{ experimentId: string; arm: 'champion' | 'challenger'; documentVersionId: string; key: string; version: number; staff: number }> };
const evaluate = async (tapp: TestApp, user: TestUser, body: Record<string, unknown>) => (await evaluateRun(tapp, user, body)) as SplitRun;
const sql = <T>(query: string, params: unknown[] = []) => t.app.get(DataSource).query(query, params) as Promise<T[]>;
const post = (user: TestUser, path: string, body?: unknown) => t.http().post(`/api/experiments${path}`).set(bearer(user)).send(body as object);
const get = (user: TestUser, path: string) => t.http().get(`/api/experiments${path}`).set(bearer(user));
const cardsOf = (runId: string) =>
  sql<OfficialCard>(
    `SELECT s.staff_id, st.code, s.team_id, s.document_version_id, s.scheme_version, s.experiment_id, s.experiment_arm, s.current, s.result
       FROM scorecards s JOIN staff st ON st.id = s.staff_id WHERE s.run_id = $1 ORDER BY st.code`,
    [runId],
  );

/** The percentage that puts exactly the k units with the lowest buckets in the challenger arm. */
function percentFor(key: string, unitIds: string[], k: number): number {
  const buckets = unitIds.map((id) => assignmentBucket(key, id)).sort((a, b) => a - b);
  if (k > 0 && k < buckets.length) expect(buckets[k - 1]).toBeLessThan(buckets[k]);
  return k === 0 ? 0 : (buckets[k - 1] + 1) / 100;
}

const splitBody = (overrides: Record<string, unknown>) => ({
  name: { zh: '试点', en: 'Pilot' },
  champion: { documentId: careerTiers.id, version: 1 },
  challenger: { documentId: careerTiers.id, version: 2 },
  mode: 'split',
  unit: 'staff',
  ...overrides,
});

/** Both versions evaluated here with the engine over all 8 staff (team means over whole teams, no history). */
async function expectedQ1(): Promise<Record<1 | 2, Map<string, Scorecard>>> {
  const contents = await sql<{ version: 1 | 2; status: string; content: Record<string, unknown> }>(`SELECT version, status, content FROM document_versions WHERE document_id = $1 ORDER BY version`, [careerTiers.id]);
  const population = sampleFacts.map((fact) => ({ staffId: fact.staffId, team: teams[fact.team], tier: fact.tier, inputs: fact.inputs as Record<string, number | number[] | null> }));
  const expected = {} as Record<1 | 2, Map<string, Scorecard>>;
  for (const row of contents) {
    const cards = compileScheme({ ...row.content, version: row.version, status: row.status } as SchemeDocumentInput).evaluate(population, { period: '2026-Q1' });
    expected[row.version] = new Map(cards.map((card) => [card.staffId, card]));
  }
  return expected;
}

beforeAll(async () => {
  t = await startTestApp({ evaluationChunkSize: 3 });
  alpha = await createInstitution(t, 'Alpha');
  for (const name of ['team-a', 'team-b']) {
    teams[name] = ((await t.http().post('/api/teams').set(bearer(alpha.admin)).send({ name }).expect(201)).body as { id: string }).id;
  }
  for (const fact of sampleFacts) {
    const created = await t.http().post('/api/staff').set(bearer(alpha.admin)).send({ code: fact.staffId, name: fact.staffId, teamId: teams[fact.team], tier: fact.tier }).expect(201);
    staffIds[fact.staffId] = (created.body as { id: string }).id;
    codeOf.set(staffIds[fact.staffId], fact.staffId);
  }
  careerTiers = await storeDocument(t, alpha.id, 'career-tiers', ['published', 'draft']);
  // v2 weighs the client dimension far more than v1 (40/40/20 → 70/20/10); published versions are immutable, so edit the draft, then publish it.
  await sql(
    `UPDATE document_versions SET content = jsonb_set(jsonb_set(jsonb_set(content, '{dimensions,0,weight}', '70'), '{dimensions,1,weight}', '20'), '{dimensions,2,weight}', '10') WHERE id = $1`,
    [careerTiers.versions[2]],
  );
  await sql(`UPDATE document_versions SET status = 'published', content_hash = md5(content::text), published_at = now() WHERE id = $1`, [careerTiers.versions[2]]);
  for (const period of ['2026-Q1', '2026-Q2', '2026-Q3']) {
    await t.http().post('/api/bindings').set(bearer(alpha.admin)).send({ documentId: careerTiers.id, period, version: 1 }).expect(201);
    await t.http().post('/api/facts').set(bearer(alpha.admin)).send(sampleFacts.map((fact) => ({ staffCode: fact.staffId, period, inputs: fact.inputs }))).expect(200);
  }
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('split experiment with staff units', () => {
  const key = 'pilot-staff';
  let id: string;
  let q2Split: SplitRun;
  let challengersAt2: string[];

  it('a run scores the challenger arm officially by the challenger version and the champion arm by the champion, recording the arm', async () => {
    const percent = percentFor(key, Object.values(staffIds), 2);
    const created = await post(alpha.admin, '', splitBody({ key, periods: ['2026-Q1', '2026-Q2'], challengerPercent: percent }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    id = created.body.id;
    await post(alpha.admin, `/${id}/start`).expect(200);

    const run = await evaluate(t, alpha.quality, { period: '2026-Q1' });
    expect(run.pins.map((pin) => [pin.teamName, pin.version, pin.staff]).sort()).toEqual([
      ['team-a', 1, 4],
      ['team-b', 1, 4],
    ]);
    expect(run.overrides.map((o) => [o.experimentId, o.arm, o.version, o.documentVersionId, o.staff]).sort()).toEqual([
      [id, 'challenger', 2, careerTiers.versions[2], 2],
      [id, 'champion', 1, careerTiers.versions[1], 6],
    ]);

    const expected = await expectedQ1();
    const cards = await cardsOf(run.id);
    expect(cards).toHaveLength(8);
    challengersAt2 = [];
    for (const card of cards) {
      const arm = assignArm(key, card.staff_id, percent);
      const version = arm === 'challenger' ? 2 : 1;
      if (arm === 'challenger') challengersAt2.push(card.staff_id);
      expect(card).toMatchObject({ current: true, experiment_id: id, experiment_arm: arm, scheme_version: version, document_version_id: careerTiers.versions[version] });
      expect(card.result.scheme).toEqual({ key: 'career-tiers', version });
      // Whole scorecards, hints from team means included, as the engine gives them over all 8 staff.
      expect(card.result).toEqual(expected[version].get(card.code));
    }
    expect(challengersAt2).toHaveLength(2);
    expect(cards.some((card) => card.result.composite !== expected[card.scheme_version === 2 ? 1 : 2].get(card.code)?.composite)).toBe(true);

    // The scorecards API shows them as the official results, challenger arm on v2.
    const api = await t.http().get('/api/scorecards').query({ filter: JSON.stringify({ period: '2026-Q1' }), range: '[0,99]' }).set(bearer(alpha.admin)).expect(200);
    const versions = (api.body as Array<{ schemeVersion?: number; scheme?: { version: number } }>).map((card) => card.schemeVersion ?? card.scheme?.version);
    expect(versions.sort()).toEqual([1, 1, 1, 1, 1, 1, 2, 2]);
    const armOf = new Map(cards.map((card) => [card.staff_id, card.experiment_arm]));
    for (const card of api.body as Array<{ staffId: string; experimentId: string | null; experimentArm: string | null }>) {
      expect(card).toMatchObject({ experimentId: id, experimentArm: armOf.get(card.staffId) });
    }
    // Filtered by experiment and arm (ra-data-simple-rest filters), and by their absence.
    const listed = async (filter: Record<string, unknown>) => {
      const response = await t.http().get('/api/scorecards').query({ filter: JSON.stringify({ period: '2026-Q1', ...filter }), range: '[0,99]' }).set(bearer(alpha.admin));
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return (response.body as Array<{ staffId: string; experimentArm: string | null }>).map((card) => card.staffId).sort();
    };
    expect(await listed({ experimentId: id, experimentArm: 'challenger' })).toEqual([...challengersAt2].sort());
    expect(await listed({ experimentArm: 'champion' })).toHaveLength(6);
    expect(await listed({ experimentId: id })).toHaveLength(8);
    expect(await listed({ experimentId: null })).toEqual([]);
    expect(await listed({ experimentArm: null })).toEqual([]);
    await t.http().get('/api/scorecards').query({ filter: JSON.stringify({ experimentArm: 'both' }) }).set(bearer(alpha.admin)).expect(400);
  });

  it('raising the percentage only moves staff to the challenger, and the next run follows it', async () => {
    const before = new Map(((await get(alpha.admin, `/${id}/assignment`)).body.units as Array<{ id: string; arm: string }>).map((unit) => [unit.id, unit.arm]));
    const percent = percentFor(key, Object.values(staffIds), 5);
    const { key: _key, ...settings } = { key, ...splitBody({ periods: ['2026-Q1', '2026-Q2'], challengerPercent: percent }) };
    const raised = await t.http().put(`/api/experiments/${id}`).set(bearer(alpha.admin)).send(settings);
    expect(raised.status, JSON.stringify(raised.body)).toBe(200);
    const after = (await get(alpha.admin, `/${id}/assignment`)).body;
    expect(after.counts).toEqual({ champion: 3, challenger: 5 });
    for (const [unitId, arm] of before) if (arm === 'challenger') expect(after.units.find((unit: { id: string }) => unit.id === unitId).arm).toBe('challenger');

    q2Split = await evaluate(t, alpha.quality, { period: '2026-Q2' });
    const cards = await cardsOf(q2Split.id);
    const challengers = cards.filter((card) => card.experiment_arm === 'challenger').map((card) => card.staff_id);
    expect(challengers).toHaveLength(5);
    for (const staffId of challengersAt2) expect(challengers).toContain(staffId);
    for (const card of cards) {
      const arm = assignArm(key, card.staff_id, percent);
      expect(card).toMatchObject({ current: true, experiment_arm: arm, scheme_version: arm === 'challenger' ? 2 : 1 });
    }
    // Q1 keeps the scorecards of its own run.
    expect((await sql(`SELECT 1 FROM scorecards WHERE current AND period = '2026-Q1' AND experiment_arm = 'challenger'`)).length).toBe(2);
  });

  it('the outcome report compares the arms the staff were scored in on official scorecards of a later period', async () => {
    // 2026-Q3 is not an experiment period: the binding scores everyone, and nothing is tagged.
    const q3 = await evaluate(t, alpha.quality, { period: '2026-Q3' });
    expect(q3.overrides).toEqual([]);
    expect((await cardsOf(q3.id)).every((card) => card.scheme_version === 1 && card.experiment_arm === null)).toBe(true);
    const untagged = await t.http().get('/api/scorecards').query({ filter: JSON.stringify({ period: '2026-Q3', experimentId: null }), range: '[0,99]' }).set(bearer(alpha.admin)).expect(200);
    expect(untagged.body).toHaveLength(8);
    expect((untagged.body as Array<{ experimentId: unknown; experimentArm: unknown }>).every((card) => card.experimentId === null && card.experimentArm === null)).toBe(true);

    const arms = new Map((await sql<{ staff_id: string; experiment_arm: 'champion' | 'challenger' }>(`SELECT staff_id, experiment_arm FROM scorecards WHERE run_id = $1`, [q2Split.id])).map((row) => [row.staff_id, row.experiment_arm]));
    const values = await sql<{ staff_id: string; value: number }>(`SELECT staff_id, (result->'indicators'->'satisfaction'->>'value')::float8 AS value FROM scorecards WHERE run_id = $1`, [q3.id]);
    const by = (arm: string) => values.filter((row) => arms.get(row.staff_id) === arm).map((row) => row.value);
    const expected = welch(by('champion'), by('challenger'));

    const response = await get(alpha.manager, `/${id}/outcomes?period=2026-Q3&indicator=satisfaction`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const outcomes = response.body;
    expect(outcomes).toMatchObject({ unit: 'staff', basis: 'scorecards', staff: { champion: 3, challenger: 5 } });
    expect(outcomes.welch.a.n).toBe(3);
    expect(outcomes.welch.b.n).toBe(5);
    expect(outcomes.welch.a.mean).toBeCloseTo(expected.a.mean as number, 12);
    expect(outcomes.welch.b.mean).toBeCloseTo(expected.b.mean as number, 12);
    expect(outcomes.welch.difference).toBeCloseTo(expected.difference as number, 12);
    expect(outcomes.verdict).toMatchObject({ verdict: 'insufficient_data', units: { champion: 3, challenger: 5 } });

    // Q1's own arms were the smaller challenger share.
    expect((await get(alpha.manager, `/${id}/outcomes?period=2026-Q1&indicator=satisfaction`)).body.staff).toEqual({ champion: 6, challenger: 2 });
  });

  it('after stop, runs of its periods use the binding again', async () => {
    await post(alpha.admin, `/${id}/stop`).expect(200);
    const again = await evaluate(t, alpha.quality, { period: '2026-Q2' });
    expect(again.overrides).toEqual([]);
    expect(again.inputsDigest).not.toBe(q2Split.inputsDigest);
    const cards = await cardsOf(again.id);
    expect(cards.every((card) => card.current && card.scheme_version === 1 && card.experiment_id === null && card.experiment_arm === null)).toBe(true);
    expect((await cardsOf(q2Split.id)).some((card) => card.current)).toBe(false);
    // Q2's official results are the binding's now: the latest arms on record are Q1's.
    expect((await get(alpha.manager, `/${id}/outcomes?period=2026-Q2&indicator=satisfaction`)).body).toMatchObject({ basis: 'scorecards', staff: { champion: 6, challenger: 2 } });
  });
});

describe('split experiment with team units', () => {
  const key = 'pilot-teams';
  let id: string;

  it('keeps whole teams together, and refuses to start an overlapping split experiment', async () => {
    const percent = percentFor(key, Object.values(teams), 1);
    const created = await post(alpha.admin, '', splitBody({ key, unit: 'team', periods: ['2026-Q2'], challengerPercent: percent }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    id = created.body.id;
    await post(alpha.admin, `/${id}/start`).expect(200);

    const overlap = await post(alpha.admin, '', splitBody({ key: 'overlap', periods: ['2026-Q2', '2026-Q4'], teamIds: [teams['team-a']], challengerPercent: 50 }));
    expect(overlap.status).toBe(201);
    const refused = await post(alpha.admin, `/${overlap.body.id}/start`);
    expect(refused.status).toBe(409);
    expect(refused.body.details).toEqual([{ path: 'periods', message: `overlaps running split experiment ${key} (${id})` }]);
    expect((await get(alpha.admin, `/${overlap.body.id}`)).body.status).toBe('draft');

    const assignment = (await get(alpha.admin, `/${id}/assignment`)).body;
    expect(assignment.counts).toEqual({ champion: 1, challenger: 1 });
    const challengerTeam = (assignment.units as Array<{ id: string; arm: string }>).find((unit) => unit.arm === 'challenger')?.id;
    expect(assignArm(key, challengerTeam as string, percent)).toBe('challenger');

    const run = await evaluate(t, alpha.quality, { period: '2026-Q2' });
    const cards = await cardsOf(run.id);
    expect(cards).toHaveLength(8);
    for (const card of cards) {
      const arm = card.team_id === challengerTeam ? 'challenger' : 'champion';
      expect(card).toMatchObject({ current: true, experiment_id: id, experiment_arm: arm, scheme_version: arm === 'challenger' ? 2 : 1 });
    }

    // With whole teams assigned, the outcome compares team means: one unit per arm is too few.
    const outcomes = (await get(alpha.manager, `/${id}/outcomes?period=2026-Q2&indicator=satisfaction`)).body;
    expect(outcomes).toMatchObject({ unit: 'team', basis: 'scorecards', staff: { champion: 4, challenger: 4 }, verdict: { verdict: 'insufficient_data', units: { champion: 1, challenger: 1 } } });
    const teamMean = (team: string) => {
      const values = cards.filter((card) => card.team_id === team).map((card) => card.result.indicators.satisfaction.value as number);
      return values.reduce((sum, value) => sum + value, 0) / values.length;
    };
    expect(outcomes.welch.b.mean).toBeCloseTo(teamMean(challengerTeam as string), 12);
    await post(alpha.admin, `/${id}/stop`).expect(200);
  });

  it('a population of some teams leaves the other teams to their binding, in team runs too', async () => {
    const created = await post(alpha.admin, '', splitBody({ key: 'team-b-only', periods: ['2026-Q3'], teamIds: [teams['team-b']], challengerPercent: 100 }));
    await post(alpha.admin, `/${created.body.id}/start`).expect(200);
    const run = await evaluate(t, alpha.quality, { period: '2026-Q3' });
    for (const card of await cardsOf(run.id)) {
      if (card.team_id === teams['team-b']) expect(card).toMatchObject({ experiment_arm: 'challenger', scheme_version: 2 });
      else expect(card).toMatchObject({ experiment_arm: null, scheme_version: 1 });
    }
    const teamRun = await evaluate(t, alpha.quality, { period: '2026-Q3', teamId: teams['team-b'] });
    expect(teamRun.overrides.map((o) => [o.arm, o.version, o.staff])).toEqual([['challenger', 2, 4]]);
    await post(alpha.admin, `/${created.body.id}/stop`).expect(200);
  });
});

describe('a challenger that no longer compiles', () => {
  it('does not fail the official run: the experiment’s staff are scored by their binding, untagged, and the run says why', async () => {
    // A published version the engine refuses (weights sum to 130), as an engine upgrade could leave one.
    const broken = await storeDocument(t, alpha.id, 'career-tiers', ['draft'], 'career-broken');
    await sql(`UPDATE document_versions SET content = jsonb_set(content, '{dimensions,0,weight}', '70') WHERE id = $1`, [broken.versions[1]]);
    await sql(`UPDATE document_versions SET status = 'published', content_hash = md5(content::text), published_at = now() WHERE id = $1`, [broken.versions[1]]);
    const created = await post(alpha.admin, '', splitBody({ key: 'broken-pilot', periods: ['2026-Q3'], challenger: { documentId: broken.id, version: 1 }, challengerPercent: 50 }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await post(alpha.admin, `/${created.body.id}/start`).expect(200);

    const run = await evaluate(t, alpha.quality, { period: '2026-Q3' });
    expect(run.attempts).toBe(1);
    expect(run.overrides).toEqual([]);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0].path).toBe(`experiments.${created.body.id}`);
    expect(run.errors[0].message).toMatch(/could not be compiled .*; its staff were scored by their binding$/);
    expect((await cardsOf(run.id)).every((card) => card.current && card.scheme_version === 1 && card.experiment_arm === null)).toBe(true);
    await post(alpha.admin, `/${created.body.id}/stop`).expect(200);
  });
});

describe('team means under the challenger', () => {
  it('cover the whole team, not only the staff the challenger scores', async () => {
    // team-b's seniors are the staff with long-term retention; the hint fires below the team mean.
    const expected = await expectedQ1();
    const retention = (code: string) => expected[2].get(code)?.indicators.long_term_retention.value as number;
    const [low, high] = ['ct-06', 'ct-07'].sort((a, b) => retention(a) - retention(b));
    expect(retention(low)).toBeLessThan(retention(high));
    // A key that puts the lower senior in the challenger arm and the higher one in the champion arm.
    let key = '';
    for (let i = 0; !key; i += 1) if (assignmentBucket(`team-means-${i}`, staffIds[low]) < assignmentBucket(`team-means-${i}`, staffIds[high])) key = `team-means-${i}`;
    const percent = (assignmentBucket(key, staffIds[low]) + 1) / 100;
    const created = await post(alpha.admin, '', splitBody({ key, periods: ['2026-Q3'], teamIds: [teams['team-b']], challengerPercent: percent }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await post(alpha.admin, `/${created.body.id}/start`).expect(200);

    const cards = new Map((await cardsOf((await evaluate(t, alpha.quality, { period: '2026-Q3' })).id)).map((card) => [card.code, card]));
    expect(cards.get(low)).toMatchObject({ experiment_arm: 'challenger', scheme_version: 2 });
    expect(cards.get(high)).toMatchObject({ experiment_arm: 'champion', scheme_version: 1 });
    // Alone under v2, the lower senior would be its own team mean and get no hint.
    expect(cards.get(low)?.result.hints.map((hint) => hint.id)).toContain('retention_below_team');
    expect(cards.get(high)?.result.hints.map((hint) => hint.id)).not.toContain('retention_below_team');
    await post(alpha.admin, `/${created.body.id}/stop`).expect(200);
  });
});
