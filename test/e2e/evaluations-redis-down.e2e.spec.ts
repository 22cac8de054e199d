import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVALUATION_QUEUE_NAME, planJobId } from '../../apps/api/src/modules/evaluations/evaluation-queue';
import { RunEvaluation } from '../../apps/api/src/modules/evaluations/run-evaluation.use-case';
import { auditEntries } from './support/audit-entries';
import { createCaseClinic, openFeedbackCase } from './support/cases-fixture';
import { storeDocument } from './support/documents-fixture';
import { bearer, createInstitution, login, type TestInstitution } from './support/fixtures';
import { deadRedisUrl, deleteKeys, REDIS_URL, type RedisProxy, type RedisStandIn, startRedisProxy, startSilentRedis, testPrefix } from './support/redis-stand-ins';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * POST /api/evaluations while Redis cannot take the job: refused (connection refused), hung from the start (accepts,
 * never answers), and hanging after it was connected (a proxy to the real Redis that stops passing commands on). The
 * request answers 503 with Retry-After within about a second, and no run is left behind to start later.
 */
const FAST_MS = 2500;

interface Clinic {
  t: TestApp;
  clinic: TestInstitution;
}

async function clinicWithBinding(redisUrl: string, prefix: string): Promise<Clinic> {
  const t = await startTestApp({ redisUrl, queuePrefix: prefix });
  const clinic = await createInstitution(t, 'Queue');
  const document = await storeDocument(t, clinic.id, 'career-tiers', ['published']);
  for (const period of ['2026-Q1', '2026-Q2', '2026-Q3']) {
    await t.http().post('/api/bindings').set(bearer(clinic.admin)).send({ documentId: document.id, period, version: 1 }).expect(201);
  }
  return { t, clinic };
}

async function timedStart({ t, clinic }: Clinic, period: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await t.http().post('/api/evaluations').set(bearer(clinic.admin)).set(headers).send({ period });
  return { response, ms: performance.now() - started };
}

const runRows = ({ t }: Clinic) => t.app.get(DataSource).query(`SELECT id, status, errors FROM evaluation_runs ORDER BY created_at`) as Promise<Array<{ id: string; status: string; errors: Array<{ message: string }> }>>;
const keyRows = ({ t }: Clinic) => t.app.get(DataSource).query(`SELECT key, status FROM idempotency_keys`) as Promise<unknown[]>;

function expectRefused(response: { status: number; headers: Record<string, string>; body: { message: string } }, ms: number): void {
  expect(response.status, JSON.stringify(response.body)).toBe(503);
  expect(response.headers['retry-after']).toBe('10');
  expect(response.body).toMatchObject({ statusCode: 503, error: 'ServiceUnavailable', details: [] });
  expect(response.body.message).toMatch(/job queue \(Redis\) is not reachable, so no run was started/);
  expect(ms).toBeLessThan(FAST_MS);
}

describe.each([
  ['refuses connections', async (): Promise<RedisStandIn> => ({ url: await deadRedisUrl(), close: () => Promise.resolve() })],
  ['accepts connections and never answers', startSilentRedis],
])('with a Redis that %s', (_label, standIn) => {
  let redis: RedisStandIn;
  let c: Clinic;

  beforeAll(async () => {
    redis = await standIn();
    c = await clinicWithBinding(redis.url, testPrefix('down'));
  });
  afterAll(async () => {
    await c?.t.close();
    await redis?.close();
  });

  it('answers POST /api/evaluations with 503 and Retry-After at once, and stores no run', async () => {
    const first = await timedStart(c, '2026-Q1');
    expectRefused(first.response, first.ms);
    // A client retrying (with a key) gets the same, and nothing piles up behind it.
    const retried = await timedStart(c, '2026-Q1', { 'Idempotency-Key': 'retry-1' });
    expectRefused(retried.response, retried.ms);
    expect(await runRows(c)).toEqual([]);
    expect(await keyRows(c)).toEqual([]);
    expect(await auditEntries(c.t, c.clinic.admin, { action: 'evaluate' })).toEqual([]);
    const health = await c.t.http().get('/api/health').expect(503);
    expect(health.body).toMatchObject({ status: 'degraded', queue: 'down', database: 'up' });
  });

  it('still signs users in at once, and still limits failures (counted in this process meanwhile)', async () => {
    const started = performance.now();
    await login(c.t, c.clinic.quality.email);
    expect(performance.now() - started).toBeLessThan(FAST_MS);
    const attempt = () => c.t.http().post('/api/auth/login').send({ email: c.clinic.staff.email, password: 'wrong' });
    for (let i = 0; i < 5; i += 1) expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(890);
  });
});

