import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../apps/api/src/modules/auth/password';
import { UsersRepository } from '../../apps/api/src/modules/users/users.repository';
import { auditEntries } from './support/audit-entries';
import { type CaseClinic, createCaseClinic, NEGATIVE_FEEDBACK_FIELDS, openFeedbackCase, publishDocument } from './support/cases-fixture';
import { storeDocument } from './support/documents-fixture';
import { evaluate } from './support/evaluations-fixture';
import { bearer, createInstitution, login, PASSWORD, type TestInstitution, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The in-app inbox: items are created with their event (a case stage starting, a period published, an appeal decided), for the users
 * who can act on it; each user reads and marks only their own, in their language.
 */
let t: TestApp;
let alpha: CaseClinic;
let beta: TestInstitution;
let staff2: TestUser;
let staff3: TestUser;
let heldCaseId: string;

interface Item {
  id: string;
  kind: string;
  target: { type: string; id: string };
  params: Record<string, unknown>;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const sql = <T>(query: string, params: unknown[] = []) => t.app.get(DataSource).query(query, params) as Promise<T[]>;
const mine = (user: TestUser, language = 'en', query: Record<string, string> = {}) => t.http().get('/api/notifications/mine').query(query).set(bearer(user)).set('Accept-Language', language);
const items = async (user: TestUser, language = 'en') => (await mine(user, language).expect(200)).body as Item[];
const unread = async (user: TestUser) => ((await t.http().get('/api/notifications/mine/unread-count').set(bearer(user)).expect(200)).body as { unread: number }).unread;
const advance = (user: TestUser, id: string, stage: string) => t.http().post(`/api/cases/${id}/advance`).set(bearer(user)).send({ stage, fields: NEGATIVE_FEEDBACK_FIELDS[stage] });

async function staffLogin(staffId: string, name: string): Promise<TestUser> {
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}.${Date.now()}@alpha.test`;
  const user = await t.app.get(UsersRepository).insert({ institutionId: alpha.id, email, name, passwordHash: await hashPassword(PASSWORD), role: 'staff', staffId, locale: 'zh', active: true });
  return { id: user.id, email, role: 'staff', token: await login(t, email) };
}

beforeAll(async () => {
  t = await startTestApp();
  alpha = await createCaseClinic(t, 'Alpha');
  beta = await createInstitution(t, 'Beta');
  staff2 = await staffLogin(alpha.staffIds.S2, 'Staff Two');
  staff3 = await staffLogin(alpha.staffIds.S3, 'Staff Three');
}, 120_000);
afterAll(async () => t?.close());

describe('the inbox', () => {
  it('a stage that starts notifies who can act on it, in their language: the quality officers, then the team’s manager; a staff stage of a zone case waits for the publication', async () => {
    const caseId = await openFeedbackCase(t, alpha.admin, 'S1', 'inbox-1', { respondedAt: '2026-03-05T02:00:00.000Z' });
    const [first] = await items(alpha.quality);
    expect(first).toMatchObject({ kind: 'case_stage_started', target: { type: 'case', id: caseId }, readAt: null, title: 'A case is waiting for you: Negative-feedback closed loop' });
    expect(first.body).toBe('The Negative-feedback closed loop case of Alpha S1 (March 2026) is at the stage “Root-cause analysis”; it is due within 24 h.');
    const [zh] = await items(alpha.quality, 'zh-CN,zh;q=0.9');
    expect(zh.title).toBe('待你处理的工单：负面反馈闭环');
    expect(zh.body).toBe('Alpha S1（2026年3月）的负面反馈闭环工单已进入“根因分析”阶段，请在 24 小时内处理。');
    for (const text of [first.title, first.body, zh.title, zh.body]) expect(text).not.toMatch(UUID);
    for (const user of [alpha.manager, alpha.staffUser, alpha.admin, staff2]) expect(await items(user)).toEqual([]);

    await advance(alpha.quality, caseId, 'root_cause').expect(200);
    expect((await items(alpha.manager)).map((item) => [item.kind, item.target.id, item.params.stage])).toEqual([['case_stage_started', caseId, { zh: '改进计划', en: 'Improvement plan' }]]);
    expect(await items(alpha.quality)).toHaveLength(1);
    // As if a run had opened it from S1's zone in 2026-Q1, still open: staff see such a case, and its item, from the publication on.
    await sql(`UPDATE cases SET source = 'zone', feedback_id = NULL, zone_id = 'red-test', period = '2026-Q1' WHERE id = $1`, [caseId]);
    heldCaseId = caseId;
    await advance(alpha.manager, caseId, 'plan').expect(200);
    expect(await sql(`SELECT 1 FROM inbox_items WHERE user_id = $1 AND held_for_period = '2026-Q1'`, [alpha.staffUser.id])).toHaveLength(1);
    expect(await items(alpha.staffUser)).toEqual([]);
    expect(await unread(alpha.staffUser)).toBe(0);
    expect(await items(staff2)).toEqual([]);
  });

  it('publishing a period notifies exactly one item per staff login with a scorecard of it, in zh and en', async () => {
    const scheme = await storeDocument(t, alpha.id, 'career-tiers', ['published']);
    await t.http().post('/api/bindings').set(bearer(alpha.admin)).send({ period: '2026-Q1', documentId: scheme.id, version: 1 }).expect(201);
    const inputs = { records_total: 10, records_complete: 9, followups_planned: 10, followups_done: 9 };
    await t.http().post('/api/facts').set(bearer(alpha.admin)).send(['S1', 'S2'].map((staffCode) => ({ staffCode, period: '2026-Q1', inputs }))).expect(200);
    await evaluate(t, alpha.admin, { period: '2026-Q1' });
    // A staff member added after the run has a login but no scorecard of the period.
    const s4 = (await t.http().post('/api/staff').set(bearer(alpha.admin)).send({ code: 'S4', name: 'Alpha S4', teamId: alpha.teamId, tier: 'junior' }).expect(201)).body as { id: string };
    const staff4 = await staffLogin(s4.id, 'Staff Four');
    const scorecards = await sql<{ id: string; staff_id: string }>(`SELECT id, staff_id FROM scorecards WHERE institution_id = $1 AND period = '2026-Q1' AND current`, [alpha.id]);
    const withLogins = scorecards.filter((row) => [alpha.staffIds.S1, alpha.staffIds.S2, alpha.staffIds.S3].includes(row.staff_id));
    expect(await sql(`SELECT 1 FROM inbox_items WHERE kind = 'period_published'`)).toEqual([]);

    await t.http().post('/api/periods/2026-Q1/publish').set(bearer(alpha.admin)).expect(200);
    // The held stage item reaches S1 with the publication.
    const [apology] = (await items(alpha.staffUser, 'zh')).filter((item) => item.kind === 'case_stage_started');
    expect(apology).toMatchObject({ target: { type: 'case', id: heldCaseId }, readAt: null });
    expect(apology.body).toBe('Alpha S1（2026年第1季度）的负面反馈闭环工单已进入“客户致歉”阶段，请在 24 小时内处理。');
    await t.http().get(`/api/cases/${heldCaseId}`).set(bearer(alpha.staffUser)).expect(200);
    // S1–S3 were evaluated (S3 without facts) and have logins; S4 has a login but no scorecard: three items, one each.
    expect(withLogins.map((row) => row.staff_id).sort()).toEqual([alpha.staffIds.S1, alpha.staffIds.S2, alpha.staffIds.S3].sort());
    const published = await sql<{ user_id: string }>(`SELECT user_id FROM inbox_items WHERE kind = 'period_published'`);
    expect(published.map((row) => row.user_id).sort()).toEqual([alpha.staffUser.id, staff2.id, staff3.id].sort());
    const s2Card = scorecards.find((row) => row.staff_id === alpha.staffIds.S2);
    expect(s2Card).toBeDefined();
    const [own] = (await items(staff2)).filter((item) => item.kind === 'period_published');
    expect(own).toMatchObject({ target: { type: 'scorecard', id: s2Card?.id }, params: { period: '2026-Q1' }, title: 'Results of Q1 2026 published' });
    expect(own.body).toBe('Your scorecard of Q1 2026 is published: review it and acknowledge it before the appeal deadline.');
    const [ownZh] = (await items(staff2, 'zh-CN')).filter((item) => item.kind === 'period_published');
    expect([ownZh.title, ownZh.body]).toEqual(['2026年第1季度考核结果已公示', '你的2026年第1季度考核结果已公示，请查看并在申诉截止前确认。']);
    expect((await items(staff3)).map((item) => item.kind)).toEqual(['period_published']);
    expect(await items(staff4)).toEqual([]);
    for (const user of [alpha.admin, alpha.manager, alpha.quality]) expect((await items(user)).filter((item) => item.kind === 'period_published')).toEqual([]);
    // A re-run replaces the scorecard: the item then leads to the staff member's current one.
    await evaluate(t, alpha.admin, { period: '2026-Q1', reason: 'S2 facts corrected' });
    const [current] = await sql<{ id: string }>(`SELECT id FROM scorecards WHERE staff_id = $1 AND period = '2026-Q1' AND current`, [alpha.staffIds.S2]);
    expect(current.id).not.toBe(s2Card?.id);
    expect((await items(staff2)).find((item) => item.kind === 'period_published')?.target).toEqual({ type: 'scorecard', id: current.id });
    const [entry] = await auditEntries(t, alpha.admin, { entityType: 'period', action: 'publish' });
    expect(entry.changes).toMatchObject({ period: '2026-Q1', notified: 3 });
  });

  it('an appeal decided notifies the appellant’s login and the manager who filed it', async () => {
    await publishDocument(t, alpha.admin, { template: 'score-appeal' });
    const [card] = await sql<{ id: string }>(`SELECT id FROM scorecards WHERE staff_id = $1 AND period = '2026-Q1' AND current`, [alpha.staffIds.S2]);
    const appeal = (await t.http().post('/api/appeals').set(bearer(alpha.manager)).send({ scorecardId: card.id, indicators: ['followup_rate'], reason: 'Two follow-ups were logged late.' }).expect(201)).body as { id: string; caseId: string };
    const work = async (user: TestUser, stage: string, fields: Record<string, unknown>) => {
      const current = (await t.http().get(`/api/cases/${appeal.caseId}`).set(bearer(user)).expect(200)).body as { version: number };
      await t.http().post(`/api/cases/${appeal.caseId}/advance`).set(bearer(user)).send({ stage, fields, version: current.version }).expect(200);
    };
    await work(alpha.quality, 'review', { evidence_checked: true, finding: 'The follow-ups were logged after the period.' });
    await work(alpha.admin, 'decision', { decision: 'uphold', explanation: 'Follow-ups count in the period they were logged.' });
    const decided = await sql<{ user_id: string }>(`SELECT user_id FROM inbox_items WHERE kind = 'appeal_decided'`);
    expect(decided.map((row) => row.user_id).sort()).toEqual([staff2.id, alpha.manager.id].sort());
    const [item] = (await items(staff2, 'zh-CN')).filter((entry) => entry.kind === 'appeal_decided');
    expect(item).toMatchObject({ target: { type: 'scorecard', id: card.id }, title: '2026年第1季度申诉已处理', body: 'Alpha S2的2026年第1季度考核结果申诉已处理：维持原结果。' });
    const [forManager] = (await items(alpha.manager)).filter((entry) => entry.kind === 'appeal_decided');
    expect(forManager.body).toBe('The appeal of Alpha S2’s scorecard of Q1 2026 is decided: the result stands.');
  });

  it('lists unread first then newest with a Content-Range, counts unread exactly, marks one read (404 for anyone else’s) and all read, audited', async () => {
    const user = alpha.staffUser;
    const [older, newer] = (await items(user)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    expect([older.kind, newer.kind]).toEqual(['case_stage_started', 'period_published']);
    const listed = await mine(user).expect(200);
    expect(listed.headers['content-range']).toBe('notifications 0-1/2');
    expect((listed.body as Item[]).map((item) => item.id)).toEqual([newer.id, older.id]);
    expect(await unread(user)).toBe(2);

    await t.http().post(`/api/notifications/${newer.id}/read`).set(bearer(staff2)).expect(404);
    await t.http().post(`/api/notifications/${newer.id}/read`).set(bearer(beta.admin)).expect(404);
    await t.http().post(`/api/notifications/${newer.id}/read`).set(bearer(alpha.admin)).expect(404);
    await t.http().post('/api/notifications/not-a-uuid/read').set(bearer(user)).expect(400);
    expect(await unread(user)).toBe(2);

    const read = (await t.http().post(`/api/notifications/${newer.id}/read`).set(bearer(user)).expect(200)).body as Item;
    expect(read.readAt).not.toBeNull();
    expect(await unread(user)).toBe(1);
    // Unread first: the older unread item now comes before the newer read one.
    expect((await items(user)).map((item) => item.id)).toEqual([older.id, newer.id]);
    const onlyUnread = await mine(user, 'en', { filter: JSON.stringify({ unread: true }), range: '[0,0]' }).expect(200);
    expect([onlyUnread.headers['content-range'], (onlyUnread.body as Item[]).map((item) => item.id)]).toEqual(['notifications 0-0/1', [older.id]]);
    const again = (await t.http().post(`/api/notifications/${newer.id}/read`).set(bearer(user)).expect(200)).body as Item;
    expect(again.readAt).toBe(read.readAt);
    const readEntries = await auditEntries(t, alpha.admin, { entityType: 'notification', entityId: newer.id });
    expect(readEntries).toHaveLength(1);
    expect(readEntries[0]).toMatchObject({ actorId: user.id, action: 'update', changes: { kind: 'period_published', before: { readAt: null }, after: { readAt: read.readAt } } });

    const others = await unread(alpha.quality);
    expect((await t.http().post('/api/notifications/read-all').set(bearer(user)).expect(200)).body).toEqual({ marked: 1 });
    expect(await unread(user)).toBe(0);
    expect(await unread(alpha.quality)).toBe(others);
    expect((await t.http().post('/api/notifications/read-all').set(bearer(user)).expect(200)).body).toEqual({ marked: 0 });
    const readAll = (await auditEntries(t, alpha.admin, { entityType: 'notification' })).filter((entry) => entry.changes.readAll === true);
    expect(readAll).toHaveLength(1);
    expect(readAll[0]).toMatchObject({ actorId: user.id, entityId: null, changes: { readAll: true, marked: 1 } });
    expect(await unread(beta.admin)).toBe(0);
    await t.http().get('/api/notifications/mine').expect(401);
  });
});
