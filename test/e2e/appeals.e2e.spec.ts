import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from './support/audit-entries';
import { publishDocument } from './support/cases-fixture';
import { storeDocument } from './support/documents-fixture';
import { evaluate, waitForRun } from './support/evaluations-fixture';
import { bearer, createInstitution, login, type TestInstitution, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Appeals of published scorecards: filed by the staff member or their manager inside the window,
 * worked as a case on the score-appeal workflow, decided uphold or correct; a correction stores the
 * corrected facts (the originals kept) and re-scores that staff member alone.
 */
let t: TestApp;
let clinic: TestInstitution;
let other: TestInstitution;
let staffUser: TestUser;
const staffIds: Record<string, string> = {};
const INPUTS = { records_total: 10, records_complete: 9, followups_planned: 10, followups_done: 9 };

const http = () => t.http();
const post = (user: TestUser, path: string, body: Record<string, unknown> = {}) => http().post(path).set(bearer(user)).send(body);
type Row = { id: string; staffCode: string; composite: number | null; runId: string };
async function scorecards(): Promise<Row[]> {
  return (await http().get('/api/scorecards').query({ filter: JSON.stringify({ period: '2026-Q1' }), range: '[0,99]', sort: '["staffCode","ASC"]' }).set(bearer(clinic.admin)).expect(200)).body as Row[];
}
const of = (rows: Row[], code: string) => rows.find((row) => row.staffCode === code) as Row;

async function advance(user: TestUser, caseId: string, stage: string, fields: Record<string, unknown>) {
  const current = (await http().get(`/api/cases/${caseId}`).set(bearer(user)).expect(200)).body as { version: number };
  return post(user, `/api/cases/${caseId}/advance`, { stage, fields, version: current.version });
}

beforeAll(async () => {
  t = await startTestApp();
  clinic = await createInstitution(t, 'Appeals');
  other = await createInstitution(t, 'Elsewhere');
  const team = (await post(clinic.admin, '/api/teams', { name: 'East', managerId: clinic.manager.id }).expect(201)).body as { id: string };
  for (const code of ['ap-01', 'ap-02', 'ap-03']) {
    staffIds[code] = ((await post(clinic.admin, '/api/staff', { code, name: `Staff ${code}`, teamId: team.id, tier: 'junior' }).expect(201)).body as { id: string }).id;
  }
  await http().put(`/api/users/${clinic.staff.id}`).set(bearer(clinic.admin)).send({ staffId: staffIds['ap-01'] }).expect(200);
  staffUser = { ...clinic.staff, token: await login(t, clinic.staff.email) };
  const scheme = await storeDocument(t, clinic.id, 'career-tiers', ['published']);
  await post(clinic.admin, '/api/bindings', { period: '2026-Q1', documentId: scheme.id, version: 1 }).expect(201);
  await http().post('/api/facts').set(bearer(clinic.admin)).send(Object.keys(staffIds).map((staffCode) => ({ staffCode, period: '2026-Q1', inputs: INPUTS }))).expect(200);
  await evaluate(t, clinic.admin, { period: '2026-Q1' });
});
afterAll(async () => t?.close());

describe('appeals', () => {
  it('are refused before the period is published, and without a published appeal workflow', async () => {
    const own = of(await scorecards(), 'ap-01');
    const early = await post(staffUser, '/api/appeals', { scorecardId: own.id, indicators: ['record_completeness'], reason: 'My records were complete.' }).expect(409);
    expect(early.body.details[0].code).toBe('period_open');
    await post(clinic.admin, '/api/periods/2026-Q1/publish').expect(200);
    const noWorkflow = await post(staffUser, '/api/appeals', { scorecardId: own.id, indicators: ['record_completeness'], reason: 'My records were complete.' }).expect(422);
    expect(noWorkflow.body.details[0].code).toBe('no_appeal_workflow');
    await publishDocument(t, clinic.admin, { template: 'score-appeal' });
  });

  it('staff appeal their own current scorecard once: a case on score-appeal, audited; not another person’s, not twice', async () => {
    const rows = await scorecards();
    const own = of(rows, 'ap-01');
    await post(staffUser, '/api/appeals', { scorecardId: of(rows, 'ap-02').id, indicators: ['record_completeness'], reason: 'Not mine to appeal.' }).expect(404);
    await post(clinic.admin, '/api/appeals', { scorecardId: own.id, indicators: ['record_completeness'], reason: 'Admins decide, they do not appeal.' }).expect(403);
    await post(other.staff, '/api/appeals', { scorecardId: own.id, indicators: ['record_completeness'], reason: 'Another institution.' }).expect(404);
    const unknown = await post(staffUser, '/api/appeals', { scorecardId: own.id, indicators: ['record_completeness', 'no_such'], reason: 'Two indicators.' }).expect(422);
    expect(unknown.body.details).toEqual([expect.objectContaining({ path: 'indicators.1', code: 'unknown_indicator' })]);

    const appeal = (await post(staffUser, '/api/appeals', { scorecardId: own.id, indicators: ['record_completeness'], reason: 'Four records were completed on 31 March.' }).expect(201)).body;
    expect(appeal).toMatchObject({ scorecardId: own.id, staffId: staffIds['ap-01'], period: '2026-Q1', status: 'open', indicators: ['record_completeness'], compositeBefore: own.composite, compositeAfter: null });
    const kase = (await http().get(`/api/cases/${appeal.caseId}`).set(bearer(clinic.quality)).expect(200)).body;
    expect(kase).toMatchObject({ kind: 'appeal', workflowKey: 'score-appeal', stage: 'review', status: 'open' });
    const again = await post(staffUser, '/api/appeals', { scorecardId: own.id, indicators: ['record_completeness'], reason: 'Once more.' }).expect(409);
    expect(again.body.details[0].code).toBe('appeal_open');
    const [entry] = await auditEntries(t, clinic.admin, { entityType: 'appeal', action: 'create' });
    expect(entry).toMatchObject({ actorId: staffUser.id, entityId: appeal.id, changes: { scorecardId: own.id, caseId: appeal.caseId, reason: 'Four records were completed on 31 March.' } });

    expect((await http().get('/api/appeals').set(bearer(staffUser)).expect(200)).body.map((item: { id: string }) => item.id)).toEqual([appeal.id]);
    const byCase = (await http().get('/api/appeals').query({ filter: JSON.stringify({ caseId: appeal.caseId }) }).set(bearer(clinic.quality)).expect(200)).body as Array<{ id: string }>;
    expect(byCase.map((item) => item.id)).toEqual([appeal.id]);
    // The staff member's page and their manager's say the appeal is under way.
    for (const reader of [staffUser, clinic.manager]) {
      expect((await http().get(`/api/scorecards/${own.id}/cycle`).set(bearer(reader)).expect(200)).body.appeal).toMatchObject({ id: appeal.id, caseId: appeal.caseId, status: 'open', compositeBefore: own.composite, compositeAfter: null });
    }
    expect((await http().get('/api/appeals').set(bearer(other.admin)).expect(200)).body).toEqual([]);
    await http().get(`/api/appeals/${appeal.id}`).set(bearer(other.admin)).expect(404);
  });

  it('a period with an open appeal cannot be closed; the refusal names the appeal', async () => {
    const refused = await post(clinic.admin, '/api/periods/2026-Q1/close').expect(409);
    expect(refused.body.message).toContain('ap-01');
    expect(refused.body.details[0].code).toBe('appeal_open');
    expect((await http().get('/api/periods/2026-Q1').set(bearer(clinic.admin)).expect(200)).body).toMatchObject({ state: 'published', counts: { appealed: 1, openAppeals: 1, corrected: 0 } });
  });

  it('a decision to correct stores the corrected facts (originals kept) and re-scores that staff member alone', async () => {
    const [appeal] = (await http().get('/api/appeals').set(bearer(clinic.quality)).expect(200)).body as Array<{ id: string; caseId: string }>;
    const before = await scorecards();
    expect((await advance(clinic.quality, appeal.caseId, 'review', { evidence_checked: true, finding: 'The source records show four more complete files.' })).status).toBe(200);
    const missing = await advance(clinic.manager, appeal.caseId, 'decision', { decision: 'correct', explanation: 'The records were complete before the deadline.' });
    expect(missing.status).toBe(422);
    expect(missing.body.details[0]).toMatchObject({ path: 'fields.corrected', code: 'corrected_required' });
    const unknownInput = await advance(clinic.manager, appeal.caseId, 'decision', { decision: 'correct', corrected: { no_such_input: 3 }, explanation: 'The records were complete before the deadline.' });
    expect(unknownInput.status).toBe(422);
    expect((await http().get(`/api/appeals/${appeal.id}`).set(bearer(clinic.admin)).expect(200)).body.status).toBe('open');

    const decided = await advance(clinic.manager, appeal.caseId, 'decision', { decision: 'correct', corrected: { records_complete: 10 }, explanation: 'The records were complete before the deadline.' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const corrected = (await http().get(`/api/appeals/${appeal.id}`).set(bearer(staffUser)).expect(200)).body;
    expect(corrected.status).toBe('corrected');
    const run = await waitForRun(t, clinic.admin, corrected.correctionRunId);
    expect(run.status).toBe('succeeded');

    const after = await scorecards();
    expect(of(after, 'ap-02')).toEqual(of(before, 'ap-02'));
    expect(of(after, 'ap-03')).toEqual(of(before, 'ap-03'));
    expect(of(after, 'ap-01').runId).toBe(run.id);
    expect(of(after, 'ap-01').composite).toBeGreaterThan(of(before, 'ap-01').composite as number);
    expect((await http().get(`/api/appeals/${appeal.id}`).set(bearer(staffUser)).expect(200)).body.compositeAfter).toBe(of(after, 'ap-01').composite);
    // The new current scorecard's page says what happened: corrected, composite before → after.
    expect((await http().get(`/api/scorecards/${of(after, 'ap-01').id}/cycle`).set(bearer(staffUser)).expect(200)).body.appeal).toMatchObject({
      id: appeal.id,
      status: 'corrected',
      compositeBefore: of(before, 'ap-01').composite,
      compositeAfter: of(after, 'ap-01').composite,
    });
    const history = await t.app.get(DataSource).query(`SELECT before, after, appeal_id FROM fact_corrections WHERE staff_id = $1`, [staffIds['ap-01']]);
    expect(history).toEqual([{ before: INPUTS, after: { ...INPUTS, records_complete: 10 }, appeal_id: appeal.id }]);
    const [entry] = await auditEntries(t, clinic.admin, { entityType: 'appeal', action: 'update' });
    expect(entry).toMatchObject({ actorId: clinic.manager.id, entityId: appeal.id, changes: { before: { status: 'open' }, after: { status: 'corrected' }, correctionRunId: run.id } });
  });

  it('a manager appeals for their staff; upheld changes nothing; then the period closes and appeals answer 409', async () => {
    const rows = await scorecards();
    const appeal = (await post(clinic.manager, '/api/appeals', { scorecardId: of(rows, 'ap-02').id, indicators: ['followup_rate'], reason: 'Two follow-ups were logged late.' }).expect(201)).body;
    expect(appeal.filedBy).toBe(clinic.manager.id);
    await advance(clinic.quality, appeal.caseId, 'review', { evidence_checked: true, finding: 'The follow-ups were logged after the period.' });
    expect((await advance(clinic.admin, appeal.caseId, 'decision', { decision: 'uphold', explanation: 'Follow-ups count in the period they were logged.' })).status).toBe(200);
    expect((await http().get(`/api/appeals/${appeal.id}`).set(bearer(clinic.manager)).expect(200)).body).toMatchObject({ status: 'upheld', correctionRunId: null });
    expect(await scorecards()).toEqual(rows);

    await post(clinic.admin, '/api/periods/2026-Q1/close').expect(200);
    expect((await http().get('/api/periods/2026-Q1').set(bearer(clinic.admin)).expect(200)).body.counts).toMatchObject({ appealed: 2, openAppeals: 0, corrected: 1 });
    const closed = await post(clinic.manager, '/api/appeals', { scorecardId: of(rows, 'ap-03').id, indicators: ['followup_rate'], reason: 'After the close.' }).expect(409);
    expect(closed.body.details[0].code).toBe('period_closed');
  });
});
