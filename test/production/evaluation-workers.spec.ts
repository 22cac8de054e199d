import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SchemeDocumentInput, validateScheme } from '@carescore/engine';
import { generatePopulation } from '../../libs/sample-data/src/generate-population';
import { createRedisConnection } from '../../apps/api/src/modules/evaluations/redis-connection';
import { EVALUATION_QUEUE_NAME } from '../../apps/api/src/modules/evaluations/evaluation-queue';
import { clearQueues, scratchDatabase } from '../support/scratch-services';
import { login, root, type ServerProcess, startServer, startWorker, stopAllServers, tsx, waitForHealth, waitForOutput } from '../support/server-process';

/**
 * Production mode as an operator runs it: PostgreSQL, Redis, one API process and separate
 * `npm run worker` processes. Two workers share one run; a worker killed with SIGKILL in the
 * middle of a run leaves it to another worker, with no duplicate or missing scorecards.
 */
const STAFF = 3000;
const CHUNK = 100;
const redisUrl = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const prefix = `carescore-test-${randomBytes(4).toString('hex')}`;
const cleanups: Array<() => Promise<void>> = [];
let env: NodeJS.ProcessEnv;
let api: ServerProcess;
let databaseUrl: string;
let token: string;

interface Run {
  id: string;
  status: string;
  progress: { done: number; total: number; chunks: number; chunksDone: number };
  errors: Array<{ path: string; message: string }>;
  chunks: Array<{ index: number; status: string; worker: string | null }>;
  current: boolean;
}

