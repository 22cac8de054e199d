import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scorecard } from '@carescore/engine';
import { auditEntries } from './support/audit-entries';
import { type CaseClinic, clockOf, createCaseClinic, publishDocument } from './support/cases-fixture';
import { evaluate } from './support/evaluations-fixture';
import { bearer, createInstitution, login, type TestInstitution, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';
import { deflatedRepeat, lyingWorkbook } from '../support/zip-bombs';

/**
 * Feedback ingestion (JSON and CSV) opening cases on matching workflow triggers, idempotent on the
 * response id; then the loop back to scoring: a real evaluation run reads the period's Likert and
 * NPS answers and the case facts, and its zone hits open cases on the zone-action workflows.
 */
let t: TestApp;
let alpha: CaseClinic;
let beta: TestInstitution;

const sql = <T>(query: string, params: unknown[] = []) => t.app.get(DataSource).query(query, params) as Promise<T[]>;
const postFeedback = (user: TestUser, body: unknown) => t.http().post('/api/feedback').set(bearer(user)).send(body as object);
const importCsv = (user: TestUser, csv: string) => t.http().post('/api/feedback/import').set(bearer(user)).set('Content-Type', 'text/csv').send(csv);
const count = async (table: string) => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE institution_id = $1`, [alpha.id]))[0].n;

/** A one-stage workflow for the worst detractors (NPS ≤ 3), beside negative-feedback. */
const QUICK_FIX = {
  kind: 'workflow',
  key: 'quick-fix',
  name: { zh: '快速处理', en: 'Quick fix' },
  trigger: { when: { all: [{ fact: 'nps', operator: 'lessThanInclusive', value: 3 }] } },
  stages: [{ id: 'fix', slaHours: 24, fields: [{ id: 'note', type: 'text', required: true, minLength: 5 }] }],
};

/** A monthly scheme over what feedback and cases provide, with zones for the zone-action workflows. */
const VOICE = {
  kind: 'scheme',
  key: 'voice',
  name: { en: 'Voice of the client' },
  period: 'month',
  inputs: {
    likert: { type: 'number[]', min: 1, max: 5 },
    likert_attitude: { type: 'number[]', min: 1, max: 5 },
    nps: { type: 'number[]', min: 0, max: 10 },
    cases_opened: { type: 'number', min: 0 },
    cases_closed: { type: 'number', min: 0 },
    cases_closed_in_sla: { type: 'number', min: 0 },
    median_hours_to_close: { type: 'number', min: 0 },
  },
  indicators: [
    { id: 'satisfaction', formula: 'mean(likert) * 20', scoring: { type: 'raw' } },
    { id: 'complaint_handling', formula: 'cases_closed_in_sla / cases_opened * 100', scoring: { type: 'raw' } },
    { id: 'closing_speed', formula: 'median_hours_to_close', direction: 'lower', scoring: { type: 'thresholds', baseline: 72, target: 24, excellent: 4 } },
  ],
  dimensions: [{ id: 'voice', weight: 100, indicators: [{ id: 'satisfaction', weight: 50 }, { id: 'complaint_handling', weight: 30 }, { id: 'closing_speed', weight: 20 }] }],
  zones: [
    { id: 'red_alert', zone: 'red', action: 'suspend_and_train', when: { all: [{ fact: 'indicator', path: '$.satisfaction.value', operator: 'lessThan', value: 30 }] } },
    { id: 'low_voice', zone: 'yellow', action: 'assign_mentor', when: { all: [{ fact: 'indicator', path: '$.satisfaction.value', operator: 'lessThan', value: 60 }] } },
    { id: 'busy', zone: 'blue', action: 'process_improvement', when: { all: [{ fact: 'cases_opened', operator: 'greaterThanInclusive', value: 2 }] } },
  ],
};

beforeAll(async () => {
  process.env.CASES_SWEEP_MS = '0';
  t = await startTestApp();
  alpha = await createCaseClinic(t, 'Alpha');
  beta = await createInstitution(t, 'Beta');
  clockOf(t).set('2026-03-05T00:00:00.000Z');
  await publishDocument(t, alpha.quality, { content: QUICK_FIX });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('POST /api/feedback', () => {
  it('stores responses and opens a case for each matching workflow trigger; a repeat is a duplicate that changes nothing', async () => {
    const body = [
      { responseId: 'f1', staffCode: 'S1', customerRef: 'C-100', channel: 'wechat', likert: { attitude: 2, timeliness: 3 }, nps: 5, comment: '态度冷淡', respondedAt: '2026-03-03T10:00:00+08:00' },
      { responseId: 'f2', staffCode: 'S1', likert: { attitude: 5, timeliness: 4 }, nps: 9 },
      { responseId: 'f3', staffCode: 'S2', nps: 2, respondedAt: '2026-03-04T08:00:00Z' },
      { responseId: 'f4', staffCode: 'S3', likert: { attitude: 4 }, respondedAt: '2026-02-27T08:00:00Z' },
    ];
    const first = await postFeedback(alpha.quality, body).expect(200);
    expect(first.body).toMatchObject({ received: 4, created: 4, duplicates: 0, casesOpened: 3 });
    const cases = Object.fromEntries(first.body.items.map((item: { responseId: string; cases: Array<{ workflowKey: string }> }) => [item.responseId, item.cases.map((c) => c.workflowKey).sort()]));
    expect(cases).toEqual({ f1: ['negative-feedback'], f2: [], f3: ['negative-feedback', 'quick-fix'], f4: [] });

    const again = await postFeedback(alpha.quality, body).expect(200);
    expect(again.body).toMatchObject({ received: 4, created: 0, duplicates: 4, casesOpened: 0 });
    expect(again.body.items.map((item: { status: string }) => item.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(again.body.items[2].cases).toEqual(first.body.items[2].cases);
    // One object is one response, too.
    const single = await postFeedback(alpha.quality, { responseId: 'f2', staffCode: 'S1', nps: 0 }).expect(200);
    expect(single.body).toMatchObject({ received: 1, duplicates: 1, casesOpened: 0 });
    expect(await count('cases')).toBe(3);

    const listed = await t.http().get('/api/feedback').query({ filter: JSON.stringify({ period: '2026-Q1', staffId: alpha.staffIds.S1 }), sort: '["respondedAt","ASC"]' }).set(bearer(alpha.manager)).expect(200);
    expect(listed.headers['content-range']).toBe('feedback 0-1/2');
    expect(listed.body[0]).toMatchObject({ responseId: 'f1', staffCode: 'S1', channel: 'wechat', likert: { attitude: 2, timeliness: 3 }, nps: 5, period: '2026-03', respondedAt: '2026-03-03T02:00:00.000Z' });
    expect(listed.body[0].caseIds).toHaveLength(1);
    const audit = await auditEntries(t, alpha.admin, { entityType: 'feedback' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', changes: { created: 4, casesOpened: 3 } });
  });

  it('refuses bad responses with 422 naming each field, and stores nothing', async () => {
    const before = [await count('feedback'), await count('cases')];
    const response = await postFeedback(alpha.quality, [
      { responseId: 'bad-1', staffCode: 'S1', likert: { attitude: 7 } },
      { responseId: 'bad-2', staffCode: 'NOPE', nps: 3 },
      { responseId: 'bad-3', staffCode: 'S2', nps: 11, colour: 'red' },
      { responseId: 'bad-4', staffCode: 'S2' },
      { responseId: 'bad-5', staffCode: 'S2', nps: 1, respondedAt: '2027-01-01T00:00:00Z' },
      { responseId: 'ok-1', staffCode: 'S3', nps: 1 },
      { responseId: 'ok-1', staffCode: 'S3', nps: 2 },
    ]).expect(422);
    expect(response.body.details).toEqual([
      { path: '[0].likert.attitude', message: 'must be from 1 to 5', code: 'schema.too_big' },
      { path: '[2].nps', message: 'must be from 0 to 10', code: 'schema.too_big' },
      { path: '[2]', message: expect.stringContaining('colour'), code: 'schema.unrecognized_keys' },
      { path: '[3].likert', message: 'needs Likert answers or an NPS rating', code: 'schema.custom' },
      { path: '[4].respondedAt', message: 'is in the future (2027-01-01T00:00:00.000Z)' },
      { path: '[6].responseId', message: 'ok-1 appears twice in this upload (first at [5])' },
      { path: '[1].staffCode', message: 'no staff member of your institution has the code NOPE' },
    ]);
    // The same refusal for a Chinese reader: the problems and each detail in Chinese, codes unchanged.
    const zh = await postFeedback(alpha.quality, [
      { responseId: 'bad-1', staffCode: 'S1', likert: { attitude: 7 } },
      { responseId: 'bad-2', staffCode: 'NOPE', nps: 3 },
      { responseId: 'bad-4', staffCode: 'S2' },
    ])
      .set('Accept-Language', 'zh-CN')
      .expect(422);
    expect(zh.body.message).toBe('3 条回复中有 3 个问题，未存储任何内容');
    expect(zh.body.details).toEqual([
      { path: '[0].likert.attitude', message: '必须在 1 到 5 之间', code: 'schema.too_big' },
      { path: '[2].likert', message: '需要李克特答案或 NPS 评分', code: 'schema.custom' },
      { path: '[1].staffCode', message: '你的机构中没有工号为 NOPE 的员工' },
    ]);
    expect([await count('feedback'), await count('cases')]).toEqual(before);
    await postFeedback(alpha.quality, []).expect(400);
    await postFeedback(alpha.quality, [1, 2]).expect(400);
  });

  it('is for admins and quality officers; another institution’s staff and feedback are not found', async () => {
    await postFeedback(alpha.manager, { responseId: 'm-1', staffCode: 'S1', nps: 1 }).expect(403);
    await postFeedback(alpha.staffUser, { responseId: 's-1', staffCode: 'S1', nps: 1 }).expect(403);
    const foreign = await postFeedback(beta.quality, { responseId: 'f1', staffCode: 'S9', nps: 1 }).expect(422);
    expect(foreign.body.details).toEqual([{ path: '[0].staffCode', message: 'no staff member of your institution has the code S9' }]);
    const [mine] = (await t.http().get('/api/feedback').set(bearer(alpha.admin)).expect(200)).body as Array<{ id: string }>;
    await t.http().get(`/api/feedback/${mine.id}`).set(bearer(beta.admin)).expect(404);
    await t.http().get(`/api/feedback/${mine.id}`).set(bearer(alpha.quality)).expect(200);
    await t.http().get('/api/feedback').set(bearer(alpha.staffUser)).expect(403);
  });
});

describe('POST /api/feedback/import', () => {
  it('imports a CSV of responses (one column per Likert dimension) and opens cases; a bad row is 422 by row and column', async () => {
    const bad = 'responseId,staffCode,channel,nps,respondedAt,likert_attitude\nc1,S3,phone,8,2026-03-04T09:00:00Z,1\nc2,S2,app,ten,,4\n';
    const refused = await importCsv(alpha.quality, bad).expect(422);
    expect(refused.body.details).toEqual([{ path: 'rows[3].nps', message: expect.stringMatching(/number/), code: 'schema.invalid_type' }]);
    const header = await importCsv(alpha.quality, 'responseId,staffCode,score\nx,S1,3\n').expect(422);
    expect(header.body.details[0]).toMatchObject({ path: 'header[2]', message: expect.stringContaining('unknown column score') });

    const csv = 'responseId,staffCode,channel,nps,respondedAt,likert_attitude,likert_timeliness,comment\nc1,S3,phone,8,2026-03-04T09:00:00Z,1,,"late, and rude"\nc2,S2,app,,,4,5,\n';
    const imported = await importCsv(alpha.quality, csv).expect(200);
    expect(imported.body).toMatchObject({ received: 2, created: 2, casesOpened: 1 });
    expect(imported.body.items[0].cases.map((c: { workflowKey: string }) => c.workflowKey)).toEqual(['negative-feedback']);
    const multipart = await t.http().post('/api/feedback/import').set(bearer(alpha.admin)).attach('file', Buffer.from(csv, 'utf8'), 'responses.csv').expect(200);
    expect(multipart.body).toMatchObject({ received: 2, created: 0, duplicates: 2 });
    const [c1] = (await t.http().get('/api/feedback').query({ filter: JSON.stringify({ q: 'c1' }) }).set(bearer(alpha.admin)).expect(200)).body as Array<Record<string, unknown>>;
    expect(c1).toMatchObject({ channel: 'phone', nps: 8, likert: { attitude: 1 }, comment: 'late, and rude' });
  });
});

describe('POST /api/feedback/import: XLSX zip bombs', () => {
  it('refuses a workbook whose worksheet lies about its size (413 within a second) and stores nothing', async () => {
    const bomb = await lyingWorkbook(await deflatedRepeat('<row/>', 400 * 1024 * 1024), 4096);
    const before = await count('feedback');
    const started = performance.now();
    const refused = await t.http().post('/api/feedback/import').set(bearer(alpha.admin)).attach('file', bomb, 'responses.xlsx').expect(413);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(refused.body.details).toEqual([{ path: 'file', code: 'xlsx_compression_ratio', message: expect.stringContaining('inflates more than 200 times') }]);
    expect(await count('feedback')).toBe(before);
  });
});

describe('loop back to scoring and zone actions', () => {
  it('feeds Likert and NPS answers and case facts into a run; its zone hits open cases once per staff, period and zone rule', async () => {
    // Close S2's quick-fix case 6 hours after it opened.
    const [quick] = (await t.http().get('/api/cases').query({ filter: JSON.stringify({ workflowKey: 'quick-fix' }) }).set(bearer(alpha.quality)).expect(200)).body as Array<{ id: string }>;
    clockOf(t).set('2026-03-05T06:00:00.000Z');
    await t.http().post(`/api/cases/${quick.id}/advance`).set(bearer(alpha.quality)).send({ stage: 'fix', fields: { note: 'Called back and solved.' } }).expect(200);

    await publishDocument(t, alpha.admin, { template: 'assign_mentor' });
    await publishDocument(t, alpha.admin, { template: 'process_improvement' });
    const voice = await publishDocument(t, alpha.admin, { content: VOICE });
    await t.http().post('/api/bindings').set(bearer(alpha.admin)).send({ period: '2026-03', documentId: voice, version: 1 }).expect(201);
    const run = await evaluate(t, alpha.quality, { period: '2026-03' });
    const cards = new Map(
      (await sql<{ result: Scorecard }>(`SELECT result FROM scorecards WHERE run_id = $1`, [run.id])).map((row) => [row.result.staffId, row.result]),
    );
    const s1 = cards.get('S1') as Scorecard;
    expect(s1.indicators.satisfaction).toMatchObject({ value: 70, inputs: { likert: [2, 3, 5, 4] } }); // f1 (attitude, timeliness), then f2
    expect(s1.indicators.complaint_handling).toMatchObject({ value: 0, inputs: { cases_closed_in_sla: 0, cases_opened: 1 } });
    expect(s1.indicators.closing_speed.status).toBe('missing'); // nothing closed
    const s2 = cards.get('S2') as Scorecard;
    expect(s2.indicators.satisfaction).toMatchObject({ value: 90, inputs: { likert: [4, 5] } });
    expect(s2.indicators.complaint_handling).toMatchObject({ value: 50, inputs: { cases_closed_in_sla: 1, cases_opened: 2 } });
    expect(s2.indicators.closing_speed).toMatchObject({ value: 6, score: 98 }); // 80 + (24 − 6) / (24 − 4) × 20
    const s3 = cards.get('S3') as Scorecard;
    expect(s3.indicators.satisfaction).toMatchObject({ value: 20, inputs: { likert: [1] } }); // February's answer is not in March
    expect(s3.zones.map((zone) => zone.id)).toEqual(['red_alert', 'low_voice']);
    expect(s2.zones.map((zone) => zone.id)).toEqual(['busy']);

    const zoneCases = async () =>
      ((await t.http().get('/api/cases').query({ filter: JSON.stringify({ kind: 'zone' }), sort: '["staffCode","ASC"]' }).set(bearer(alpha.quality)).expect(200)).body as Array<Record<string, unknown>>).map((c) => [
        c.staffCode,
        c.workflowKey,
        c.zone,
        c.zoneId,
        c.period,
        c.stage,
        c.runId === run.id,
      ]);
    // No suspend_and_train workflow is published, so the red zone opens nothing.
    const expected = [
      ['S2', 'process_improvement', 'blue', 'busy', '2026-03', 'analysis', true],
      ['S3', 'assign_mentor', 'yellow', 'low_voice', '2026-03', 'mentor_assignment', true],
    ];
    expect(await zoneCases()).toEqual(expected);
    await evaluate(t, alpha.quality, { period: '2026-03' });
    expect((await zoneCases()).map((row) => row.slice(0, 5))).toEqual(expected.map((row) => row.slice(0, 5)));
    const [mentor] = (await t.http().get('/api/cases').query({ filter: JSON.stringify({ zone: 'yellow' }) }).set(bearer(alpha.manager)).expect(200)).body as Array<{ id: string }>;
    const detail = await t.http().get(`/api/cases/${mentor.id}`).set(bearer(alpha.manager)).expect(200);
    expect(detail.body).toMatchObject({ stageRole: 'manager', can: { advance: true }, events: [{ type: 'opened', data: { zone: 'yellow', zoneId: 'low_voice', action: 'assign_mentor' } }] });

    // S3 learns of their zone from its case only once 2026-03 is published, as from their scorecard.
    await t.http().put(`/api/users/${alpha.staff.id}`).set(bearer(alpha.admin)).send({ staffId: alpha.staffIds.S3 }).expect(200);
    const s3Login = { ...alpha.staff, token: await login(t, alpha.staff.email) };
    const ownZoneCases = async () =>
      ((await t.http().get('/api/cases').query({ filter: JSON.stringify({ kind: 'zone' }) }).set(bearer(s3Login)).expect(200)).body as Array<{ id: string }>).map((c) => c.id);
    expect(await ownZoneCases()).toEqual([]);
    await t.http().get(`/api/cases/${mentor.id}`).set(bearer(s3Login)).expect(404);
    await t.http().post('/api/periods/2026-03/publish').set(bearer(alpha.admin)).expect(200);
    expect(await ownZoneCases()).toEqual([mentor.id]);
    await t.http().get(`/api/cases/${mentor.id}`).set(bearer(s3Login)).expect(200);
  });
});
