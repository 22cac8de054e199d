import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from './support/audit-entries';
import { publishDocument } from './support/cases-fixture';
import { storeDocument } from './support/documents-fixture';
import { evaluate } from './support/evaluations-fixture';
import { bearer, createInstitution, login, type TestInstitution } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/** Answers in the language of Accept-Language (zh… → Chinese, anything else → English); codes stay the same. */
let t: TestApp;
let clinic: TestInstitution;

const ZH = 'zh-CN,zh;q=0.9,en;q=0.8';
const EN = 'en-US,en;q=0.9';

/** A scheme whose top-level weights sum to 107. */
const heavyScheme = {
  kind: 'scheme',
  key: 'heavy',
  name: { en: 'Heavy' },
  period: 'month',
  inputs: { done: { type: 'number', min: 0 } },
  indicators: [{ id: 'done_count', formula: 'done', scoring: { type: 'linear', min: 0, max: 10 } }],
  dimensions: [
    { id: 'execution', weight: 67, indicators: [{ id: 'done_count', weight: 100 }] },
    { id: 'other', weight: 40, indicators: [{ id: 'done_count', weight: 100 }] },
  ],
};

beforeAll(async () => {
  t = await startTestApp();
  clinic = await createInstitution(t, 'Lingua');
  const team = await t.http().post('/api/teams').set(bearer(clinic.admin)).send({ name: 'Ward' }).expect(201);
  await t.http().post('/api/staff').set(bearer(clinic.admin)).send({ code: 'S001', name: 'Ann', teamId: (team.body as { id: string }).id, tier: 'junior' }).expect(201);
  const scheme = await storeDocument(t, clinic.id, 'hm-3d9i', ['published']);
  await t.http().post('/api/bindings').set(bearer(clinic.admin)).send({ period: '2026-03', documentId: scheme.id, version: 1 }).expect(201);
}, 120_000);
afterAll(async () => t?.close());

