import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from './support/audit-entries';
import { type CaseClinic, clockOf, createCaseClinic, NEGATIVE_FEEDBACK_FIELDS as FIELDS, openFeedbackCase, publishDocument, startWebhookSink, sweep, type WebhookSink } from './support/cases-fixture';
import { bearer, createInstitution, type TestInstitution, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The case workflow engine through the API (SPEC §1.3): a case pinned to the published
 * negative-feedback version, worked stage by stage with roles, field checks, reopening,
 * reassignment and comments; optimistic concurrency; SLA breaches and escalation with the
 * controllable clock (the sweep, and an in-process timer); the inbox, list filters and dashboard.
 */
let t: TestApp;
let alpha: CaseClinic;
let beta: TestInstitution;
let webhook: WebhookSink;

const START = '2026-03-02T01:00:00.000Z';
const sql = <T>(query: string, params: unknown[] = []) => t.app.get(DataSource).query(query, params) as Promise<T[]>;
const getCase = (user: TestUser, id: string) => t.http().get(`/api/cases/${id}`).set(bearer(user));
const act = (user: TestUser, id: string, action: string, body: Record<string, unknown>) => t.http().post(`/api/cases/${id}/${action}`).set(bearer(user)).send(body);
const advance = (user: TestUser, id: string, stage: string, fields: Record<string, unknown> = FIELDS[stage], extra: Record<string, unknown> = {}) => act(user, id, 'advance', { stage, fields, ...extra });
const eventTypes = async (id: string) => (await sql<{ type: string }>(`SELECT type FROM case_events WHERE case_id = $1 ORDER BY id`, [id])).map((row) => row.type);

beforeAll(async () => {
  webhook = await startWebhookSink();
  process.env.CASES_WEBHOOK_URL = webhook.url;
  process.env.CASES_SWEEP_MS = '0';
  t = await startTestApp();
  alpha = await createCaseClinic(t, 'Alpha');
  beta = await createInstitution(t, 'Beta');
  clockOf(t).set(START);
}, 120_000);

afterAll(async () => {
  await t?.close();
  await webhook?.close();
});

describe('the closed loop', () => {
  let id: string;

  it('opens a case pinned to the published workflow version, with the first stage’s form and SLA', async () => {
    id = await openFeedbackCase(t, alpha.quality, 'S1', 'loop-1');
    const response = await getCase(alpha.quality, id).expect(200);
    expect(response.body).toMatchObject({
      kind: 'feedback',
      workflowKey: 'negative-feedback',
      workflowVersion: 1,
      staffCode: 'S1',
      teamId: alpha.teamId,
      period: '2026-03',
      status: 'open',
      stage: 'root_cause',
      stageRole: 'quality_officer',
      stageCount: 4,
      assigneeId: null,
      version: 1,
      openedAt: START,
      dueAt: '2026-03-03T01:00:00.000Z',
      hoursLeft: 24,
      overdue: false,
      breached: false,
      can: { advance: true, reopen: false, assign: true, comment: true },
    });
    expect(response.body.currentStage.fields.map((field: { id: string; type: string; required: boolean }) => [field.id, field.type, field.required])).toEqual([
      ['category', 'select', true],
      ['severity', 'select', true],
      ['analysis', 'text', true],
      ['contributing_factors', 'multiselect', false],
    ]);
    expect(response.body.feedback).toMatchObject({ responseId: 'loop-1', likert: { attitude: 1 } });
    expect(response.body.events.map((event: { type: string }) => event.type)).toEqual(['opened']);
    // A quality officer's inbox holds unassigned cases too; the staff member's does not (not their stage).
    const inbox = await t.http().get('/api/cases/inbox').set(bearer(alpha.quality)).expect(200);
    expect(inbox.body.map((item: { id: string }) => item.id)).toContain(id);
    expect((await t.http().get('/api/cases/inbox').set(bearer(alpha.staffUser)).expect(200)).body).toEqual([]);
  });

  it('refuses a stage without its required fields, or with invalid ones: 422 naming each field, nothing stored', async () => {
    const missing = await advance(alpha.quality, id, 'root_cause', { analysis: 'too short', colour: 'blue' }).expect(422);
    expect(missing.body.details).toEqual([
      { path: 'fields.category', message: 'is required to complete stage root_cause' },
      { path: 'fields.severity', message: 'is required to complete stage root_cause' },
      { path: 'fields.analysis', message: 'must be at least 20 characters (has 9)' },
      { path: 'fields.colour', message: expect.stringContaining('is not a field of stage root_cause') },
    ]);
    const wrongTypes = await advance(alpha.quality, id, 'root_cause', { ...FIELDS.root_cause, category: 'weather', contributing_factors: ['workload', 'luck'], severity: 3 }).expect(422);
    expect(wrongTypes.body.details.map((issue: { path: string }) => issue.path)).toEqual(['fields.category', 'fields.severity', 'fields.contributing_factors']);
    await advance(alpha.quality, id, 'root_cause', { ...FIELDS.root_cause, analysis: 42 }).expect(422);
    const after = await getCase(alpha.quality, id).expect(200);
    expect(after.body).toMatchObject({ stage: 'root_cause', version: 1 });
    expect(await eventTypes(id)).toEqual(['opened']);
  });

  it('enforces each stage’s role: 403 for the others, 404 for another institution', async () => {
    await advance(alpha.manager, id, 'root_cause').expect(403);
    await advance(alpha.staffUser, id, 'root_cause').expect(403);
    await advance(beta.quality, id, 'root_cause').expect(404);
    await getCase(beta.admin, id).expect(404);
    expect(await eventTypes(id)).toEqual(['opened']);
  });

  it('advances stage by stage with the stage’s role, recording who, when, fields and time in stage; reopens with a reason; closes after the last stage', async () => {
    const clock = clockOf(t);
    clock.advanceHours(2);
    const first = await advance(alpha.quality, id, 'root_cause').expect(200);
    expect(first.body).toMatchObject({ stage: 'plan', stageRole: 'manager', version: 2, dueAt: '2026-03-04T03:00:00.000Z' });
    await advance(alpha.quality, id, 'plan').expect(403);
    // A stale stage is a conflict: the case moved on.
    await advance(alpha.quality, id, 'root_cause').expect(409);
    clock.advanceHours(5);
    await advance(alpha.manager, id, 'plan').expect(200);
    clock.advanceHours(1);
    const reopened = await act(alpha.quality, id, 'reopen', { stage: 'plan', reason: 'The plan does not say who calls the client back.' }).expect(200);
    expect(reopened.body).toMatchObject({ stage: 'plan', version: 4 });
    await act(alpha.quality, id, 'reopen', { stage: 'fix', reason: 'not allowed here' }).expect(422);
    await act(alpha.manager, id, 'reopen', { stage: 'root_cause', reason: 'managers do not reopen' }).expect(403);
    clock.advanceHours(3);
    await advance(alpha.manager, id, 'plan', { ...FIELDS.plan, owner: 'Team lead Li and the officer' }).expect(200);
    clock.advanceHours(4);
    await advance(alpha.staffUser, id, 'apology').expect(200);
    clock.advanceHours(10);
    const closed = await advance(alpha.manager, id, 'fix').expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', stage: null, closedAt: '2026-03-03T02:00:00.000Z', hoursToClose: 25, closedInSla: true, breached: false, currentStage: null });
    expect(closed.body.visits.map((visit: { stage: string; hours: number; outcome: string }) => [visit.stage, visit.hours, visit.outcome])).toEqual([
      ['root_cause', 2, 'advanced'],
      ['plan', 5, 'advanced'],
      ['apology', 1, 'reopened'],
      ['plan', 3, 'advanced'],
      ['apology', 4, 'advanced'],
      ['fix', 10, 'closed'],
    ]);
    const events = closed.body.events as Array<{ type: string; actor: { email: string } | null; stage: string; toStage: string | null; fields: Record<string, unknown> | null; reason: string | null; at: string }>;
    expect(events.map((event) => [event.type, event.actor?.email ?? null, event.stage, event.toStage])).toEqual([
      ['opened', null, 'root_cause', null],
      ['advanced', alpha.quality.email, 'root_cause', 'plan'],
      ['advanced', alpha.manager.email, 'plan', 'apology'],
      ['reopened', alpha.quality.email, 'apology', 'plan'],
      ['advanced', alpha.manager.email, 'plan', 'apology'],
      ['advanced', alpha.staffUser.email, 'apology', 'fix'],
      ['advanced', alpha.manager.email, 'fix', null],
      ['closed', alpha.manager.email, 'fix', null],
    ]);
    expect(events[1].fields).toEqual(FIELDS.root_cause);
    expect(events[3].reason).toBe('The plan does not say who calls the client back.');
    expect(events[4].fields?.owner).toBe('Team lead Li and the officer');
    expect(events[1].at).toBe('2026-03-02T03:00:00.000Z');
    const audit = await auditEntries(t, alpha.admin, { entityType: 'case', entityId: id });
    expect(audit.map((entry) => entry.action).sort()).toEqual(['advance', 'advance', 'advance', 'advance', 'advance', 'reopen']);
  });

  it('refuses every action on a closed case with 409, but takes comments', async () => {
    await advance(alpha.manager, id, 'fix').expect(409);
    await act(alpha.quality, id, 'reopen', { stage: 'plan', reason: 'Too late to send it back.' }).expect(409);
    await act(alpha.quality, id, 'assign', { assigneeId: alpha.quality.id }).expect(409);
    const commented = await act(alpha.staffUser, id, 'comments', { text: 'Client called to say thanks.' }).expect(201);
    expect(commented.body.events.at(-1)).toMatchObject({ type: 'commented', text: 'Client called to say thanks.', actor: { email: alpha.staffUser.email } });
    await act(alpha.quality, id, 'comments', { text: '  ' }).expect(400);
  });

  it('keeps case events append-only in the database', async () => {
    await expect(sql(`UPDATE case_events SET reason = 'rewritten' WHERE case_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(sql(`DELETE FROM case_events WHERE case_id = $1`, [id])).rejects.toThrow(/append-only/);
    expect(await eventTypes(id)).toHaveLength(9);
  });
});

describe('reassignment and concurrency', () => {
  it('reassigns to another officer (event and inbox), never to a staff login or a stranger', async () => {
    const id = await openFeedbackCase(t, alpha.quality, 'S2', 'assign-1');
    const assigned = await act(alpha.quality, id, 'assign', { assigneeId: alpha.admin.id, reason: 'Admin knows the client.' }).expect(200);
    expect(assigned.body).toMatchObject({ assigneeId: alpha.admin.id, assigneeEmail: alpha.admin.email, version: 2 });
    expect(assigned.body.events.at(-1)).toMatchObject({ type: 'assigned', reason: 'Admin knows the client.', data: { from: null, to: alpha.admin.id } });
    expect((await t.http().get('/api/cases/inbox').set(bearer(alpha.admin)).expect(200)).body.map((item: { id: string }) => item.id)).toEqual([id]);
    expect((await t.http().get('/api/cases/inbox').set(bearer(alpha.quality)).expect(200)).body.map((item: { id: string }) => item.id)).not.toContain(id);
    const refused = await act(alpha.quality, id, 'assign', { assigneeId: alpha.staffUser.id }).expect(422);
    expect(refused.body.details).toEqual([{ path: 'assigneeId', message: 'is a staff login' }]);
    await act(alpha.quality, id, 'assign', { assigneeId: beta.quality.id }).expect(422);
    await act(alpha.manager, id, 'assign', { assigneeId: alpha.manager.id }).expect(403);
    const filtered = await t.http().get('/api/cases').query({ filter: JSON.stringify({ assigneeId: alpha.admin.id }) }).set(bearer(alpha.quality)).expect(200);
    expect(filtered.body.map((item: { id: string }) => item.id)).toEqual([id]);
  });

  it('lets exactly one of two officers advancing at once win; the other gets 409 and stores nothing', async () => {
    const id = await openFeedbackCase(t, alpha.quality, 'S3', 'race-1');
    const [a, b] = await Promise.all([advance(alpha.quality, id, 'root_cause', FIELDS.root_cause, { version: 1 }), advance(alpha.admin, id, 'root_cause', { ...FIELDS.root_cause, severity: 'critical' }, { version: 1 })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(await eventTypes(id)).toEqual(['opened', 'advanced']);
    const [visits] = await sql<{ count: number }>(`SELECT count(*)::int AS count FROM case_stage_visits WHERE case_id = $1`, [id]);
    expect(visits.count).toBe(2);
    const now = await getCase(alpha.quality, id).expect(200);
    expect(now.body).toMatchObject({ stage: 'plan', version: 2 });
    // A stale version is refused even for the right stage.
    const stale = await advance(alpha.manager, id, 'plan', FIELDS.plan, { version: 1 }).expect(409);
    expect(stale.body.details).toEqual([{ path: 'version', message: 'is 2 now' }]);
  });
});

describe('SLA breach and escalation', () => {
  it('marks a stage breached at its due time and escalates to the manager, then the director, once each (webhook and records)', async () => {
    const clock = clockOf(t);
    clock.set('2026-03-10T00:00:00.000Z');
    // The cases of the tests above are long overdue by now: the first sweep catches them all up.
    expect((await sweep(t)).breached).toBeGreaterThanOrEqual(2);
    const sent = webhook.received.length;
    const id = await openFeedbackCase(t, alpha.quality, 'S2', 'sla-1');
    clock.set('2026-03-10T23:59:00.000Z');
    expect(await sweep(t)).toMatchObject({ breached: 0, escalated: 0 });

    clock.set('2026-03-11T01:00:00.000Z');
    expect(await sweep(t)).toMatchObject({ checked: 1, breached: 1, escalated: 1 });
    const breached = await getCase(alpha.quality, id).expect(200);
    expect(breached.body).toMatchObject({ breached: true, breachCount: 1, overdue: true, hoursLeft: -1 });
    expect(breached.body.visits[0]).toMatchObject({ stage: 'root_cause', breached: true, escalations: 1 });
    expect(breached.body.events.slice(1).map((event: { type: string; data: Record<string, unknown> }) => [event.type, event.data.notify ?? null])).toEqual([
      ['breached', null],
      ['escalated', 'manager'],
    ]);
    expect(breached.body.events[2].data.recipients).toEqual([alpha.manager.email]);
    expect(webhook.received).toHaveLength(sent + 1);
    expect(webhook.received[sent]).toMatchObject({ msgtype: 'text', text: { content: expect.stringContaining('负面反馈闭环 · 根因分析 已超时 1 小时') } });

    // Nothing more until the director's step is due; sweeping again changes nothing.
    expect(await sweep(t)).toMatchObject({ checked: 0, escalated: 0 });
    clock.set('2026-03-12T00:30:00.000Z');
    expect(await sweep(t)).toMatchObject({ checked: 1, breached: 0, escalated: 1 });
    expect(await sweep(t)).toMatchObject({ checked: 0 });
    const notifications = await t.http().get('/api/notifications').query({ filter: JSON.stringify({ caseId: id }), sort: '["createdAt","ASC"]' }).set(bearer(alpha.quality)).expect(200);
    expect(notifications.body.map((n: { notify: string; status: string; channel: string; recipients: Array<{ email: string }> }) => [n.notify, n.status, n.channel, n.recipients.map((r) => r.email)])).toEqual([
      ['manager', 'sent', 'webhook', [alpha.manager.email]],
      ['director', 'sent', 'webhook', [alpha.admin.email]],
    ]);
    expect(webhook.received).toHaveLength(sent + 2);
    expect(await eventTypes(id)).toEqual(['opened', 'breached', 'escalated', 'escalated']);

    // Finishing the stage late keeps the breach; the next stage starts on time with its own SLA.
    const advanced = await advance(alpha.quality, id, 'root_cause').expect(200);
    expect(advanced.body).toMatchObject({ stage: 'plan', breached: true, overdue: false, dueAt: '2026-03-14T00:30:00.000Z' });
    expect(advanced.body.visits[0]).toMatchObject({ hours: 48.5, breached: true });

    const breachedCases = await t.http().get('/api/cases').query({ filter: JSON.stringify({ breached: true }) }).set(bearer(alpha.manager)).expect(200);
    expect(breachedCases.body.map((item: { id: string }) => item.id)).toContain(id);
    const overdue = await t.http().get('/api/cases').query({ filter: JSON.stringify({ overdue: true }) }).set(bearer(alpha.manager)).expect(200);
    expect(overdue.body.map((item: { id: string }) => item.id)).not.toContain(id);
    expect((await t.http().get('/api/notifications').set(bearer(beta.admin)).expect(200)).body).toEqual([]);
  });

  it('an in-process timer fires at the due time without the sweep', async () => {
    clockOf(t).useSystemTime();
    // A hotline workflow with a one-second first stage.
    await publishDocument(t, alpha.admin, {
      content: {
        kind: 'workflow',
        key: 'hotline',
        trigger: { when: { all: [{ fact: 'channel', operator: 'equal', value: 'hotline' }] } },
        stages: [{ id: 'call_back', slaHours: 0.0003, fields: [{ id: 'done', type: 'boolean', required: true }] }],
        escalation: [{ afterHours: 0, notify: 'quality_officer' }],
      },
    });
    const response = await t.http().post('/api/feedback').set(bearer(alpha.quality)).send({ responseId: 'hotline-1', staffCode: 'S3', nps: 9, channel: 'hotline' }).expect(200);
    const id = response.body.items[0].cases[0].id as string;
    expect(response.body.items[0].cases).toEqual([{ id, workflowKey: 'hotline' }]);
    const deadline = Date.now() + 15_000;
    let events: string[] = [];
    while (Date.now() < deadline) {
      events = await eventTypes(id);
      if (events.includes('escalated')) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(events).toEqual(['opened', 'breached', 'escalated']);
    await advance(alpha.quality, id, 'call_back', { done: true }).expect(200);
    clockOf(t).set(START);
  });
});

describe('lists, filters and the dashboard', () => {
  it('lists cases react-admin style with filters; managers see their teams, staff their own; bad filters are 400', async () => {
    const all = await t.http().get('/api/cases').query({ sort: '["openedAt","ASC"]', range: '[0,2]' }).set(bearer(alpha.quality)).expect(200);
    expect(all.headers['content-range']).toMatch(/^cases 0-2\/\d+$/);
    const total = Number(/\/(\d+)$/.exec(all.headers['content-range'] as string)?.[1]);
    expect(total).toBeGreaterThanOrEqual(5);
    const closed = await t.http().get('/api/cases').query({ filter: JSON.stringify({ status: 'closed', kind: 'feedback', period: '2026-Q1' }) }).set(bearer(alpha.admin)).expect(200);
    expect(closed.body).toHaveLength(1);
    const atPlan = await t.http().get('/api/cases').query({ filter: JSON.stringify({ stage: 'plan', staffId: alpha.staffIds.S3 }) }).set(bearer(alpha.manager)).expect(200);
    expect(atPlan.body.map((item: { staffCode: string; stage: string }) => [item.staffCode, item.stage])).toEqual([['S3', 'plan']]);
    const own = await t.http().get('/api/cases').set(bearer(alpha.staffUser)).expect(200);
    expect(own.body.every((item: { staffCode: string }) => item.staffCode === 'S1')).toBe(true);
    expect((await t.http().get('/api/cases').set(bearer(beta.quality)).expect(200)).body).toEqual([]);
    await t.http().get('/api/cases').query({ filter: JSON.stringify({ colour: 'red' }) }).set(bearer(alpha.quality)).expect(400);
    await t.http().get('/api/cases').query({ sort: '["secret","ASC"]' }).set(bearer(alpha.quality)).expect(400);
    await t.http().get('/api/cases/not-a-uuid').set(bearer(alpha.quality)).expect(400);
  });

  it('summarises open and overdue cases and SLA compliance per team', async () => {
    clockOf(t).set('2026-03-20T00:00:00.000Z');
    const dashboard = await t.http().get('/api/cases/dashboard').query({ period: '2026-03' }).set(bearer(alpha.manager)).expect(200);
    expect(dashboard.body).toMatchObject({ period: '2026-03', closed: 1, closedInSla: 1, slaCompliance: 1 });
    expect(dashboard.body.open).toBeGreaterThanOrEqual(3);
    expect(dashboard.body.overdue).toBe(dashboard.body.open);
    expect(dashboard.body.teams).toHaveLength(1);
    expect(dashboard.body.teams[0]).toMatchObject({ teamId: alpha.teamId, closed: 1, slaCompliance: 1 });
    expect(dashboard.body.teams[0].stageCompliance).toBeGreaterThan(0);
    expect(dashboard.body.teams[0].stageCompliance).toBeLessThan(1);
    expect(dashboard.body.byStage.find((row: { stage: string }) => row.stage === 'plan')).toMatchObject({ workflowKey: 'negative-feedback', stageName: { zh: '改进计划' } });
    await t.http().get('/api/cases/dashboard').set(bearer(alpha.staffUser)).expect(403);
    const empty = await t.http().get('/api/cases/dashboard').set(bearer(beta.admin)).expect(200);
    expect(empty.body).toMatchObject({ open: 0, overdue: 0, teams: [] });
  });
});

describe('the queue: mine and waiting on others', () => {
  it('a quality officer’s queue holds the stages she acts on; a case at a manager’s stage moves to “others” and the manager’s queue, counted for the badge', async () => {
    const id = await openFeedbackCase(t, alpha.quality, 'S3', 'queue-1');
    const ids = async (user: typeof alpha.quality, view?: string) => ((await t.http().get('/api/cases/inbox').query(view ? { view } : {}).set(bearer(user)).expect(200)).body as Array<{ id: string }>).map((item) => item.id);
    const counts = async (user: typeof alpha.quality) => (await t.http().get('/api/cases/inbox/counts').set(bearer(user)).expect(200)).body as { mine: number; others: number; overdue: number };
    expect(await ids(alpha.quality)).toContain(id);
    expect(await ids(alpha.quality, 'others')).not.toContain(id);
    const before = await counts(alpha.quality);
    await advance(alpha.quality, id, 'root_cause').expect(200);
    expect(await ids(alpha.quality)).not.toContain(id);
    expect(await ids(alpha.quality, 'others')).toContain(id);
    expect(await counts(alpha.quality)).toMatchObject({ mine: before.mine - 1, others: before.others + 1 });
    expect(await ids(alpha.manager)).toContain(id);
    expect(await ids(alpha.manager, 'others')).toEqual([]);
    expect((await counts(alpha.manager)).mine).toBe((await ids(alpha.manager)).length);
    const bad = await t.http().get('/api/cases/inbox').query({ view: 'everyone' }).set(bearer(alpha.quality));
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].path).toBe('view');
  });
});
