import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createInstitution, PASSWORD, type TestInstitution } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let clinic: TestInstitution;

beforeAll(async () => {
  t = await startTestApp();
  clinic = await createInstitution(t);
}, 60_000);
afterAll(async () => t?.close());

describe('auth', () => {
  it('signs in with email and password and returns a token and the user', async () => {
    const response = await t.http().post('/api/auth/login').send({ email: clinic.admin.email.toUpperCase(), password: PASSWORD }).expect(200);
    expect(response.body).toMatchObject({ token: expect.any(String), user: { email: clinic.admin.email, role: 'admin', institutionId: clinic.id } });
    const me = await t.http().get('/api/auth/me').set('Authorization', `Bearer ${response.body.token as string}`).expect(200);
    expect(me.body).toMatchObject({ id: clinic.admin.id, institutionName: clinic.name });
  });

  it('rejects a wrong password with 401 and records the failure in the audit log', async () => {
    const response = await t.http().post('/api/auth/login').send({ email: clinic.manager.email, password: 'nope' }).expect(401);
    expect(response.body).toEqual({ statusCode: 401, error: 'Unauthenticated', message: 'wrong email or password', details: [] });
    const audit = await t.http().get('/api/audit-log').query({ filter: JSON.stringify({ action: 'login_failed' }) }).set(bearer(clinic.admin)).expect(200);
    expect(audit.body[0]).toMatchObject({ action: 'login_failed', actorEmail: clinic.manager.email, changes: { reason: 'wrong password' } });
  });

  it('rate-limits repeated failures', async () => {
    const email = 'nobody@nowhere.test';
    for (let i = 0; i < 5; i += 1) await t.http().post('/api/auth/login').send({ email, password: 'x' }).expect(401);
    const limited = await t.http().post('/api/auth/login').send({ email, password: 'x' }).expect(429);
    expect(limited.body.message).toMatch(/too many failed sign-ins/);
  });

  it('validates the login body', async () => {
    const response = await t.http().post('/api/auth/login').send({ email: 'not-an-email', password: '' }).expect(400);
    expect(response.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['email', 'password']);
    await t.http().post('/api/auth/login').send({ email: clinic.admin.email, password: PASSWORD, extra: 1 }).expect(400);
  });

  it('requires a valid token everywhere but login, health and docs', async () => {
    await t.http().get('/api/auth/me').expect(401);
    await t.http().get('/api/audit-log').set('Authorization', 'Bearer forged.token.value').expect(401);
    await t.http().get('/api/health').expect(200, { status: 'ok', mode: t.mode === 'postgres' ? 'production' : 'embedded', database: 'up', queue: 'in-process' });
    const docs = await t.http().get('/api/docs/openapi.json').expect(200);
    expect(Object.keys(docs.body.paths as object)).toContain('/api/auth/login');
  });

  it('documents request bodies in OpenAPI from the zod schemas', async () => {
    const docs = await t.http().get('/api/docs/openapi.json').expect(200);
    const login = docs.body.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema).toMatchObject({ type: 'object', required: ['email', 'password'] });
  });

  it('answers malformed JSON with 400 and an oversize body with 413', async () => {
    const malformed = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": ').expect(400);
    expect(malformed.body.error).toBe('BadRequest');
    await t.http().post('/api/auth/login').send({ email: 'a@b.test', password: 'x'.repeat(300_000) }).expect(413);
  });
});

describe('the account’s language', () => {
  it('is saved by its user (audited), returned by the next sign-in, and refused when unknown', async () => {
    const saved = await t.http().put('/api/auth/me/locale').set(bearer(clinic.manager)).send({ locale: 'zh' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ id: clinic.manager.id, locale: 'zh' });
    const login = await t.http().post('/api/auth/login').send({ email: clinic.manager.email, password: PASSWORD }).expect(200);
    expect(login.body.user.locale).toBe('zh');
    const entries = (await t.http().get('/api/audit-log').query({ filter: JSON.stringify({ entityType: 'user', entityId: clinic.manager.id }) }).set(bearer(clinic.admin)).expect(200)).body as Array<{ action: string; actorId: string; changes: unknown }>;
    expect(entries.filter((entry) => entry.action === 'update')).toEqual([expect.objectContaining({ actorId: clinic.manager.id, changes: { locale: { before: 'en', after: 'zh' } } })]);
    // The same language again changes nothing and writes no entry.
    await t.http().put('/api/auth/me/locale').set(bearer(clinic.manager)).send({ locale: 'zh' }).expect(200);
    const again = (await t.http().get('/api/audit-log').query({ filter: JSON.stringify({ entityType: 'user', entityId: clinic.manager.id }) }).set(bearer(clinic.admin)).expect(200)).body as Array<{ action: string }>;
    expect(again.filter((entry) => entry.action === 'update')).toHaveLength(1);
    const bad = await t.http().put('/api/auth/me/locale').set(bearer(clinic.manager)).send({ locale: 'fr' });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].path).toBe('locale');
    await t.http().put('/api/auth/me/locale').send({ locale: 'en' }).expect(401);
  });
});

describe('audit log', () => {
  it('is readable by admins only', async () => {
    await t.http().get('/api/audit-log').set(bearer(clinic.quality)).expect(403);
    const list = await t.http().get('/api/audit-log').query({ range: '[0,1]', sort: '["id","DESC"]' }).set(bearer(clinic.admin)).expect(200);
    expect(list.headers['content-range']).toMatch(/^audit-log 0-\d+\/\d+$/);
  });

  it('rejects bad list parameters with 400', async () => {
    const bad = await t.http().get('/api/audit-log').query({ sort: '["password","ASC"]' }).set(bearer(clinic.admin)).expect(400);
    expect(bad.body.details[0]).toMatchObject({ path: 'sort[0]' });
    await t.http().get('/api/audit-log').query({ range: '[5,1]' }).set(bearer(clinic.admin)).expect(400);
    await t.http().get('/api/audit-log').query({ filter: '{not json' }).set(bearer(clinic.admin)).expect(400);
    await t.http().get('/api/audit-log').query({ filter: '{"colour":"red"}' }).set(bearer(clinic.admin)).expect(400);
  });

  it('is append-only in the database itself', async () => {
    // The app's role: on PostgreSQL it has no right to change the log; on PGlite (one role, the owner) the triggers refuse.
    const dataSource = t.app.get(DataSource);
    const refusal = t.mode === 'postgres' ? /permission denied for table audit_log/ : /append-only/;
    await expect(dataSource.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(refusal);
    await expect(dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow(refusal);
    await expect(dataSource.query(`TRUNCATE audit_log`)).rejects.toThrow(refusal);
    // The owner is refused by the triggers (unless it disables them: the hash chain shows that, audit-chain.e2e.spec.ts).
    await expect(t.ownerQuery(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.ownerQuery(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.ownerQuery(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });
});
