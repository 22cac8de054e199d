import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CaseSlaRepository } from '../../apps/api/src/modules/cases/sla/case-sla.repository';
import { ChannelDeliveries } from '../../apps/api/src/modules/notifications/channels/channel-deliveries';
import { InProcessDeliveryQueue } from '../../apps/api/src/modules/notifications/channels/delivery-queue';
import { NotificationTick } from '../../apps/api/src/modules/notifications/channels/notification-tick';
import { TransactionRunner } from '../../apps/api/src/database/transaction';
import { type MailSink, startMailSink } from '../support/mail-sink';
import { auditEntries } from './support/audit-entries';
import { type CaseClinic, clockOf, createCaseClinic, openFeedbackCase } from './support/cases-fixture';
import { bearer } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Channels beside the inbox: each new item goes out by e-mail (a real SMTP server started here) and to the institution's
 * group robot, per the recipient's mutes and the institution's settings; failures are retried, then marked failed with
 * the reason, and never touch the in-app copy.
 */
interface RobotCall {
  url: string;
  body: Record<string, unknown>;
}
interface Robot {
  url: string;
  calls: RobotCall[];
  status: number;
  close(): Promise<void>;
}

async function startRobot(): Promise<Robot> {
  const robot = { calls: [] as RobotCall[], status: 200 } as Robot;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      robot.calls.push({ url: request.url ?? '', body: JSON.parse(body) as Record<string, unknown> });
      response.writeHead(robot.status, { 'content-type': 'application/json' }).end(robot.status === 200 ? '{"errcode":0,"errmsg":"ok"}' : '{"errcode":310000,"errmsg":"sign not match"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  robot.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/robot/send?access_token=secret-token`;
  robot.close = () => new Promise((resolve) => server.close(() => resolve()));
  return robot;
}

let t: TestApp;
let mail: MailSink;
let robot: Robot;
let clinic: CaseClinic;
let feedbackSeq = 0;

interface Delivery {
  id: string;
  channel: string;
  status: string;
  reason: string | null;
  attempts: number;
  recipient: { name: string; email: string };
  kind: string;
  title: string;
}

const sql = <T>(query: string, params: unknown[] = []) => t.app.get(DataSource).query(query, params) as Promise<T[]>;
/** One tick as the timer (or the workers' job) runs it, then every try it started, retries included. */
async function tick(): Promise<{ planned: number; queued: number }> {
  const result = await t.app.get(NotificationTick).run();
  await t.app.get(InProcessDeliveryQueue).idle();
  return result;
}
const deliveries = async (query: Record<string, string> = {}) => (await t.http().get('/api/notifications/deliveries').query(query).set(bearer(clinic.admin)).expect(200)).body as Delivery[];
const openCase = () => openFeedbackCase(t, clinic.admin, 'S1', `channels-${++feedbackSeq}`, { respondedAt: '2026-03-05T02:00:00.000Z' });

beforeAll(async () => {
  mail = await startMailSink();
  robot = await startRobot();
  Object.assign(process.env, { SMTP_URL: mail.url, MAIL_FROM: 'CareScore <care@clinic.test>', PUBLIC_URL: 'https://care.example.org', NOTIFY_TICK_MS: '0', NOTIFY_ATTEMPTS: '3', NOTIFY_BACKOFF_MS: '20', CASES_SWEEP_MS: '0' });
  t = await startTestApp();
  clinic = await createCaseClinic(t, 'Chan');
  await sql(`UPDATE users SET locale = 'zh' WHERE id = $1`, [clinic.quality.id]);
  await tick();
}, 120_000);
afterAll(async () => {
  await t?.close();
  await mail?.close();
  await robot?.close();
  for (const name of ['SMTP_URL', 'MAIL_FROM', 'PUBLIC_URL', 'NOTIFY_TICK_MS', 'NOTIFY_ATTEMPTS', 'NOTIFY_BACKOFF_MS', 'CASES_SWEEP_MS']) delete process.env[name];
});
beforeEach(() => {
  mail.received.length = 0;
  robot.calls.length = 0;
  robot.status = 200;
});

describe('e-mail', () => {
  it('a case waiting on the quality officer reaches her mailbox in her language, with a link to the case', async () => {
    const caseId = await openCase();
    expect(await tick()).toEqual({ planned: 1, queued: 1 });
    const [received] = await mail.waitFor(1);
    expect(received.subject).toBe('[CareScore] 待你处理的工单：负面反馈闭环');
    expect(received.to && !Array.isArray(received.to) ? received.to.text : '').toBe(clinic.quality.email);
    expect(received.from?.value[0]).toMatchObject({ name: 'CareScore', address: 'care@clinic.test' });
    expect(received.text).toContain('的负面反馈闭环工单已进入“根因分析”阶段，请在 24 小时内处理。');
    expect(received.text).toContain(`在 CareScore 中查看：https://care.example.org/cases/${caseId}/show`);
    const [delivery] = await deliveries();
    expect(delivery).toMatchObject({ channel: 'email', status: 'sent', reason: null, attempts: 1, kind: 'case_stage_started', recipient: { email: clinic.quality.email } });
    // Planned once: another tick sends nothing again.
    expect(await tick()).toEqual({ planned: 0, queued: 0 });
    expect(mail.received).toHaveLength(1);
  });

  it('a muted kind is not mailed, the in-app copy stays, and the change of preferences is audited', async () => {
    const put = await t.http().put('/api/notifications/preferences').set(bearer(clinic.quality)).send({ mutes: [{ kind: 'case_stage_started', channel: 'email' }] });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.mutes).toEqual([{ kind: 'case_stage_started', channel: 'email' }]);
    const [entry] = await auditEntries(t, clinic.admin, { entityType: 'notification_preferences' });
    expect(entry).toMatchObject({ action: 'update', actorId: clinic.quality.id, entityId: clinic.quality.id, changes: { before: { mutes: [] }, after: { mutes: [{ kind: 'case_stage_started', channel: 'email' }] } } });

    const caseId = await openCase();
    expect(await tick()).toEqual({ planned: 1, queued: 0 });
    expect(mail.received).toHaveLength(0);
    const mine = (await t.http().get('/api/notifications/mine').set(bearer(clinic.quality)).expect(200)).body as Array<{ target: { id: string } }>;
    expect(mine.map((item) => item.target.id)).toContain(caseId);

    await t.http().put('/api/notifications/preferences').set(bearer(clinic.quality)).send({ mutes: [] }).expect(200);
  });

  it('refuses an unknown kind or channel with the path of the mistake', async () => {
    const bad = await t.http().put('/api/notifications/preferences').set(bearer(clinic.quality)).send({ mutes: [{ kind: 'everything', channel: 'email' }, { kind: 'reminder', channel: 'sms' }] });
    expect(bad.status).toBe(400);
    expect((bad.body.details as Array<{ path: string }>).map((detail) => detail.path)).toEqual(['mutes[0].kind', 'mutes[1].channel']);
  });

  it('a recipient without an address is recorded as skipped, not failed', async () => {
    await sql(`UPDATE users SET email = '' WHERE id = $1`, [clinic.quality.id]);
    try {
      await openCase();
      expect(await tick()).toEqual({ planned: 1, queued: 0 });
      const [delivery] = await deliveries();
      expect(delivery).toMatchObject({ channel: 'email', status: 'skipped', reason: 'no_address', attempts: 0 });
    } finally {
      await sql(`UPDATE users SET email = $2 WHERE id = $1`, [clinic.quality.id, clinic.quality.email]);
    }
  });
});

