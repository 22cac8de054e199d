import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from './support/audit-entries';
import { bearer, createInstitution, login, PASSWORD, type TestInstitution, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let alpha: TestInstitution;
let beta: TestInstitution;
let alphaStaffId: string;
let alphaStaff2Id: string;
let betaStaffId: string;

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

interface UserBody {
  id: string;
  email: string;
  name: string;
  role: string;
  staffId: string | null;
  locale: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

const listUsers = async (admin: TestUser, query: Record<string, string> = {}) => {
  const response = await t.http().get('/api/users').query({ range: '[0,999]', ...query }).set(bearer(admin)).expect(200);
  return response.body as UserBody[];
};

const createStaff = async (admin: TestUser, code: string): Promise<string> => {
  const response = await t.http().post('/api/staff').set(bearer(admin)).send({ code, name: `Staff ${code}`, tier: 'junior' }).expect(201);
  return (response.body as { id: string }).id;
};

const newUser = (overrides: Record<string, unknown> = {}) => ({
  email: `user.${Math.random().toString(36).slice(2, 10)}@alpha.test`,
  name: 'New User',
  password: 'long enough password',
  role: 'quality_officer',
  ...overrides,
});

beforeAll(async () => {
  t = await startTestApp();
  alpha = await createInstitution(t, 'Alpha');
  beta = await createInstitution(t, 'Beta');
  alphaStaffId = await createStaff(alpha.admin, 'A-001');
  alphaStaff2Id = await createStaff(alpha.admin, 'A-002');
  betaStaffId = await createStaff(beta.admin, 'B-001');
}, 120_000);
afterAll(async () => t?.close());

describe('users: roles', () => {
  it('is for admins only: every other role gets 403 on every endpoint', async () => {
    for (const user of [alpha.quality, alpha.manager, alpha.staff]) {
      await t.http().get('/api/users').set(bearer(user)).expect(403);
      await t.http().get(`/api/users/${alpha.admin.id}`).set(bearer(user)).expect(403);
      await t.http().post('/api/users').set(bearer(user)).send(newUser()).expect(403);
      await t.http().put(`/api/users/${user.id}`).set(bearer(user)).send({ name: 'Me' }).expect(403);
      await t.http().delete(`/api/users/${alpha.staff.id}`).set(bearer(user)).expect(403);
    }
  });

  it('needs a token', async () => {
    await t.http().get('/api/users').expect(401);
  });
});

describe('users: list', () => {
  it('lists the institution users with Content-Range and never a password hash', async () => {
    const response = await t.http().get('/api/users').set(bearer(alpha.admin)).expect(200);
    expect(response.headers['content-range']).toMatch(/^users 0-\d+\/\d+$/);
    const users = response.body as Array<Record<string, unknown>>;
    expect(users.map((u) => u.id)).toEqual(expect.arrayContaining([alpha.admin.id, alpha.quality.id, alpha.manager.id, alpha.staff.id]));
    for (const user of users) {
      expect(Object.keys(user).sort()).toEqual(['active', 'createdAt', 'email', 'id', 'locale', 'name', 'role', 'staffId', 'updatedAt']);
      expect(JSON.stringify(user)).not.toMatch(/\$2[aby]\$/);
    }
  });

  it('sorts and pages', async () => {
    const all = await listUsers(alpha.admin, { sort: '["email","ASC"]' });
    const emails = all.map((u) => u.email);
    expect(emails).toEqual([...emails].sort());
    const desc = await listUsers(alpha.admin, { sort: '["email","DESC"]' });
    expect(desc.map((u) => u.email)).toEqual([...emails].reverse());
    const idsAsc = (await listUsers(alpha.admin, { sort: '["id","ASC"]' })).map((u) => u.id);
    expect(idsAsc).toEqual([...idsAsc].sort());
    const idsDesc = (await listUsers(alpha.admin, { sort: '["id","DESC"]' })).map((u) => u.id);
    expect(idsDesc).toEqual([...idsAsc].reverse());
    const page = await t.http().get('/api/users').query({ sort: '["email","ASC"]', range: '[1,2]' }).set(bearer(alpha.admin)).expect(200);
    expect(page.headers['content-range']).toBe(`users 1-2/${all.length}`);
    expect((page.body as UserBody[]).map((u) => u.email)).toEqual(emails.slice(1, 3));
    const beyond = await t.http().get('/api/users').query({ range: '[500,509]' }).set(bearer(alpha.admin)).expect(200);
    expect(beyond.body).toEqual([]);
    expect(beyond.headers['content-range']).toBe(`users 500-500/${all.length}`);
  });

  it('filters by q, role, active, staffId and id (getMany)', async () => {
    const byRole = await listUsers(alpha.admin, { filter: JSON.stringify({ role: 'manager' }) });
    expect(byRole.map((u) => u.id)).toEqual([alpha.manager.id]);
    const byQ = await listUsers(alpha.admin, { filter: JSON.stringify({ q: alpha.quality.email.slice(0, 12).toUpperCase() }) });
    expect(byQ.map((u) => u.id)).toEqual([alpha.quality.id]);
    const byName = await listUsers(alpha.admin, { filter: JSON.stringify({ q: 'manager ' }) });
    expect(byName.map((u) => u.id)).toEqual([alpha.manager.id]);
    const literal = await listUsers(alpha.admin, { filter: JSON.stringify({ q: '%' }) });
    expect(literal).toEqual([]);
    const many = await listUsers(alpha.admin, { filter: JSON.stringify({ id: [alpha.admin.id, alpha.staff.id, beta.admin.id] }) });
    expect(many.map((u) => u.id).sort()).toEqual([alpha.admin.id, alpha.staff.id].sort());
    const one = await listUsers(alpha.admin, { filter: JSON.stringify({ id: alpha.staff.id }) });
    expect(one.map((u) => u.id)).toEqual([alpha.staff.id]);
    const active = await listUsers(alpha.admin, { filter: JSON.stringify({ active: true }) });
    expect(active.every((u) => u.active)).toBe(true);
  });

  it('answers 400 to a bad sort, range or filter', async () => {
    const badSort = await t.http().get('/api/users').query({ sort: '["passwordHash","ASC"]' }).set(bearer(alpha.admin)).expect(400);
    expect(badSort.body.details[0]).toMatchObject({ path: 'sort[0]' });
    await t.http().get('/api/users').query({ sort: '["email","SIDEWAYS"]' }).set(bearer(alpha.admin)).expect(400);
    await t.http().get('/api/users').query({ range: '[5,1]' }).set(bearer(alpha.admin)).expect(400);
    await t.http().get('/api/users').query({ range: '[0,5000]' }).set(bearer(alpha.admin)).expect(400);
    await t.http().get('/api/users').query({ filter: '{oops' }).set(bearer(alpha.admin)).expect(400);
    const unknown = await t.http().get('/api/users').query({ filter: '{"password":"x"}' }).set(bearer(alpha.admin)).expect(400);
    expect(unknown.body.error).toBe('BadRequest');
    const badRole = await t.http().get('/api/users').query({ filter: '{"role":"boss"}' }).set(bearer(alpha.admin)).expect(400);
    expect(badRole.body.details[0].path).toBe('filter.role');
    await t.http().get('/api/users').query({ filter: '{"id":["not-a-uuid"]}' }).set(bearer(alpha.admin)).expect(400);
  });
});

describe('users: get', () => {
  it('returns one user', async () => {
    const response = await t.http().get(`/api/users/${alpha.manager.id}`).set(bearer(alpha.admin)).expect(200);
    expect(response.body).toMatchObject({ id: alpha.manager.id, email: alpha.manager.email, role: 'manager', active: true, staffId: null });
    expect(response.body).not.toHaveProperty('passwordHash');
  });

  it('answers 404 to an unknown id and 400 to a malformed one', async () => {
    const missing = await t.http().get(`/api/users/${UNKNOWN_ID}`).set(bearer(alpha.admin)).expect(404);
    expect(missing.body).toMatchObject({ statusCode: 404, error: 'NotFound' });
    const malformed = await t.http().get('/api/users/not-a-uuid').set(bearer(alpha.admin)).expect(400);
    expect(malformed.body.details[0].path).toBe('id');
  });
});

describe('users: create', () => {
  it('creates a user who can sign in; email is lowercased, locale defaults to zh, and the audit entry holds no password', async () => {
    const body = newUser({ email: 'Mixed.Case@Alpha.TEST', name: '  Quality Two  ' });
    const response = await t.http().post('/api/users').set(bearer(alpha.admin)).send(body).expect(201);
    const user = response.body as UserBody;
    expect(user).toMatchObject({ email: 'mixed.case@alpha.test', name: 'Quality Two', role: 'quality_officer', locale: 'zh', active: true, staffId: null });
    expect(user).not.toHaveProperty('passwordHash');
    expect(user).not.toHaveProperty('password');
    await login(t, 'mixed.case@alpha.test', body.password);
    // Newest first: the new user's own sign-in, then the admin's create.
    const entries = await auditEntries(t, alpha.admin, { entityType: 'user', entityId: user.id });
    expect(entries.map((e) => [e.action, e.actorId])).toEqual([
      ['login', user.id],
      ['create', alpha.admin.id],
    ]);
    const entry = entries[1];
    expect(entry).toMatchObject({ action: 'create', actorId: alpha.admin.id, changes: { after: { email: 'mixed.case@alpha.test', role: 'quality_officer' } } });
    expect(JSON.stringify(entry.changes)).not.toMatch(/password|\$2[aby]\$/i);
  });

  it('creates a staff login tied to a staff member of the institution', async () => {
    const response = await t.http().post('/api/users').set(bearer(alpha.admin)).send(newUser({ role: 'staff', staffId: alphaStaffId, locale: 'en' })).expect(201);
    expect(response.body).toMatchObject({ role: 'staff', staffId: alphaStaffId, locale: 'en' });
    const token = await login(t, (response.body as UserBody).email, 'long enough password');
    const me = await t.http().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body).toMatchObject({ staffId: alphaStaffId, institutionId: alpha.id });
  });

  it('refuses an email taken in the institution with 409 (in any case) and stores nothing', async () => {
    const before = (await listUsers(alpha.admin)).length;
    const dup = await t.http().post('/api/users').set(bearer(alpha.admin)).send(newUser({ email: alpha.manager.email.toUpperCase() })).expect(409);
    expect(dup.body).toMatchObject({ error: 'Conflict', details: [{ path: 'email', message: 'is already taken in your institution' }] });
    expect(await listUsers(alpha.admin)).toHaveLength(before);
  });

  it("cannot tell another institution's email from a fresh one: both are created alike, sign in alike, and audited alike", async () => {
    const create = (email: string) => t.http().post('/api/users').set(bearer(alpha.admin)).send(newUser({ email, name: 'Probe', password: 'probe password 1' }));
    const freshEmail = `fresh.${Date.now()}@beta.test`;
    const fresh = await create(freshEmail);
    const foreign = await create(beta.manager.email);
    const shape = (response: typeof fresh) => ({
      status: response.status,
      keys: Object.keys(response.body as object).sort(),
      body: { ...(response.body as UserBody), id: '', email: '', createdAt: '', updatedAt: '' },
    });
    expect(shape(foreign)).toEqual(shape(fresh));
    expect(fresh.status).toBe(201);
    for (const response of [fresh, foreign]) {
      const created = response.body as UserBody;
      const [entry] = await auditEntries(t, alpha.admin, { entityType: 'user', entityId: created.id });
      expect(entry).toMatchObject({ action: 'create', actorId: alpha.admin.id, changes: { after: { email: created.email, name: 'Probe', role: 'quality_officer' } } });
      const signedIn = await t.http().post('/api/auth/login').send({ email: created.email, password: 'probe password 1' }).expect(200);
      expect(signedIn.body.user).toMatchObject({ id: created.id, institutionId: alpha.id });
    }
    // Beta's manager still signs in to Beta with their own password, and Beta's users are as they were.
    const beta1 = await t.http().post('/api/auth/login').send({ email: beta.manager.email, password: PASSWORD }).expect(200);
    expect(beta1.body.user).toMatchObject({ id: beta.manager.id, institutionId: beta.id });
    const betaUsers = await listUsers(beta.admin);
    expect(betaUsers.filter((user) => user.email === beta.manager.email).map((user) => user.id)).toEqual([beta.manager.id]);
    expect(betaUsers.map((user) => user.email)).not.toContain(freshEmail);
  });

  it('asks for the institution (409) only when the same email and password open accounts in two, and signs in with institutionId', async () => {
    const shared = await t.http().post('/api/users').set(bearer(alpha.admin)).send(newUser({ email: beta.quality.email, password: PASSWORD, role: 'manager' })).expect(201);
    const ambiguous = await t.http().post('/api/auth/login').send({ email: beta.quality.email, password: PASSWORD }).expect(409);
    expect(ambiguous.body.details).toEqual(
      expect.arrayContaining([
        { path: 'institutionId', code: 'institution_required', message: `may be ${alpha.id} (${alpha.name})` },
        { path: 'institutionId', code: 'institution_required', message: `may be ${beta.id} (${beta.name})` },
      ]),
    );
    const intoAlpha = await t.http().post('/api/auth/login').send({ email: beta.quality.email, password: PASSWORD, institutionId: alpha.id }).expect(200);
    expect(intoAlpha.body.user).toMatchObject({ id: (shared.body as UserBody).id, role: 'manager', institutionId: alpha.id });
    const intoBeta = await t.http().post('/api/auth/login').send({ email: beta.quality.email, password: PASSWORD, institutionId: beta.id }).expect(200);
    expect(intoBeta.body.user).toMatchObject({ id: beta.quality.id, institutionId: beta.id });
    await t.http().post('/api/auth/login').send({ email: beta.quality.email, password: 'wrong password', institutionId: alpha.id }).expect(401);
  });

  it('validates the body (400), unknown fields included', async () => {
    const short = await t.http().post('/api/users').set(bearer(alpha.admin)).send(newUser({ password: 'short' })).expect(400);
    expect(short.body.details).toEqual([{ path: 'password', message: 'must be at least 8 characters', code: 'schema.too_small' }]);
    await t.http().post('/api/users').set(bearer(alpha.admin)).send(newUser({ password: '密码'.repeat(13) })).expect(400);
    await t.http().post('/api/users').set(bearer(alpha.admin)).send(newUser({ role: 'superuser' })).expect(400);
    await t.http().post('/api/users').set(bearer(alpha.admin)).send(newUser({ email: 'nope' })).expect(400);
    await t.http().post('/api/users').set(bearer(alpha.admin)).send(newUser({ locale: 'fr' })).expect(400);
    const extra = await t.http().post('/api/users').set(bearer(alpha.admin)).send(newUser({ passwordHash: 'x' })).expect(400);
    expect(extra.body.error).toBe('BadRequest');
    const missing = await t.http().post('/api/users').set(bearer(alpha.admin)).send({}).expect(400);
    expect(missing.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['email', 'name', 'password', 'role']);
  });

  it('requires a staff member of the institution, not yet linked, for role staff (422/409), storing nothing', async () => {
    const before = (await listUsers(alpha.admin)).length;
    const none = await t.http().post('/api/users').set(bearer(alpha.admin)).send(newUser({ role: 'staff' })).expect(422);
    expect(none.body.details).toEqual([{ path: 'staffId', message: 'is required for role staff' }]);
    const foreign = await t.http().post('/api/users').set(bearer(beta.admin)).send(newUser({ role: 'staff', staffId: alphaStaffId })).expect(422);
    expect(foreign.body.details[0].path).toBe('staffId');
    await t.http().post('/api/users').set(bearer(alpha.admin)).send(newUser({ role: 'staff', staffId: UNKNOWN_ID })).expect(422);
    const linked = await t.http().post('/api/users').set(bearer(alpha.admin)).send(newUser({ role: 'staff', staffId: alphaStaffId })).expect(409);
    expect(linked.body.details[0].path).toBe('staffId');
    expect(await listUsers(alpha.admin)).toHaveLength(before);
  });
});

describe('users: update', () => {
  it('changes name, role, locale and staff link, and audits the difference', async () => {
    const created = (await t.http().post('/api/users').set(bearer(alpha.admin)).send(newUser({ role: 'manager' })).expect(201)).body as UserBody;
    const response = await t.http().put(`/api/users/${created.id}`).set(bearer(alpha.admin)).send({ name: 'Renamed', role: 'staff', staffId: alphaStaff2Id, locale: 'en' }).expect(200);
    expect(response.body).toMatchObject({ id: created.id, name: 'Renamed', role: 'staff', staffId: alphaStaff2Id, locale: 'en', email: created.email });
    const [entry] = await auditEntries(t, alpha.admin, { entityType: 'user', entityId: created.id, action: 'update' });
    expect(entry.changes).toEqual({
      before: { name: 'New User', role: 'manager', staffId: null, locale: 'zh' },
      after: { name: 'Renamed', role: 'staff', staffId: alphaStaff2Id, locale: 'en' },
    });
    const got = await t.http().get(`/api/users/${created.id}`).set(bearer(alpha.admin)).expect(200);
    expect(got.body).toMatchObject({ name: 'Renamed', role: 'staff' });
  });

  it('changes a password: the old one stops working, and the audit says only that it changed', async () => {
    const body = newUser();
    const created = (await t.http().post('/api/users').set(bearer(alpha.admin)).send(body).expect(201)).body as UserBody;
    await t.http().put(`/api/users/${created.id}`).set(bearer(alpha.admin)).send({ password: 'a brand new secret' }).expect(200);
    await t.http().post('/api/auth/login').send({ email: created.email, password: body.password }).expect(401);
    await login(t, created.email, 'a brand new secret');
    const [entry] = await auditEntries(t, alpha.admin, { entityType: 'user', entityId: created.id, action: 'update' });
    expect(entry.changes).toEqual({ before: {}, after: {}, passwordChanged: true });
  });

  it('keeps an admin from demoting or deactivating themselves (409), changing nothing', async () => {
    const demote = await t.http().put(`/api/users/${alpha.admin.id}`).set(bearer(alpha.admin)).send({ role: 'manager', name: 'Not saved' }).expect(409);
    expect(demote.body.details[0].path).toBe('role');
    await t.http().put(`/api/users/${alpha.admin.id}`).set(bearer(alpha.admin)).send({ active: false }).expect(409);
    await t.http().delete(`/api/users/${alpha.admin.id}`).set(bearer(alpha.admin)).expect(409);
    const me = await t.http().get(`/api/users/${alpha.admin.id}`).set(bearer(alpha.admin)).expect(200);
    expect(me.body).toMatchObject({ role: 'admin', active: true });
    expect(me.body.name).not.toBe('Not saved');
    await t.http().put(`/api/users/${alpha.admin.id}`).set(bearer(alpha.admin)).send({ locale: 'zh' }).expect(200);
  });

  it('keeps the manager role while the user manages a team (409)', async () => {
    const manager = (await t.http().post('/api/users').set(bearer(alpha.admin)).send(newUser({ role: 'manager' })).expect(201)).body as UserBody;
    const team = await t.http().post('/api/teams').set(bearer(alpha.admin)).send({ name: 'Ward 7', managerId: manager.id }).expect(201);
    const response = await t.http().put(`/api/users/${manager.id}`).set(bearer(alpha.admin)).send({ role: 'quality_officer' }).expect(409);
    expect(response.body.message).toMatch(/Ward 7/);
    await t.http().put(`/api/teams/${team.body.id as string}`).set(bearer(alpha.admin)).send({ managerId: null }).expect(200);
    await t.http().put(`/api/users/${manager.id}`).set(bearer(alpha.admin)).send({ role: 'quality_officer' }).expect(200);
  });

  it('requires a staff member when the role becomes staff (422)', async () => {
    const response = await t.http().put(`/api/users/${alpha.quality.id}`).set(bearer(alpha.admin)).send({ role: 'staff' }).expect(422);
    expect(response.body.details[0].path).toBe('staffId');
    const got = await t.http().get(`/api/users/${alpha.quality.id}`).set(bearer(alpha.admin)).expect(200);
    expect(got.body.role).toBe('quality_officer');
  });

  it('rejects unknown and read-only fields (400) and unknown ids (404)', async () => {
    await t.http().put(`/api/users/${alpha.quality.id}`).set(bearer(alpha.admin)).send({ email: 'changed@alpha.test' }).expect(400);
    await t.http().put(`/api/users/${alpha.quality.id}`).set(bearer(alpha.admin)).send({ name: '' }).expect(400);
    await t.http().put(`/api/users/${alpha.quality.id}`).set(bearer(alpha.admin)).send({ password: 'short' }).expect(400);
    await t.http().put(`/api/users/${UNKNOWN_ID}`).set(bearer(alpha.admin)).send({ name: 'x' }).expect(404);
    await t.http().put('/api/users/123').set(bearer(alpha.admin)).send({ name: 'x' }).expect(400);
  });
});

describe('users: delete deactivates', () => {
  it('sets active=false, keeps the row, stops sign-in, and is audited once', async () => {
    const body = newUser();
    const created = (await t.http().post('/api/users').set(bearer(alpha.admin)).send(body).expect(201)).body as UserBody;
    const response = await t.http().delete(`/api/users/${created.id}`).set(bearer(alpha.admin)).expect(200);
    expect(response.body).toMatchObject({ id: created.id, active: false });
    await t.http().get(`/api/users/${created.id}`).set(bearer(alpha.admin)).expect(200);
    const inactive = await listUsers(alpha.admin, { filter: JSON.stringify({ active: false }) });
    expect(inactive.map((u) => u.id)).toContain(created.id);
    await t.http().post('/api/auth/login').send({ email: created.email, password: body.password }).expect(401);
    await t.http().delete(`/api/users/${created.id}`).set(bearer(alpha.admin)).expect(200);
    const entries = await auditEntries(t, alpha.admin, { entityType: 'user', entityId: created.id, action: 'delete' });
    expect(entries).toHaveLength(1);
    expect(entries[0].changes).toEqual({ before: { active: true }, after: { active: false } });
    await t.http().put(`/api/users/${created.id}`).set(bearer(alpha.admin)).send({ active: true }).expect(200);
    await login(t, created.email, body.password);
  });

  it('answers 404 for an unknown id', async () => {
    await t.http().delete(`/api/users/${UNKNOWN_ID}`).set(bearer(alpha.admin)).expect(404);
  });

  it('revokes a signed-in user at once: a deactivated account or a changed role applies to tokens already issued', async () => {
    const body = newUser({ role: 'quality_officer' });
    const created = (await t.http().post('/api/users').set(bearer(alpha.admin)).send(body).expect(201)).body as UserBody;
    const token = await login(t, created.email, body.password);
    await t.http().get('/api/teams').set('Authorization', `Bearer ${token}`).expect(200);
    await t.http().put(`/api/users/${created.id}`).set(bearer(alpha.admin)).send({ role: 'manager' }).expect(200);
    expect((await t.http().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200)).body.role).toBe('manager');
    await t.http().delete(`/api/users/${created.id}`).set(bearer(alpha.admin)).expect(200);
    const refused = await t.http().get('/api/teams').set('Authorization', `Bearer ${token}`).expect(401);
    expect(refused.body.message).toMatch(/disabled/);
  });
});

