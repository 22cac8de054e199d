import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../apps/api/src/modules/auth/password';
import { UsersRepository } from '../../apps/api/src/modules/users/users.repository';
import { type CaseClinic, createCaseClinic, publishDocument } from './support/cases-fixture';
import { templateContent } from './support/documents-fixture';
import { evaluate } from './support/evaluations-fixture';
import { bearer, login, PASSWORD, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * A scheme's reminders (SPEC §6): after a succeeded run, each matched reminder goes once per staff member and period to
 * the recipients it names (the staff login, once the period is published; the team's manager at once), in their language.
 */
let t: TestApp;
let clinic: CaseClinic;
let staff2: TestUser;

interface Item {
  kind: string;
  target: { type: string; id: string };
  title: string;
  body: string;
}

const REMINDERS = [
  {
    id: 'followup_low',
    name: { zh: '随访完成率偏低', en: 'Follow-up rate low' },
    when: { all: [{ fact: 'indicator', path: '$.followup_rate.value', operator: 'lessThan', value: 90 }] },
    text: { zh: '随访完成率低于 90%，建议本周内联系未随访的客户。', en: 'Follow-up rate below 90 %: contact the clients not followed up this week.' },
    to: ['staff', 'manager'],
  },
  { id: 'records_gap', when: { all: [{ fact: 'indicator', path: '$.record_completeness.value', operator: 'lessThan', value: 80 }] }, text: { zh: '请补全健康档案的关键信息。', en: 'Complete the key fields of your health records.' } },
];

const sql = <T>(query: string, params: unknown[] = []) => t.app.get(DataSource).query(query, params) as Promise<T[]>;
const reminders = async (user: TestUser, language = 'en') =>
  ((await t.http().get('/api/notifications/mine').set(bearer(user)).set('Accept-Language', language).expect(200)).body as Item[]).filter((item) => item.kind === 'reminder');

beforeAll(async () => {
  process.env.NOTIFY_TICK_MS = '0';
  t = await startTestApp();
  clinic = await createCaseClinic(t, 'Rem');
  const email = `rem-s2.${Date.now()}@rem.test`;
  const user = await t.app.get(UsersRepository).insert({ institutionId: clinic.id, email, name: 'Rem Two', passwordHash: await hashPassword(PASSWORD), role: 'staff', staffId: clinic.staffIds.S2, locale: 'zh', active: true });
  staff2 = { id: user.id, email, role: 'staff', token: await login(t, email) };
  const content = { ...templateContent('career-tiers', 'reminding'), reminders: REMINDERS };
  const documentId = await publishDocument(t, clinic.admin, { content });
  await t.http().post('/api/bindings').set(bearer(clinic.admin)).send({ period: '2026-Q1', documentId, version: 1 }).expect(201);
}, 120_000);
afterAll(async () => {
  await t?.close();
  delete process.env.NOTIFY_TICK_MS;
});

describe('reminders', () => {
  it('go after a succeeded run to whom they name, once per staff and period; staff hear them from the publication on', async () => {
    // S1: 9/10 = 90 % exactly, not below the line; S2: 8/10 = 80 %, below. S2's records 7/10 = 70 % < 80.
    await t
      .http()
      .post('/api/facts')
      .set(bearer(clinic.admin))
      .send([
        { staffCode: 'S1', period: '2026-Q1', inputs: { records_total: 10, records_complete: 9, followups_planned: 10, followups_done: 9 } },
        { staffCode: 'S2', period: '2026-Q1', inputs: { records_total: 10, records_complete: 7, followups_planned: 10, followups_done: 8 } },
      ])
      .expect(200);
    await evaluate(t, clinic.admin, { period: '2026-Q1' });

    const sends = await sql<{ staff_id: string; reminder_id: string }>(`SELECT staff_id, reminder_id FROM reminder_sends WHERE institution_id = $1 ORDER BY reminder_id`, [clinic.id]);
    expect(sends).toEqual([
      { staff_id: clinic.staffIds.S2, reminder_id: 'followup_low' },
      { staff_id: clinic.staffIds.S2, reminder_id: 'records_gap' },
    ]);
    // The manager hears the follow-up reminder (it names managers) at once; not the records one (staff only).
    const managers = await reminders(clinic.manager);
    expect(managers.map((item) => [item.title, item.body])).toEqual([['Reminder: Follow-up rate low', 'Follow-up rate below 90 %: contact the clients not followed up this week. (for Rem S2, Q1 2026)']]);
    const [card] = await sql<{ id: string }>(`SELECT id FROM scorecards WHERE staff_id = $1 AND period = '2026-Q1' AND current`, [clinic.staffIds.S2]);
    expect(managers[0].target).toEqual({ type: 'scorecard', id: card.id });
    // Staff see nothing before the period is published, then both, in Chinese.
    expect(await reminders(staff2, 'zh-CN')).toEqual([]);
    expect(await reminders(clinic.staffUser)).toEqual([]);
    await t.http().post('/api/periods/2026-Q1/publish').set(bearer(clinic.admin)).expect(200);
    expect((await reminders(staff2, 'zh-CN')).map((item) => item.title).sort()).toEqual(['提醒：records_gap', '提醒：随访完成率偏低']);
    expect((await reminders(staff2, 'zh-CN')).find((item) => item.title === '提醒：随访完成率偏低')?.body).toBe('随访完成率低于 90%，建议本周内联系未随访的客户。（员工：Rem S2，2026年第1季度）');
    expect(await reminders(clinic.staffUser)).toEqual([]);

    // A re-run of the period sends nothing again.
    await evaluate(t, clinic.admin, { period: '2026-Q1', reason: 'facts checked again' });
    expect(await reminders(clinic.manager)).toHaveLength(1);
    expect(await reminders(staff2)).toHaveLength(2);
  });

  it('a document whose reminder names nobody or an unknown indicator is refused with the paths', async () => {
    const content = { ...templateContent('career-tiers', 'bad-reminders'), reminders: [{ id: 'x', when: { all: [{ fact: 'indicator', path: '$.ghost.value', operator: 'lessThan', value: 1 }] }, text: { en: 'x' }, to: [] }] };
    const response = await t.http().post('/api/documents').set(bearer(clinic.admin)).send({ content });
    expect(response.status).toBe(422);
    expect((response.body.details as Array<{ path: string }>).map((detail) => detail.path)).toEqual(['reminders[0].to']);
  });
});
