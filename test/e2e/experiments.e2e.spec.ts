import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileScheme, type Scorecard, type SchemeDocumentInput } from '@carescore/engine';
import { assignArm, kendallTauB, spearman } from '@carescore/stats';
import sampleFacts from '../../rule-templates/facts/career-tiers.json';
import { auditEntries } from './support/audit-entries';
import { type StoredDocument, storeDocument } from './support/documents-fixture';
import { evaluate, startRun, waitForRun } from './support/evaluations-fixture';
import { bearer, createInstitution, type TestInstitution, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';
import { InProcessEvaluationQueue } from '../../apps/api/src/modules/evaluations/in-process-evaluation-queue';
import { RunEvaluation } from '../../apps/api/src/modules/evaluations/run-evaluation.use-case';
import { ExperimentsRepository } from '../../apps/api/src/modules/experiments/experiments.repository';
import { ShadowEvaluation } from '../../apps/api/src/modules/experiments/shadow-evaluation';

/**
 * Experiments: a shadow experiment of career-tiers v1 (champion, bound) against v2 (challenger,
 * other dimension weights) over the 8 staff of rule-templates/facts/career-tiers.json; the report
 * is checked against both versions evaluated here with the engine.
 */
let t: TestApp;
let alpha: TestInstitution;
let beta: TestInstitution;
let careerTiers: StoredDocument;
let monthly: StoredDocument;
let draftOnly: StoredDocument;
let broken: StoredDocument;
const teams: Record<string, string> = {};
const staffIds: Record<string, string> = {};

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const sql = <T>(query: string, params: unknown[] = []) => t.app.get(DataSource).query(query, params) as Promise<T[]>;
const post = (user: TestUser, path: string, body?: unknown) => t.http().post(`/api/experiments${path}`).set(bearer(user)).send(body as object);
const get = (user: TestUser, path: string) => t.http().get(`/api/experiments${path}`).set(bearer(user));

const shadowBody = (overrides: Record<string, unknown> = {}) => ({
  key: 'weights-2026',
  name: { zh: '权重试验', en: 'Weights trial' },
  champion: { documentId: careerTiers.id, version: 1 },
  challenger: { documentId: careerTiers.id, version: 2 },
  periods: ['2026-Q1'],
  mode: 'shadow',
  ...overrides,
});

beforeAll(async () => {
  t = await startTestApp({ evaluationChunkSize: 3 });
  alpha = await createInstitution(t, 'Alpha');
  beta = await createInstitution(t, 'Beta');
  for (const name of ['team-a', 'team-b']) {
    teams[name] = ((await t.http().post('/api/teams').set(bearer(alpha.admin)).send({ name }).expect(201)).body as { id: string }).id;
  }
  for (const fact of sampleFacts) {
    const created = await t.http().post('/api/staff').set(bearer(alpha.admin)).send({ code: fact.staffId, name: fact.staffId, teamId: teams[fact.team], tier: fact.tier }).expect(201);
    staffIds[fact.staffId] = (created.body as { id: string }).id;
  }
  careerTiers = await storeDocument(t, alpha.id, 'career-tiers', ['published', 'draft']);
  // v2 weighs the client dimension far more than v1 (40/40/20 → 70/20/10); published versions are immutable, so edit the draft, then publish it.
  await sql(
    `UPDATE document_versions SET content = jsonb_set(jsonb_set(jsonb_set(content, '{dimensions,0,weight}', '70'), '{dimensions,1,weight}', '20'), '{dimensions,2,weight}', '10') WHERE id = $1`,
    [careerTiers.versions[2]],
  );
  await sql(`UPDATE document_versions SET status = 'published', content_hash = md5(content::text), published_at = now() WHERE id = $1`, [careerTiers.versions[2]]);
  draftOnly = await storeDocument(t, alpha.id, 'career-tiers', ['published', 'draft'], 'career-draft');
  // A published version the engine refuses (weights sum to 130), as an engine upgrade could leave one.
  broken = await storeDocument(t, alpha.id, 'career-tiers', ['draft'], 'career-broken');
  await sql(`UPDATE document_versions SET content = jsonb_set(content, '{dimensions,0,weight}', '70') WHERE id = $1`, [broken.versions[1]]);
  await sql(`UPDATE document_versions SET status = 'published', content_hash = md5(content::text), published_at = now() WHERE id = $1`, [broken.versions[1]]);
  monthly = await storeDocument(t, alpha.id, 'hm-3d9i', ['published']);
  await t.http().post('/api/bindings').set(bearer(alpha.admin)).send({ documentId: careerTiers.id, period: '2026-Q1', version: 1 }).expect(201);
  const rows = sampleFacts.map((fact) => ({ staffCode: fact.staffId, period: '2026-Q1', inputs: fact.inputs }));
  await t.http().post('/api/facts').set(bearer(alpha.admin)).send(rows).expect(200);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

interface ShadowRunBody {
  runId: string;
  status: 'planned' | 'pending' | 'running' | 'done' | 'failed';
  staff: number;
  stored: number;
  attempts: number;
  error: string | null;
}

/** Polls the experiment's report until the shadow work for the run has ended (done or failed), as a client would. */
async function waitForShadow(experimentId: string, runId: string, timeoutMs = 30_000): Promise<ShadowRunBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const report = await get(alpha.admin, `/${experimentId}/report?period=2026-Q1`);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    const work = (report.body.shadowRuns as ShadowRunBody[]).find((row) => row.runId === runId);
    if (work && (work.status === 'done' || work.status === 'failed')) return work;
    if (Date.now() > deadline) throw new Error(`shadow work of ${experimentId} for run ${runId} still ${work?.status ?? 'absent'} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Both versions evaluated here with the engine over the same facts (no history, no team means needed). */
async function expectedScorecards(): Promise<{ v1: Map<string, Scorecard>; v2: Map<string, Scorecard> }> {
  const contents = await sql<{ version: number; status: string; content: Record<string, unknown> }>(`SELECT version, status, content FROM document_versions WHERE document_id = $1 AND version <= 2 ORDER BY version`, [careerTiers.id]);
  const population = sampleFacts.map((fact) => ({ staffId: fact.staffId, team: teams[fact.team], tier: fact.tier, inputs: fact.inputs as Record<string, number | number[] | null> }));
  const [v1, v2] = contents.map((row) => {
    const scheme = compileScheme({ ...row.content, version: row.version, status: row.status } as SchemeDocumentInput);
    const cards = scheme.evaluate(population, { period: '2026-Q1', history: [], teamMeans: scheme.usesTeamMeans ? scheme.teamMeans(population) : {} });
    return new Map(cards.map((card) => [card.staffId, card]));
  });
  return { v1, v2 };
}

describe('experiments resource', () => {
  it('validates: unknown fields 400, split fields 400, same version / period kind / unknown team / draft version 422, nothing stored', async () => {
    expect((await post(alpha.admin, '', { ...shadowBody(), extra: 1 })).status).toBe(400);
    const split = await post(alpha.admin, '', shadowBody({ mode: 'split' }));
    expect(split.status).toBe(400);
    expect(split.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['challengerPercent', 'unit']);
    expect((await post(alpha.admin, '', shadowBody({ unit: 'staff' }))).status).toBe(400);

    const same = await post(alpha.admin, '', shadowBody({ challenger: { documentId: careerTiers.id, version: 1 } }));
    expect(same.status).toBe(422);
    expect(same.body.details).toEqual([{ path: 'challenger.version', message: 'must differ from the champion' }]);
    const kind = await post(alpha.admin, '', shadowBody({ challenger: { documentId: monthly.id, version: 1 } }));
    expect(kind.status).toBe(422);
    expect(kind.body.details[0].path).toBe('challenger.version');
    const draft = await post(alpha.admin, '', shadowBody({ challenger: { documentId: draftOnly.id, version: 2 } }));
    expect(draft.status).toBe(422);
    expect(draft.body.details[0].message).toMatch(/published/);
    const team = await post(alpha.admin, '', shadowBody({ teamIds: [UNKNOWN_ID] }));
    expect(team.status).toBe(422);
    expect(team.body.details).toEqual([{ path: 'teamIds.0', message: 'no such team in your institution' }]);
    const period = await post(alpha.admin, '', shadowBody({ periods: ['2026-03'] }));
    expect(period.status).toBe(422);
    expect(period.body.details[0].path).toBe('periods.0');
    const other = await t.http().post('/api/experiments').set(bearer(beta.admin)).send(shadowBody());
    expect(other.status).toBe(422);

    expect(await sql(`SELECT 1 FROM experiments`)).toHaveLength(0);
  });

  it('roles: only admins write; admin, quality officer and manager read; staff may not', async () => {
    expect((await post(alpha.quality, '', shadowBody())).status).toBe(403);
    expect((await post(alpha.manager, '', shadowBody())).status).toBe(403);
    expect((await get(alpha.staff, '')).status).toBe(403);
    for (const user of [alpha.admin, alpha.quality, alpha.manager]) expect((await get(user, '')).status).toBe(200);
  });
});

describe('shadow experiment', () => {
  let id: string;
  let runId: string;

  it('is created as a draft (audited), listed with Content-Range, unique by key, and started', async () => {
    const created = await post(alpha.admin, '', shadowBody());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    id = created.body.id;
    expect(created.body).toMatchObject({ key: 'weights-2026', status: 'draft', periodKind: 'quarter', mode: 'shadow', unit: null, teamIds: null, champion: { documentKey: 'career-tiers', version: 1 }, challenger: { version: 2 } });
    expect((await post(alpha.admin, '', shadowBody())).status).toBe(409);

    const list = await get(alpha.manager, '?filter={"q":"weights"}');
    expect(list.headers['content-range']).toBe('experiments 0-0/1');
    expect(list.body[0].id).toBe(id);
    expect((await get(beta.admin, `/${id}`)).status).toBe(404);
    expect((await post(beta.admin, `/${id}/start`)).status).toBe(404);

    expect((await post(alpha.admin, `/${id}/start`)).body.status).toBe('running');
    expect((await post(alpha.admin, `/${id}/start`)).status).toBe(409);
    const audit = await auditEntries(t, alpha.admin, { entityType: 'experiment' });
    expect(audit.filter((entry) => entry.entityId === id).map((entry) => entry.action)).toEqual(['update', 'create']);
  });

  it('a run stores the challenger beside the official scorecards, which stay the champion’s; a failing challenger is skipped', async () => {
    const failing = await post(alpha.admin, '', shadowBody({ key: 'broken', name: { zh: '坏', en: 'Broken' }, challenger: { documentId: broken.id, version: 1 } }));
    expect(failing.status, JSON.stringify(failing.body)).toBe(201);
    await post(alpha.admin, `/${failing.body.id}/start`).expect(200);
    const teamOnly = await post(alpha.admin, '', shadowBody({ key: 'team-a-only', name: { zh: '甲组', en: 'Team A only' }, teamIds: [teams['team-a']] }));
    expect(teamOnly.status, JSON.stringify(teamOnly.body)).toBe(201);
    await post(alpha.admin, `/${teamOnly.body.id}/start`).expect(200);

    const run = await evaluate(t, alpha.quality, { period: '2026-Q1' });
    runId = run.id;
    expect(run.attempts).toBe(1);
    // The shadow work is done by a job after the run: wait for each experiment's.
    expect(await waitForShadow(id, run.id)).toMatchObject({ status: 'done', staff: 8, stored: 8, attempts: 1, error: null });
    expect(await waitForShadow(teamOnly.body.id, run.id)).toMatchObject({ status: 'done', staff: 4, stored: 4 });
    // A challenger that does not compile fails its own work at once (no retry helps), never the run.
    const failed = await waitForShadow(failing.body.id, run.id);
    expect(failed).toMatchObject({ status: 'failed', staff: 8, stored: 0, attempts: 1 });
    expect(failed.error).toMatch(/could not be compiled/);
    expect(await sql(`SELECT 1 FROM experiment_scorecards WHERE experiment_id = $1`, [failing.body.id])).toHaveLength(0);
    await post(alpha.admin, `/${failing.body.id}/stop`).expect(200);
    const teamRows = await sql<{ team_id: string }>(`SELECT team_id FROM experiment_scorecards WHERE experiment_id = $1`, [teamOnly.body.id]);
    expect(teamRows.map((row) => row.team_id)).toEqual(Array(4).fill(teams['team-a']));
    const teamReport = (await get(alpha.quality, `/${teamOnly.body.id}/report?period=2026-Q1`)).body;
    expect(teamReport.byTeam.map((group: { teamName: string }) => group.teamName)).toEqual(['team-a']);
    await post(alpha.admin, `/${teamOnly.body.id}/stop`).expect(200);
    const shadow = await sql<{ staff_id: string; scheme_version: number; arm: string; composite: number; run_id: string }>(`SELECT staff_id, scheme_version, arm, composite, run_id FROM experiment_scorecards WHERE experiment_id = $1`, [id]);
    expect(shadow).toHaveLength(8);
    expect(shadow.every((row) => row.scheme_version === 2 && row.arm === 'challenger' && row.run_id === run.id)).toBe(true);

    const official = await sql<{ scheme_version: number }>(`SELECT scheme_version FROM scorecards WHERE run_id = $1`, [run.id]);
    expect(official).toHaveLength(8);
    expect(official.every((row) => row.scheme_version === 1)).toBe(true);
    const api = await t.http().get('/api/scorecards').query({ filter: JSON.stringify({ period: '2026-Q1' }), range: '[0,99]' }).set(bearer(alpha.admin)).expect(200);
    expect(api.body).toHaveLength(8);
    expect(api.body.every((card: { schemeVersion?: number; scheme?: { version: number } }) => (card.schemeVersion ?? card.scheme?.version) === 1)).toBe(true);
  });

  it('reports champion vs challenger per staff, overall, by team and by tier, as computed by hand', async () => {
    const { v1, v2 } = await expectedScorecards();
    const response = await get(alpha.quality, `/${id}/report?period=2026-Q1`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const report = response.body;
    expect(report.staff).toHaveLength(8);
    expect(report.runIds).toEqual([runId]);
    for (const row of report.staff) {
      expect(row.champion.composite).toBeCloseTo(v1.get(row.code)?.composite as number, 9);
      expect(row.challenger.composite).toBeCloseTo(v2.get(row.code)?.composite as number, 9);
      expect(row.champion.band).toBe(v1.get(row.code)?.band);
      expect(row.challenger.band).toBe(v2.get(row.code)?.band);
      expect(row.delta).toBeCloseTo((v2.get(row.code)?.composite as number) - (v1.get(row.code)?.composite as number), 9);
    }
    const codes = sampleFacts.map((fact) => fact.staffId);
    const a = codes.map((code) => v1.get(code)?.composite as number);
    const b = codes.map((code) => v2.get(code)?.composite as number);
    const deltas = b.map((value, i) => value - a[i]);
    expect(deltas.some((delta) => Math.abs(delta) > 0.01)).toBe(true);
    expect(report.overall.staff).toBe(8);
    expect(report.overall.delta.mean).toBeCloseTo(deltas.reduce((s, d) => s + d, 0) / 8, 9);
    expect(report.overall.delta.histogram.reduce((s: number, bin: { count: number }) => s + bin.count, 0)).toBe(8);
    expect(report.overall.spearman).toBeCloseTo(spearman(a, b) as number, 12);
    expect(report.overall.kendallTauB).toBeCloseTo(kendallTauB(a, b) as number, 12);
    // k = 10 % of 8, at least 1: does the best under v1 stay the best under v2?
    const best = (values: number[]) => codes[values.indexOf(Math.max(...values))];
    expect(report.overall.topK).toEqual({ k: 1, overlap: best(a) === best(b) ? 1 : 0 });
    const changed = codes.filter((code) => v1.get(code)?.band !== v2.get(code)?.band).length;
    expect(report.overall.bandChanged).toBe(changed);
    const matrix = report.overall.bandTransitions;
    expect(matrix.categories.slice(0, 4)).toEqual(['A', 'B', 'C', 'D']);
    const diagonal = matrix.counts.reduce((s: number, row: number[], i: number) => s + row[i], 0);
    expect(diagonal).toBe(8 - changed);
    expect(report.overall.zoneChanged).toBe(codes.filter((code) => v1.get(code)?.zone !== v2.get(code)?.zone).length);

    expect(report.byTeam.map((group: { teamName: string; staff: number }) => [group.teamName, group.staff])).toEqual([
      ['team-a', 4],
      ['team-b', 4],
    ]);
    const teamA = codes.filter((code) => sampleFacts.find((fact) => fact.staffId === code)?.team === 'team-a');
    const teamADelta = teamA.reduce((s, code) => s + (v2.get(code)?.composite as number) - (v1.get(code)?.composite as number), 0) / teamA.length;
    expect(report.byTeam[0].delta.mean).toBeCloseTo(teamADelta, 9);
    const tiers = [...new Set(sampleFacts.map((fact) => fact.tier))].sort();
    expect(report.byTier.map((group: { tier: string }) => group.tier)).toEqual(tiers);
    expect(report.byTier.reduce((s: number, group: { staff: number }) => s + group.staff, 0)).toBe(8);

    // A second run of the period becomes current: the report pairs its scorecards with its own shadow results.
    const again = await evaluate(t, alpha.quality, { period: '2026-Q1' });
    await waitForShadow(id, again.id);
    const newer = (await get(alpha.admin, `/${id}/report?period=2026-Q1`)).body;
    expect(newer.runIds).toEqual([again.id]);
    expect(newer.overall.delta.mean).toBeCloseTo(report.overall.delta.mean, 9);

    expect((await get(alpha.admin, `/${id}/report?period=2026-Q3`)).status).toBe(422);
    expect((await get(alpha.admin, `/${id}/report?period=bad`)).status).toBe(400);
    expect((await get(beta.admin, `/${id}/report?period=2026-Q1`)).status).toBe(404);
  });

  describe('shadow work as a job after the run', () => {
    const shadowCount = async (run: string) => (await sql(`SELECT 1 FROM experiment_scorecards WHERE experiment_id = $1 AND run_id = $2`, [id, run])).length;
    const officialVersions = async (run: string) => (await sql<{ scheme_version: number; current: boolean }>(`SELECT scheme_version, current FROM scorecards WHERE run_id = $1`, [run])).map((row) => [row.scheme_version, row.current]);
    /** Holds the shadow job back until released, so the state between the run's commit and the job can be seen. */
    function holdShadowJobs(): { release: () => void; restore: () => void } {
      const shadow = t.app.get(ShadowEvaluation);
      const original = shadow.process.bind(shadow);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      shadow.process = async (data) => {
        await gate;
        return original(data);
      };
      return { release, restore: () => (shadow.process = original) };
    }

    it('the run commits with its shadow work pending; the results appear once the job has run', async () => {
      const held = holdShadowJobs();
      try {
        const run = await evaluate(t, alpha.quality, { period: '2026-Q1' });
        expect(await officialVersions(run.id)).toEqual(Array(8).fill([1, true]));
        const before = (await get(alpha.admin, `/${id}/report?period=2026-Q1`)).body;
        expect(before.shadowRuns[0]).toMatchObject({ runId: run.id, status: 'pending', staff: 8, stored: 0, error: null, finishedAt: null });
        // The run is current and its shadow results are not there yet: nothing to pair.
        expect(before.staff).toEqual([]);
        expect(await shadowCount(run.id)).toBe(0);
        held.release();
        expect(await waitForShadow(id, run.id)).toMatchObject({ status: 'done', stored: 8, attempts: 1 });
        const after = (await get(alpha.admin, `/${id}/report?period=2026-Q1`)).body;
        expect(after.runIds).toEqual([run.id]);
        expect(after.staff).toHaveLength(8);
      } finally {
        held.restore();
        held.release();
      }
    });

    it('a repeated or resumed job writes nothing twice', async () => {
      const shadow = t.app.get(ShadowEvaluation);
      const repository = t.app.get(ExperimentsRepository);
      const insert = repository.insertShadowScorecards.bind(repository);
      // The first attempt fails after its first chunk (3 staff) has committed; the retry resumes at the second.
      let calls = 0;
      repository.insertShadowScorecards = async (...args) => {
        calls += 1;
        if (calls === 2) throw new Error('connection lost');
        return insert(...args);
      };
      try {
        const run = await evaluate(t, alpha.quality, { period: '2026-Q1' });
        expect(await waitForShadow(id, run.id)).toMatchObject({ status: 'done', stored: 8, attempts: 2, error: null });
        expect(calls).toBe(4);
        expect(await shadowCount(run.id)).toBe(8);

        // The same job again (a duplicate delivery): it has ended, so it does nothing.
        expect(await shadow.process({ experimentId: id, runId: run.id })).toBe('skipped');
        // A worker that died after the last chunk committed but before the work was marked done: its retry only finishes it.
        await sql(`UPDATE experiment_shadow_runs SET status = 'running' WHERE experiment_id = $1 AND run_id = $2`, [id, run.id]);
        expect(await shadow.process({ experimentId: id, runId: run.id })).toBe('8 scorecards');
        expect(calls).toBe(4);
        expect(await shadowCount(run.id)).toBe(8);
        expect((await sql(`SELECT DISTINCT staff_id FROM experiment_scorecards WHERE experiment_id = $1 AND run_id = $2`, [id, run.id])).length).toBe(8);
      } finally {
        repository.insertShadowScorecards = insert;
      }
    });

    it('a challenger failing every attempt leaves its work failed, none of its results kept, the official run untouched', async () => {
      const repository = t.app.get(ExperimentsRepository);
      const insert = repository.insertShadowScorecards.bind(repository);
      let calls = 0;
      repository.insertShadowScorecards = async (...args) => {
        calls += 1;
        if (calls > 1) throw new Error('disk full');
        return insert(...args);
      };
      try {
        const run = await evaluate(t, alpha.quality, { period: '2026-Q1' });
        const work = await waitForShadow(id, run.id);
        expect(work).toMatchObject({ status: 'failed', stored: 0, attempts: 3 });
        expect(work.error).toMatch(/disk full/);
        // The first chunk had been stored; it went with the failure.
        expect(await shadowCount(run.id)).toBe(0);
        expect(await officialVersions(run.id)).toEqual(Array(8).fill([1, true]));
        expect((await t.http().get(`/api/evaluations/${run.id}`).set(bearer(alpha.admin)).expect(200)).body).toMatchObject({ status: 'succeeded', errors: [] });
        const report = (await get(alpha.admin, `/${id}/report?period=2026-Q1`)).body;
        expect(report.shadowRuns[0]).toMatchObject({ runId: run.id, status: 'failed' });
        expect(report.staff).toEqual([]);
      } finally {
        repository.insertShadowScorecards = insert;
      }
    });

    it('an experiment started after the run was planned has nothing captured: its work for that run says so', async () => {
      const processor = t.app.get(RunEvaluation);
      const processChunk = processor.processChunk.bind(processor);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      processor.processChunk = async (...args) => {
        await gate;
        return processChunk(...args);
      };
      let lateId: string;
      let runId: string;
      try {
        runId = (await startRun(t, alpha.quality, { period: '2026-Q1' })).id;
        const deadline = Date.now() + 10_000;
        while ((await t.http().get(`/api/evaluations/${runId}`).set(bearer(alpha.admin))).body.status !== 'running') {
          if (Date.now() > deadline) throw new Error('the run was not planned in time');
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        const late = await post(alpha.admin, '', shadowBody({ key: 'late', name: { zh: '迟', en: 'Late' } }));
        expect(late.status, JSON.stringify(late.body)).toBe(201);
        lateId = late.body.id;
        await post(alpha.admin, `/${lateId}/start`).expect(200);
      } finally {
        processor.processChunk = processChunk;
        release();
      }
      expect((await waitForRun(t, alpha.admin, runId)).status).toBe('succeeded');
      expect(await waitForShadow(id, runId)).toMatchObject({ status: 'done', stored: 8 });
      const work = await waitForShadow(lateId, runId);
      expect(work).toMatchObject({ status: 'failed', staff: 0, stored: 0 });
      expect(work.error).toMatch(/started after this run was planned/);
      await post(alpha.admin, `/${lateId}/stop`).expect(200);
    });

    it('shadow work a crash left pending is picked up at start', async () => {
      const shadow = t.app.get(ShadowEvaluation);
      const original = shadow.process.bind(shadow);
      // The process "dies" before its job runs: the job is lost, the work stays pending in the database.
      shadow.process = () => Promise.resolve('lost');
      let run: Awaited<ReturnType<typeof evaluate>>;
      try {
        run = await evaluate(t, alpha.quality, { period: '2026-Q1' });
        // Once for the run, once more for the job its last chunk queued.
        await t.app.get(InProcessEvaluationQueue).idle();
        await t.app.get(InProcessEvaluationQueue).idle();
      } finally {
        shadow.process = original;
      }
      expect((await get(alpha.admin, `/${id}/report?period=2026-Q1`)).body.shadowRuns[0]).toMatchObject({ runId: run.id, status: 'pending' });
      await t.app.get(InProcessEvaluationQueue).onApplicationBootstrap();
      expect(await waitForShadow(id, run.id)).toMatchObject({ status: 'done', stored: 8 });
      expect((await get(alpha.admin, `/${id}/report?period=2026-Q1`)).body.staff).toHaveLength(8);
    });
  });

  it('a running experiment keeps its settings (409); promote binds the challenger for the next period (audited), then 409', async () => {
    const changed = await t.http().put(`/api/experiments/${id}`).set(bearer(alpha.admin)).send({ ...shadowBody({ periods: ['2026-Q1', '2026-Q2'] }), key: undefined });
    expect(changed.status).toBe(409);
    expect((await post(alpha.quality, `/${id}/promote`)).status).toBe(403);
    const promoted = await post(alpha.admin, `/${id}/promote`);
    expect(promoted.status, JSON.stringify(promoted.body)).toBe(200);
    expect(promoted.body.status).toBe('promoted');
    const binding = await t.http().get(`/api/bindings/${promoted.body.promotedBindingId}`).set(bearer(alpha.admin)).expect(200);
    expect(binding.body).toMatchObject({ period: '2026-Q2', teamId: null, documentId: careerTiers.id, version: 2 });
    const audit = await auditEntries(t, alpha.admin, { entityType: 'binding' });
    expect(audit.some((entry) => entry.entityId === promoted.body.promotedBindingId && entry.action === 'bind')).toBe(true);
    expect((await post(alpha.admin, `/${id}/promote`)).status).toBe(409);
    expect((await post(alpha.admin, `/${id}/stop`)).status).toBe(409);

    // Another experiment ending in 2026-Q1 cannot promote: 2026-Q2 is bound now, and nothing changes.
    const second = await post(alpha.admin, '', shadowBody({ key: 'second' }));
    await post(alpha.admin, `/${second.body.id}/start`).expect(200);
    const refused = await post(alpha.admin, `/${second.body.id}/promote`);
    expect(refused.status).toBe(409);
    expect(refused.body.details[0].path).toBe('period');
    expect((await get(alpha.admin, `/${second.body.id}`)).body.status).toBe('running');
    expect((await post(alpha.admin, `/${second.body.id}/stop`)).body.status).toBe('stopped');
  });
});

describe('split experiment', () => {
  it('assigns staff deterministically by assignArm(key, staff id, percent) with the SRM check', async () => {
    const created = await post(alpha.admin, '', shadowBody({ key: 'pilot', mode: 'split', unit: 'staff', challengerPercent: 50, periods: ['2026-Q3'] }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const response = await get(alpha.quality, `/${created.body.id}/assignment`);
    expect(response.status).toBe(200);
    expect(response.body.units).toHaveLength(8);
    for (const unit of response.body.units) expect(unit.arm).toBe(assignArm('pilot', staffIds[unit.label], 50));
    expect(response.body.counts.champion + response.body.counts.challenger).toBe(8);
    expect(response.body.srm.pValue).toBeGreaterThan(0);
    const outcomes = (await get(alpha.admin, `/${created.body.id}/outcomes?period=2026-Q1&indicator=satisfaction`)).body;
    expect(outcomes.verdict.verdict).toBe('insufficient_data');
    expect(outcomes.welch.a.n + outcomes.welch.b.n).toBe(8);
    expect(outcomes.verdict.units).toEqual({ champion: outcomes.welch.a.n, challenger: outcomes.welch.b.n });
    expect((await get(alpha.admin, `/${created.body.id}/outcomes?period=2026-Q1`)).status).toBe(400);
    // A draft takes new settings (audited); running, only the percentage; raising it only moves champion units to the challenger.
    const put = (body: Record<string, unknown>) => t.http().put(`/api/experiments/${created.body.id}`).set(bearer(alpha.admin)).send(body);
    const { key: _key, ...settings } = shadowBody({ mode: 'split', unit: 'staff', challengerPercent: 20, periods: ['2026-Q3', '2026-Q4'] });
    const updated = await put(settings);
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({ challengerPercent: 20, periods: ['2026-Q3', '2026-Q4'] });
    expect((await put({ ...settings, challengerPercent: 101 })).status).toBe(400);
    await post(alpha.admin, `/${created.body.id}/start`).expect(200);
    const refused = await put({ ...settings, periods: ['2026-Q3'] });
    expect(refused.status).toBe(409);
    expect(refused.body.details).toEqual([{ path: 'periods', message: 'cannot change once running' }]);
    const at20 = (await get(alpha.admin, `/${created.body.id}/assignment`)).body.units as Array<{ id: string; arm: string }>;
    expect((await put({ ...settings, challengerPercent: 80 })).status).toBe(200);
    const at80 = new Map(((await get(alpha.admin, `/${created.body.id}/assignment`)).body.units as Array<{ id: string; arm: string }>).map((unit) => [unit.id, unit.arm]));
    for (const unit of at20) if (unit.arm === 'challenger') expect(at80.get(unit.id)).toBe('challenger');
    const audit = await auditEntries(t, alpha.admin, { entityType: 'experiment', entityId: created.body.id });
    expect(audit.map((entry) => entry.action)).toEqual(['update', 'update', 'update', 'create']);

    const shadow = (await get(alpha.admin, '?filter={"mode":"shadow"}')).body as Array<{ id: string }>;
    expect((await get(alpha.admin, `/${shadow[0].id}/assignment`)).status).toBe(422);
  });
});