describe('the group robot', () => {
  it('an admin sets a signed DingTalk robot: audited without the secret, the address read back masked', async () => {
    const put = await t.http().put('/api/notifications/channels').set(bearer(clinic.admin)).send({ webhookUrl: robot.url, webhookFormat: 'dingtalk', webhookSecret: 'SECabc123', emailEnabled: false });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const origin = new URL(robot.url).origin;
    expect(put.body).toMatchObject({ emailEnabled: false, emailConfigured: true, webhookUrl: `${origin}/robot/send?…`, webhookFormat: 'dingtalk', webhookSecretSet: true, webhookKinds: ['case_stage_started', 'case_stage_due_soon', 'scheduled_run_failed'] });
    // The record sent back as read (masked address, read-only fields) keeps the real address and secret.
    const again = await t.http().put('/api/notifications/channels').set(bearer(clinic.admin)).send(put.body);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect((await sql<{ webhook_url: string; webhook_secret: string }>(`SELECT webhook_url, webhook_secret FROM notification_settings WHERE institution_id = $1`, [clinic.id]))[0]).toEqual({ webhook_url: robot.url, webhook_secret: 'SECabc123' });
    const [entry] = await auditEntries(t, clinic.admin, { entityType: 'notification_settings' });
    expect(entry).toMatchObject({ action: 'update', actorId: clinic.admin.id, entityId: clinic.id });
    expect(JSON.stringify(entry.changes)).not.toContain('SECabc123');
    expect(JSON.stringify(entry.changes)).not.toContain('secret-token');
    expect((await t.http().get('/api/notifications/channels').set(bearer(clinic.quality))).status).toBe(403);
    const wrong = await t.http().put('/api/notifications/channels').set(bearer(clinic.admin)).send({ webhookUrl: 'ftp://robot.example/x', webhookFormat: 'wecom', webhookSecret: 'x' });
    expect(wrong.status).toBe(400);
    expect((wrong.body.details as Array<{ path: string }>).map((detail) => detail.path).sort()).toEqual(['webhookSecret', 'webhookUrl']);
  });

  it('posts the item to the group, signed as DingTalk checks it, naming the recipient', async () => {
    const before = Date.now();
    await openCase();
    expect(await tick()).toEqual({ planned: 1, queued: 1 });
    expect(robot.calls).toHaveLength(1);
    const [call] = robot.calls;
    const url = new URL(call.url, 'http://robot');
    const timestamp = url.searchParams.get('timestamp') as string;
    expect(Number(timestamp)).toBeGreaterThanOrEqual(before);
    expect(url.searchParams.get('sign')).toBe(createHmac('sha256', 'SECabc123').update(`${timestamp}\nSECabc123`).digest('base64'));
    expect(url.searchParams.get('access_token')).toBe('secret-token');
    const content = (call.body as { msgtype: string; text: { content: string } }).text.content;
    expect(call.body.msgtype).toBe('text');
    expect(content).toMatch(/^致 quality_officer \w+：待你处理的工单：负面反馈闭环\n/);
    expect(content).toContain('A case is waiting for you: Negative-feedback closed loop');
    expect(mail.received).toHaveLength(0);
  });

  it('a robot that refuses is tried NOTIFY_ATTEMPTS times, then marked failed with its answer; the in-app item is there all along', async () => {
    robot.status = 500;
    const caseId = await openCase();
    await tick();
    expect(robot.calls).toHaveLength(3);
    const [delivery] = await deliveries({ filter: JSON.stringify({ status: 'failed' }) });
    expect(delivery).toMatchObject({ channel: 'webhook', status: 'failed', attempts: 3 });
    expect(delivery.reason).toBe('webhook answered 500: {"errcode":310000,"errmsg":"sign not match"}');
    const mine = (await t.http().get('/api/notifications/mine').set(bearer(clinic.quality)).expect(200)).body as Array<{ target: { id: string } }>;
    expect(mine.map((item) => item.target.id)).toContain(caseId);
    // A failed delivery is not tried again by later ticks.
    await tick();
    expect(robot.calls).toHaveLength(3);
  });

  it('a try that fails and then succeeds ends sent, with both tries counted', async () => {
    robot.status = 502;
    await openCase();
    const deliveriesUseCase = t.app.get(ChannelDeliveries);
    const { queued } = await deliveriesUseCase.plan();
    expect(queued).toHaveLength(1);
    await expect(deliveriesUseCase.send(queued[0], false)).rejects.toThrow('webhook answered 502');
    expect((await deliveries())[0]).toMatchObject({ status: 'queued', attempts: 1, reason: expect.stringContaining('502') });
    robot.status = 200;
    expect(await deliveriesUseCase.send(queued[0], false)).toBe('sent');
    expect((await deliveries())[0]).toMatchObject({ status: 'sent', attempts: 2, reason: null });
    await t.http().put('/api/notifications/channels').set(bearer(clinic.admin)).send({ webhookUrl: null, emailEnabled: true }).expect(200);
  });
});

