import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sampleFacts from '../../rule-templates/facts/career-tiers.json';
import { publishDocument } from './support/cases-fixture';
import { type StoredDocument, storeDocument } from './support/documents-fixture';
import { evaluate } from './support/evaluations-fixture';
import { bearer, createInstitution, login, type TestInstitution, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The reader scope rule (common/access/reader-scope.ts) at every endpoint that returns people, for every role:
 * admins and quality officers see their institution, a manager the staff of the team they manage (team-a), a staff
 * login only themselves, another institution's admin none of them. Two institutions, two teams in Alpha (team-a
 * managed by Alpha's manager, team-b by nobody), staff in each, with facts, a run, a shadow experiment, a split
 * experiment, feedback and the cases it opened.
 */
let t: TestApp;
let alpha: TestInstitution;
let beta: TestInstitution;
let alphaStaffUser: TestUser;
let careerTiers: StoredDocument;
let shadowId: string;
let splitId: string;
const teams: Record<string, string> = {};
/** Staff ids by code, both institutions. */
const ids: Record<string, string> = {};
const scorecardIds: Record<string, string> = {};

const ALPHA = sampleFacts.map((fact) => fact.staffId);
const TEAM_A = sampleFacts.filter((fact) => fact.team === 'team-a').map((fact) => fact.staffId);
const OWN = TEAM_A[0];
const BETA = ['bt-01', 'bt-02'];

type Role = 'admin' | 'quality' | 'manager' | 'staff' | 'otherAdmin';
const ROLES: Role[] = ['admin', 'quality', 'manager', 'staff', 'otherAdmin'];
const reader = (role: Role): TestUser => (role === 'staff' ? alphaStaffUser : role === 'otherAdmin' ? beta.admin : alpha[role]);
/** The Alpha staff each role may see. */
const SEES: Record<Role, string[]> = { admin: ALPHA, quality: ALPHA, manager: TEAM_A, staff: [OWN], otherAdmin: [] };

const get = (role: Role, path: string) => t.http().get(path).set(bearer(reader(role)));
const sorted = (codes: Iterable<string>) => [...new Set(codes)].sort();

beforeAll(async () => {
  t = await startTestApp({ evaluationChunkSize: 3 });
  alpha = await createInstitution(t, 'Alpha');
  beta = await createInstitution(t, 'Beta');
  teams['team-a'] = (await t.http().post('/api/teams').set(bearer(alpha.admin)).send({ name: 'team-a', managerId: alpha.manager.id }).expect(201)).body.id as string;
  teams['team-b'] = (await t.http().post('/api/teams').set(bearer(alpha.admin)).send({ name: 'team-b' }).expect(201)).body.id as string;
  teams.beta = (await t.http().post('/api/teams').set(bearer(beta.admin)).send({ name: 'team-a', managerId: beta.manager.id }).expect(201)).body.id as string;
  for (const fact of sampleFacts) {
    ids[fact.staffId] = (await t.http().post('/api/staff').set(bearer(alpha.admin)).send({ code: fact.staffId, name: fact.staffId, teamId: teams[fact.team], tier: fact.tier }).expect(201)).body.id as string;
  }
  for (const [i, code] of BETA.entries()) {
    ids[code] = (await t.http().post('/api/staff').set(bearer(beta.admin)).send({ code, name: code, teamId: teams.beta, tier: sampleFacts[i].tier }).expect(201)).body.id as string;
  }
  await t.http().put(`/api/users/${alpha.staff.id}`).set(bearer(alpha.admin)).send({ staffId: ids[OWN] }).expect(200);
  alphaStaffUser = { ...alpha.staff, token: await login(t, alpha.staff.email) };

  careerTiers = await storeDocument(t, alpha.id, 'career-tiers', ['published', 'published']);
  const betaTiers = await storeDocument(t, beta.id, 'career-tiers', ['published']);
  for (const [institution, document] of [
    [alpha, careerTiers],
    [beta, betaTiers],
  ] as const) {
    await t.http().post('/api/bindings').set(bearer(institution.admin)).send({ documentId: document.id, period: '2026-Q1', version: 1 }).expect(201);
  }
  await t.http().post('/api/facts').set(bearer(alpha.admin)).send(sampleFacts.map((fact) => ({ staffCode: fact.staffId, period: '2026-Q1', inputs: fact.inputs }))).expect(200);
  await t.http().post('/api/facts').set(bearer(beta.admin)).send(BETA.map((code, i) => ({ staffCode: code, period: '2026-Q1', inputs: sampleFacts[i].inputs }))).expect(200);

  const experiment = { name: { zh: '试验', en: 'Trial' }, champion: { documentId: careerTiers.id, version: 1 }, challenger: { documentId: careerTiers.id, version: 2 }, periods: ['2026-Q1'] };
  shadowId = (await t.http().post('/api/experiments').set(bearer(alpha.admin)).send({ ...experiment, key: 'shadow', mode: 'shadow' }).expect(201)).body.id as string;
  await t.http().post(`/api/experiments/${shadowId}/start`).set(bearer(alpha.admin)).expect(200);
  splitId = (await t.http().post('/api/experiments').set(bearer(alpha.admin)).send({ ...experiment, key: 'split', mode: 'split', unit: 'staff', challengerPercent: 50, periods: ['2026-Q2'] }).expect(201)).body.id as string;

  await evaluate(t, alpha.admin, { period: '2026-Q1' });
  await evaluate(t, beta.admin, { period: '2026-Q1' });
  // Staff see results of published periods only (periods.e2e pins that); published here, scope alone decides.
  await t.http().post('/api/periods/2026-Q1/publish').set(bearer(alpha.admin)).expect(200);
  await waitForShadowReport();
  const cards = await t.http().get('/api/scorecards').query({ filter: JSON.stringify({ period: '2026-Q1' }), range: '[0,99]' }).set(bearer(alpha.admin)).expect(200);
  for (const card of cards.body as Array<{ id: string; staffCode: string }>) scorecardIds[card.staffCode] = card.id;

  // Negative feedback about one staff member of each team (and one of Beta) opens a case each.
  await publishDocument(t, alpha.admin, { template: 'negative-feedback' });
  await publishDocument(t, beta.admin, { template: 'negative-feedback' });
  for (const [institution, code] of [
    [alpha, TEAM_A[0]],
    [alpha, TEAM_A[1]],
    [alpha, 'ct-05'],
    [beta, 'bt-01'],
  ] as const) {
    await t.http().post('/api/feedback').set(bearer(institution.admin)).send({ responseId: `r-${code}`, staffCode: code, likert: { attitude: 1 } }).expect(200);
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
});

async function waitForShadowReport(): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const report = await get('admin', `/api/experiments/${shadowId}/report?period=2026-Q1`).expect(200);
    if ((report.body.staff as unknown[]).length === ALPHA.length) return;
    if (Date.now() > deadline) throw new Error(`the shadow results are not in: ${JSON.stringify(report.body.shadowRuns)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The staff codes a list answers, failing on any code of another institution than the reader's. */
async function listed(role: Role, path: string, query: Record<string, string> = {}, code: (row: Record<string, unknown>) => string = (row) => row.staffCode as string): Promise<string[] | number> {
  const response = await get(role, path).query({ range: '[0,999]', ...query });
  if (response.status !== 200) return response.status;
  return sorted((response.body as Array<Record<string, unknown>>).map(code));
}

/** Of the given staff codes, those whose detail answers 200; anything else must be 404 (never 403 leaking existence, never 500). */
async function readable(role: Role, codes: string[], path: (code: string) => string): Promise<string[] | number> {
  const found: string[] = [];
  for (const code of codes) {
    const response = await get(role, path(code));
    if (response.status === 403) return 403;
    if (response.status === 200) found.push(code);
    else expect(response.status, `${role} ${path(code)}`).toBe(404);
  }
  return sorted(found);
}

const expected = (role: Role, forbidden: Role[] = []): string[] | number => (forbidden.includes(role) ? 403 : sorted(SEES[role]));
const NOT_STAFF: Role[] = ['staff'];

describe('every endpoint that returns people answers the reader scope rule, for every role', () => {
  it.each(ROLES)('GET /api/staff and /api/staff/:id as %s', async (role) => {
    const list = await listed(role, '/api/staff', {}, (row) => row.code as string);
    expect(list).toEqual(role === 'otherAdmin' ? BETA : expected(role, NOT_STAFF));
    expect(await readable(role, ALPHA, (code) => `/api/staff/${ids[code]}`)).toEqual(expected(role, NOT_STAFF));
  });

  it.each(ROLES)('GET /api/facts and /api/facts/:id as %s', async (role) => {
    expect(await listed(role, '/api/facts')).toEqual(role === 'otherAdmin' ? BETA : expected(role, NOT_STAFF));
    expect(await readable(role, ALPHA, (code) => `/api/facts/${ids[code]}:2026-Q1`)).toEqual(expected(role, NOT_STAFF));
  });

  it.each(ROLES)('GET /api/scorecards, /:id, export, trend as %s', async (role) => {
    expect(await listed(role, '/api/scorecards', { filter: JSON.stringify({ period: '2026-Q1' }) })).toEqual(role === 'otherAdmin' ? BETA : expected(role));
    expect(await readable(role, ALPHA, (code) => `/api/scorecards/${scorecardIds[code]}`)).toEqual(expected(role));
    expect(await readable(role, ALPHA, (code) => `/api/staff/${ids[code]}/trend`)).toEqual(expected(role));
    const csv = await get(role, '/api/scorecards/export').query({ period: '2026-Q1', format: 'csv', locale: 'en' }).expect(200);
    const exported = (csv.text as string)
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',')[0])
      .filter(Boolean);
    expect(sorted(exported)).toEqual(role === 'otherAdmin' ? BETA : expected(role));
  });

  it.each(ROLES)('GET /api/teams/:id/summary as %s', async (role) => {
    const summary = async (teamId: string) => {
      const response = await get(role, `/api/teams/${teamId}/summary?period=2026-Q1`);
      return response.status === 200 ? (response.body.ranking as Array<{ staffCode: string }>).map((row) => row.staffCode) : response.status;
    };
    const teamB = sampleFacts.filter((fact) => fact.team === 'team-b').map((fact) => fact.staffId);
    const expectations: Record<Role, [unknown, unknown]> = {
      admin: [sorted(TEAM_A), sorted(teamB)],
      quality: [sorted(TEAM_A), sorted(teamB)],
      manager: [sorted(TEAM_A), 404],
      staff: [403, 403],
      otherAdmin: [404, 404],
    };
    const [a, b] = [await summary(teams['team-a']), await summary(teams['team-b'])];
    expect([Array.isArray(a) ? sorted(a) : a, Array.isArray(b) ? sorted(b) : b]).toEqual(expectations[role]);
  });

  it.each(ROLES)('GET /api/cases, /inbox, /:id, /api/feedback and /api/notifications as %s', async (role) => {
    const withCases = [TEAM_A[0], TEAM_A[1], 'ct-05'];
    const seen = sorted(withCases.filter((code) => SEES[role].includes(code)));
    expect(await listed(role, '/api/cases')).toEqual(role === 'otherAdmin' ? ['bt-01'] : seen);
    const inbox = await get(role, '/api/cases/inbox').expect(200);
    for (const row of inbox.body as Array<{ staffCode: string }>) expect(role === 'otherAdmin' ? ['bt-01'] : seen).toContain(row.staffCode);
    const cases = (await get('admin', '/api/cases').query({ range: '[0,99]' }).expect(200)).body as Array<{ id: string; staffCode: string }>;
    expect(await readable(role, sorted(cases.map((c) => c.staffCode)), (code) => `/api/cases/${cases.find((c) => c.staffCode === code)?.id}`)).toEqual(role === 'otherAdmin' ? [] : seen);
    const feedback = await listed(role, '/api/feedback');
    expect(feedback).toEqual(role === 'staff' ? 403 : role === 'otherAdmin' ? ['bt-01'] : seen);
    const staffOfCase = new Map(cases.map((c) => [c.id, c.staffCode]));
    const notices = await get(role, '/api/notifications').query({ range: '[0,999]' });
    if (role === 'staff') expect(notices.status).toBe(403);
    else {
      expect(notices.status).toBe(200);
      const about = sorted((notices.body as Array<{ caseId: string }>).map((n) => staffOfCase.get(n.caseId) ?? 'beta'));
      const all = sorted(((await get('admin', '/api/notifications').query({ range: '[0,999]' }).expect(200)).body as Array<{ caseId: string }>).map((n) => staffOfCase.get(n.caseId) as string));
      expect(about).toEqual(role === 'otherAdmin' ? about.filter((code) => code === 'beta') : all.filter((code) => SEES[role].includes(code)));
    }
  });

  it.each(ROLES)('POST /api/documents/:id/preview {period, sample} as %s', async (role) => {
    const response = await t.http().post(`/api/documents/${careerTiers.id}/preview`).set(bearer(reader(role))).send({ version: 1, period: '2026-Q1', sample: 50 });
    if (role === 'staff') return expect(response.status).toBe(403);
    if (role === 'otherAdmin') return expect(response.status).toBe(404);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(sorted((response.body.staff as Array<{ staffId: string }>).map((s) => s.staffId))).toEqual(sorted(SEES[role]));
    expect(sorted((response.body.scorecards as Array<{ staffId: string }>).map((s) => s.staffId))).toEqual(sorted(SEES[role]));
  });

  it.each(ROLES)('GET /api/experiments/:id/report and /assignment as %s', async (role) => {
    const report = await get(role, `/api/experiments/${shadowId}/report?period=2026-Q1`);
    const assignment = await get(role, `/api/experiments/${splitId}/assignment`);
    if (role === 'staff' || role === 'otherAdmin') {
      expect([report.status, assignment.status]).toEqual(role === 'staff' ? [403, 403] : [404, 404]);
      return;
    }
    expect(report.status).toBe(200);
    expect(sorted((report.body.staff as Array<{ code: string }>).map((s) => s.code))).toEqual(sorted(SEES[role]));
    const perTeam = (report.body.byTeam as Array<{ teamId: string | null }>).map((group) => group.teamId);
    expect(perTeam.sort()).toEqual(role === 'manager' ? [teams['team-a']] : [teams['team-a'], teams['team-b']].sort());
    expect(report.body.overall.staff).toBe(SEES[role].length);
    expect(assignment.status).toBe(200);
    expect(sorted((assignment.body.units as Array<{ label: string }>).map((u) => u.label))).toEqual(sorted(SEES[role]));
    // The counts and the sample-ratio check stay over the whole population.
    expect(assignment.body.counts.champion + assignment.body.counts.challenger).toBe(ALPHA.length);
  });
});
