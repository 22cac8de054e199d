import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from './support/audit-entries';
import { storeDocument, type StoredDocument } from './support/documents-fixture';
import { evaluate } from './support/evaluations-fixture';
import { bearer, createInstitution, type TestInstitution, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The evaluation cycle of a period: open → published → closed → reopened. Closed means the
 * database itself refuses the period's facts, bindings, runs and acknowledgements (409).
 */
let t: TestApp;
let alpha: TestInstitution;
let beta: TestInstitution;
let scheme: StoredDocument;
const staffIds: Record<string, string> = {};

const http = () => t.http();
const get = (user: TestUser, path: string) => http().get(path).set(bearer(user));
const post = (user: TestUser, path: string, body: Record<string, unknown> = {}) => http().post(path).set(bearer(user)).send(body);
const INPUTS = { records_total: 10, records_complete: 9, followups_planned: 10, followups_done: 9 };

async function currentScorecardOf(period: string, code: string): Promise<{ id: string; composite: number | null }> {
  const response = await get(alpha.admin, '/api/scorecards').query({ filter: JSON.stringify({ period }), range: '[0,99]' }).expect(200);
  const row = (response.body as Array<{ id: string; staffCode: string; composite: number | null }>).find((item) => item.staffCode === code);
  if (!row) throw new Error(`no scorecard of ${code} in ${period}`);
  return row;
}

beforeAll(async () => {
  t = await startTestApp();
  alpha = await createInstitution(t, 'Alpha');
  beta = await createInstitution(t, 'Beta');
  for (const code of ['pc-01', 'pc-02']) {
    staffIds[code] = ((await post(alpha.admin, '/api/staff', { code, name: `Staff ${code}`, tier: 'junior' }).expect(201)).body as { id: string }).id;
  }
  await http().put(`/api/users/${alpha.staff.id}`).set(bearer(alpha.admin)).send({ staffId: staffIds['pc-01'] }).expect(200);
  scheme = await storeDocument(t, alpha.id, 'career-tiers', ['published']);
  for (const period of ['2026-Q1', '2026-Q2']) {
    await post(alpha.admin, '/api/bindings', { period, documentId: scheme.id, version: 1 }).expect(201);
    await http().post('/api/facts').set(bearer(alpha.admin)).send(['pc-01', 'pc-02'].map((staffCode) => ({ staffCode, period, inputs: INPUTS }))).expect(200);
  }
  await evaluate(t, alpha.admin, { period: '2026-Q1' });
});
afterAll(async () => t?.close());

describe('periods', () => {
  it('lists the periods with facts, bindings or runs, open until published, with their counts; per institution', async () => {
    const list = await get(alpha.manager, '/api/periods').expect(200);
    expect(list.headers['content-range']).toBe('periods 0-1/2');
    expect(list.body).toMatchObject([
      { id: '2026-Q2', state: 'open', runs: 0, lastRunStatus: null, counts: { staff: 0, acknowledged: 0 } },
      { id: '2026-Q1', state: 'open', runs: 1, lastRunStatus: 'succeeded', appealDeadline: null, appealWindowOpen: false, counts: { staff: 2, acknowledged: 0 } },
    ]);
    expect((await get(beta.admin, '/api/periods').expect(200)).body).toEqual([]);
    await get(beta.admin, '/api/periods/2026-Q1').expect(404);
    await get(alpha.staff, '/api/periods').expect(403);
    await get(alpha.admin, '/api/periods/2026-13').expect(400);
  });

  it('publish: admins only; refused without results; opens the appeal window in working days of the institution; audited; staff see results from then on', async () => {
    const own = await currentScorecardOf('2026-Q1', 'pc-01');
    const staffList = () => get(alpha.staff, '/api/scorecards').query({ range: '[0,99]' }).expect(200);
    expect((await staffList()).body).toEqual([]);
    await get(alpha.staff, `/api/scorecards/${own.id}`).expect(404);
    await get(alpha.admin, `/api/scorecards/${own.id}`).expect(200);
    await get(alpha.staff, `/api/scorecards/${own.id}`).expect(404);
    expect((await get(alpha.staff, `/api/staff/${staffIds['pc-01']}/trend`).expect(200)).body.points).toEqual([]);
    await post(alpha.manager, '/api/periods/2026-Q1/publish').expect(403);
    const nothing = await post(alpha.admin, '/api/periods/2026-Q2/publish').expect(409);
    expect(nothing.body.details[0]).toMatchObject({ path: 'period', code: 'period_without_results' });
    expect((await get(alpha.admin, '/api/periods/2026-Q2').expect(200)).body.state).toBe('open');

    await http().put('/api/institution').set(bearer(alpha.admin)).send({ appealDays: 5 }).expect(200);
    const before = Date.now();
    const published = (await post(alpha.admin, '/api/periods/2026-Q1/publish').expect(200)).body;
    expect(published).toMatchObject({ state: 'published', publishedBy: alpha.admin.id, appealWindowOpen: true });
    const deadline = new Date(published.appealDeadline).getTime();
    // Five working days end at least a week later (a weekend in between) and at a Beijing midnight.
    expect(deadline - before).toBeGreaterThanOrEqual(6 * 86_400_000);
    expect(deadline - before).toBeLessThanOrEqual(8 * 86_400_000);
    expect(new Date(deadline).getUTCHours()).toBe(16);
    const [entry] = await auditEntries(t, alpha.admin, { entityType: 'period', action: 'publish' });
    expect(entry).toMatchObject({ actorId: alpha.admin.id, entityId: '2026-Q1', changes: { period: '2026-Q1', before: { state: 'open' }, after: { state: 'published', appealDays: 5, timeZone: 'Asia/Shanghai' } } });
    expect((await post(alpha.admin, '/api/periods/2026-Q1/publish').expect(409)).body.details[0].code).toBe('period_published');
    expect((await staffList()).body.map((row: { id: string }) => row.id)).toEqual([own.id]);
    await get(alpha.staff, `/api/scorecards/${own.id}`).expect(200);
  });

  it('a new run of a published period needs a reason, which is kept on the run and audited', async () => {
    const refused = await post(alpha.admin, '/api/evaluations', { period: '2026-Q1' }).expect(422);
    expect(refused.body.details).toEqual([expect.objectContaining({ path: 'reason', code: 'reason_required' })]);
    const run = await evaluate(t, alpha.admin, { period: '2026-Q1', reason: 'pc-02 facts corrected' });
    expect((await get(alpha.admin, `/api/evaluations/${run.id}`).expect(200)).body.reason).toBe('pc-02 facts corrected');
    const [entry] = await auditEntries(t, alpha.admin, { entityType: 'evaluation_run', action: 'evaluate' });
    expect(entry.changes).toMatchObject({ period: '2026-Q1', reason: 'pc-02 facts corrected', periodState: 'published' });
  });

  it('staff acknowledge their own current scorecard once (idempotent), audited; not another person’s', async () => {
    const own = await currentScorecardOf('2026-Q1', 'pc-01');
    const other = await currentScorecardOf('2026-Q1', 'pc-02');
    await post(alpha.staff, `/api/scorecards/${other.id}/acknowledge`).expect(404);
    await post(alpha.admin, `/api/scorecards/${own.id}/acknowledge`).expect(403);
    const first = (await post(alpha.staff, `/api/scorecards/${own.id}/acknowledge`).expect(200)).body;
    expect(first).toMatchObject({ scorecardId: own.id, period: '2026-Q1', created: true });
    const again = (await post(alpha.staff, `/api/scorecards/${own.id}/acknowledge`).expect(200)).body;
    expect(again).toEqual({ ...first, created: false });
    const entries = await auditEntries(t, alpha.admin, { entityType: 'scorecard', action: 'acknowledge' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: alpha.staff.id, entityId: own.id, changes: { period: '2026-Q1', staffId: staffIds['pc-01'] } });
    expect((await get(alpha.admin, '/api/periods/2026-Q1').expect(200)).body.counts).toMatchObject({ staff: 2, acknowledged: 1 });
  });

  it('refuses to acknowledge from the window’s exact end on, and accepts it again while the window is open', async () => {
    const own = await currentScorecardOf('2026-Q1', 'pc-01');
    const db = t.app.get(DataSource);
    await db.query(`DELETE FROM scorecard_acknowledgements WHERE scorecard_id = $1`, [own.id]);
    await db.query(`UPDATE periods SET appeal_deadline = clock_timestamp() WHERE institution_id = $1 AND period = '2026-Q1'`, [alpha.id]);
    const ended = await post(alpha.staff, `/api/scorecards/${own.id}/acknowledge`).expect(409);
    expect(ended.body.details[0].code).toBe('appeal_window_ended');
    expect((await get(alpha.admin, '/api/periods/2026-Q1').expect(200)).body.appealWindowOpen).toBe(false);
    await db.query(`UPDATE periods SET appeal_deadline = clock_timestamp() + interval '1 day' WHERE institution_id = $1 AND period = '2026-Q1'`, [alpha.id]);
    await post(alpha.staff, `/api/scorecards/${own.id}/acknowledge`).expect(200);
  });

  it('close: only a published period, and every write of a closed period is 409, in the database too; audited', async () => {
    expect((await post(alpha.admin, '/api/periods/2026-Q2/close').expect(409)).body.details[0].code).toBe('period_open');
    const closed = (await post(alpha.admin, '/api/periods/2026-Q1/close').expect(200)).body;
    expect(closed).toMatchObject({ state: 'closed', closedBy: alpha.admin.id, appealWindowOpen: false });
    const [entry] = await auditEntries(t, alpha.admin, { entityType: 'period', action: 'close' });
    expect(entry).toMatchObject({ entityId: '2026-Q1', changes: { before: { state: 'published' }, after: { state: 'closed' } } });

    const closedCode = (response: { body: { details: Array<{ code?: string }> } }) => response.body.details[0]?.code;
    expect(closedCode(await post(alpha.admin, '/api/evaluations', { period: '2026-Q1', reason: 'again' }).expect(409))).toBe('period_closed');
    expect(closedCode(await http().post('/api/facts').set(bearer(alpha.admin)).send([{ staffCode: 'pc-01', period: '2026-Q1', inputs: { records_total: 11 } }]).expect(409))).toBe('period_closed');
    const csv = ['staffCode,period,records_total', 'pc-02,2026-Q1,12', ''].join('\n');
    expect(closedCode(await http().post('/api/facts/import').set(bearer(alpha.admin)).set('Content-Type', 'text/csv').send(csv).expect(409))).toBe('period_closed');
    const binding = (await get(alpha.admin, '/api/bindings').query({ filter: JSON.stringify({ period: '2026-Q1' }) }).expect(200)).body[0] as { id: string };
    expect(closedCode(await http().delete(`/api/bindings/${binding.id}`).set(bearer(alpha.admin)).expect(409))).toBe('period_closed');
    const own = await currentScorecardOf('2026-Q1', 'pc-01');
    await t.app.get(DataSource).query(`DELETE FROM scorecard_acknowledgements WHERE scorecard_id = $1`, [own.id]);
    expect(closedCode(await post(alpha.staff, `/api/scorecards/${own.id}/acknowledge`).expect(409))).toBe('period_closed');

    // Past the API: the database's own triggers refuse the write, whoever makes it.
    const db = t.app.get(DataSource);
    await expect(db.query(`UPDATE facts SET inputs = '{}' WHERE institution_id = $1 AND period = '2026-Q1'`, [alpha.id])).rejects.toMatchObject({ driverError: { code: 'CS409' } });
    await expect(db.query(`DELETE FROM bindings WHERE institution_id = $1 AND period = '2026-Q1'`, [alpha.id])).rejects.toMatchObject({ driverError: { code: 'CS409' } });
    // Nothing changed: the facts and the binding are still there, the other period still takes writes.
    expect((await db.query(`SELECT count(*)::int AS n FROM facts WHERE institution_id = $1 AND period = '2026-Q1' AND inputs->>'records_total' = '10'`, [alpha.id]))[0].n).toBe(2);
    await get(alpha.admin, `/api/bindings/${binding.id}`).expect(200);
    await http().post('/api/facts').set(bearer(alpha.admin)).send([{ staffCode: 'pc-01', period: '2026-Q2', inputs: { records_total: 11 } }]).expect(200);
  });

  it('reopen: a closed period only, with a reason; back to published and writable; audited', async () => {
    await post(alpha.admin, '/api/periods/2026-Q1/reopen', {}).expect(400);
    expect((await post(alpha.admin, '/api/periods/2026-Q2/reopen', { reason: 'x' }).expect(409)).body.details[0].code).toBe('period_open');
    const reopened = (await post(alpha.admin, '/api/periods/2026-Q1/reopen', { reason: 'pc-02 appeal upheld late' }).expect(200)).body;
    expect(reopened).toMatchObject({ state: 'published', closedAt: null, closedBy: null });
    const [entry] = await auditEntries(t, alpha.admin, { entityType: 'period', action: 'reopen' });
    expect(entry).toMatchObject({ entityId: '2026-Q1', changes: { before: { state: 'closed' }, after: { state: 'published' }, reason: 'pc-02 appeal upheld late' } });
    await http().post('/api/facts').set(bearer(alpha.admin)).send([{ staffCode: 'pc-01', period: '2026-Q1', inputs: { records_total: 10 } }]).expect(200);
  });

  it('close and a fact write racing on the same period: the write lands before the close or is refused after it', async () => {
    const outcomes = await Promise.all([
      post(alpha.admin, '/api/periods/2026-Q1/close'),
      http().post('/api/facts').set(bearer(alpha.admin)).send([{ staffCode: 'pc-02', period: '2026-Q1', inputs: { records_total: 13 } }]),
    ]);
    expect(outcomes[0].status).toBe(200);
    const stored = (await t.app.get(DataSource).query(`SELECT inputs->>'records_total' AS v FROM facts f JOIN staff s ON s.id = f.staff_id WHERE f.institution_id = $1 AND f.period = '2026-Q1' AND s.code = 'pc-02'`, [alpha.id]))[0].v;
    if (outcomes[1].status === 200) expect(stored).toBe('13');
    else {
      expect(outcomes[1].status).toBe(409);
      expect(stored).toBe('10');
    }
  });
});

describe('correction runs', () => {
  it('evaluate only the named staff with the basis run’s versions and team means: every other scorecard stays as it was', async () => {
    const first = await evaluate(t, alpha.admin, { period: '2026-Q2' });
    const before = (await get(alpha.admin, '/api/scorecards').query({ filter: JSON.stringify({ period: '2026-Q2' }), range: '[0,99]' }).expect(200)).body as Array<{ id: string; staffCode: string; composite: number | null; runId: string }>;
    await http().post('/api/facts').set(bearer(alpha.admin)).send([{ staffCode: 'pc-02', period: '2026-Q2', inputs: { records_complete: 5 } }]).expect(200);

    const refused = await post(alpha.admin, '/api/evaluations', { period: '2026-Q2', staffIds: [staffIds['pc-02'], '00000000-0000-4000-8000-000000000000'] }).expect(422);
    expect(refused.body.details).toEqual([expect.objectContaining({ path: 'staffIds.1', code: 'no_current_scorecard' })]);
    const correction = await evaluate(t, alpha.admin, { period: '2026-Q2', staffIds: [staffIds['pc-02']] });
    expect(correction).toMatchObject({ staffIds: [staffIds['pc-02']], basisRunId: first.id, progress: { total: 1 } });

    const after = (await get(alpha.admin, '/api/scorecards').query({ filter: JSON.stringify({ period: '2026-Q2' }), range: '[0,99]' }).expect(200)).body as typeof before;
    const byCode = (rows: typeof before, code: string) => rows.find((row) => row.staffCode === code) as (typeof before)[number];
    expect(byCode(after, 'pc-01')).toEqual(byCode(before, 'pc-01'));
    expect(byCode(after, 'pc-02').runId).toBe(correction.id);
    expect(byCode(after, 'pc-02').composite).toBeLessThan(byCode(before, 'pc-02').composite as number);
    const [entry] = await auditEntries(t, alpha.admin, { entityType: 'evaluation_run', action: 'evaluate' });
    expect(entry).toMatchObject({ entityId: correction.id, changes: { period: '2026-Q2', staffIds: [staffIds['pc-02']], basisRunId: first.id } });
  });
});

describe('institution settings', () => {
  it('reads for every role, changes time zone and appeal days for admins (audited), and refuses unknown zones', async () => {
    expect((await get(beta.staff, '/api/institution').expect(200)).body).toMatchObject({ id: beta.id, timeZone: 'Asia/Shanghai', appealDays: 7 });
    await http().put('/api/institution').set(bearer(beta.manager)).send({ appealDays: 3 }).expect(403);
    const bad = await http().put('/api/institution').set(bearer(beta.admin)).send({ timeZone: 'Mars/Olympus', appealDays: 0 }).expect(400);
    expect(bad.body.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['appealDays', 'timeZone']);
    const current = (await get(beta.admin, '/api/institution').expect(200)).body;
    const changed = (await http().put('/api/institution').set(bearer(beta.admin)).send({ ...current, timeZone: 'Europe/Berlin', appealDays: 60 }).expect(200)).body;
    expect(changed).toMatchObject({ timeZone: 'Europe/Berlin', appealDays: 60 });
    const [entry] = await auditEntries(t, beta.admin, { entityType: 'institution', action: 'update' });
    expect(entry).toMatchObject({ actorId: beta.admin.id, entityId: beta.id, changes: { before: { timeZone: 'Asia/Shanghai', appealDays: 7 }, after: { timeZone: 'Europe/Berlin', appealDays: 60 } } });
    await http().put('/api/institution').set(bearer(beta.admin)).send({ id: alpha.id }).expect(400);
  });
});
