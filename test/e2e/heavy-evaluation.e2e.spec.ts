import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIST_INPUT_MAX_LENGTH, LIST_NUMBERS_MAX_PER_REQUEST } from '@carescore/engine';
import { bearer, createInstitution, type TestInstitution } from './support/fixtures';
import { startRun, waitForRun } from './support/evaluations-fixture';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Untrusted documents are evaluated in worker threads under a time budget (issue 13 §3): a draft
 * that takes medians of long lists over and over must neither stall the API (health answers while it
 * runs) nor run forever (422 evaluation_budget_exceeded, and a run's chunk fails the run at once).
 * The budget is small here; the same preview needs several seconds of CPU without one.
 */
let t: TestApp;
let clinic: TestInstitution;
let heavyId: string;
let lightId: string;

type Json = Record<string, unknown>;
const BUDGET_MS = 1000;
const STAFF = 30;
const MEDIANS = 100;

const scheme = (key: string, formula: string): Json => ({
  kind: 'scheme',
  key,
  name: { en: key },
  period: 'month',
  inputs: { xs: { type: 'number[]', min: 0 }, done: { type: 'number', min: 0 } },
  indicators: [
    { id: 'spread', formula, scoring: { type: 'linear', min: 0, max: 100000 } },
    { id: 'output', formula: 'done', scoring: { type: 'linear', min: 0, max: 50 } },
  ],
  dimensions: [{ id: 'main', weight: 100, indicators: [{ id: 'spread', weight: 50 }, { id: 'output', weight: 50 }] }],
});
const heavy = scheme('heavy', Array.from({ length: MEDIANS }, () => 'median(xs)').join(' + '));
const light = scheme('light', 'median(xs) + max(xs)');

const codes = Array.from({ length: STAFF }, (_, i) => `H${String(i).padStart(3, '0')}`);
const longList = (seed: number) => Array.from({ length: LIST_INPUT_MAX_LENGTH }, (_, j) => (j * 7919 + seed) % 1000);
const heavyFacts = codes.map((staffId, i) => ({ staffId, inputs: { xs: longList(i), done: i } }));

async function createPublished(content: Json): Promise<string> {
  const admin = bearer(clinic.admin);
  const created = await t.http().post('/api/documents').set(admin).send({ content }).expect(201);
  await t.http().post(`/api/documents/${created.body.id}/publish`).set(admin).send({ revision: created.body.revision }).expect(200);
  return created.body.id as string;
}

beforeAll(async () => {
  t = await startTestApp({ evaluation: { budgetMs: BUDGET_MS, memoryMb: 512, threads: 1 }, bodyLimit: '8mb', evaluationChunkSize: STAFF });
  clinic = await createInstitution(t, 'Clinic');
  heavyId = await createPublished(heavy);
  lightId = await createPublished(light);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const preview = (id: string, body: Json) => t.http().post(`/api/documents/${id}/preview`).set(bearer(clinic.admin)).send(body);

describe('a heavy preview', () => {
  it('evaluates an ordinary preview in a thread, with the results the engine gives', async () => {
    const facts = [{ staffId: 'A1', inputs: { xs: [3, 1, 2, 10], done: 25 } }];
    const response = await preview(lightId, { period: '2026-03', facts }).expect(200);
    expect(response.body.scorecards).toHaveLength(1);
    expect(response.body.scorecards[0]).toMatchObject({ staffId: 'A1', indicators: { spread: { value: 12.5 }, output: { value: 25 } } });
  }, 120_000);

  it('leaves the API answering while it runs, then stops at the budget with 422 evaluation_budget_exceeded; the pool recovers', async () => {
    const events: string[] = [];
    const began = performance.now();
    const heavyPreview = preview(heavyId, { period: '2026-03', facts: heavyFacts }).then((response) => {
      events.push('preview');
      return { response, ms: performance.now() - began };
    });
    // Let the request reach its evaluation, then ask for health while it runs.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const healthStarted = performance.now();
    const health = await t.http().get('/api/health');
    const healthMs = performance.now() - healthStarted;
    events.push('health');
    const { response, ms } = await heavyPreview;
    console.log(`health answered in ${healthMs.toFixed(0)} ms while the heavy preview ran; the preview ended after ${ms.toFixed(0)} ms`);

    expect(health.status).toBe(200);
    expect(events).toEqual(['health', 'preview']);
    expect(response.status, JSON.stringify(response.body)).toBe(422);
    expect(response.body.details).toEqual([
      {
        path: 'evaluation',
        code: 'evaluation_budget_exceeded',
        message: `the preview took longer than the evaluation budget of ${BUDGET_MS} ms (EVALUATION_BUDGET_MS) and was stopped: simplify the formulas or evaluate fewer staff or smaller lists`,
      },
    ]);
    expect(response.body.message).toBe(response.body.details[0].message);

    // The killed thread was replaced: the next preview is answered, correctly.
    const after = await preview(lightId, { period: '2026-03', facts: [{ staffId: 'A2', inputs: { xs: [4], done: 5 } }] }).expect(200);
    expect(after.body.scorecards[0]).toMatchObject({ staffId: 'A2', indicators: { spread: { value: 8 }, output: { value: 5 } } });
  }, 120_000);

  it(`refuses a list input of more than ${LIST_INPUT_MAX_LENGTH} numbers with 422 at its path`, async () => {
    const atCap = await preview(lightId, { period: '2026-03', facts: [{ staffId: 'A1', inputs: { xs: longList(1), done: 1 } }] });
    expect(atCap.status).toBe(200);
    const response = await preview(lightId, { period: '2026-03', facts: [{ staffId: 'A1', inputs: { xs: [...longList(1), 5], done: 1 } }] }).expect(422);
    expect(response.body.details).toEqual([{ path: 'facts[0].inputs.xs', message: `has ${LIST_INPUT_MAX_LENGTH + 1} numbers; a list input holds at most ${LIST_INPUT_MAX_LENGTH}` }]);
  }, 120_000);
});

describe('a heavy run', () => {
  it('fails the run at its first over-budget chunk with the reason, without retries, while the API keeps answering', async () => {
    const admin = bearer(clinic.admin);
    for (const code of codes) await t.http().post('/api/staff').set(admin).send({ code, name: code, tier: 'junior' }).expect(201);
    await t.http().post('/api/bindings').set(admin).send({ period: '2026-04', documentId: heavyId, version: 1 }).expect(201);
    const rows = heavyFacts.map((facts) => ({ staffCode: facts.staffId, period: '2026-04', inputs: facts.inputs }));
    await t.http().post('/api/facts').set(admin).send(rows).expect(200);

    const run = await startRun(t, clinic.admin, { period: '2026-04' });
    const healthStarted = performance.now();
    await t.http().get('/api/health').expect(200);
    console.log(`health answered in ${(performance.now() - healthStarted).toFixed(0)} ms while the heavy run was queued or running`);
    const ended = await waitForRun(t, clinic.admin, run.id, 90_000);
    expect(ended.status).toBe('failed');
    // One error, no "attempt failed and will be retried": the same chunk would only stop again.
    expect(ended.errors).toEqual([
      {
        path: 'run',
        message: `chunk 1 of the run (${STAFF} staff) took longer than the evaluation budget of ${BUDGET_MS} ms (EVALUATION_BUDGET_MS) and was stopped: simplify the formulas or evaluate fewer staff or smaller lists`,
      },
    ]);
    const scorecards = await t.http().get('/api/scorecards').query({ filter: JSON.stringify({ period: '2026-04' }) }).set(admin).expect(200);
    expect(scorecards.body).toEqual([]);
  }, 180_000);
});

describe('list input caps', () => {
  // The default budget: a million numbers take a while to pass around on a loaded machine.
  let roomy: TestApp;
  let big: TestInstitution;
  let roomyLightId: string;
  beforeAll(async () => {
    roomy = await startTestApp({ bodyLimit: '8mb' });
    big = await createInstitution(roomy, 'Big');
    const admin = bearer(big.admin);
    const created = await roomy.http().post('/api/documents').set(admin).send({ content: light }).expect(201);
    await roomy.http().post(`/api/documents/${created.body.id}/publish`).set(admin).send({ revision: created.body.revision }).expect(200);
    roomyLightId = created.body.id as string;
  }, 120_000);
  afterAll(async () => {
    await roomy?.close();
  });
  const previewRoomy = (body: Json) => roomy.http().post(`/api/documents/${roomyLightId}/preview`).set(bearer(big.admin)).send(body);
  const manyFacts = (staff: number) => Array.from({ length: staff }, (_, i) => ({ staffId: `L${i}`, inputs: { xs: longList(i), done: 1 } }));

  it(`a preview takes ${LIST_NUMBERS_MAX_PER_REQUEST} list numbers and answers 413 list_numbers_exceeded for one more`, async () => {
    const full = manyFacts(LIST_NUMBERS_MAX_PER_REQUEST / LIST_INPUT_MAX_LENGTH);
    const accepted = await previewRoomy({ period: '2026-03', facts: full });
    expect(accepted.status, JSON.stringify(accepted.body).slice(0, 300)).toBe(200);
    expect(accepted.body.scorecards).toHaveLength(full.length);
    const response = await previewRoomy({ period: '2026-03', facts: [...full, { staffId: 'extra', inputs: { xs: [1] } }] }).expect(413);
    const message = `the facts hold ${LIST_NUMBERS_MAX_PER_REQUEST + 1} numbers in list inputs; one request evaluates at most ${LIST_NUMBERS_MAX_PER_REQUEST}: take fewer staff or shorter lists`;
    expect(response.body).toMatchObject({ error: 'PayloadTooLarge', message, details: [{ path: 'facts', message, code: 'list_numbers_exceeded' }] });
  }, 180_000);

  it('POST /api/facts answers 413 for more list numbers than one upload takes, and stores nothing', async () => {
    const admin = bearer(big.admin);
    await roomy.http().post('/api/bindings').set(admin).send({ period: '2026-05', documentId: roomyLightId, version: 1 }).expect(201);
    const facts = manyFacts(LIST_NUMBERS_MAX_PER_REQUEST / LIST_INPUT_MAX_LENGTH + 1);
    for (const { staffId } of facts) await roomy.http().post('/api/staff').set(admin).send({ code: staffId, name: staffId, tier: 'junior' }).expect(201);
    const rows = facts.map(({ staffId, inputs }) => ({ staffCode: staffId, period: '2026-05', inputs }));
    const response = await roomy.http().post('/api/facts').set(admin).send(rows).expect(413);
    const message = `the rows hold ${LIST_NUMBERS_MAX_PER_REQUEST + LIST_INPUT_MAX_LENGTH} numbers in list inputs; one upload takes at most ${LIST_NUMBERS_MAX_PER_REQUEST}, so split it`;
    expect(response.body.details).toEqual([{ path: 'rows', message, code: 'list_numbers_exceeded' }]);
    expect((await roomy.http().get('/api/facts').set(admin).expect(200)).body).toEqual([]);

    const tooLong = await roomy.http().post('/api/facts').set(admin).send([{ staffCode: 'L0', period: '2026-05', inputs: { xs: [...longList(0), 1] } }]).expect(422);
    expect(tooLong.body.details).toEqual([{ path: '[0].inputs.xs', message: `has ${LIST_INPUT_MAX_LENGTH + 1} numbers; a list input holds at most ${LIST_INPUT_MAX_LENGTH}`, code: 'list_input_too_long' }]);
  }, 180_000);
});
