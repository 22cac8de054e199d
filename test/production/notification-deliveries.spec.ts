import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../apps/api/src/config/app-config';
import { createRedisConnection } from '../../apps/api/src/modules/evaluations/redis-connection';
import { ChannelDeliveries } from '../../apps/api/src/modules/notifications/channels/channel-deliveries';
import { CHANNELS_CONFIG, type ChannelsConfig } from '../../apps/api/src/modules/notifications/channels/channels-config';
import { BullDeliveryQueue, DELIVERY_QUEUE, NOTIFICATIONS_QUEUE_NAME } from '../../apps/api/src/modules/notifications/channels/delivery-queue';
import { NotificationTick } from '../../apps/api/src/modules/notifications/channels/notification-tick';
import { NOTIFICATIONS_SCHEDULER_ID, NotificationWorker } from '../../apps/api/src/modules/notifications/channels/notification-worker';
import { type CaseClinic, createCaseClinic, openFeedbackCase } from '../e2e/support/cases-fixture';
import { bearer } from '../e2e/support/fixtures';
import { startTestApp, type TestApp } from '../e2e/support/test-app';
import { type MailSink, startMailSink } from '../support/mail-sink';

/**
 * Deliveries as production runs them: with REDIS_URL the API only writes inbox items; a worker's `tick` job (a BullMQ job
 * scheduler) plans their deliveries and each is a `deliver` job, retried with exponential backoff, the last failure
 * recorded on the delivery. Mail goes to a real SMTP server started here.
 */
const redisUrl = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const prefix = `carescore-notify-${randomBytes(4).toString('hex')}`;
let t: TestApp;
let clinic: CaseClinic;
let mail: MailSink;
let robot: Server;
let robotUrl: string;
let robotCalls = 0;
let worker: NotificationWorker;
let seq = 0;

const sql = <T>(query: string, params: unknown[] = []) => t.app.get(DataSource).query(query, params) as Promise<T[]>;
async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  mail = await startMailSink();
  robot = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      robotCalls += 1;
      response.writeHead(503).end('busy');
    });
  });
  await new Promise<void>((resolve) => robot.listen(0, '127.0.0.1', resolve));
  robotUrl = `http://127.0.0.1:${(robot.address() as AddressInfo).port}/cgi-bin/webhook/send?key=k`;
  Object.assign(process.env, { SMTP_URL: mail.url, NOTIFY_TICK_MS: '200', NOTIFY_ATTEMPTS: '3', NOTIFY_BACKOFF_MS: '50', CASES_SWEEP_MS: '0' });
  t = await startTestApp({ redisUrl, queuePrefix: prefix });
  clinic = await createCaseClinic(t, 'Bull');
  worker = new NotificationWorker(t.app.get(NotificationTick), t.app.get(ChannelDeliveries), { redisUrl, queuePrefix: prefix } as AppConfig, t.app.get<ChannelsConfig>(CHANNELS_CONFIG), 'test-notify');
  await worker.start();
}, 120_000);

afterAll(async () => {
  await worker?.close();
  const queue = new Queue(NOTIFICATIONS_QUEUE_NAME, { connection: createRedisConnection(redisUrl), prefix });
  await queue.removeJobScheduler(NOTIFICATIONS_SCHEDULER_ID).catch(() => undefined);
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  await t?.close();
  const redis = createRedisConnection(redisUrl);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await mail?.close();
  await new Promise((resolve) => robot?.close(resolve));
  for (const name of ['SMTP_URL', 'NOTIFY_TICK_MS', 'NOTIFY_ATTEMPTS', 'NOTIFY_BACKOFF_MS', 'CASES_SWEEP_MS']) delete process.env[name];
});

describe('deliveries with BullMQ', () => {
  it('the worker’s tick plans a new item and a deliver job mails it', async () => {
    expect(t.app.get(DELIVERY_QUEUE)).toBeInstanceOf(BullDeliveryQueue);
    await openFeedbackCase(t, clinic.admin, 'S1', `bull-${++seq}`, { respondedAt: '2026-03-05T02:00:00.000Z' });
    const [received] = await mail.waitFor(1, 15_000);
    expect(received.subject).toBe('[CareScore] A case is waiting for you: Negative-feedback closed loop');
    const rows = await waitFor(
      () => sql<{ status: string; attempts: number }>(`SELECT status, attempts FROM notification_deliveries WHERE institution_id = $1`, [clinic.id]),
      (found) => found.length === 1 && found[0].status === 'sent',
    );
    expect(rows).toEqual([{ status: 'sent', attempts: 1 }]);
  });

  it('a robot that keeps refusing is tried three times with backoff, then the delivery is failed with its answer', async () => {
    await t.http().put('/api/notifications/channels').set(bearer(clinic.admin)).send({ webhookUrl: robotUrl, emailEnabled: false }).expect(200);
    await openFeedbackCase(t, clinic.admin, 'S1', `bull-${++seq}`, { respondedAt: '2026-03-05T02:00:00.000Z' });
    const [failed] = await waitFor(
      () => sql<{ status: string; attempts: number; reason: string }>(`SELECT status, attempts, reason FROM notification_deliveries WHERE institution_id = $1 AND channel = 'webhook'`, [clinic.id]),
      (found) => found.length === 1 && found[0].status === 'failed',
    );
    expect(failed).toEqual({ status: 'failed', attempts: 3, reason: 'webhook answered 503: busy' });
    expect(robotCalls).toBe(3);
    expect(await sql(`SELECT 1 FROM inbox_items WHERE user_id = $1 AND kind = 'case_stage_started'`, [clinic.quality.id])).toHaveLength(2);
  });
});
