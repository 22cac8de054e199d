import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../apps/api/src/config/app-config';
import { CaseEscalations } from '../../apps/api/src/modules/cases/sla/case-escalations';
import { CASE_QUEUE_NAME, CASE_TIMERS, type CaseTimers } from '../../apps/api/src/modules/cases/sla/case-timers';
import { CaseWorker, SWEEP_SCHEDULER_ID } from '../../apps/api/src/modules/cases/sla/case-worker';
import { createRedisConnection } from '../../apps/api/src/modules/evaluations/redis-connection';
import { type CaseClinic, createCaseClinic, publishDocument } from '../e2e/support/cases-fixture';
import { bearer } from '../e2e/support/fixtures';
import { startTestApp, type TestApp } from '../e2e/support/test-app';

/**
 * Case SLAs on real PostgreSQL and Redis, as production runs them: the API queues one BullMQ
 * delayed job per due time, a case worker (what `npm run worker` starts) consumes it at the due
 * time; a job lost from Redis is made up for by the worker's start-up sweep and by its repeatable
 * sweep. Stages last about a second here (slaHours 0.0004), so everything happens in real time.
 */
const redisUrl = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const prefix = `carescore-cases-${randomBytes(4).toString('hex')}`;
const config = { redisUrl, queuePrefix: prefix } as AppConfig;
let t: TestApp;
let clinic: CaseClinic;
let queue: Queue;
const workers: CaseWorker[] = [];

const sql = <T>(query: string, params: unknown[] = []) => t.app.get(DataSource).query(query, params) as Promise<T[]>;
const eventTypes = async (id: string) => (await sql<{ type: string }>(`SELECT type FROM case_events WHERE case_id = $1 ORDER BY id`, [id])).map((row) => row.type);

async function openCase(responseId: string): Promise<string> {
  const response = await t.http().post('/api/feedback').set(bearer(clinic.quality)).send({ responseId, staffCode: 'S1', nps: 8, channel: 'hotline' }).expect(200);
  return response.body.items[0].cases[0].id as string;
}

/** The delayed check jobs of a case in Redis (they are queued just after the request's transaction commits). */
async function delayedJobsOf(caseId: string, expected: number) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const jobs = (await queue.getDelayed()).filter((job) => (job.data as { caseId: string }).caseId === caseId);
    if (jobs.length >= expected || Date.now() > deadline) return jobs;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function waitForEvents(id: string, until: (types: string[]) => boolean, timeoutMs = 15_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const types = await eventTypes(id);
    if (until(types) || Date.now() > deadline) return types;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Notice {
  notify: string;
  status: string;
  channel: string | null;
  recipients: Array<{ email: string }>;
}

/** The case's notification once delivery has been tried: it is sent just after the escalation commits. */
async function waitForDelivery(caseId: string, timeoutMs = 10_000): Promise<Notice | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [notice] = await sql<Notice>(`SELECT notify, status, channel, recipients FROM notifications WHERE case_id = $1`, [caseId]);
    if ((notice && notice.status !== 'pending') || Date.now() > deadline) return notice;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  process.env.CASES_SWEEP_MS = '0';
  t = await startTestApp({ redisUrl, queuePrefix: prefix });
  clinic = await createCaseClinic(t, 'Hotline');
  await publishDocument(t, clinic.admin, {
    content: {
      kind: 'workflow',
      key: 'hotline',
      trigger: { when: { all: [{ fact: 'channel', operator: 'equal', value: 'hotline' }] } },
      stages: [{ id: 'call_back', slaHours: 0.0004, fields: [{ id: 'done', type: 'boolean', required: true }] }],
      escalation: [{ afterHours: 0, notify: 'manager' }],
    },
  });
  queue = new Queue(CASE_QUEUE_NAME, { connection: createRedisConnection(redisUrl), prefix });
}, 120_000);

afterAll(async () => {
  for (const worker of workers) await worker.close();
  if (queue) {
    await queue.removeJobScheduler(SWEEP_SCHEDULER_ID).catch(() => undefined);
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
  await t?.close();
  // The API's evaluation producer leaves its queue's meta key behind: remove everything under the prefix.
  const redis = createRedisConnection(redisUrl);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

function startWorker(sweepMs: number): Promise<CaseWorker> {
  const worker = new CaseWorker(t.app.get(CaseEscalations), config, { sweepMs, webhookUrl: null, webhookFormat: 'wecom' }, `test-${workers.length}`);
  workers.push(worker);
  return worker.start().then(() => worker);
}

describe('case SLAs with BullMQ', () => {
  it('queues a delayed job at the due time; the worker breaches and escalates the case when it fires', async () => {
    expect(t.app.get<CaseTimers>(CASE_TIMERS).kind).toBe('bullmq');
    await startWorker(0);
    const id = await openCase('bull-1');
    const jobs = await delayedJobsOf(id, 1);
    expect(jobs).toHaveLength(1);
    expect(jobs[0].name).toBe('check');
    expect(jobs[0].opts.delay).toBeGreaterThan(0);
    expect(jobs[0].opts.delay).toBeLessThanOrEqual(1440);
    // (Not asserted: nothing else happened yet. On a loaded machine the 1.4 s delay may already have passed here.)
    expect(await waitForEvents(id, (types) => types.includes('escalated'))).toEqual(['opened', 'breached', 'escalated']);
    const notice = await waitForDelivery(id);
    expect(notice).toMatchObject({ notify: 'manager', status: 'sent', channel: 'log', recipients: [{ email: clinic.manager.email }] });
  });

  it('a case whose delayed job was lost is caught by the sweep a restarted worker runs at start', async () => {
    const id = await openCase('bull-lost-1');
    const jobs = await delayedJobsOf(id, 1);
    expect(jobs).toHaveLength(1);
    await jobs[0].remove();
    await sleep(2500);
    expect(await eventTypes(id)).toEqual(['opened']); // due, but nothing woke it
    await workers[0].close();
    workers.shift();
    await startWorker(0); // a restart: the start-up sweep finds it
    expect(await eventTypes(id)).toEqual(['opened', 'breached', 'escalated']);
  });

  it('and by the repeatable sweep while workers run', async () => {
    await workers[0].close();
    workers.shift();
    await startWorker(1000);
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((scheduler) => [scheduler.key, Number(scheduler.every)])).toEqual([[SWEEP_SCHEDULER_ID, 1000]]);
    const id = await openCase('bull-lost-2');
    const jobs = await delayedJobsOf(id, 1);
    await jobs[0].remove();
    expect(await waitForEvents(id, (types) => types.includes('escalated'))).toEqual(['opened', 'breached', 'escalated']);
  });
});