describe('a case assigned', () => {
  it('tells the assignee (not one who takes it themselves), by mail in their language', async () => {
    const caseId = await openCase();
    await tick();
    mail.received.length = 0;
    const version = (await t.http().get(`/api/cases/${caseId}`).set(bearer(clinic.admin)).expect(200)).body.version as number;
    await t.http().post(`/api/cases/${caseId}/assign`).set(bearer(clinic.admin)).send({ assigneeId: clinic.quality.id, version }).expect(200);
    const items = (await t.http().get('/api/notifications/mine').set(bearer(clinic.quality)).set('Accept-Language', 'en').expect(200)).body as Array<{ kind: string; target: { id: string }; title: string; body: string }>;
    const assigned = items.filter((item) => item.kind === 'case_assigned');
    expect(assigned.map((item) => [item.target.id, item.title, item.body])).toEqual([
      [caseId, 'A case was assigned to you: Negative-feedback closed loop', 'The Negative-feedback closed loop case of Chan S1 (March 2026), at the stage “Root-cause analysis”, is now yours.'],
    ]);
    await tick();
    expect((await mail.waitFor(1))[0].subject).toBe('[CareScore] 有工单分派给你：负面反馈闭环');
    // Taking a case oneself notifies nobody.
    const other = await openCase();
    await tick();
    const otherVersion = (await t.http().get(`/api/cases/${other}`).set(bearer(clinic.quality)).expect(200)).body.version as number;
    await t.http().post(`/api/cases/${other}/assign`).set(bearer(clinic.quality)).send({ assigneeId: clinic.quality.id, version: otherVersion }).expect(200);
    expect((await t.http().get('/api/notifications/mine').set(bearer(clinic.quality)).expect(200)).body.filter((item: { kind: string; target: { id: string } }) => item.kind === 'case_assigned' && item.target.id === other)).toEqual([]);
  });
});

