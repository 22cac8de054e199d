import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../apps/api/src/modules/auth/password';
import { UsersRepository } from '../../apps/api/src/modules/users/users.repository';
import { type CaseClinic, createCaseClinic, publishDocument } from './support/cases-fixture';
import { templateContent } from './support/documents-fixture';
import { evaluate } from './support/evaluations-fixture';
import { bearer, createInstitution, login, PASSWORD, type TestInstitution, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Scheme awards (SPEC §6) through the API: computed by runs from the previous period's stored scorecard, shown in the
 * scorecard's result, and listed on the team's honour roll (光荣榜), which staff see for their own team once the period
 * is published, managers for their teams, nobody for another institution.
 */
let t: TestApp;
let clinic: CaseClinic;
let other: TestInstitution;
let unlinked: TestUser;

const PROGRESS = { id: 'progress', name: { zh: '进步奖', en: 'Progress award' }, description: { zh: '综合分比上期提高 10 分及以上', en: 'Composite up 10 points or more on the previous quarter' } };
const WORD_OF_MOUTH = { id: 'word_of_mouth', name: { zh: '客户口碑奖', en: 'Word-of-mouth award' } };
const AWARDS = [
  { ...WORD_OF_MOUTH, when: { all: [{ fact: 'indicator', path: '$.satisfaction.value', operator: 'greaterThanInclusive', value: 90 }, { fact: 'complaints_major', operator: 'equal', value: 0 }] } },
  { ...PROGRESS, when: { all: [{ fact: 'change', path: '$.composite', operator: 'greaterThanInclusive', value: 10 }] } },
];

interface Roll {
  teamId: string;
  teamName: string;
  period: string;
  awards: Array<{ id: string; name: Record<string, string>; count: number }>;
  entries: Array<{ staffId: string; staffCode: string; staffName: string; scorecardId: string | null; awards: Array<{ id: string }> }>;
}

const roll = (user: TestUser, period: string, teamId = clinic.teamId) => t.http().get(`/api/teams/${teamId}/honour-roll`).query({ period }).set(bearer(user));
const entries = (body: Roll) => body.entries.map((entry) => [entry.staffCode, entry.awards.map((award) => award.id)]);
const currentCard = async (staffId: string, period: string) =>
  (await t.app.get(DataSource).query(`SELECT id FROM scorecards WHERE staff_id = $1 AND period = $2 AND current`, [staffId, period]) as Array<{ id: string }>)[0].id;

beforeAll(async () => {
  t = await startTestApp();
  clinic = await createCaseClinic(t, 'Roll');
  other = await createInstitution(t, 'Elsewhere');
  const email = `roll-unlinked.${Date.now()}@roll.test`;
  const user = await t.app.get(UsersRepository).insert({ institutionId: clinic.id, email, name: 'No Staff', passwordHash: await hashPassword(PASSWORD), role: 'staff', staffId: null, locale: 'en', active: true });
  unlinked = { id: user.id, email, role: 'staff', token: await login(t, email) };

  const documentId = await publishDocument(t, clinic.admin, { content: { ...templateContent('career-tiers', 'recognised'), awards: AWARDS } });
  for (const period of ['2025-Q4', '2026-Q1']) await t.http().post('/api/bindings').set(bearer(clinic.admin)).send({ period, documentId, version: 1 }).expect(201);
  // Juniors: composite = (40 × satisfaction + 40 × (records + follow-ups)/2) / 80. 8/10 = 80 % scores 60, 9/10 = 90 % 80.
  const inputs = (records: number, followups: number, ratings: number[], planned = 10) => ({ records_total: 10, records_complete: records, followups_planned: planned, followups_done: followups, satisfaction_ratings: ratings, complaints_major: 0 });
  await t
    .http()
    .post('/api/facts')
    .set(bearer(clinic.admin))
    .send([
      // 2025-Q4: everyone (80 + 60) / 2 = 70.
      { staffCode: 'S1', period: '2025-Q4', inputs: inputs(8, 8, [4, 4]) },
      { staffCode: 'S2', period: '2025-Q4', inputs: inputs(8, 8, [4, 4]) },
      { staffCode: 'S3', period: '2025-Q4', inputs: inputs(8, 8, [4, 4]) },
      // 2026-Q1: S1 (80 + 80) / 2 = 80, exactly +10; S2 (100 + 80) / 2 = 90, +20, satisfaction 100; S3 follow-ups 179/200 = 89.5 % score 79, (80 + (80 + 79)/2) / 2 = 79.75: +9.75.
      { staffCode: 'S1', period: '2026-Q1', inputs: inputs(9, 9, [4, 4]) },
      { staffCode: 'S2', period: '2026-Q1', inputs: inputs(9, 9, [5, 5]) },
      { staffCode: 'S3', period: '2026-Q1', inputs: inputs(9, 179, [4, 4], 200) },
    ])
    .expect(200);
  await evaluate(t, clinic.admin, { period: '2025-Q4' });
  await evaluate(t, clinic.admin, { period: '2026-Q1' });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('awards on scorecards', () => {
  it('a run computes them from the previous quarter stored: exactly +10 earns progress, +9.75 does not', async () => {
    const detail = async (staffId: string) => (await t.http().get(`/api/scorecards/${await currentCard(staffId, '2026-Q1')}`).set(bearer(clinic.admin)).expect(200)).body as { composite: number; result: { awards?: unknown[] } };
    const s1 = await detail(clinic.staffIds.S1);
    expect(s1.composite).toBe(80);
    expect(s1.result.awards).toEqual([PROGRESS]);
    expect((await detail(clinic.staffIds.S2)).result.awards).toEqual([WORD_OF_MOUTH, PROGRESS]);
    const s3 = await detail(clinic.staffIds.S3);
    expect(s3.composite).toBe(79.75);
    expect(s3.result.awards).toEqual([]);
    // The first quarter had nothing before it: nobody progressed.
    const q4 = (await t.http().get(`/api/scorecards/${await currentCard(clinic.staffIds.S1, '2025-Q4')}`).set(bearer(clinic.admin)).expect(200)).body as { result: { awards?: unknown[] } };
    expect(q4.result.awards).toEqual([]);
  });
});

describe('GET /api/teams/:id/honour-roll', () => {
  it('lists who earned which award, by staff code, and each award with its count; no scores', async () => {
    const body = (await roll(clinic.admin, '2026-Q1').expect(200)).body as Roll;
    expect(body).toMatchObject({ teamId: clinic.teamId, teamName: 'Roll team', period: '2026-Q1' });
    expect(body.awards).toEqual([
      { ...PROGRESS, count: 2 },
      { ...WORD_OF_MOUTH, count: 1 },
    ]);
    expect(entries(body)).toEqual([
      ['S1', ['progress']],
      ['S2', ['word_of_mouth', 'progress']],
    ]);
    expect(body.entries[0]).toEqual({ staffId: clinic.staffIds.S1, staffCode: 'S1', staffName: 'Roll S1', scorecardId: await currentCard(clinic.staffIds.S1, '2026-Q1'), awards: [PROGRESS] });
    expect(((await roll(clinic.admin, '2025-Q4').expect(200)).body as Roll).entries).toEqual([]);
  });

  it('the team manager and quality officers see it too', async () => {
    for (const reader of [clinic.manager, clinic.quality]) expect(entries((await roll(reader, '2026-Q1').expect(200)).body as Roll)).toEqual([['S1', ['progress']], ['S2', ['word_of_mouth', 'progress']]]);
  });

  it('staff see their own team’s roll only from the publication on, and open only their own scorecard from it', async () => {
    expect(((await roll(clinic.staffUser, '2026-Q1').expect(200)).body as Roll).entries).toEqual([]);
    await t.http().post('/api/periods/2026-Q1/publish').set(bearer(clinic.admin)).expect(200);
    const body = (await roll(clinic.staffUser, '2026-Q1').expect(200)).body as Roll;
    expect(entries(body)).toEqual([['S1', ['progress']], ['S2', ['word_of_mouth', 'progress']]]);
    expect(body.entries.map((entry) => entry.scorecardId)).toEqual([await currentCard(clinic.staffIds.S1, '2026-Q1'), null]);
    // 2025-Q4 is still unpublished for them.
    expect(((await roll(clinic.staffUser, '2025-Q4').expect(200)).body as Roll).entries).toEqual([]);
  });

  it('404 for another institution, a team the manager does not manage, and staff of no team or another team', async () => {
    await roll(other.admin, '2026-Q1').expect(404);
    await roll(other.staff, '2026-Q1').expect(404);
    await roll(unlinked, '2026-Q1').expect(404);
    const otherTeam = (await t.http().post('/api/teams').set(bearer(clinic.admin)).send({ name: 'Roll elsewhere' }).expect(201)).body as { id: string };
    await roll(clinic.manager, '2026-Q1', otherTeam.id).expect(404);
    await roll(clinic.staffUser, '2026-Q1', otherTeam.id).expect(404);
    expect(((await roll(clinic.admin, '2026-Q1', otherTeam.id).expect(200)).body as Roll).entries).toEqual([]);
    const zh = await roll(other.admin, '2026-Q1').set('Accept-Language', 'zh-CN').expect(404);
    expect(zh.body.message).toBe(`未找到团队 ${clinic.teamId}`);
  });

  it('400 for a missing or malformed period, with the path', async () => {
    for (const query of [{}, { period: '2026-13' }]) {
      const response = await t.http().get(`/api/teams/${clinic.teamId}/honour-roll`).query(query).set(bearer(clinic.admin)).expect(400);
      expect((response.body.details as Array<{ path: string }>).map((detail) => detail.path)).toEqual(['period']);
    }
  });
});