describe('with Redis hanging after it was connected', () => {
  let proxy: RedisProxy;
  let c: Clinic;
  const prefix = testPrefix('hang');

  beforeAll(async () => {
    proxy = await startRedisProxy();
    c = await clinicWithBinding(proxy.url, prefix);
    await c.t.http().get('/api/health').expect(200);
  });
  afterAll(async () => {
    await c?.t.close();
    await proxy?.close();
    await deleteKeys(prefix);
  });

  it('queues runs while Redis answers', async () => {
    const { response } = await timedStart(c, '2026-Q1');
    expect(response.status, JSON.stringify(response.body)).toBe(202);
  });

  it('refuses within about a second when Redis stops answering altogether, and stores no run', async () => {
    const before = (await runRows(c)).length;
    proxy.hold();
    try {
      const { response, ms } = await timedStart(c, '2026-Q2');
      expectRefused(response, ms);
      expect(await runRows(c)).toHaveLength(before);
    } finally {
      proxy.release();
    }
  });

  it('fails a run whose job Redis did not confirm, so the job, arriving later, starts nothing', async () => {
    proxy.hold({ butPing: true }); // the queue looks up; the job itself goes unanswered
    let refused: Awaited<ReturnType<typeof timedStart>>;
    try {
      refused = await timedStart(c, '2026-Q3');
    } finally {
      proxy.release(); // the held job now reaches Redis
    }
    expectRefused(refused.response, refused.ms);
    const run = (await runRows(c)).at(-1) as Awaited<ReturnType<typeof runRows>>[number];
    expect(run.status).toBe('failed');
    expect(run.errors.at(-1)?.message).toMatch(/^could not be queued: /);
    const audit = await auditEntries(c.t, c.clinic.admin, { entityType: 'evaluation_run', entityId: run.id });
    expect(audit.map((entry) => entry.action)).toEqual(['update', 'evaluate']);
    expect(audit[0].changes).toMatchObject({ before: { status: 'queued' }, after: { status: 'failed' } });

    // The job did land in Redis after all; whoever takes it (a worker) finds the run ended and plans nothing.
    const connection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(EVALUATION_QUEUE_NAME, { connection, prefix });
    try {
      let job = await queue.getJob(planJobId(run.id));
      for (let i = 0; !job && i < 50; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        job = await queue.getJob(planJobId(run.id));
      }
      expect(job?.data).toEqual({ runId: run.id });
    } finally {
      await queue.close();
      connection.disconnect();
    }
    expect(await c.t.app.get(RunEvaluation).plan(run.id)).toEqual([]);
    expect((await runRows(c)).at(-1)?.status).toBe('failed');

    // Redis answering again, the same request starts a run.
    const again = await timedStart(c, '2026-Q3');
    expect(again.response.status, JSON.stringify(again.response.body)).toBe(202);
  });
});

describe('other writes that queue work, with Redis refusing connections', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ redisUrl: await deadRedisUrl(), queuePrefix: testPrefix('cases') });
  });
  afterAll(async () => t?.close());

  it('records feedback that opens a case at once; its SLA checks are left to the sweep', async () => {
    const clinic = await createCaseClinic(t, 'Sla');
    const started = performance.now();
    const caseId = await openFeedbackCase(t, clinic.quality, 'S1', 'resp-redis-down');
    expect(performance.now() - started).toBeLessThan(FAST_MS);
    const opened = await t.http().get(`/api/cases/${caseId}`).set(bearer(clinic.quality)).expect(200);
    expect(opened.body).toMatchObject({ id: caseId, status: 'open' });
  });
});