describe('users: isolation between institutions', () => {
  it("gives Beta's admin 404 for Alpha's users and never lists them", async () => {
    await t.http().get(`/api/users/${alpha.manager.id}`).set(bearer(beta.admin)).expect(404);
    await t.http().put(`/api/users/${alpha.manager.id}`).set(bearer(beta.admin)).send({ name: 'Hijacked' }).expect(404);
    await t.http().delete(`/api/users/${alpha.manager.id}`).set(bearer(beta.admin)).expect(404);
    const listed = await listUsers(beta.admin);
    expect(listed.map((u) => u.id).sort()).toEqual([beta.admin.id, beta.quality.id, beta.manager.id, beta.staff.id].sort());
    const searched = await listUsers(beta.admin, { filter: JSON.stringify({ q: 'alpha' }) });
    expect(searched).toEqual([]);
    const got = await t.http().get(`/api/users/${alpha.manager.id}`).set(bearer(alpha.admin)).expect(200);
    expect(got.body).toMatchObject({ active: true });
    expect(got.body.name).not.toBe('Hijacked');
  });

  it("lets Beta link its own staff but not Alpha's", async () => {
    await t.http().post('/api/users').set(bearer(beta.admin)).send(newUser({ role: 'staff', staffId: betaStaffId })).expect(201);
    await t.http().put(`/api/users/${beta.quality.id}`).set(bearer(beta.admin)).send({ staffId: alphaStaff2Id }).expect(422);
  });
});
