import { DataSource } from 'typeorm';
import { TransactionRunner } from '../../apps/api/src/database/transaction';
import { RemindersRepository } from '../../apps/api/src/modules/reminders/reminders.repository';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledRunDueAt } from '@carescore/engine';
import { FireScheduledRuns } from '../../apps/api/src/modules/scheduled-runs/fire-scheduled-runs.use-case';
import { auditEntries } from './support/audit-entries';
import { storeDocument } from './support/documents-fixture';
import { waitForRun } from './support/evaluations-fixture';
import { bearer, createInstitution, type TestInstitution, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Scheduled runs: a binding's schedule ("3 days after the period ends, 02:00 institution time")
 * is due at that exact instant, fires exactly once however many ticks meet, is attributed to the
 * schedule in the audit log, and tells the admins when it cannot run or its run fails.
 */
// The test drives the ticks itself (no background timer in this process).
process.env.SCHEDULED_RUNS_TICK_MS = '0';

let t: TestApp;
let clinic: TestInstitution;
let bindingId: string;
let fire: FireScheduledRuns;
const INPUTS = { records_total: 10, records_complete: 9, followups_planned: 10, followups_done: 9 };
/** 2026-Q1 ends on 31 March; 3 days later at 02:00 Beijing time. */
const DUE = '2026-04-02T18:00:00.000Z';

const http = () => t.http();
const put = (user: TestUser, path: string, body: Record<string, unknown>) => http().put(path).set(bearer(user)).send(body);
const get = (user: TestUser, path: string) => http().get(path).set(bearer(user));

beforeAll(async () => {
  t = await startTestApp();
  fire = t.app.get(FireScheduledRuns);
  clinic = await createInstitution(t, 'Scheduled');
  for (const code of ['sr-01', 'sr-02']) await http().post('/api/staff').set(bearer(clinic.admin)).send({ code, name: `Staff ${code}`, tier: 'junior' }).expect(201);
  const scheme = await storeDocument(t, clinic.id, 'career-tiers', ['published']);
  bindingId = ((await http().post('/api/bindings').set(bearer(clinic.admin)).send({ period: '2026-Q1', documentId: scheme.id, version: 1 }).expect(201)).body as { id: string }).id;
  await http().post('/api/facts').set(bearer(clinic.admin)).send(['sr-01', 'sr-02'].map((staffCode) => ({ staffCode, period: '2026-Q1', inputs: INPUTS }))).expect(200);
});
afterAll(async () => t?.close());

describe('scheduled runs', () => {
  it('admins set a binding’s schedule (validated, audited); its due time is period end + N days at HH:MM on the institution clock', async () => {
    expect((await get(clinic.quality, `/api/bindings/${bindingId}/schedule`).expect(200)).body).toEqual({ bindingId, period: '2026-Q1', teamId: null, timeZone: 'Asia/Shanghai', schedule: null });
    const bad = await put(clinic.admin, `/api/bindings/${bindingId}/schedule`, { daysAfterEnd: 0, time: '24:00' }).expect(400);
    expect(bad.body.details.map((issue: { path: string }) => issue.path).sort()).toEqual(['daysAfterEnd', 'time']);
    await put(clinic.quality, `/api/bindings/${bindingId}/schedule`, { daysAfterEnd: 3, time: '02:00' }).expect(403);
    await put(clinic.admin, '/api/bindings/00000000-0000-4000-8000-000000000000/schedule', { daysAfterEnd: 3, time: '02:00' }).expect(404);

    const set = (await put(clinic.admin, `/api/bindings/${bindingId}/schedule`, { daysAfterEnd: 3, time: '02:00' }).expect(200)).body;
    expect(set.schedule).toEqual({ daysAfterEnd: 3, time: '02:00', dueAt: DUE, firedAt: null, runId: null, runStatus: null, refused: null });
    expect(scheduledRunDueAt('2026-Q1', { daysAfterEnd: 3, time: '02:00' }, 'Asia/Shanghai').toISOString()).toBe(DUE);
    const [entry] = await auditEntries(t, clinic.admin, { entityType: 'binding_schedule' });
    expect(entry).toMatchObject({ actorId: clinic.admin.id, action: 'create', entityId: bindingId, changes: { period: '2026-Q1', after: { daysAfterEnd: 3, time: '02:00' } } });
  });

  it('is not due 1 ms before its time; at its time two ticks at once start exactly one run, attributed to the schedule', async () => {
    const due = new Date(DUE);
    expect(await fire.execute(new Date(due.getTime() - 1))).toEqual({ started: [], refused: [], notified: 0 });
    const [first, second] = await Promise.all([fire.execute(due), fire.execute(due)]);
    const started = [...first.started, ...second.started];
    expect(started).toHaveLength(1);
    expect(await fire.execute(new Date(due.getTime() + 3_600_000))).toEqual({ started: [], refused: [], notified: 0 });
    const runs = (await get(clinic.admin, '/api/evaluations').query({ filter: JSON.stringify({ period: '2026-Q1' }) }).expect(200)).body as Array<{ id: string }>;
    expect(runs.map((run) => run.id)).toEqual(started);
    expect((await waitForRun(t, clinic.admin, started[0])).status).toBe('succeeded');

    const [entry] = await auditEntries(t, clinic.admin, { entityType: 'evaluation_run', action: 'evaluate' });
    expect(entry).toMatchObject({ actorId: null, entityId: started[0], changes: { period: '2026-Q1', teamId: null, schedule: { bindingId, daysAfterEnd: 3, time: '02:00', timeZone: 'Asia/Shanghai', dueAt: DUE } } });
    const [row] = await t.app.get(DataSource).query(`SELECT actor_email FROM audit_log WHERE entity_id = $1 AND action = 'evaluate'`, [started[0]]);
    expect(row.actor_email).toBe(`schedule:${bindingId}`);
    expect((await get(clinic.admin, `/api/bindings/${bindingId}/schedule`).expect(200)).body.schedule).toMatchObject({ firedAt: expect.any(String), runId: started[0], runStatus: 'succeeded', refused: null });
  });

  it('tells the admins, once, when its run failed, and when it comes due on a period that is no longer open; closed: 409', async () => {
    const runId = (await get(clinic.admin, `/api/bindings/${bindingId}/schedule`).expect(200)).body.schedule.runId as string;
    // As if the run's worker had failed it for good.
    await t.app.get(DataSource).query(`UPDATE evaluation_runs SET status = 'failed', errors = '[{"path":"run","message":"worker lost"}]' WHERE id = $1`, [runId]);
    expect((await fire.execute(new Date(DUE))).notified).toBe(1);
    expect((await fire.execute(new Date(DUE))).notified).toBe(0);
    await t.app.get(DataSource).query(`UPDATE evaluation_runs SET status = 'succeeded', errors = '[]' WHERE id = $1`, [runId]);

    await http().post('/api/periods/2026-Q1/publish').set(bearer(clinic.admin)).expect(200);
    await put(clinic.admin, `/api/bindings/${bindingId}/schedule`, { daysAfterEnd: 3, time: '02:00' }).expect(200);
    expect(await fire.execute(new Date(DUE))).toEqual({ started: [], refused: [bindingId], notified: 0 });
    expect((await get(clinic.admin, `/api/bindings/${bindingId}/schedule`).expect(200)).body.schedule.refused).toBe('2026-Q1 is published; a scheduled run evaluates an open period only');
    // Stored as its message key and params, so each reader gets it in their language.
    expect((await get(clinic.admin, `/api/bindings/${bindingId}/schedule`).set('Accept-Language', 'zh-CN').expect(200)).body.schedule.refused).toBe('2026-Q1 已公示，定时运行只计算开放中的考核周期');

    const notices = (await get(clinic.admin, '/api/notifications').query({ filter: JSON.stringify({ kind: 'scheduled_run_failed' }), sort: '["createdAt","ASC"]' }).expect(200)).body as Array<Record<string, unknown>>;
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatchObject({ kind: 'scheduled_run_failed', caseId: null, bindingId, runId, notify: 'admin', recipients: [expect.objectContaining({ userId: clinic.admin.id, role: 'admin' })] });
    expect(notices[0].text).toEqual({ zh: '2026-Q1 的定时考核运行失败：worker lost', en: 'The scheduled evaluation of 2026-Q1 failed: worker lost' });
    expect(notices[1]).toMatchObject({ runId: null, text: { en: 'The scheduled evaluation of 2026-Q1 failed: 2026-Q1 is published; a scheduled run evaluates an open period only' } });
    // Each admin's inbox has both, linked to the run (or the period when no run started), in the reader's language.
    const inbox = (await get(clinic.admin, '/api/notifications/mine').set('Accept-Language', 'zh-CN').expect(200)).body as Array<{ kind: string; target: unknown; title: string; body: string }>;
    expect(inbox.filter((item) => item.kind === 'scheduled_run_failed').map(({ target, title, body }) => ({ target, title, body }))).toEqual([
      { target: { type: 'period', id: '2026-Q1' }, title: '2026年第1季度定时考核未完成', body: '2026年第1季度的定时考核未能完成：2026-Q1 已公示，定时运行只计算开放中的考核周期' },
      { target: { type: 'run', id: runId }, title: '2026年第1季度定时考核未完成', body: '2026年第1季度的定时考核未能完成：worker lost' },
    ]);
    // The scheduler tells the admins of its own runs' failures: a scheduled run is not told again as a hand-started one.
    expect(await t.app.get(TransactionRunner).run((tx) => t.app.get(RemindersRepository).failedRunToTell(runId, tx))).toBeNull();
    expect(inbox.filter((item) => item.kind === 'run_failed')).toEqual([]);

    await http().post('/api/periods/2026-Q1/close').set(bearer(clinic.admin)).expect(200);
    const closed = await put(clinic.admin, `/api/bindings/${bindingId}/schedule`, { daysAfterEnd: 4, time: '02:00' }).expect(409);
    expect(closed.body.details[0].code).toBe('period_closed');
  });
});
