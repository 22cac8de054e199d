import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from './support/audit-entries';
import { bearer, createInstitution, type TestInstitution, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let alpha: TestInstitution;
let beta: TestInstitution;

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

interface TeamBody {
  id: string;
  name: string;
  nameEn: string | null;
  managerId: string | null;
  staffCount: number;
}
interface StaffBody {
  id: string;
  code: string;
  name: string;
  teamId: string | null;
  tier: 'junior' | 'mid' | 'senior';
  active: boolean;
}

const createTeam = async (admin: TestUser, body: Record<string, unknown>): Promise<TeamBody> =>
  (await t.http().post('/api/teams').set(bearer(admin)).send(body).expect(201)).body as TeamBody;
const createStaff = async (admin: TestUser, body: Record<string, unknown>): Promise<StaffBody> =>
  (await t.http().post('/api/staff').set(bearer(admin)).send({ tier: 'junior', ...body }).expect(201)).body as StaffBody;
const list = async <T>(resource: string, user: TestUser, query: Record<string, string> = {}): Promise<{ items: T[]; range: string }> => {
  const response = await t.http().get(`/api/${resource}`).query({ range: '[0,999]', ...query }).set(bearer(user)).expect(200);
  return { items: response.body as T[], range: response.headers['content-range'] as string };
};
const allStaff = async (user: TestUser) => (await list<StaffBody>('staff', user, { sort: '["code","ASC"]' })).items;
const importCsv = (user: TestUser, csv: string) => t.http().post('/api/staff/import').set(bearer(user)).set('Content-Type', 'text/csv').send(csv);

let cardiology: TeamBody;
let oncology: TeamBody;
let betaTeam: TeamBody;

beforeAll(async () => {
  t = await startTestApp();
  alpha = await createInstitution(t, 'Alpha');
  beta = await createInstitution(t, 'Beta');
  cardiology = await createTeam(alpha.admin, { name: 'Cardiology', nameEn: 'Cardiology ward', managerId: alpha.manager.id });
  oncology = await createTeam(alpha.admin, { name: 'Oncology' });
  betaTeam = await createTeam(beta.admin, { name: 'Cardiology' });
}, 120_000);
afterAll(async () => t?.close());

describe('teams', () => {
  it('creates a team (admin) and audits it', async () => {
    expect(cardiology).toMatchObject({ name: 'Cardiology', nameEn: 'Cardiology ward', managerId: alpha.manager.id, staffCount: 0 });
    const [entry] = await auditEntries(t, alpha.admin, { entityType: 'team', entityId: cardiology.id });
    expect(entry).toMatchObject({ action: 'create', changes: { after: { name: 'Cardiology', managerId: alpha.manager.id } } });
  });

  it('refuses a duplicate name in the institution (409) but allows it in another', async () => {
    const dup = await t.http().post('/api/teams').set(bearer(alpha.admin)).send({ name: 'Cardiology' }).expect(409);
    expect(dup.body.details[0].path).toBe('name');
    expect(betaTeam.name).toBe('Cardiology');
    expect((await list<TeamBody>('teams', alpha.admin)).items).toHaveLength(2);
  });

  it('requires the manager to be an active manager user of the institution (422)', async () => {
    const admin = await t.http().post('/api/teams').set(bearer(alpha.admin)).send({ name: 'X', managerId: alpha.admin.id }).expect(422);
    expect(admin.body.details).toEqual([{ path: 'managerId', message: 'must be a user with role manager, not admin' }]);
    const foreign = await t.http().post('/api/teams').set(bearer(beta.admin)).send({ name: 'X', managerId: alpha.manager.id }).expect(422);
    expect(foreign.body.details[0].path).toBe('managerId');
    await t.http().put(`/api/teams/${betaTeam.id}`).set(bearer(beta.admin)).send({ managerId: alpha.manager.id }).expect(422);
    expect((await list<TeamBody>('teams', beta.admin)).items.map((team) => team.managerId)).toEqual([null]);
  });

  it('validates the body (400)', async () => {
    await t.http().post('/api/teams').set(bearer(alpha.admin)).send({ name: '   ' }).expect(400);
    await t.http().post('/api/teams').set(bearer(alpha.admin)).send({ name: 'Y', colour: 'red' }).expect(400);
    await t.http().post('/api/teams').set(bearer(alpha.admin)).send({ name: 'Y', managerId: 'bob' }).expect(400);
    await t.http().put(`/api/teams/${oncology.id}`).set(bearer(alpha.admin)).send({ staffCount: 3 }).expect(400);
  });

  it('is readable by admin, quality officer and manager; writable by admin only', async () => {
    for (const user of [alpha.quality, alpha.manager]) {
      await t.http().get('/api/teams').set(bearer(user)).expect(200);
      await t.http().get(`/api/teams/${oncology.id}`).set(bearer(user)).expect(200);
      await t.http().post('/api/teams').set(bearer(user)).send({ name: 'Nope' }).expect(403);
      await t.http().put(`/api/teams/${oncology.id}`).set(bearer(user)).send({ name: 'Nope' }).expect(403);
      await t.http().delete(`/api/teams/${oncology.id}`).set(bearer(user)).expect(403);
    }
    await t.http().get('/api/teams').set(bearer(alpha.staff)).expect(403);
    await t.http().get(`/api/teams/${oncology.id}`).set(bearer(alpha.staff)).expect(403);
  });

  it('lists with Content-Range, sort, range and filters (q, managerId, id)', async () => {
    const all = await list<TeamBody>('teams', alpha.admin, { sort: '["name","DESC"]' });
    expect(all.items.map((team) => team.name)).toEqual(['Oncology', 'Cardiology']);
    expect(all.range).toBe('teams 0-1/2');
    const page = await t.http().get('/api/teams').query({ sort: '["name","ASC"]', range: '[1,1]' }).set(bearer(alpha.admin)).expect(200);
    expect(page.headers['content-range']).toBe('teams 1-1/2');
    expect(page.body.map((team: TeamBody) => team.name)).toEqual(['Oncology']);
    expect((await list<TeamBody>('teams', alpha.admin, { filter: '{"q":"WARD"}' })).items.map((team) => team.id)).toEqual([cardiology.id]);
    expect((await list<TeamBody>('teams', alpha.admin, { filter: JSON.stringify({ managerId: alpha.manager.id }) })).items.map((team) => team.id)).toEqual([cardiology.id]);
    expect((await list<TeamBody>('teams', alpha.admin, { filter: '{"managerId":null}' })).items.map((team) => team.id)).toEqual([oncology.id]);
    const many = await list<TeamBody>('teams', alpha.admin, { filter: JSON.stringify({ id: [oncology.id, betaTeam.id] }) });
    expect(many.items.map((team) => team.id)).toEqual([oncology.id]);
  });

  it('answers 400 to bad list parameters and 404/400 to unknown/malformed ids', async () => {
    await t.http().get('/api/teams').query({ sort: '["staffCount","ASC"]' }).set(bearer(alpha.admin)).expect(400);
    await t.http().get('/api/teams').query({ range: '[0]' }).set(bearer(alpha.admin)).expect(400);
    await t.http().get('/api/teams').query({ filter: '{"name":"x"}' }).set(bearer(alpha.admin)).expect(400);
    await t.http().get(`/api/teams/${UNKNOWN_ID}`).set(bearer(alpha.admin)).expect(404);
    await t.http().get('/api/teams/nope').set(bearer(alpha.admin)).expect(400);
    await t.http().put(`/api/teams/${UNKNOWN_ID}`).set(bearer(alpha.admin)).send({ name: 'x' }).expect(404);
    await t.http().delete(`/api/teams/${UNKNOWN_ID}`).set(bearer(alpha.admin)).expect(404);
  });

  it('updates a team, refusing a name already taken (409), and audits the difference', async () => {
    const temp = await createTeam(alpha.admin, { name: 'Temp' });
    const taken = await t.http().put(`/api/teams/${temp.id}`).set(bearer(alpha.admin)).send({ name: 'Oncology', nameEn: 'not saved' }).expect(409);
    expect(taken.body.error).toBe('Conflict');
    const renamed = await t.http().put(`/api/teams/${temp.id}`).set(bearer(alpha.admin)).send({ name: 'Temporary', nameEn: 'Temp ward', managerId: alpha.manager.id }).expect(200);
    expect(renamed.body).toMatchObject({ name: 'Temporary', nameEn: 'Temp ward', managerId: alpha.manager.id, staffCount: 0 });
    const [entry] = await auditEntries(t, alpha.admin, { entityType: 'team', entityId: temp.id, action: 'update' });
    expect(entry.changes).toEqual({ before: { name: 'Temp', nameEn: null, managerId: null }, after: { name: 'Temporary', nameEn: 'Temp ward', managerId: alpha.manager.id } });
    const deleted = await t.http().delete(`/api/teams/${temp.id}`).set(bearer(alpha.admin)).expect(200);
    expect(deleted.body).toMatchObject({ id: temp.id, name: 'Temporary' });
    await t.http().get(`/api/teams/${temp.id}`).set(bearer(alpha.admin)).expect(404);
    const [removal] = await auditEntries(t, alpha.admin, { entityType: 'team', entityId: temp.id, action: 'delete' });
    expect(removal.changes).toEqual({ before: { name: 'Temporary', nameEn: 'Temp ward', managerId: alpha.manager.id } });
  });

  it("gives Beta's admin 404 for Alpha's teams and never lists them", async () => {
    await t.http().get(`/api/teams/${cardiology.id}`).set(bearer(beta.admin)).expect(404);
    await t.http().put(`/api/teams/${cardiology.id}`).set(bearer(beta.admin)).send({ name: 'Mine' }).expect(404);
    await t.http().delete(`/api/teams/${oncology.id}`).set(bearer(beta.admin)).expect(404);
    expect((await list<TeamBody>('teams', beta.admin)).items.map((team) => team.id)).toEqual([betaTeam.id]);
    expect((await list<TeamBody>('teams', beta.admin, { filter: JSON.stringify({ id: [cardiology.id] }) })).items).toEqual([]);
    await t.http().get(`/api/teams/${oncology.id}`).set(bearer(alpha.admin)).expect(200);
  });
});

describe('staff', () => {
  let ann: StaffBody;
  let bob: StaffBody;
  let cid: StaffBody;

  beforeAll(async () => {
    ann = await createStaff(alpha.admin, { code: 'S001', name: 'Ann', teamId: cardiology.id, tier: 'senior' });
    bob = await createStaff(alpha.admin, { code: 'S002', name: 'Bob', teamId: oncology.id, tier: 'mid' });
    cid = await createStaff(alpha.admin, { code: 'S003', name: 'Cid' });
  });

  it('creates staff (admin), defaults active and no team, and audits it', async () => {
    expect(ann).toMatchObject({ code: 'S001', name: 'Ann', teamId: cardiology.id, tier: 'senior', active: true });
    expect(cid).toMatchObject({ teamId: null, tier: 'junior', active: true });
    const [entry] = await auditEntries(t, alpha.admin, { entityType: 'staff', entityId: ann.id });
    expect(entry).toMatchObject({ action: 'create', changes: { after: { code: 'S001', teamId: cardiology.id, tier: 'senior', active: true } } });
  });

  it('counts staff per team', async () => {
    const teams = (await list<TeamBody>('teams', alpha.admin, { sort: '["name","ASC"]' })).items;
    expect(teams.map((team) => [team.name, team.staffCount])).toEqual([
      ['Cardiology', 1],
      ['Oncology', 1],
    ]);
    expect((await t.http().get(`/api/teams/${cardiology.id}`).set(bearer(alpha.admin)).expect(200)).body.staffCount).toBe(1);
  });

  it('refuses a duplicate code (409) and a team of another institution (422), storing nothing', async () => {
    const before = await allStaff(alpha.admin);
    const dup = await t.http().post('/api/staff').set(bearer(alpha.admin)).send({ code: 'S001', name: 'Again', tier: 'junior' }).expect(409);
    expect(dup.body.details[0].path).toBe('code');
    const foreign = await t.http().post('/api/staff').set(bearer(beta.admin)).send({ code: 'B1', name: 'Spy', tier: 'junior', teamId: cardiology.id }).expect(422);
    expect(foreign.body.details).toEqual([{ path: 'teamId', message: 'no such team in your institution' }]);
    await t.http().put(`/api/staff/${bob.id}`).set(bearer(alpha.admin)).send({ teamId: betaTeam.id }).expect(422);
    await t.http().put(`/api/staff/${bob.id}`).set(bearer(alpha.admin)).send({ code: 'S001' }).expect(409);
    expect(await allStaff(alpha.admin)).toEqual(before);
    expect((await list<StaffBody>('staff', beta.admin)).items).toEqual([]);
  });

  it('validates the body (400)', async () => {
    await t.http().post('/api/staff').set(bearer(alpha.admin)).send({ code: 'S9', name: 'X', tier: 'expert' }).expect(400);
    await t.http().post('/api/staff').set(bearer(alpha.admin)).send({ code: '', name: 'X', tier: 'mid' }).expect(400);
    await t.http().post('/api/staff').set(bearer(alpha.admin)).send({ code: 'S9', name: 'X', tier: 'mid', salary: 1 }).expect(400);
    await t.http().put(`/api/staff/${bob.id}`).set(bearer(alpha.admin)).send({ id: oncology.id }).expect(400);
    await t.http().put(`/api/staff/${bob.id}`).set(bearer(alpha.admin)).send({ createdAt: '2000-01-01T00:00:00.000Z' }).expect(400);
  });

  it('lists with Content-Range, sort, range and filters (q, teamId, tier, active, id)', async () => {
    const all = await list<StaffBody>('staff', alpha.admin, { sort: '["name","DESC"]' });
    expect(all.items.map((s) => s.code)).toEqual(['S003', 'S002', 'S001']);
    expect(all.range).toBe('staff 0-2/3');
    const page = await t.http().get('/api/staff').query({ sort: '["code","ASC"]', range: '[2,4]' }).set(bearer(alpha.admin)).expect(200);
    expect(page.headers['content-range']).toBe('staff 2-2/3');
    const codes = async (filter: Record<string, unknown>) => (await list<StaffBody>('staff', alpha.admin, { filter: JSON.stringify(filter), sort: '["code","ASC"]' })).items.map((s) => s.code);
    expect(await codes({ q: 'ann' })).toEqual(['S001']);
    expect(await codes({ q: 's00' })).toEqual(['S001', 'S002', 'S003']);
    expect(await codes({ teamId: oncology.id })).toEqual(['S002']);
    expect(await codes({ teamId: null })).toEqual(['S003']);
    expect(await codes({ tier: 'senior' })).toEqual(['S001']);
    expect(await codes({ active: false })).toEqual([]);
    expect(await codes({ id: [ann.id, cid.id] })).toEqual(['S001', 'S003']);
    await t.http().get('/api/staff').query({ sort: '["salary","ASC"]' }).set(bearer(alpha.admin)).expect(400);
    await t.http().get('/api/staff').query({ filter: '{"tier":"expert"}' }).set(bearer(alpha.admin)).expect(400);
    await t.http().get('/api/staff').query({ filter: '{"team":"Oncology"}' }).set(bearer(alpha.admin)).expect(400);
    await t.http().get('/api/staff').query({ range: '["a","b"]' }).set(bearer(alpha.admin)).expect(400);
  });

  it('shows managers only the staff of the teams they manage', async () => {
    const mine = await list<StaffBody>('staff', alpha.manager);
    expect(mine.items.map((s) => s.code)).toEqual(['S001']);
    expect(mine.range).toBe('staff 0-0/1');
    await t.http().get(`/api/staff/${ann.id}`).set(bearer(alpha.manager)).expect(200);
    await t.http().get(`/api/staff/${bob.id}`).set(bearer(alpha.manager)).expect(404);
    await t.http().get(`/api/staff/${cid.id}`).set(bearer(alpha.manager)).expect(404);
    const many = await list<StaffBody>('staff', alpha.manager, { filter: JSON.stringify({ id: [ann.id, bob.id] }) });
    expect(many.items.map((s) => s.code)).toEqual(['S001']);
    expect((await list<StaffBody>('staff', alpha.quality)).items).toHaveLength(3);
  });

  it('is readable by admin, quality officer and manager; writable by admin only', async () => {
    for (const user of [alpha.quality, alpha.manager]) {
      await t.http().post('/api/staff').set(bearer(user)).send({ code: 'S9', name: 'X', tier: 'mid' }).expect(403);
      await t.http().put(`/api/staff/${ann.id}`).set(bearer(user)).send({ name: 'X' }).expect(403);
      await t.http().delete(`/api/staff/${ann.id}`).set(bearer(user)).expect(403);
      await importCsv(user, 'code,name,team,tier\nS9,X,,mid\n').expect(403);
    }
    await t.http().get('/api/staff').set(bearer(alpha.staff)).expect(403);
    await t.http().get(`/api/staff/${ann.id}`).set(bearer(alpha.staff)).expect(403);
  });

  it('updates staff and audits the difference; 404 for unknown ids, 400 for malformed', async () => {
    const moved = await t.http().put(`/api/staff/${cid.id}`).set(bearer(alpha.admin)).send({ teamId: oncology.id, tier: 'mid', name: 'Cid Li' }).expect(200);
    expect(moved.body).toMatchObject({ id: cid.id, code: 'S003', name: 'Cid Li', teamId: oncology.id, tier: 'mid' });
    const [entry] = await auditEntries(t, alpha.admin, { entityType: 'staff', entityId: cid.id, action: 'update' });
    expect(entry.changes).toEqual({ before: { name: 'Cid', teamId: null, tier: 'junior' }, after: { name: 'Cid Li', teamId: oncology.id, tier: 'mid' } });
    await t.http().put(`/api/staff/${UNKNOWN_ID}`).set(bearer(alpha.admin)).send({ name: 'x' }).expect(404);
    await t.http().get(`/api/staff/${UNKNOWN_ID}`).set(bearer(alpha.admin)).expect(404);
    await t.http().get('/api/staff/S001').set(bearer(alpha.admin)).expect(400);
  });

  it('deactivates on delete, keeping the row; the team still counts it and cannot be deleted (409)', async () => {
    const team = await createTeam(alpha.admin, { name: 'Short-lived' });
    const dee = await createStaff(alpha.admin, { code: 'S004', name: 'Dee', teamId: team.id });
    const removed = await t.http().delete(`/api/staff/${dee.id}`).set(bearer(alpha.admin)).expect(200);
    expect(removed.body).toMatchObject({ id: dee.id, active: false });
    expect((await t.http().get(`/api/staff/${dee.id}`).set(bearer(alpha.admin)).expect(200)).body.active).toBe(false);
    const entries = await auditEntries(t, alpha.admin, { entityType: 'staff', entityId: dee.id, action: 'delete' });
    expect(entries.map((e) => e.changes)).toEqual([{ before: { active: true }, after: { active: false } }]);
    const refused = await t.http().delete(`/api/teams/${team.id}`).set(bearer(alpha.admin)).expect(409);
    expect(refused.body.message).toMatch(/still has 1 staff/);
    expect((await t.http().get(`/api/teams/${team.id}`).set(bearer(alpha.admin)).expect(200)).body.staffCount).toBe(1);
    await t.http().put(`/api/staff/${dee.id}`).set(bearer(alpha.admin)).send({ teamId: null }).expect(200);
    await t.http().delete(`/api/teams/${team.id}`).set(bearer(alpha.admin)).expect(200);
  });

  it("gives Beta's admin 404 for Alpha's staff and never lists them", async () => {
    await t.http().get(`/api/staff/${ann.id}`).set(bearer(beta.admin)).expect(404);
    await t.http().put(`/api/staff/${ann.id}`).set(bearer(beta.admin)).send({ name: 'Taken over' }).expect(404);
    await t.http().delete(`/api/staff/${ann.id}`).set(bearer(beta.admin)).expect(404);
    await t.http().get(`/api/staff/${ann.id}`).set(bearer(beta.manager)).expect(404);
    expect((await list<StaffBody>('staff', beta.admin, { filter: JSON.stringify({ id: [ann.id, bob.id] }) })).items).toEqual([]);
    expect((await list<StaffBody>('staff', beta.admin, { filter: '{"q":"S00"}' })).items).toEqual([]);
    expect((await t.http().get(`/api/staff/${ann.id}`).set(bearer(alpha.admin)).expect(200)).body).toMatchObject({ name: 'Ann', active: true });
  });
});

describe('staff CSV import', () => {
  let team: TeamBody;
  beforeAll(async () => {
    team = await createTeam(alpha.admin, { name: 'Import ward' });
  });

  it('imports a text/csv body, upserting by code: created, updated, unchanged', async () => {
    const csv = ['code,name,team,tier', 'I001,Ida,Import ward,junior', 'I002,"Li, Jun",Import ward,mid', 'I003,Kim,,senior', ''].join('\n');
    const first = await importCsv(alpha.admin, csv).expect(200);
    expect(first.body).toEqual({ created: 3, updated: 0, unchanged: 0 });
    const imported = (await list<StaffBody>('staff', alpha.admin, { filter: '{"q":"I00"}', sort: '["code","ASC"]' })).items;
    expect(imported.map((s) => [s.code, s.name, s.teamId, s.tier, s.active])).toEqual([
      ['I001', 'Ida', team.id, 'junior', true],
      ['I002', 'Li, Jun', team.id, 'mid', true],
      ['I003', 'Kim', null, 'senior', true],
    ]);
    const [entry] = await auditEntries(t, alpha.admin, { action: 'import' });
    expect(entry).toMatchObject({ entityType: 'staff', entityId: null, changes: { created: ['I001', 'I002', 'I003'], updated: [], unchanged: 0 } });
  });

  it('changes nothing when the same file is imported again, and records no audit entry', async () => {
    const auditBefore = await auditEntries(t, alpha.admin, { action: 'import' });
    const staffBefore = await allStaff(alpha.admin);
    const csv = ['code,name,team,tier', 'I001,Ida,Import ward,junior', 'I002,"Li, Jun",Import ward,mid', 'I003,Kim,,senior', ''].join('\n');
    expect((await importCsv(alpha.admin, csv).expect(200)).body).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(await allStaff(alpha.admin)).toEqual(staffBefore);
    expect(await auditEntries(t, alpha.admin, { action: 'import' })).toEqual(auditBefore);
  });

  it('accepts JSON {csv}, a BOM, CRLF, columns in any order and an active column', async () => {
    const csv = '\uFEFFTier,Code,Name,Team,Active\r\nsenior,I001,Ida,Import ward,true\r\nmid,I002,"Li, Jun",Import ward,no\r\njunior,I004,"Mo ""Mo"" Wu",,\r\n\r\n';
    const response = await t.http().post('/api/staff/import').set(bearer(alpha.admin)).send({ csv }).expect(200);
    expect(response.body).toEqual({ created: 1, updated: 2, unchanged: 0 });
    const rows = (await list<StaffBody>('staff', alpha.admin, { filter: JSON.stringify({ q: 'I00' }), sort: '["code","ASC"]' })).items;
    expect(rows.map((s) => [s.code, s.name, s.tier, s.active])).toEqual([
      ['I001', 'Ida', 'senior', true],
      ['I002', 'Li, Jun', 'mid', false],
      ['I003', 'Kim', 'senior', true],
      ['I004', 'Mo "Mo" Wu', 'junior', true],
    ]);
    const [entry] = await auditEntries(t, alpha.admin, { action: 'import' });
    expect(entry.changes).toEqual({
      created: ['I004'],
      updated: [
        { code: 'I001', before: { tier: 'junior' }, after: { tier: 'senior' } },
        { code: 'I002', before: { active: true }, after: { active: false } },
      ],
      unchanged: 0,
    });
  });

  it('rejects the whole file when any row is wrong (422, every problem listed by spreadsheet row) and stores nothing', async () => {
    const staffBefore = await allStaff(alpha.admin);
    const auditBefore = await auditEntries(t, alpha.admin, { entityType: 'staff' });
    const csv = [
      'code,name,team,tier,active',
      'N001,New One,Import ward,junior,', // row 2: fine, but must not be stored
      'I001,Ida,Import ward,expert,', // row 3: bad tier
      'N002,Nora,Nowhere,mid,', // row 4: unknown team
      '', // row 5: blank, skipped
      ',No code,,mid,maybe', // row 6: no code, bad active
      'N001,Twice,,junior,', // row 7: code repeated
      'N003,Short,mid', // row 8: too few fields
    ].join('\n');
    const response = await importCsv(alpha.admin, csv).expect(422);
    expect(response.body.message).toMatch(/6 problem\(s\); nothing was imported.*header is row 1, the first staff member row 2/);
    expect(response.body.details).toEqual([
      { path: 'rows[3].tier', message: 'must be one of junior, mid, senior' },
      { path: 'rows[4].team', message: 'no team is named "Nowhere"; create it first, or leave the cell empty for no team' },
      { path: 'rows[6].code', message: 'is required' },
      { path: 'rows[6].active', message: 'must be true or false (or yes/no, 1/0), or empty to leave it as it is' },
      { path: 'rows[7].code', message: 'repeats code N001 from row 2' },
      { path: 'rows[8]', message: 'has 3 field(s) but the header has 5' },
    ]);
    expect(await allStaff(alpha.admin)).toEqual(staffBefore);
    expect(await auditEntries(t, alpha.admin, { entityType: 'staff' })).toEqual(auditBefore);
  });

  it('rejects a wrong header, an empty file, a file with no rows and broken quoting (422), storing nothing', async () => {
    const staffBefore = await allStaff(alpha.admin);
    const header = await importCsv(alpha.admin, 'code,name,tier,salary\nX1,X,mid,1\n').expect(422);
    expect(header.body.details).toEqual([
      { path: 'header[3]', message: 'unknown column "salary"; the header must be code,name,team,tier[,active]' },
      { path: 'header', message: 'is missing the column team; the header must be code,name,team,tier[,active]' },
    ]);
    await importCsv(alpha.admin, 'code,name,team,tier,code\n').expect(422);
    const empty = await importCsv(alpha.admin, '\r\n\r\n').expect(422);
    expect(empty.body.details[0].path).toBe('header');
    const noRows = await importCsv(alpha.admin, 'code,name,team,tier\n\n').expect(422);
    expect(noRows.body.details).toEqual([{ path: 'rows', message: 'has no staff rows' }]);
    const quoting = await importCsv(alpha.admin, 'code,name,team,tier\nX1,"unclosed,,mid\n').expect(422);
    expect(quoting.body.details).toEqual([{ path: 'rows[2]', message: 'unterminated quoted field' }]);
    expect(await allStaff(alpha.admin)).toEqual(staffBefore);
  });

  it('answers 400 to a body that is neither CSV text nor {csv}', async () => {
    await t.http().post('/api/staff/import').set(bearer(alpha.admin)).send({ file: 'code,name' }).expect(400);
    await t.http().post('/api/staff/import').set(bearer(alpha.admin)).send({ csv: 'code,name,team,tier\n', extra: true }).expect(400);
    await t.http().post('/api/staff/import').set(bearer(alpha.admin)).send([1, 2]).expect(400);
    await t.http().post('/api/staff/import').set(bearer(alpha.admin)).expect(400);
  });

  it('imports exactly 10 000 staff rows at once and refuses 10 001 (422), storing nothing', async () => {
    const gamma = await createInstitution(t, 'Gamma');
    const csvOf = (count: number, prefix: string) => ['code,name,team,tier', ...Array.from({ length: count }, (_, i) => `${prefix}${i},N${i},,junior`), ''].join('\n');
    const before = await allStaff(gamma.admin);
    const auditBefore = await auditEntries(t, gamma.admin, { action: 'import' });
    const over = await importCsv(gamma.admin, csvOf(10_001, 'C')).expect(422);
    expect(over.body.details).toEqual([{ path: 'rows', message: 'has more than 10000 rows', code: 'too_many_rows' }]);
    expect(over.body.message).toMatch(/10001 staff rows; at most 10000/);
    expect(await allStaff(gamma.admin)).toEqual(before);
    expect(await auditEntries(t, gamma.admin, { action: 'import' })).toEqual(auditBefore);

    expect((await importCsv(gamma.admin, csvOf(10_000, 'C')).expect(200)).body).toEqual({ created: 10_000, updated: 0, unchanged: 0 });
    const [entry] = await auditEntries(t, gamma.admin, { action: 'import' });
    expect(entry).toMatchObject({ actorId: gamma.admin.id, entityType: 'staff', changes: { updated: [], unchanged: 0 } });
    expect((entry.changes.created as string[]).length).toBe(10_000);
    const { range } = await list<StaffBody>('staff', gamma.admin, { filter: '{"q":"C"}' });
    expect(range).toMatch(/\/10000$/);
  });

  it('answers 413 to an oversize file', async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => `Z${i},Name ${i},,junior`);
    await importCsv(alpha.admin, ['code,name,team,tier', ...rows].join('\n')).expect(413);
  });

  it("resolves team names and codes within the importer's institution only", async () => {
    const foreignTeam = await importCsv(beta.admin, 'code,name,team,tier\nI001,Beta Ida,Import ward,junior\n').expect(422);
    expect(foreignTeam.body.details[0].path).toBe('rows[2].team');
    const own = await importCsv(beta.admin, 'code,name,team,tier\nI001,Beta Ida,Cardiology,junior\n').expect(200);
    expect(own.body).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const betaStaff = await allStaff(beta.admin);
    expect(betaStaff.map((s) => [s.code, s.name, s.teamId])).toEqual([['I001', 'Beta Ida', betaTeam.id]]);
    const alphaIda = (await list<StaffBody>('staff', alpha.admin, { filter: '{"code":"I001"}' })).items;
    expect(alphaIda.map((s) => s.name)).toEqual(['Ida']);
  });
});