describe('messages in the reader’s language', () => {
  it('answers a request validation 400 with zod details {path, message, code} in Chinese or English', async () => {
    const zh = await t.http().post('/api/teams').set(bearer(clinic.admin)).set('Accept-Language', ZH).send({}).expect(400);
    expect(zh.body).toEqual({ statusCode: 400, error: 'BadRequest', message: '请求无效', details: [{ path: 'name', message: '必填，应为文本', code: 'schema.invalid_type' }] });
    const en = await t.http().post('/api/teams').set(bearer(clinic.admin)).set('Accept-Language', EN).send({}).expect(400);
    expect(en.body).toEqual({
      statusCode: 400,
      error: 'BadRequest',
      message: 'the request is invalid',
      details: [{ path: 'name', message: 'Invalid input: expected string, received undefined', code: 'schema.invalid_type' }],
    });
  });

  it('words the API’s own request rules in Chinese too', async () => {
    const zh = await t.http().post('/api/bindings').set(bearer(clinic.admin)).set('Accept-Language', ZH).send({ period: '2026-13', documentId: '00000000-0000-4000-8000-000000000000', version: 1 }).expect(400);
    expect(zh.body.details).toEqual([{ path: 'period', message: '必须是月份（如 2026-03）或季度（如 2026-Q1）', code: 'schema.invalid_format' }]);
  });

  it('answers a wrong password 401 in Chinese, in English, and in English without the header', async () => {
    const login = (language?: string) => {
      const call = t.http().post('/api/auth/login');
      if (language) call.set('Accept-Language', language);
      return call.send({ email: clinic.staff.email, password: 'not the password' }).expect(401);
    };
    expect((await login(ZH)).body).toEqual({ statusCode: 401, error: 'Unauthenticated', message: '邮箱或密码错误', details: [] });
    expect((await login(EN)).body.message).toBe('wrong email or password');
    expect((await login()).body.message).toBe('wrong email or password');
    expect((await login('fr-FR')).body.message).toBe('wrong email or password');
  });

  it('answers a name already taken (409) with a detail in the same language', async () => {
    const zh = await t.http().post('/api/teams').set(bearer(clinic.admin)).set('Accept-Language', 'zh').send({ name: 'Ward' }).expect(409);
    expect(zh.body).toEqual({ statusCode: 409, error: 'Conflict', message: '已存在名为 Ward 的团队', details: [{ path: 'name', message: '已被占用' }] });
    const en = await t.http().post('/api/teams').set(bearer(clinic.admin)).set('Accept-Language', EN).send({ name: 'Ward' }).expect(409);
    expect(en.body.message).toBe('a team named Ward already exists');
    expect(en.body.details).toEqual([{ path: 'name', message: 'is already taken' }]);
  });

  it('answers a revision conflict (409) in Chinese and English, and audits only the write that went through', async () => {
    const valid = { ...heavyScheme, key: 'light', dimensions: [{ id: 'execution', weight: 100, indicators: [{ id: 'done_count', weight: 100 }] }] };
    const created = await t.http().post('/api/documents').set(bearer(clinic.admin)).send({ content: valid }).expect(201);
    const id = (created.body as { id: string }).id;
    await t.http().put(`/api/documents/${id}`).set(bearer(clinic.admin)).send({ content: { ...valid, name: { en: 'Renamed' } }, revision: 1 }).expect(200);
    const zh = await t.http().put(`/api/documents/${id}`).set(bearer(clinic.admin)).set('Accept-Language', ZH).send({ content: valid, revision: 1 }).expect(409);
    expect(zh.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: '文档在你加载后已被修改（你加载的是修订版 1），请重新加载后再试',
      details: [{ path: 'revision', message: '文档现在是修订版 2' }],
    });
    const en = await t.http().put(`/api/documents/${id}`).set(bearer(clinic.admin)).set('Accept-Language', EN).send({ content: valid, revision: 1 }).expect(409);
    expect(en.body.message).toBe('the document changed since you loaded it (revision 1); reload and retry');
    expect(en.body.details).toEqual([{ path: 'revision', message: 'the document is now at revision 2' }]);
    const updates = await auditEntries(t, clinic.admin, { entityType: 'document', entityId: id, action: 'update' });
    expect(updates).toHaveLength(1);
  });

  it('answers an invalid document (422) with the engine code and params, the message in the reader’s language', async () => {
    const zh = await t.http().post('/api/documents').set(bearer(clinic.admin)).set('Accept-Language', ZH).send({ content: heavyScheme }).expect(422);
    expect(zh.body.message).toBe('文档无效');
    expect(zh.body.details).toContainEqual({ path: 'dimensions', message: '顶层维度的权重之和必须为 100，当前为 107', code: 'weights.sum', params: { level: 'dimensions', sum: 107 } });
    expect(zh.body.details).toContainEqual({ path: 'dimensions[1].indicators[0].id', message: '指标 done_count 已在维度 execution 中计权', code: 'indicator.weighted_twice', params: { id: 'done_count', dimension: 'execution' } });
    const en = await t.http().post('/api/documents').set(bearer(clinic.admin)).set('Accept-Language', EN).send({ content: heavyScheme }).expect(422);
    expect(en.body.message).toBe('the document is invalid');
    expect(en.body.details).toContainEqual({ path: 'dimensions', message: 'weights of the top-level dimensions must sum to 100, they sum to 107', code: 'weights.sum', params: { level: 'dimensions', sum: 107 } });
  });

  it('answers fact import rows in the reader’s language, codes unchanged', async () => {
    const rows = [
      { staffCode: 'S999', period: '2026-03', inputs: {} },
      { staffCode: 'S001', period: '2026-03', inputs: { record_completeness_pct: 120, bogus: 1 } },
    ];
    const zh = await t.http().post('/api/facts').set(bearer(clinic.admin)).set('Accept-Language', ZH).send(rows).expect(422);
    expect(zh.body.message).toBe('2 行中有 3 个问题，未存储任何内容。行号按发送顺序从 0 开始。发送 ?partial=true 可仍然存储有效的行');
    expect(zh.body.details).toEqual([
      { path: '[0].staffCode', message: '没有工号为 S999 的员工' },
      { path: '[1].inputs.record_completeness_pct', message: '120 超出声明的范围 0…100', code: 'facts.out_of_range' },
      { path: '[1].inputs.bogus', message: expect.stringMatching(/^未知输入 bogus：方案声明的输入为 /) as unknown as string, code: 'facts.unknown_input' },
    ]);
    const csv = 'staffCode,period,record_completeness_pct\nS001,2026-03,120\n';
    const sheet = await t.http().post('/api/facts/import').set(bearer(clinic.admin)).set('Accept-Language', ZH).set('Content-Type', 'text/csv').send(csv).expect(422);
    expect(sheet.body.details).toEqual([{ path: 'rows[2].record_completeness_pct', message: '第 C 列（record_completeness_pct）：120 超出声明的范围 0…100', code: 'facts.out_of_range' }]);
    const text = await t.http().post('/api/facts/import').set(bearer(clinic.admin)).set('Accept-Language', ZH).set('Content-Type', 'text/csv').send('staffCode,period,record_completeness_pct\nS001,2026-03,ten\n').expect(422);
    expect(text.body.message).toBe('1 行中有 1 个问题，未存储任何内容。行号与表格一致：表头为第 1 行，第一行数据为第 2 行。发送 ?partial=true 可仍然存储有效的行');
    expect(text.body.details).toEqual([{ path: 'rows[2].record_completeness_pct', message: '第 C 列（record_completeness_pct）："ten" 不是数字' }]);
    // A multipart upload is answered in the same language (the file goes through multer first).
    const file = await t.http().post('/api/facts/import').set(bearer(clinic.admin)).set('Accept-Language', ZH).attach('file', Buffer.from('staffCode,period,record_completeness_pct\nS001,2026-03,ten\n'), 'facts.csv').expect(422);
    expect(file.body.details).toEqual(text.body.details);
    const en = await t.http().post('/api/facts').set(bearer(clinic.admin)).set('Accept-Language', EN).send(rows).expect(422);
    expect(en.body.details).toEqual([
      { path: '[0].staffCode', message: 'no staff member has the code S999' },
      { path: '[1].inputs.record_completeness_pct', message: '120 is outside the declared range 0…100', code: 'facts.out_of_range' },
      { path: '[1].inputs.bogus', message: expect.stringMatching(/^unknown input bogus: the scheme declares /) as unknown as string, code: 'facts.unknown_input' },
    ]);
  });

  it('words the period cycle in Chinese: a re-run of a published period without a reason, an appeal after the window, a close with open appeals', async () => {
    const http = () => t.http();
    const staffId = (await http().post('/api/staff').set(bearer(clinic.admin)).send({ code: 'Q001', name: 'Bo', tier: 'junior' }).expect(201)).body.id as string;
    await http().put(`/api/users/${clinic.staff.id}`).set(bearer(clinic.admin)).send({ staffId }).expect(200);
    const staffUser = { ...clinic.staff, token: await login(t, clinic.staff.email) };
    const scheme = await storeDocument(t, clinic.id, 'career-tiers', ['published']);
    await http().post('/api/bindings').set(bearer(clinic.admin)).send({ period: '2026-Q1', documentId: scheme.id, version: 1 }).expect(201);
    const inputs = { records_total: 10, records_complete: 9, followups_planned: 10, followups_done: 9 };
    await http().post('/api/facts').set(bearer(clinic.admin)).send([{ staffCode: 'Q001', period: '2026-Q1', inputs }]).expect(200);
    await evaluate(t, clinic.admin, { period: '2026-Q1' });
    await http().post('/api/periods/2026-Q1/publish').set(bearer(clinic.admin)).expect(200);
    await publishDocument(t, clinic.admin, { template: 'score-appeal' });

    // A published period is run again only with a reason (422).
    const rerun = await http().post('/api/evaluations').set(bearer(clinic.admin)).set('Accept-Language', ZH).send({ period: '2026-Q1' }).expect(422);
    expect(rerun.body).toEqual({
      statusCode: 422,
      error: 'Unprocessable',
      message: '2026-Q1 已公示：员工已看到自己的结果，重新运行需要说明原因',
      details: [{ path: 'reason', message: '已公示的周期必填', code: 'reason_required' }],
    });
    const rerunEn = await http().post('/api/evaluations').set(bearer(clinic.admin)).set('Accept-Language', EN).send({ period: '2026-Q1' }).expect(422);
    expect(rerunEn.body.message).toBe('2026-Q1 is published: its staff have seen their results, so a new run needs a reason');

    // An appeal from the window's end on (409).
    const scorecardId = ((await http().get('/api/scorecards').set(bearer(staffUser)).query({ filter: JSON.stringify({ period: '2026-Q1' }) }).expect(200)).body as Array<{ id: string }>)[0].id;
    const db = t.app.get(DataSource);
    await db.query(`UPDATE periods SET appeal_deadline = clock_timestamp() WHERE institution_id = $1 AND period = '2026-Q1'`, [clinic.id]);
    const [{ deadline }] = (await db.query(`SELECT appeal_deadline AS deadline FROM periods WHERE institution_id = $1 AND period = '2026-Q1'`, [clinic.id])) as Array<{ deadline: Date }>;
    const appeal = { scorecardId, indicators: ['record_completeness'], reason: 'My records were complete.' };
    const late = await http().post('/api/appeals').set(bearer(staffUser)).set('Accept-Language', ZH).send(appeal).expect(409);
    expect(late.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: `2026-Q1 的申诉期限已于 ${deadline.toISOString()} 结束`,
      details: [{ path: 'scorecardId', message: '申诉期限已结束', code: 'appeal_window_ended' }],
    });
    expect((await http().post('/api/appeals').set(bearer(staffUser)).set('Accept-Language', EN).send(appeal).expect(409)).body.message).toBe(`the window to appeal 2026-Q1 ended at ${deadline.toISOString()}`);

    // Closing while an appeal is open names it (409); nothing is closed.
    await db.query(`UPDATE periods SET appeal_deadline = clock_timestamp() + interval '1 day' WHERE institution_id = $1 AND period = '2026-Q1'`, [clinic.id]);
    const filed = (await http().post('/api/appeals').set(bearer(staffUser)).send(appeal).expect(201)).body as { id: string };
    const close = await http().post('/api/periods/2026-Q1/close').set(bearer(clinic.admin)).set('Accept-Language', ZH).expect(409);
    expect(close.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: `2026-Q1 还有 1 个申诉未处理：Q001 (${filed.id})；请先作出决定再封账`,
      details: [{ path: 'period', message: `Q001 的申诉 ${filed.id} 尚未处理`, code: 'appeal_open' }],
    });
    const closeEn = await http().post('/api/periods/2026-Q1/close').set(bearer(clinic.admin)).set('Accept-Language', EN).expect(409);
    expect(closeEn.body.message).toBe(`cannot close 2026-Q1 while 1 appeal(s) are open: Q001 (${filed.id}); decide them first`);
    expect((await http().get('/api/periods/2026-Q1').set(bearer(clinic.admin)).expect(200)).body.state).toBe('published');
    expect(await auditEntries(t, clinic.admin, { entityType: 'period', action: 'close' })).toHaveLength(0);
  });

  it('answers a route the API does not have (404) in the reader’s language', async () => {
    expect((await t.http().get('/api/no-such-thing').set('Accept-Language', ZH).expect(404)).body).toEqual({ statusCode: 404, error: 'NotFound', message: '没有这个接口：GET /api/no-such-thing', details: [] });
    expect((await t.http().get('/api/no-such-thing').expect(404)).body.message).toBe('Cannot GET /api/no-such-thing');
  });
});