describe('a stage coming due', () => {
  it('is noticed exactly 4 h before its due time, once, and not a millisecond earlier', async () => {
    const caseId = await openCase();
    await tick();
    const now = clockOf(t).now();
    const dueAt = new Date(now.getTime() + 4 * 3600_000 + 1);
    await sql(`UPDATE case_stage_visits SET due_at = $2 WHERE case_id = $1 AND ended_at IS NULL`, [caseId, dueAt.toISOString()]);
    const claim = (at: Date) => t.app.get(TransactionRunner).run((tx) => t.app.get(CaseSlaRepository).claimDueSoon(at, 4, 100, tx));
    expect(await claim(now)).toEqual([]);
    const exactly = new Date(dueAt.getTime() - 4 * 3600_000);
    expect((await claim(exactly)).map((visit) => visit.caseId)).toEqual([caseId]);
    expect(await claim(exactly)).toEqual([]);
  });

  it('tells who can act on it, by mail too, with the hours left', async () => {
    const caseId = await openCase();
    await tick();
    mail.received.length = 0;
    const clock = clockOf(t);
    const dueAt = new Date(clock.now().getTime() + 3 * 3600_000);
    // A stage of 24 h, 21 h in.
    await sql(`UPDATE case_stage_visits SET due_at = $2, started_at = $3 WHERE case_id = $1 AND ended_at IS NULL`, [caseId, dueAt.toISOString(), new Date(dueAt.getTime() - 24 * 3600_000).toISOString()]);
    const { CaseEscalations } = await import('../../apps/api/src/modules/cases/sla/case-escalations');
    expect(await t.app.get(CaseEscalations).noticeDueSoon()).toBe(1);
    const items = (await t.http().get('/api/notifications/mine').set(bearer(clinic.quality)).set('Accept-Language', 'en').expect(200)).body as Array<{ kind: string; target: { id: string }; body: string }>;
    const dueSoon = items.find((item) => item.kind === 'case_stage_due_soon');
    expect(dueSoon?.target.id).toBe(caseId);
    expect(dueSoon?.body).toMatch(/^The stage “Root-cause analysis” of the Negative-feedback closed loop case of Chan S1 \(March 2026\) is due within 3 h\.$/);
    await tick();
    const [received] = await mail.waitFor(1);
    expect(received.subject).toBe('[CareScore] 工单即将超时：负面反馈闭环');
  });
});
