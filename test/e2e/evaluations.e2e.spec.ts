import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scorecard } from '@carescore/engine';
import sampleFacts from '../../rule-templates/facts/career-tiers.json';
import { auditEntries } from './support/audit-entries';
import { type StoredDocument, storeDocument } from './support/documents-fixture';
import { evaluate, type RunBody, startRun, waitForRun } from './support/evaluations-fixture';
import { bearer, createInstitution, type TestInstitution, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Evaluation runs through the API with the in-process queue (the same processor the BullMQ
 * workers run; test/production covers those). Chunks of 3 staff, so every run has several.
 */
let t: TestApp;
let alpha: TestInstitution;
let beta: TestInstitution;
let careerTiers: StoredDocument;
const teams: Record<string, string> = {};
const staffIds: Record<string, string> = {};

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const post = (user: TestUser, body: unknown) => t.http().post('/api/evaluations').set(bearer(user)).send(body as object);
const sql = <T>(query: string, params: unknown[] = []) => t.app.get(DataSource).query(query, params) as Promise<T[]>;
const scorecardsOf = (runId: string) => sql<{ result: Scorecard; current: boolean; staff_id: string }>(`SELECT result, current, staff_id FROM scorecards WHERE run_id = $1 ORDER BY result->>'staffId'`, [runId]);
const currentOf = (period: string) =>
  sql<{ run_id: string; code: string; composite: number }>(
    `SELECT run_id, result->>'staffId' AS code, composite FROM scorecards WHERE current AND period = $1 AND institution_id = $2 ORDER BY code`,
    [period, alpha.id],
  );

async function postFacts(period: string, only: (team: string) => boolean = () => true): Promise<void> {
  const rows = sampleFacts.filter((fact) => only(fact.team)).map((fact) => ({ staffCode: fact.staffId, period, inputs: fact.inputs }));
  const response = await t.http().post('/api/facts').set(bearer(alpha.admin)).send(rows);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

beforeAll(async () => {
  t = await startTestApp({ evaluationChunkSize: 3 });
  alpha = await createInstitution(t, 'Alpha');
  beta = await createInstitution(t, 'Beta');
  for (const name of ['team-a', 'team-b']) {
    const body = name === 'team-a' ? { name, managerId: alpha.manager.id } : { name };
    teams[name] = ((await t.http().post('/api/teams').set(bearer(alpha.admin)).send(body).expect(201)).body as { id: string }).id;
  }
  for (const fact of sampleFacts) {
    const created = await t.http().post('/api/staff').set(bearer(alpha.admin)).send({ code: fact.staffId, name: fact.staffId, teamId: teams[fact.team], tier: fact.tier }).expect(201);
    staffIds[fact.staffId] = (created.body as { id: string }).id;
  }
  // Two published versions: v1 for the institution, v2 as team-b's override of 2026-Q1.
  careerTiers = await storeDocument(t, alpha.id, 'career-tiers', ['published', 'published']);
  const bind = (body: Record<string, unknown>) => t.http().post('/api/bindings').set(bearer(alpha.admin)).send({ documentId: careerTiers.id, ...body }).expect(201);
  await bind({ period: '2026-Q1', version: 1 });
  await bind({ period: '2026-Q1', teamId: teams['team-b'], version: 2 });
  await bind({ period: '2026-Q2', version: 1 });
  await bind({ period: '2026-Q3', teamId: teams['team-a'], version: 1 });
  await postFacts('2026-Q1');
  await postFacts('2026-Q2');
  // Nothing scores team-b in 2026-Q3, so it has no facts there either.
  await postFacts('2026-Q3', (team) => team === 'team-a');
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('POST /api/evaluations and GET /api/evaluations/:id', () => {
  let run: RunBody;

  it('queues a run (202 with Location), which then succeeds with progress, pins per team, inputs digest, timings and chunks', async () => {
    const response = await post(alpha.quality, { period: '2026-Q1' });
    expect(response.status).toBe(202);
    expect(response.headers.location).toBe(`/api/evaluations/${response.body.id}`);
    expect(response.body).toMatchObject({ period: '2026-Q1', teamId: null, status: 'queued', progress: { done: 0, total: 0 } });

    run = await waitForRun(t, alpha.admin, response.body.id as string);
    expect(run.status).toBe('succeeded');
    expect(run.progress).toEqual({ done: 8, total: 8, percent: 100, chunks: 3, chunksDone: 3 });
    expect(run.current).toBe(true);
    expect(run.attempts).toBe(1);
    expect(run.errors).toEqual([]);
    expect(run.inputsDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(run.pins.map((pin) => [pin.teamName, pin.key, pin.version, pin.staff]).sort()).toEqual([
      ['team-a', 'career-tiers', 1, 4],
      ['team-b', 'career-tiers', 2, 4],
    ]);
    expect(run.chunks?.map((chunk) => [chunk.index, chunk.staff, chunk.status])).toEqual([
      [0, 3, 'done'],
      [1, 3, 'done'],
      [2, 2, 'done'],
    ]);
    expect(run.chunks?.every((chunk) => chunk.worker?.startsWith('in-process-'))).toBe(true);
    expect(run.summary).toMatchObject({ scorecards: 8, withErrors: 0, withoutFacts: 0 });
    for (const key of ['queuedMs', 'planMs', 'evaluateMs', 'writeMs', 'totalMs']) expect(run.timings[key]).toBeGreaterThanOrEqual(0);

    const cards = await scorecardsOf(run.id);
    expect(cards).toHaveLength(8);
    expect(cards.every((card) => card.current)).toBe(true);
    expect(cards.find((card) => card.result.staffId === 'ct-05')?.result.scheme).toEqual({ key: 'career-tiers', version: 2 });
    expect(cards.find((card) => card.result.staffId === 'ct-01')?.result.scheme).toEqual({ key: 'career-tiers', version: 1 });

    const audit = await auditEntries(t, alpha.admin, { entityType: 'evaluation_run' });
    expect(audit.some((entry) => entry.entityId === run.id && entry.action === 'evaluate')).toBe(true);
  });

  it('stores exactly the scorecards the CLI computes from the same scheme version and facts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carescore-cli-'));
    try {
      const stored = new Map((await scorecardsOf(run.id)).map((card) => [card.result.staffId, card.result]));
      for (const pin of run.pins) {
        const version = await t.http().get(`/api/documents/${careerTiers.id}/versions/${pin.version}`).set(bearer(alpha.admin)).expect(200);
        writeFileSync(join(dir, 'scheme.json'), JSON.stringify(version.body.content));
        const population = sampleFacts.filter((fact) => teams[fact.team] === pin.teamId).map((fact) => ({ staffId: fact.staffId, team: pin.teamId, tier: fact.tier, inputs: fact.inputs }));
        writeFileSync(join(dir, 'facts.json'), JSON.stringify(population));
        const output = execFileSync('node', [resolve(__dirname, '../../bin/carescore.js'), 'evaluate', join(dir, 'scheme.json'), join(dir, 'facts.json'), '--period', '2026-Q1'], { encoding: 'utf8' });
        const expected = JSON.parse(output) as Scorecard[];
        expect(expected).toHaveLength(4);
        for (const card of expected) expect(stored.get(card.staffId)).toEqual(card);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a second run of the period becomes current; the first stays readable but is no longer current', async () => {
    const again = await evaluate(t, alpha.admin, { period: '2026-Q1' });
    expect(again.inputsDigest).toBe(run.inputsDigest);
    const current = await currentOf('2026-Q1');
    expect(current).toHaveLength(8);
    expect(new Set(current.map((row) => row.run_id))).toEqual(new Set([again.id]));
    const first = (await t.http().get(`/api/evaluations/${run.id}`).set(bearer(alpha.admin)).expect(200)).body as RunBody;
    expect(first).toMatchObject({ status: 'succeeded', current: false });
    expect(await scorecardsOf(run.id)).toHaveLength(8);
    expect(again.current).toBe(true);
  });

  it('changed facts change the inputs digest', async () => {
    await t.http().post('/api/facts').set(bearer(alpha.admin)).send([{ staffCode: 'ct-02', period: '2026-Q1', inputs: { followups_done: 31 } }]).expect(200);
    const changed = await evaluate(t, alpha.admin, { period: '2026-Q1' });
    expect(changed.inputsDigest).not.toBe(run.inputsDigest);
    await t.http().post('/api/facts').set(bearer(alpha.admin)).send([{ staffCode: 'ct-02', period: '2026-Q1', inputs: { followups_done: 30 } }]).expect(200);
  });

  it('a team run evaluates only that team and leaves the other team’s current scorecards alone', async () => {
    const before = await currentOf('2026-Q1');
    const teamRun = await evaluate(t, alpha.admin, { period: '2026-Q1', teamId: teams['team-b'] });
    expect(teamRun.progress.total).toBe(4);
    expect(teamRun.pins.map((pin) => pin.teamName)).toEqual(['team-b']);
    const after = await currentOf('2026-Q1');
    for (const row of after) {
      const team = sampleFacts.find((fact) => fact.staffId === row.code)?.team;
      if (team === 'team-b') expect(row.run_id).toBe(teamRun.id);
      else expect(row.run_id).toBe(before.find((earlier) => earlier.code === row.code)?.run_id);
    }
  });

  it('reads promotion history from the stored scorecards of earlier periods', async () => {
    const q1 = new Map((await currentOf('2026-Q1')).map((row) => [row.code, row]));
    const q2 = await evaluate(t, alpha.admin, { period: '2026-Q2' });
    const cards = new Map((await scorecardsOf(q2.id)).map((card) => [card.result.staffId, card.result]));
    const [q1Card] = await sql<{ result: Scorecard }>(`SELECT result FROM scorecards WHERE current AND period = '2026-Q1' AND result->>'staffId' = 'ct-01'`);
    // ct-01 (junior) meets the criteria in both quarters: eligible only now, with Q1 as history.
    expect(q1Card.result.promotion).toEqual({ to: 'mid', criteriaMet: true, eligible: false });
    expect(cards.get('ct-01')?.promotion).toEqual({ to: 'mid', criteriaMet: true, eligible: true });
    expect(cards.get('ct-02')?.promotion?.eligible).toBe(false);
    expect(q1.size).toBe(8);
  });

  it('reports teams without a bound scheme and evaluates the rest', async () => {
    const partial = await evaluate(t, alpha.admin, { period: '2026-Q3' });
    expect(partial.progress.total).toBe(4);
    const params = { period: '2026-Q3', team: 'team-b', count: 4 };
    expect(partial.errors).toEqual([{ path: `teams.${teams['team-b']}`, message: 'no scheme is bound to 2026-Q3 for team team-b; its 4 staff were not evaluated', code: 'runs.unbound_team', params }]);
    // Stored with its key and params, so a Chinese reader reads it in Chinese.
    const zh = await t.http().get(`/api/evaluations/${partial.id}`).set(bearer(alpha.admin)).set('Accept-Language', 'zh-CN').expect(200);
    expect(zh.body.errors).toEqual([{ path: `teams.${teams['team-b']}`, message: '2026-Q3 没有为团队 team-b 绑定方案；其 4 名员工未被考核', code: 'runs.unbound_team', params }]);
  });
});

describe('a run that cannot finish', () => {
  it('fails after its retries, and none of its scorecards ever becomes visible', async () => {
    const before = await currentOf('2026-Q1');
    // Any chunk holding ct-08 fails to write, every time (a trigger: the owner's to create, not the app role's).
    await t.ownerQuery(`CREATE FUNCTION refuse_ct08() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full (test)'; END $$`);
    await t.ownerQuery(`CREATE TRIGGER refuse_ct08 BEFORE INSERT ON scorecards FOR EACH ROW WHEN (NEW.result->>'staffId' = 'ct-08') EXECUTE FUNCTION refuse_ct08()`);
    try {
      const run = await waitForRun(t, alpha.admin, (await startRun(t, alpha.admin, { period: '2026-Q1' })).id);
      expect(run.status).toBe('failed');
      expect(run.current).toBe(false);
      expect(run.progress.chunksDone).toBeLessThan(run.progress.chunks);
      expect(run.errors.filter((error) => /attempt failed and will be retried: disk full \(test\)/.test(error.message))).toHaveLength(2);
      expect(run.errors.at(-1)).toEqual({ path: 'run', message: 'disk full (test)' });
      // Whoever started it (here an admin, so once) hears it in the inbox, linked to the run, in their language.
      const told = (await t.http().get('/api/notifications/mine').set(bearer(alpha.admin)).set('Accept-Language', 'en').expect(200)).body as Array<{ kind: string; target: unknown; title: string; body: string }>;
      expect(told.filter((item) => item.kind === 'run_failed')).toEqual([expect.objectContaining({ target: { type: 'run', id: run.id }, title: 'Evaluation of Q1 2026 failed', body: 'The evaluation run of Q1 2026 did not complete: disk full (test)' })]);
      const toldZh = (await t.http().get('/api/notifications/mine').set(bearer(alpha.admin)).set('Accept-Language', 'zh-CN').expect(200)).body as Array<{ kind: string; title: string }>;
      expect(toldZh.find((item) => item.kind === 'run_failed')?.title).toBe('2026年第1季度考核运行失败');
      expect(await scorecardsOf(run.id)).toEqual([]);
      expect(await currentOf('2026-Q1')).toEqual(before);
    } finally {
      await t.ownerQuery(`DROP TRIGGER refuse_ct08 ON scorecards`);
      await t.ownerQuery(`DROP FUNCTION refuse_ct08()`);
    }
  });
});

describe('refusals', () => {
  it('400 for a malformed body; 422 for an unknown team or a period nothing is bound to; nothing is queued', async () => {
    const count = async () => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM evaluation_runs`))[0].n;
    const runs = await count();
    const bad = await post(alpha.admin, { period: 'Q1-2026' });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ path: 'period', message: 'must be a month like 2026-03 or a quarter like 2026-Q1', code: 'schema.invalid_format' }]);
    expect((await post(alpha.admin, { period: '2026-Q1', extra: 1 })).status).toBe(400);
    expect((await post(alpha.admin, { period: '2026-Q1', teamId: 'nope' })).status).toBe(400);
    const unknownTeam = await post(alpha.admin, { period: '2026-Q1', teamId: UNKNOWN_ID });
    expect(unknownTeam.status).toBe(422);
    expect(unknownTeam.body.details).toEqual([{ path: 'teamId', message: 'no such team in your institution' }]);
    const unbound = await post(alpha.admin, { period: '2027-Q1' });
    expect(unbound.status).toBe(422);
    expect(unbound.body.message).toBe('no scheme is bound to 2027-Q1; bind a published scheme version first');
    const otherTeamUnbound = await post(alpha.admin, { period: '2026-Q3', teamId: teams['team-b'] });
    expect(otherTeamUnbound.status).toBe(422);
    expect(await count()).toBe(runs);
  });

  it('409 while a run of the same period and scope is under way', async () => {
    const [open] = await sql<{ id: string }>(`INSERT INTO evaluation_runs (institution_id, period, status) VALUES ($1, '2026-Q2', 'running') RETURNING id`, [alpha.id]);
    try {
      const response = await post(alpha.admin, { period: '2026-Q2' });
      expect(response.status).toBe(409);
      expect(response.body.details).toEqual([{ path: 'period', message: `run ${open.id} is running` }]);
      // Another scope of the same period is not blocked by it.
      const teamRun = await post(alpha.admin, { period: '2026-Q2', teamId: teams['team-a'] });
      expect(teamRun.status).toBe(202);
      await waitForRun(t, alpha.admin, teamRun.body.id as string);
    } finally {
      await sql(`UPDATE evaluation_runs SET status = 'failed' WHERE id = $1`, [open.id]);
    }
  });

  it('roles: admins and quality officers start runs; managers read them; staff do neither; other institutions see nothing', async () => {
    expect((await post(alpha.manager, { period: '2026-Q1' })).status).toBe(403);
    expect((await post(alpha.staff, { period: '2026-Q1' })).status).toBe(403);
    const [latest] = (await t.http().get('/api/evaluations').set(bearer(alpha.manager)).expect(200)).body as RunBody[];
    expect((await t.http().get(`/api/evaluations/${latest.id}`).set(bearer(alpha.staff))).status).toBe(403);
    expect((await t.http().get(`/api/evaluations/${latest.id}`).set(bearer(beta.admin))).status).toBe(404);
    expect((await t.http().get(`/api/evaluations/${UNKNOWN_ID}`).set(bearer(alpha.admin))).status).toBe(404);
    expect((await t.http().get('/api/evaluations/not-a-uuid').set(bearer(alpha.admin))).status).toBe(400);
    expect((await t.http().get('/api/evaluations'))).toHaveProperty('status', 401);
    const betaList = await t.http().get('/api/evaluations').set(bearer(beta.admin)).expect(200);
    expect(betaList.body).toEqual([]);
    expect(betaList.headers['content-range']).toBe('evaluations 0-0/0');
  });

  it('lists runs newest first with filters, react-admin style', async () => {
    const response = await t.http().get('/api/evaluations').query({ filter: JSON.stringify({ period: '2026-Q3', status: 'succeeded' }) }).set(bearer(alpha.admin)).expect(200);
    expect((response.body as RunBody[]).map((run) => run.period)).toEqual(['2026-Q3']);
    expect(response.headers['content-range']).toBe('evaluations 0-0/1');
    const all = (await t.http().get('/api/evaluations').query({ range: '[0,99]' }).set(bearer(alpha.admin)).expect(200)).body as Array<RunBody & { createdAt: string }>;
    const created = all.map((run) => run.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    expect((await t.http().get('/api/evaluations').query({ filter: JSON.stringify({ status: 'done' }) }).set(bearer(alpha.admin))).status).toBe(400);
  });
});
