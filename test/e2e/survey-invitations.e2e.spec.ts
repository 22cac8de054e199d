import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedbackRepository } from '../../apps/api/src/modules/feedback/feedback.repository';
import { auditEntries } from './support/audit-entries';
import { type CaseClinic, clockOf, createCaseClinic, publishDocument } from './support/cases-fixture';
import { bearer, type TestUser } from './support/fixtures';
import { deleteKeys, REDIS_URL, testPrefix } from './support/redis-stand-ins';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Surveys clients answer (issue 17): invitations with signed single-use links, the public page /s/<token> without
 * sign-in, answers recorded as feedback exactly as POST /api/feedback records them (a bad one opens a case), the
 * pages for used, expired and unknown links, the limit per client address, and response rates.
 */
let t: TestApp;
let alpha: CaseClinic;
let gamma: CaseClinic;

const T0 = '2026-03-05T00:00:00.000Z';
const DAY = 86_400_000;
/** Requests one address may make to the survey pages per window in this file's app. */
const LIMIT = 6;
const WINDOW_MS = 60_000;

const sql = <T>(query: string, params: unknown[] = []) => t.app.get(DataSource).query(query, params) as Promise<T[]>;

// Each request comes from an address of its own unless a test says otherwise, so the limit per address is only met
// where it is the point.
let addresses = 0;
const freshAddress = () => {
  addresses += 1;
  return `10.1.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}`;
};
const openPage = (path: string, headers: Record<string, string> = {}, address = freshAddress()) => t.http().get(path).set('X-Forwarded-For', address).set(headers);
const postForm = (path: string, form: Record<string, string>, address = freshAddress()) => t.http().post(path).set('X-Forwarded-For', address).type('form').send(form);

const invite = (user: TestUser, body: unknown) => t.http().post('/api/survey-invitations').set(bearer(user)).send(body as object);

interface Invitation {
  id: string;
  path: string;
  url: string;
  expiresAt: string;
  surveyKey: string;
  surveyVersion: number;
  staffCode: string;
  customerRef: string | null;
  event: string | null;
}