async function call<T>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${api.port}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function waitForRun(id: string, until: (run: Run) => boolean, timeoutMs = 120_000): Promise<Run> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await call<Run>('GET', `/evaluations/${id}`);
    if (until(run)) return run;
    if (Date.now() > deadline) throw new Error(`run ${id} is ${run.status} at ${JSON.stringify(run.progress)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const ended = (run: Run) => run.status === 'succeeded' || run.status === 'failed';

/** Scorecards of a run: how many, for how many distinct staff, and how many are current. */
const countsOf = async (runId: string) =>
  (await query<{ total: number; staff: number; current: number }>(`SELECT count(*)::int AS total, count(DISTINCT staff_id)::int AS staff, count(*) FILTER (WHERE current)::int AS current FROM scorecards WHERE run_id = $1`, [runId]))[0];

beforeAll(async () => {
  const database = await scratchDatabase('workers');
  cleanups.push(database.drop);
  // The workers also run the case queue (SLA checks and the repeatable sweep): clear both.
  cleanups.push(() => clearQueues(redisUrl, prefix));
  databaseUrl = database.url;
  env = { DATABASE_URL: databaseUrl, JWT_SECRET: randomBytes(32).toString('hex'), QUEUE_PREFIX: prefix, EVALUATION_CHUNK_SIZE: String(CHUNK), JOB_LOCK_MS: '2000', WORKER_CONCURRENCY: '1' };

  for (const script of ['migrate', 'seed']) {
    // The seed evaluates the demo quarters in its own process (no REDIS_URL there).
    const result = spawnSync(tsx, [`apps/api/src/cli/${script}.ts`], { cwd: root, env: { ...process.env, TEST_DATABASE_URL: '', ...env }, encoding: 'utf8', timeout: 120_000 });
    expect(result.status, result.stderr).toBe(0);
  }
  env.REDIS_URL = redisUrl;
  api = startServer(env);
  await waitForHealth(api);
  token = ((await (await login(api, 'admin@demo.test', 'carescore')).json()) as { token: string }).token;

  // 3000 more staff with March facts for hospital-online-service, bound to 2026-03.
  const [document] = await call<Array<{ id: string }>>('GET', `/documents?filter=${encodeURIComponent(JSON.stringify({ q: 'hospital-online-service' }))}`);
  const version = await call<{ content: SchemeDocumentInput }>('GET', `/documents/${document.id}/versions/1`);
  const scheme = validateScheme(version.content);
  if (!scheme.ok) throw new Error('hospital-online-service does not validate');
  const population = generatePopulation(scheme.value, STAFF, 7);
  const csv = ['code,name,team,tier', ...population.map((_, i) => `P${String(i).padStart(5, '0')},Load ${i},在线客服组,junior`)].join('\n');
  await call('POST', '/staff/import', csv, 'text/csv');
  await call('POST', '/bindings', { period: '2026-03', documentId: document.id, version: 1 });
  await call('POST', '/facts', population.map((member, i) => ({ staffCode: `P${String(i).padStart(5, '0')}`, period: '2026-03', inputs: member.inputs })));
}, 240_000);

afterAll(async () => {
  stopAllServers();
  for (const cleanup of cleanups) await cleanup().catch(() => undefined);
});

describe('BullMQ workers (npm run worker)', () => {
  let firstRun: Run;

  it('two workers share the chunks of one run; its scorecards appear together when it succeeds', async () => {
    const health = await (await fetch(`http://127.0.0.1:${api.port}/api/health`)).json();
    expect(health).toEqual({ status: 'ok', mode: 'production', database: 'up', queue: 'up' });
    const workers = [startWorker({ ...env, WORKER_NAME: 'w1' }), startWorker({ ...env, WORKER_NAME: 'w2' })];
    await Promise.all(workers.map((worker) => waitForOutput(worker, /is consuming evaluation jobs/)));
    const { id } = await call<Run>('POST', '/evaluations', { period: '2026-03' });

    // While it runs, none of its scorecards is current.
    const during = await waitForRun(id, (run) => run.progress.chunksDone > 0 || ended(run));
    if (during.status === 'running') expect((await countsOf(id)).current).toBe(0);

    firstRun = await waitForRun(id, ended);
    expect(firstRun.status, JSON.stringify(firstRun.errors)).toBe('succeeded');
    const total = STAFF + 60;
    expect(firstRun.progress).toMatchObject({ done: total, total, chunks: Math.ceil(total / CHUNK) });
    expect(new Set(firstRun.chunks.map((chunk) => chunk.worker))).toEqual(new Set(['w1', 'w2']));
    expect(await countsOf(id)).toEqual({ total, staff: total, current: total });
    await Promise.all(workers.map((worker) => worker.stop()));
  }, 180_000);

  it('a worker killed mid-run leaves the run to another: it succeeds with every scorecard exactly once', async () => {
    const doomed = startWorker({ ...env, WORKER_NAME: 'doomed' });
    await waitForOutput(doomed, /is consuming evaluation jobs/);
    const { id } = await call<Run>('POST', '/evaluations', { period: '2026-03' });
    const before = await waitForRun(id, (run) => run.progress.chunksDone >= 3 || ended(run));
    expect(before.status).toBe('running');
    doomed.child.kill('SIGKILL');
    await doomed.stop();
    const orphaned = await call<Run>('GET', `/evaluations/${id}`);
    expect(orphaned.status).toBe('running');
    expect(orphaned.progress.chunksDone).toBeLessThan(orphaned.progress.chunks);

    const rescuer = startWorker({ ...env, WORKER_NAME: 'rescuer' });
    const finished = await waitForRun(id, ended);
    expect(finished.status, JSON.stringify(finished.errors)).toBe('succeeded');
    const total = STAFF + 60;
    expect(finished.progress).toMatchObject({ done: total, total, chunksDone: finished.progress.chunks });
    expect(finished.chunks.some((chunk) => chunk.worker === 'doomed')).toBe(true);
    expect(finished.chunks.some((chunk) => chunk.worker === 'rescuer')).toBe(true);
    expect(await countsOf(id)).toEqual({ total, staff: total, current: total });
    // The first run's scorecards are kept but no longer current; the period has exactly one current scorecard per staff member.
    expect(await countsOf(firstRun.id)).toEqual({ total, staff: total, current: 0 });
    const [period] = await query<{ current: number; staff: number }>(
      `SELECT count(*)::int AS current, count(DISTINCT staff_id)::int AS staff FROM scorecards WHERE current AND period = '2026-03'`,
    );
    expect(period).toEqual({ current: total, staff: total });
    await rescuer.stop();
  }, 180_000);

  it('a shadow experiment is evaluated by a BullMQ job after the run: every staff member once, from the same inputs', async () => {
    // The challenger republishes the champion's content, so it must give every staff member exactly the official result.
    const [document] = await call<Array<{ id: string }>>('GET', `/documents?filter=${encodeURIComponent(JSON.stringify({ q: 'hospital-online-service' }))}`);
    const { revision } = await call<{ revision: number }>('GET', `/documents/${document.id}`);
    const { version: challengerVersion } = await call<{ version: number }>('POST', `/documents/${document.id}/rollback`, { version: 1, revision });
    const experiment = await call<{ id: string }>('POST', '/experiments', {
      key: 'shadow-load',
      name: { zh: '影子', en: 'Shadow' },
      champion: { documentId: document.id, version: 1 },
      challenger: { documentId: document.id, version: challengerVersion },
      periods: ['2026-03'],
      mode: 'shadow',
    });
    await call('POST', `/experiments/${experiment.id}/start`);

    const worker = startWorker({ ...env, WORKER_NAME: 'shadow' });
    await waitForOutput(worker, /is consuming evaluation jobs/);
    const { id } = await call<Run>('POST', '/evaluations', { period: '2026-03' });
    const run = await waitForRun(id, ended);
    expect(run.status, JSON.stringify(run.errors)).toBe('succeeded');

    type ShadowRun = { runId: string; status: string; staff: number; stored: number; attempts: number; error: string | null };
    const deadline = Date.now() + 60_000;
    let work: ShadowRun | undefined;
    for (;;) {
      const report = await call<{ shadowRuns: ShadowRun[]; staff: unknown[] }>('GET', `/experiments/${experiment.id}/report?period=2026-03`);
      work = report.shadowRuns.find((row) => row.runId === id);
      if (work?.status === 'done' || work?.status === 'failed') break;
      if (Date.now() > deadline) throw new Error(`shadow work still ${work?.status ?? 'absent'}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const [{ champion }] = await query<{ champion: number }>(
      `SELECT count(*)::int AS champion FROM scorecards s JOIN document_versions v ON v.id = s.document_version_id WHERE s.run_id = $1 AND v.document_id = $2 AND v.version = 1`,
      [id, document.id],
    );
    expect(champion).toBeGreaterThanOrEqual(STAFF);
    expect(work).toMatchObject({ status: 'done', staff: champion, stored: champion, attempts: 1, error: null });
    const [pairs] = await query<{ shadow: number; staff: number; differing: number }>(
      `SELECT count(*)::int AS shadow, count(DISTINCT x.staff_id)::int AS staff,
              count(*) FILTER (WHERE x.composite IS DISTINCT FROM s.composite OR x.band IS DISTINCT FROM s.band OR x.zone IS DISTINCT FROM s.zone)::int AS differing
         FROM experiment_scorecards x JOIN scorecards s ON s.run_id = x.run_id AND s.staff_id = x.staff_id
        WHERE x.experiment_id = $1 AND x.run_id = $2`,
      [experiment.id, id],
    );
    expect(pairs).toEqual({ shadow: champion, staff: champion, differing: 0 });
    // It ran as the BullMQ job of that experiment and run, in the worker.
    const connection = createRedisConnection(redisUrl);
    const queue = new Queue(EVALUATION_QUEUE_NAME, { connection, prefix });
    try {
      const job = await queue.getJob(`shadow-${experiment.id}-${id}`);
      expect(job?.name).toBe('shadow');
      expect(job?.returnvalue).toBe(`${champion} scorecards`);
    } finally {
      await queue.close();
      connection.disconnect();
    }
    await call('POST', `/experiments/${experiment.id}/stop`);
    await worker.stop();
  }, 120_000);

  it('refuses to start without Redis', () => {
    const result = spawnSync(tsx, ['apps/worker/src/main.ts'], { cwd: root, env: { ...process.env, TEST_DATABASE_URL: '', ...env, REDIS_URL: '' }, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/the worker needs DATABASE_URL and REDIS_URL/);
  });
});