async function inviteOne(user: TestUser, body: Record<string, unknown>): Promise<Invitation> {
  const response = await invite(user, { surveyKey: 'client-survey', ...body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.items[0] as Invitation;
}

const GOOD = { likert_rapport: '4', likert_trust: '5', likert_advice: '4', likert_responsiveness: '4', likert_privacy: '5', nps: '9', comment: '很耐心' };
const BAD = { likert_rapport: '4', likert_trust: '2', likert_advice: '3', likert_responsiveness: '3', likert_privacy: '4', nps: '3', comment: '回复太慢了' };

beforeAll(async () => {
  process.env.CASES_SWEEP_MS = '0';
  t = await startTestApp({ trustProxy: 'loopback', surveyThrottle: { requestsPerAddress: LIMIT, windowMs: WINDOW_MS } });
  clockOf(t).set(T0);
  alpha = await createCaseClinic(t, 'Alpha');
  gamma = await createCaseClinic(t, 'Gamma');
  // Quality officers may write surveys as they write workflows.
  await publishDocument(t, alpha.quality, { template: 'client-survey' });
  await publishDocument(t, gamma.admin, { template: 'client-survey' });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('POST /api/survey-invitations', () => {
  it('makes one invitation or a batch, each a signed link to the published survey that expires after 14 days unless told otherwise; audited', async () => {
    clockOf(t).set(T0);
    const one = await invite(alpha.quality, { surveyKey: 'client-survey', staffCode: 'S1', customerRef: 'C-100', event: 'first_assessment' });
    expect(one.status, JSON.stringify(one.body)).toBe(201);
    expect(one.body.created).toBe(1);
    const [item] = one.body.items as Invitation[];
    expect(item).toEqual({
      id: expect.any(String),
      surveyKey: 'client-survey',
      surveyVersion: 1,
      staffCode: 'S1',
      customerRef: 'C-100',
      event: 'first_assessment',
      path: expect.stringMatching(/^\/s\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/),
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/s\//),
      expiresAt: '2026-03-19T00:00:00.000Z',
    });
    expect(item.url.endsWith(item.path)).toBe(true);

    const batch = await invite(alpha.admin, [
      { surveyKey: 'client-survey', staffCode: 'S2', expiresInDays: 1 },
      { surveyKey: 'client-survey', staffCode: 'S3', expiresInDays: 90, event: 'plan_changed' },
    ]);
    expect(batch.status, JSON.stringify(batch.body)).toBe(201);
    expect((batch.body.items as Invitation[]).map((x) => [x.staffCode, x.expiresAt, x.event])).toEqual([
      ['S2', '2026-03-06T00:00:00.000Z', null],
      ['S3', '2026-06-03T00:00:00.000Z', 'plan_changed'],
    ]);
    const rows = await sql<{ id: string; staff_id: string; team_id: string; period: string; survey_version: number; used_at: string | null }>(
      `SELECT id, staff_id, team_id, period, survey_version, used_at FROM survey_invitations WHERE id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [[item.id, ...(batch.body.items as Invitation[]).map((x) => x.id)]],
    );
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatchObject({ team_id: alpha.teamId, period: '2026-03', survey_version: 1, used_at: null });

    const entries = await auditEntries(t, alpha.admin, { entityType: 'survey_invitation' });
    const single = entries.find((entry) => entry.entityId === item.id);
    expect(single).toMatchObject({ action: 'create', actorId: alpha.quality.id, changes: { count: 1, surveys: ['client-survey@1'], staffCodes: ['S1'], events: ['first_assessment'], ids: [item.id] } });
    const many = entries.find((entry) => entry.entityId === null && entry.actorId === alpha.admin.id);
    expect(many).toMatchObject({ action: 'create', changes: { count: 2, staffCodes: ['S2', 'S3'], events: ['plan_changed'] } });
    // The link itself is never written down.
    expect(JSON.stringify(entries)).not.toContain(item.path.slice(3));
  });

  it('is for admins and quality officers only', async () => {
    expect((await invite(alpha.manager, { surveyKey: 'client-survey', staffCode: 'S1' })).status).toBe(403);
    expect((await invite(alpha.staffUser, { surveyKey: 'client-survey', staffCode: 'S1' })).status).toBe(403);
    expect((await t.http().post('/api/survey-invitations').send({ surveyKey: 'client-survey', staffCode: 'S1' })).status).toBe(401);
  });

  it('stores nothing when any invitation is wrong, naming each problem', async () => {
    const before = (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM survey_invitations WHERE institution_id = $1`, [alpha.id]))[0].n;
    const wrong = await invite(alpha.admin, [
      { surveyKey: 'client-survey', staffCode: 'S1' },
      { surveyKey: 'no-such-survey', staffCode: 'NOPE' },
      { surveyKey: 'client-survey', staffCode: 'S2', expiresInDays: 0 },
      { surveyKey: 'client-survey', staffCode: 'S2', expiresInDays: 91, colour: 'red' },
    ]);
    expect(wrong.status).toBe(422);
    expect((wrong.body.details as Array<{ path: string }>).map((issue) => issue.path)).toEqual(['[1].staffCode', '[1].surveyKey', '[2].expiresInDays', '[3]', '[3].expiresInDays']);
    expect(wrong.body.details.find((issue: { path: string }) => issue.path === '[1].surveyKey').message).toBe('no published survey has the key no-such-survey');
    // One invitation alone: paths without an index; a survey of another institution is not found.
    const alone = await invite(alpha.admin, { surveyKey: 'gamma-only', staffCode: 'S1' });
    expect(alone.status).toBe(422);
    expect(alone.body.details).toEqual([{ path: 'surveyKey', message: 'no published survey has the key gamma-only' }]);
    // A survey with only a draft is not published yet.
    const draft = await t.http().post('/api/documents').set(bearer(alpha.admin)).send({ content: { kind: 'survey', key: 'draft-survey', nps: { question: { zh: '推荐吗？' } } } });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect((await invite(alpha.admin, { surveyKey: 'draft-survey', staffCode: 'S1' })).status).toBe(422);
    const after = (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM survey_invitations WHERE institution_id = $1`, [alpha.id]))[0].n;
    expect(after).toBe(before);
  });
});

describe('GET /s/:token, the page clients answer', () => {
  it('shows the questions in Chinese by default, without sign-in, and only the staff member’s display name', async () => {
    clockOf(t).set(T0);
    const invitation = await inviteOne(alpha.admin, { staffCode: 'S2', customerRef: 'SECRET-CUSTOMER-7', event: 'first_assessment' });
    const page = await openPage(invitation.path);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    const html = page.text;
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('您对本次健康管理服务满意吗？');
    expect(html).toContain('本次为您服务的是：Alpha S2');
    expect(html).toContain('您是否信任健康管理师给出的专业判断？');
    for (const id of ['rapport', 'trust', 'advice', 'responsiveness', 'privacy']) expect(html.match(new RegExp(`name="likert_${id}"`, 'g'))).toHaveLength(5);
    expect(html.match(/name="nps"/g)).toHaveLength(11);
    expect(html).toContain('<textarea id="comment" name="comment" maxlength="1000"');
    expect(html).not.toContain('<script');
    // Nothing else of the staff member or the invitation: no code alone, no ids, no team, no customer.
    for (const secret of ['SECRET-CUSTOMER-7', 'first_assessment', alpha.staffIds.S2, alpha.teamId, 'Alpha team', invitation.id, '"S2"', '>S2<']) expect(html).not.toContain(secret);
  });

  it('speaks English with ?lang=en or an English browser, Chinese again with ?lang=zh', async () => {
    clockOf(t).set(T0);
    const invitation = await inviteOne(alpha.admin, { staffCode: 'S2' });
    const en = await openPage(`${invitation.path}?lang=en`);
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain("Do you trust your health manager's professional judgement?".replace("'", '&#39;'));
    expect(en.text).toContain('About the service of Alpha S2');
    expect(en.text).toContain(`action="${invitation.path}?lang=en"`);
    const browser = await openPage(invitation.path, { 'Accept-Language': 'en-US,en;q=0.9,zh;q=0.5' });
    expect(browser.text).toContain('<html lang="en">');
    const chineseFirst = await openPage(invitation.path, { 'Accept-Language': 'zh-CN,en;q=0.5' });
    expect(chineseFirst.text).toContain('<html lang="zh-CN">');
    const forced = await openPage(`${invitation.path}?lang=zh`, { 'Accept-Language': 'en-US' });
    expect(forced.text).toContain('<html lang="zh-CN">');
  });
});

describe('POST /s/:token', () => {
  it('records a good answer as feedback, exactly as POST /api/feedback would, and thanks the client; a second answer gets the used page', async () => {
    clockOf(t).set(T0);
    const invitation = await inviteOne(alpha.admin, { staffCode: 'S2', customerRef: 'C-200' });
    const answered = await postForm(invitation.path, GOOD);
    expect(answered.status).toBe(200);
    expect(answered.text).toContain('感谢您的反馈！我们会认真对待每一条意见。');
    expect(answered.text).toContain('data-notice="thanks"');

    const list = await t.http().get('/api/feedback').query({ filter: JSON.stringify({ q: `survey:${invitation.id}` }) }).set(bearer(alpha.quality)).expect(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({
      responseId: `survey:${invitation.id}`,
      staffId: alpha.staffIds.S2,
      staffCode: 'S2',
      teamId: alpha.teamId,
      customerRef: 'C-200',
      channel: 'survey',
      likert: { rapport: 4, trust: 5, advice: 4, responsiveness: 4, privacy: 5 },
      nps: 9,
      comment: '很耐心',
      respondedAt: T0,
      period: '2026-03',
      caseIds: [],
    });
    const [row] = await sql<{ used_at: Date; feedback_id: string }>(`SELECT used_at, feedback_id FROM survey_invitations WHERE id = $1`, [invitation.id]);
    expect(new Date(row.used_at).toISOString()).toBe(T0);
    expect(row.feedback_id).toBe(list.body[0].id);
    const [feedbackEntry] = (await auditEntries(t, alpha.admin, { entityType: 'feedback' })).filter((entry) => (entry.changes.responseIds as string[]).includes(`survey:${invitation.id}`));
    expect(feedbackEntry).toMatchObject({ action: 'create', actorId: null, changes: { source: 'survey', created: 1, casesOpened: 0 } });

    const again = await postForm(invitation.path, BAD);
    expect(again.status).toBe(410);
    expect(again.text).toContain('此问卷已经提交过了');
    const reopened = await openPage(invitation.path);
    expect(reopened.status).toBe(410);
    expect(reopened.text).toContain('data-notice="used"');
    const stored = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM feedback WHERE response_id = $1`, [`survey:${invitation.id}`]);
    expect(stored[0].n).toBe(1);
  });

  it('records exactly one of two answers sent at once; the other gets the used page', async () => {
    clockOf(t).set(T0);
    const invitation = await inviteOne(alpha.admin, { staffCode: 'S2' });
    const both = await Promise.all([postForm(invitation.path, GOOD), postForm(invitation.path, BAD)]);
    expect(both.map((response) => response.status).sort()).toEqual([200, 410]);
    const stored = await sql<{ likert: Record<string, number> }>(`SELECT likert FROM feedback WHERE response_id = $1`, [`survey:${invitation.id}`]);
    expect(stored).toHaveLength(1);
    const winner = both.find((response) => response.status === 200);
    expect(stored[0].likert.trust).toBe(winner === both[0] ? 5 : 2);
  });

  it('opens a negative-feedback case when the answer is bad (lowest Likert 2, NPS 3), and the answer is what runs read as the likert/nps facts', async () => {
    clockOf(t).set(T0);
    const invitation = await inviteOne(alpha.quality, { staffCode: 'S3' });
    const answered = await postForm(invitation.path, BAD);
    expect(answered.status).toBe(200);
    const list = await t.http().get('/api/feedback').query({ filter: JSON.stringify({ q: `survey:${invitation.id}` }) }).set(bearer(alpha.quality)).expect(200);
    expect(list.body[0]).toMatchObject({ likert: { rapport: 4, trust: 2, advice: 3, responsiveness: 3, privacy: 4 }, nps: 3, staffCode: 'S3' });
    expect(list.body[0].caseIds).toHaveLength(1);
    const opened = await t.http().get(`/api/cases/${list.body[0].caseIds[0]}`).set(bearer(alpha.quality)).expect(200);
    expect(opened.body).toMatchObject({ workflowKey: 'negative-feedback', staffId: alpha.staffIds.S3, feedbackId: list.body[0].id, status: 'open' });
    const [entry] = (await auditEntries(t, alpha.admin, { entityType: 'feedback' })).filter((item) => (item.changes.responseIds as string[]).includes(`survey:${invitation.id}`));
    expect(entry.changes).toMatchObject({ source: 'survey', casesOpened: 1 });
    // What the feedback facts provider hands a run of March for S3 (likert, likert_<dimension>, nps).
    const answers = await t.app.get(FeedbackRepository).answers(alpha.id, [alpha.staffIds.S3], new Date('2026-02-28T16:00:00Z'), new Date('2026-03-31T16:00:00Z'), t.app.get(DataSource).manager);
    expect(answers).toEqual([{ staffId: alpha.staffIds.S3, likert: { rapport: 4, trust: 2, advice: 3, responsiveness: 3, privacy: 4 }, nps: 3 }]);
  });

  it('takes JSON from integrations that collect answers themselves, and answers in JSON', async () => {
    clockOf(t).set(T0);
    const invitation = await inviteOne(alpha.admin, { staffCode: 'S1' });
    const shown = await openPage(invitation.path, { Accept: 'application/json' });
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ status: 'open', staffName: 'Alpha S1', survey: { key: 'client-survey' } });
    const wrong = await t.http().post(invitation.path).set('X-Forwarded-For', freshAddress()).set('Accept', 'application/json').set('Accept-Language', 'en').send({ likert: { rapport: 0 }, nps: 11 });
    expect(wrong.status).toBe(422);
    expect(wrong.body.details.slice(0, 2)).toEqual([
      { path: 'likert.rapport', message: 'choose a whole number from 1 to 5', code: 'survey.answer_range', params: { min: 1, max: 5 } },
      { path: 'likert.trust', message: 'please answer this question', code: 'survey.answer_required', params: {} },
    ]);
    const ok = await t.http().post(`${invitation.path}?lang=en`).set('X-Forwarded-For', freshAddress()).set('Accept', 'application/json').send({ likert: { rapport: 5, trust: 5, advice: 5, responsiveness: 5, privacy: 5 }, nps: 10 });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ status: 'thanks', message: 'Thank you for your feedback! We read every answer.' });
  });

  it('shows the form again with a message at each problem, keeping what was filled in, and stores nothing', async () => {
    clockOf(t).set(T0);
    const invitation = await inviteOne(alpha.admin, { staffCode: 'S1' });
    const response = await postForm(invitation.path, { likert_rapport: '4', likert_trust: '7', nps: '', comment: '还行' });
    expect(response.status).toBe(422);
    const html = response.text;
    expect(html).toContain('请检查下面标出的问题。');
    expect(html).toContain('<p class="error" id="error-likert_trust">请选择 1 到 5 之间的整数</p>');
    expect(html).toContain('<p class="error" id="error-likert_advice">请回答此题</p>');
    expect(html).toContain('<p class="error" id="error-nps">请回答此题</p>');
    expect(html).toContain('id="likert_rapport-4" name="likert_rapport" value="4" checked');
    expect(html).toContain('>还行</textarea>');
    expect((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM feedback WHERE response_id = $1`, [`survey:${invitation.id}`]))[0].n).toBe(0);
    expect((await openPage(invitation.path)).status).toBe(200);
  });

  it('is open until the millisecond before expiry and expired from the expiry on', async () => {
    clockOf(t).set(T0);
    const invitation = await inviteOne(alpha.admin, { staffCode: 'S1', expiresInDays: 1 });
    expect(invitation.expiresAt).toBe(new Date(Date.parse(T0) + DAY).toISOString());
    clockOf(t).set(new Date(Date.parse(invitation.expiresAt) - 1));
    expect((await openPage(invitation.path)).status).toBe(200);
    clockOf(t).set(invitation.expiresAt);
    const expired = await openPage(invitation.path);
    expect(expired.status).toBe(410);
    // 2026-03-06 00:00 UTC is 08:00 in the institution's time zone (Asia/Shanghai).
    expect(expired.text).toContain('此链接的有效期截至 2026-03-06 08:00。');
    const late = await postForm(invitation.path, GOOD);
    expect(late.status).toBe(410);
    expect(late.text).toContain('data-notice="expired"');
    expect((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM feedback WHERE response_id = $1`, [`survey:${invitation.id}`]))[0].n).toBe(0);
    clockOf(t).set(T0);
  });

  it('cannot be answered once its staff member is deactivated: a 410 page, nothing stored; new invitations for them are refused', async () => {
    clockOf(t).set(T0);
    const invitation = await inviteOne(alpha.admin, { staffCode: 'S3' });
    await t.http().put(`/api/staff/${alpha.staffIds.S3}`).set(bearer(alpha.admin)).send({ active: false }).expect(200);
    const answered = await postForm(invitation.path, GOOD);
    expect(answered.status).toBe(410);
    expect(answered.text).toContain('此问卷已不可用');
    expect((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM feedback WHERE response_id = $1`, [`survey:${invitation.id}`]))[0].n).toBe(0);
    expect((await sql<{ used_at: Date | null }>(`SELECT used_at FROM survey_invitations WHERE id = $1`, [invitation.id]))[0].used_at).toBeNull();
    const refused = await invite(alpha.admin, { surveyKey: 'client-survey', staffCode: 'S3' });
    expect(refused.status).toBe(422);
    expect(refused.body.details).toEqual([{ path: 'staffCode', message: 'staff member S3 is not active' }]);
  });

  it('answers an unknown, forged or malformed link with a friendly 404 page', async () => {
    clockOf(t).set(T0);
    const invitation = await inviteOne(alpha.admin, { staffCode: 'S1' });
    const [id, mac] = invitation.path.slice(3).split('.');
    const flip = (text: string) => (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
    const unknownId = randomBytes(16).toString('base64url');
    for (const path of [`/s/${id}.${flip(mac)}`, `/s/${flip(id)}.${mac}`, `/s/${unknownId}.${mac}`, '/s/not-a-token', `/s/${id}`]) {
      const page = await openPage(path);
      expect(page.status, path).toBe(404);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('此问卷链接无效');
      expect(page.text).not.toMatch(/Error|stack|at \w+ \(/);
      const post = await postForm(path, GOOD);
      expect(post.status, path).toBe(404);
    }
    expect((await openPage(`/s/${id}.${flip(mac)}?lang=en`)).text).toContain('This survey link is not valid');
    // The real link still works.
    expect((await openPage(invitation.path)).status).toBe(200);
  });

  it(`refuses more than ${LIMIT} requests from one address in a window with a 429 page, others unaffected`, async () => {
    clockOf(t).set(T0);
    const invitation = await inviteOne(alpha.admin, { staffCode: 'S1' });
    const address = '192.0.2.77';
    for (let i = 0; i < LIMIT; i++) expect((await openPage(`/s/guess-${i}`, {}, address)).status).toBe(404);
    const refused = await openPage(invitation.path, {}, address);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe(String(WINDOW_MS / 1000));
    expect(refused.text).toContain('请求过于频繁');
    expect((await postForm(invitation.path, GOOD, address)).status).toBe(429);
    expect((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM feedback WHERE response_id = $1`, [`survey:${invitation.id}`]))[0].n).toBe(0);
    // Another address is not held up; the window's end lets this one in again.
    expect((await openPage(invitation.path, {}, '192.0.2.78')).status).toBe(200);
    clockOf(t).set(new Date(Date.parse(T0) + WINDOW_MS));
    expect((await openPage(invitation.path, {}, address)).status).toBe(200);
    clockOf(t).set(T0);
  });
});

describe('GET /api/survey-invitations/response-rates', () => {
  it('counts invitations sent in the period, answered and expired unanswered, per staff member and team; managers see their teams; no institution sees another', async () => {
    clockOf(t).set('2026-04-10T02:00:00.000Z');
    const s1 = await inviteOne(gamma.admin, { staffCode: 'S1' });
    await inviteOne(gamma.admin, { staffCode: 'S1', expiresInDays: 1 });
    await inviteOne(gamma.admin, { staffCode: 'S1' });
    const s2 = await inviteOne(gamma.admin, { staffCode: 'S2' });
    expect((await postForm(s1.path, GOOD)).status).toBe(200);
    expect((await postForm(s2.path, GOOD)).status).toBe(200);
    clockOf(t).set('2026-04-12T00:00:00.000Z');

    const rates = await t.http().get('/api/survey-invitations/response-rates').query({ period: '2026-04' }).set(bearer(gamma.admin));
    expect(rates.status, JSON.stringify(rates.body)).toBe(200);
    expect(rates.body.total).toEqual({ sent: 4, answered: 2, expired: 1, rate: 0.5 });
    expect(rates.body.staff.map((row: { staffCode: string; sent: number; answered: number; expired: number; rate: number }) => [row.staffCode, row.sent, row.answered, row.expired, row.rate])).toEqual([
      ['S1', 3, 1, 1, 1 / 3],
      ['S2', 1, 1, 0, 1],
    ]);
    expect(rates.body.teams).toEqual([{ teamId: gamma.teamId, teamName: 'Gamma team', sent: 4, answered: 2, expired: 1, rate: 0.5 }]);
    const quarter = await t.http().get('/api/survey-invitations/response-rates').query({ period: '2026-Q2' }).set(bearer(gamma.quality)).expect(200);
    expect(quarter.body.total).toEqual(rates.body.total);
    const march = await t.http().get('/api/survey-invitations/response-rates').query({ period: '2026-03' }).set(bearer(gamma.admin)).expect(200);
    expect(march.body).toEqual({ period: '2026-03', total: { sent: 0, answered: 0, expired: 0, rate: null }, staff: [], teams: [] });

    // The manager of Gamma's team sees it; Alpha's manager sees none of Gamma's.
    const manager = await t.http().get('/api/survey-invitations/response-rates').query({ period: '2026-04' }).set(bearer(gamma.manager)).expect(200);
    expect(manager.body.total.sent).toBe(4);
    const other = await t.http().get('/api/survey-invitations/response-rates').query({ period: '2026-04' }).set(bearer(alpha.manager)).expect(200);
    expect(other.body.total.sent).toBe(0);
    await t.http().get('/api/survey-invitations/response-rates').query({ period: '2026-04' }).set(bearer(gamma.staffUser)).expect(403);
    const bad = await t.http().get('/api/survey-invitations/response-rates').query({ period: 'April' }).set(bearer(gamma.admin));
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].path).toBe('period');
    clockOf(t).set(T0);
  });
});

describe('the limit per address shared by two API processes through Redis', () => {
  const prefix = testPrefix('survey');
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    const settings = { redisUrl: REDIS_URL, queuePrefix: prefix, trustProxy: 'loopback', surveyThrottle: { requestsPerAddress: LIMIT, windowMs: WINDOW_MS } };
    a = await startTestApp(settings);
    b = await startTestApp(settings);
    for (const app of [a, b]) clockOf(app).set(T0);
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await deleteKeys(prefix);
  });

  it(`lets ${LIMIT} requests of one address through across both processes, not ${LIMIT} each`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 4; i += 1) statuses.push((await (i % 2 === 0 ? a : b).http().get(`/s/guess-${i}`).set('X-Forwarded-For', '198.51.100.40')).status);
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(404), ...Array<number>(4).fill(429)]);
  });
});
