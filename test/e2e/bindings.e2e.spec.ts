import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from './support/audit-entries';
import { type StoredDocument, storeDocument } from './support/documents-fixture';
import { bearer, createInstitution, type TestInstitution, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let alpha: TestInstitution;
let beta: TestInstitution;

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

interface BindingBody {
  id: string;
  period: string;
  teamId: string | null;
  teamName: string | null;
  documentId: string;
  documentKey: string;
  documentVersionId: string;
  version: number;
  versionStatus: string;
  createdBy: string | null;
}

/** Alpha: hm-3d9i (monthly) v1, v2 published, v3 draft; career-tiers (quarterly) v1 published, v2 retired; a workflow. */
let monthly: StoredDocument;
let quarterly: StoredDocument;
let workflow: StoredDocument;
let betaMonthly: StoredDocument;
let cardiologyId: string;
let oncologyId: string;
let betaTeamId: string;

const createTeam = async (admin: TestUser, name: string) => ((await t.http().post('/api/teams').set(bearer(admin)).send({ name }).expect(201)).body as { id: string }).id;
const bind = (user: TestUser, body: Record<string, unknown>) => t.http().post('/api/bindings').set(bearer(user)).send(body);
const listBindings = async (user: TestUser, query: Record<string, string> = {}) => {
  const response = await t.http().get('/api/bindings').query({ range: '[0,999]', ...query }).set(bearer(user)).expect(200);
  return { items: response.body as BindingBody[], range: response.headers['content-range'] as string };
};

let marchAll: BindingBody;
let marchCardiology: BindingBody;
let q1All: BindingBody;

beforeAll(async () => {
  t = await startTestApp();
  alpha = await createInstitution(t, 'Alpha');
  beta = await createInstitution(t, 'Beta');
  monthly = await storeDocument(t, alpha.id, 'hm-3d9i', ['published', 'published', 'draft']);
  quarterly = await storeDocument(t, alpha.id, 'career-tiers', ['published', 'retired']);
  workflow = await storeDocument(t, alpha.id, 'negative-feedback', ['published']);
  betaMonthly = await storeDocument(t, beta.id, 'hm-3d9i', ['published']);
  cardiologyId = await createTeam(alpha.admin, 'Cardiology');
  oncologyId = await createTeam(alpha.admin, 'Oncology');
  betaTeamId = await createTeam(beta.admin, 'Cardiology');
}, 120_000);
afterAll(async () => t?.close());

describe('bindings: create', () => {
  it('binds a period for the whole institution to a published scheme version, and audits it', async () => {
    const response = await bind(alpha.admin, { period: '2026-03', documentId: monthly.id, version: 1 }).expect(201);
    marchAll = response.body as BindingBody;
    expect(marchAll).toMatchObject({
      period: '2026-03',
      teamId: null,
      teamName: null,
      documentId: monthly.id,
      documentKey: 'hm-3d9i',
      documentVersionId: monthly.versions[1],
      version: 1,
      versionStatus: 'published',
      createdBy: alpha.admin.id,
    });
    const [entry] = await auditEntries(t, alpha.admin, { entityType: 'binding', entityId: marchAll.id });
    expect(entry).toMatchObject({ action: 'bind', changes: { after: { period: '2026-03', teamId: null, documentKey: 'hm-3d9i', version: 1 } } });
  });

  it('binds a team override and a quarterly scheme', async () => {
    marchCardiology = (await bind(alpha.admin, { period: '2026-03', teamId: cardiologyId, documentId: monthly.id, version: 2 }).expect(201)).body as BindingBody;
    expect(marchCardiology).toMatchObject({ teamId: cardiologyId, teamName: 'Cardiology', version: 2 });
    q1All = (await bind(alpha.admin, { period: '2026-Q1', teamId: null, documentId: quarterly.id, version: 1 }).expect(201)).body as BindingBody;
    expect(q1All).toMatchObject({ period: '2026-Q1', documentKey: 'career-tiers', version: 1 });
  });

  it('allows one binding per (period, team-or-all): duplicates are 409 and store nothing', async () => {
    const before = await listBindings(alpha.admin);
    const all = await bind(alpha.admin, { period: '2026-03', documentId: monthly.id, version: 2 }).expect(409);
    expect(all.body).toMatchObject({ error: 'Conflict', details: [{ path: 'period' }] });
    expect(all.body.message).toMatch(/whole institution/);
    const team = await bind(alpha.admin, { period: '2026-03', teamId: cardiologyId, documentId: monthly.id, version: 1 }).expect(409);
    expect(team.body.details[0].path).toBe('teamId');
    expect(await listBindings(alpha.admin)).toEqual(before);
  });

  it('binds only published versions of schemes whose period kind fits (422 with the path), storing nothing', async () => {
    const before = await listBindings(alpha.admin);
    const auditBefore = await auditEntries(t, alpha.admin, { entityType: 'binding' });
    const draft = await bind(alpha.admin, { period: '2026-04', documentId: monthly.id, version: 3 }).expect(422);
    expect(draft.body.details).toEqual([{ path: 'version', message: 'must be a published version, not draft' }]);
    const retired = await bind(alpha.admin, { period: '2026-Q2', documentId: quarterly.id, version: 2 }).expect(422);
    expect(retired.body.details).toEqual([{ path: 'version', message: 'must be a published version, not retired' }]);
    const missing = await bind(alpha.admin, { period: '2026-04', documentId: monthly.id, version: 9 }).expect(422);
    expect(missing.body.details[0].path).toBe('version');
    const notScheme = await bind(alpha.admin, { period: '2026-04', documentId: workflow.id, version: 1 }).expect(422);
    expect(notScheme.body.details).toEqual([{ path: 'documentId', message: 'must be a scheme' }]);
    const quarterForMonthly = await bind(alpha.admin, { period: '2026-Q2', documentId: monthly.id, version: 1 }).expect(422);
    expect(quarterForMonthly.body.details).toEqual([{ path: 'period', message: 'must be a month for hm-3d9i (like 2026-03)' }]);
    expect(quarterForMonthly.body.message).toMatch(/2026-Q2 is a quarter, but the scheme is evaluated per month/);
    const monthForQuarterly = await bind(alpha.admin, { period: '2026-04', documentId: quarterly.id, version: 1 }).expect(422);
    expect(monthForQuarterly.body.details[0].path).toBe('period');
    const unknownDocument = await bind(alpha.admin, { period: '2026-04', documentId: UNKNOWN_ID, version: 1 }).expect(422);
    expect(unknownDocument.body.details[0].path).toBe('documentId');
    const unknownTeam = await bind(alpha.admin, { period: '2026-04', teamId: UNKNOWN_ID, documentId: monthly.id, version: 1 }).expect(422);
    expect(unknownTeam.body.details[0].path).toBe('teamId');
    expect(await listBindings(alpha.admin)).toEqual(before);
    expect(await auditEntries(t, alpha.admin, { entityType: 'binding' })).toEqual(auditBefore);
  });

  it('validates the body (400)', async () => {
    const badPeriod = await bind(alpha.admin, { period: '2026-13', documentId: monthly.id, version: 1 }).expect(400);
    expect(badPeriod.body.details[0]).toEqual({ path: 'period', message: 'must be a month like 2026-03 or a quarter like 2026-Q1', code: 'schema.invalid_format' });
    await bind(alpha.admin, { period: '2026-Q5', documentId: monthly.id, version: 1 }).expect(400);
    await bind(alpha.admin, { period: '2026-04', documentId: monthly.id, version: 0 }).expect(400);
    await bind(alpha.admin, { period: '2026-04', documentId: monthly.id, version: '1' }).expect(400);
    await bind(alpha.admin, { period: '2026-04', documentId: 'hm-3d9i', version: 1 }).expect(400);
    await bind(alpha.admin, { period: '2026-04', documentId: monthly.id, version: 1, documentVersionId: monthly.versions[1] }).expect(400);
    const missing = await bind(alpha.admin, {}).expect(400);
    expect(missing.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['documentId', 'period', 'version']);
  });
});

describe('bindings: read', () => {
  it('lists with Content-Range, documentKey and teamName; sorts and pages', async () => {
    const byPeriod = await listBindings(alpha.admin, { sort: '["period","ASC"]' });
    expect(byPeriod.items.map((b) => b.period)).toEqual(['2026-03', '2026-03', '2026-Q1']);
    const all = await listBindings(alpha.admin, { sort: '["createdAt","ASC"]' });
    expect(all.range).toBe('bindings 0-2/3');
    expect(all.items.map((b) => [b.period, b.teamName, b.documentKey, b.version])).toEqual([
      ['2026-03', null, 'hm-3d9i', 1],
      ['2026-03', 'Cardiology', 'hm-3d9i', 2],
      ['2026-Q1', null, 'career-tiers', 1],
    ]);
    const desc = await listBindings(alpha.admin, { sort: '["version","DESC"]' });
    expect(desc.items[0].id).toBe(marchCardiology.id);
    const page = await t.http().get('/api/bindings').query({ sort: '["period","DESC"]', range: '[0,0]' }).set(bearer(alpha.admin)).expect(200);
    expect(page.headers['content-range']).toBe('bindings 0-0/3');
    expect(page.body.map((b: BindingBody) => b.id)).toEqual([q1All.id]);
  });

  it('filters by period, teamId (or null for institution-wide), documentId, q and id (getMany)', async () => {
    const ids = async (filter: Record<string, unknown>) => (await listBindings(alpha.admin, { filter: JSON.stringify(filter), sort: '["createdAt","ASC"]' })).items.map((b) => b.id);
    expect(await ids({ period: '2026-03' })).toEqual([marchAll.id, marchCardiology.id]);
    expect(await ids({ teamId: cardiologyId })).toEqual([marchCardiology.id]);
    expect(await ids({ teamId: null })).toEqual([marchAll.id, q1All.id]);
    expect(await ids({ documentId: quarterly.id })).toEqual([q1All.id]);
    expect(await ids({ q: 'career' })).toEqual([q1All.id]);
    expect(await ids({ q: 'cardio' })).toEqual([marchCardiology.id]);
    expect(await ids({ q: 'Q1' })).toEqual([q1All.id]);
    expect(await ids({ id: [marchAll.id, q1All.id] })).toEqual([marchAll.id, q1All.id]);
  });

  it('answers 400 to bad list parameters', async () => {
    await t.http().get('/api/bindings').query({ sort: '["documentKey","ASC"]' }).set(bearer(alpha.admin)).expect(400);
    await t.http().get('/api/bindings').query({ range: '[-1,3]' }).set(bearer(alpha.admin)).expect(400);
    await t.http().get('/api/bindings').query({ filter: '{"period":"March"}' }).set(bearer(alpha.admin)).expect(400);
    await t.http().get('/api/bindings').query({ filter: '{"institutionId":"x"}' }).set(bearer(alpha.admin)).expect(400);
  });

  it('gets one binding; 404 for unknown ids, 400 for malformed', async () => {
    const response = await t.http().get(`/api/bindings/${marchCardiology.id}`).set(bearer(alpha.admin)).expect(200);
    expect(response.body).toEqual(marchCardiology);
    await t.http().get(`/api/bindings/${UNKNOWN_ID}`).set(bearer(alpha.admin)).expect(404);
    await t.http().get('/api/bindings/2026-03').set(bearer(alpha.admin)).expect(400);
  });
});

describe('bindings: resolve', () => {
  const resolve = (user: TestUser, query: Record<string, string>) => t.http().get('/api/bindings/resolve').query(query).set(bearer(user));

  it("prefers the team's override, else the institution-wide binding", async () => {
    expect((await resolve(alpha.admin, { period: '2026-03', teamId: cardiologyId }).expect(200)).body).toMatchObject({ id: marchCardiology.id, version: 2 });
    expect((await resolve(alpha.admin, { period: '2026-03', teamId: oncologyId }).expect(200)).body).toMatchObject({ id: marchAll.id, version: 1 });
    expect((await resolve(alpha.admin, { period: '2026-03' }).expect(200)).body).toMatchObject({ id: marchAll.id });
    expect((await resolve(alpha.manager, { period: '2026-Q1', teamId: cardiologyId }).expect(200)).body).toMatchObject({ id: q1All.id, documentKey: 'career-tiers' });
  });

  it('answers 404 when nothing is bound or the team is unknown, 400 for a bad period', async () => {
    const none = await resolve(alpha.admin, { period: '2026-04', teamId: cardiologyId }).expect(404);
    expect(none.body.message).toMatch(/binding for period 2026-04/);
    await resolve(alpha.admin, { period: '2026-03', teamId: UNKNOWN_ID }).expect(404);
    await resolve(alpha.admin, { period: '2026-13' }).expect(400);
    await resolve(alpha.admin, {}).expect(400);
    await resolve(alpha.admin, { period: '2026-03', team: 'Cardiology' }).expect(400);
  });
});

describe('bindings: update (rebind) and delete (unbind)', () => {
  it('rebinds to another published version and audits before and after', async () => {
    const response = await t.http().put(`/api/bindings/${marchAll.id}`).set(bearer(alpha.admin)).send({ documentId: monthly.id, version: 2 }).expect(200);
    expect(response.body).toMatchObject({ id: marchAll.id, period: '2026-03', teamId: null, version: 2, documentVersionId: monthly.versions[2], documentKey: 'hm-3d9i' });
    const [entry] = await auditEntries(t, alpha.admin, { entityType: 'binding', entityId: marchAll.id, action: 'rebind' });
    expect(entry.changes).toEqual({
      period: '2026-03',
      teamId: null,
      before: { documentId: monthly.id, documentKey: 'hm-3d9i', version: 1, documentVersionId: monthly.versions[1] },
      after: { documentId: monthly.id, documentKey: 'hm-3d9i', version: 2, documentVersionId: monthly.versions[2] },
    });
    const sameAgain = await t.http().put(`/api/bindings/${marchAll.id}`).set(bearer(alpha.admin)).send({ version: 2 }).expect(200);
    expect(sameAgain.body.version).toBe(2);
    expect(await auditEntries(t, alpha.admin, { entityType: 'binding', entityId: marchAll.id, action: 'rebind' })).toHaveLength(1);
  });

  it('refuses to rebind to a draft, a retired version, a workflow or a scheme of the wrong period kind (422), changing nothing', async () => {
    await t.http().put(`/api/bindings/${marchAll.id}`).set(bearer(alpha.admin)).send({ version: 3 }).expect(422);
    const kind = await t.http().put(`/api/bindings/${marchAll.id}`).set(bearer(alpha.admin)).send({ documentId: quarterly.id, version: 1 }).expect(422);
    expect(kind.body.details[0].path).toBe('period');
    await t.http().put(`/api/bindings/${q1All.id}`).set(bearer(alpha.admin)).send({ version: 2 }).expect(422);
    await t.http().put(`/api/bindings/${marchAll.id}`).set(bearer(alpha.admin)).send({ documentId: workflow.id, version: 1 }).expect(422);
    await t.http().put(`/api/bindings/${marchAll.id}`).set(bearer(alpha.admin)).send({ period: '2026-04', version: 1 }).expect(400);
    await t.http().put(`/api/bindings/${marchAll.id}`).set(bearer(alpha.admin)).send({}).expect(400);
    await t.http().put(`/api/bindings/${UNKNOWN_ID}`).set(bearer(alpha.admin)).send({ version: 1 }).expect(404);
    expect((await t.http().get(`/api/bindings/${marchAll.id}`).set(bearer(alpha.admin)).expect(200)).body).toMatchObject({ version: 2, documentId: monthly.id });
    expect((await t.http().get(`/api/bindings/${q1All.id}`).set(bearer(alpha.admin)).expect(200)).body).toMatchObject({ version: 1 });
  });

  it('keeps a team with bindings from being deleted (409)', async () => {
    const response = await t.http().delete(`/api/teams/${cardiologyId}`).set(bearer(alpha.admin)).expect(409);
    expect(response.body.message).toMatch(/period binding/);
  });

  it('unbinds (audited), after which resolve falls back to the institution-wide binding', async () => {
    const removed = await t.http().delete(`/api/bindings/${marchCardiology.id}`).set(bearer(alpha.admin)).expect(200);
    expect(removed.body).toMatchObject({ id: marchCardiology.id, teamName: 'Cardiology' });
    await t.http().get(`/api/bindings/${marchCardiology.id}`).set(bearer(alpha.admin)).expect(404);
    await t.http().delete(`/api/bindings/${marchCardiology.id}`).set(bearer(alpha.admin)).expect(404);
    const [entry] = await auditEntries(t, alpha.admin, { entityType: 'binding', entityId: marchCardiology.id, action: 'unbind' });
    expect(entry.changes).toMatchObject({ before: { period: '2026-03', teamId: cardiologyId, documentKey: 'hm-3d9i', version: 2 } });
    const resolved = await t.http().get('/api/bindings/resolve').query({ period: '2026-03', teamId: cardiologyId }).set(bearer(alpha.admin)).expect(200);
    expect(resolved.body.id).toBe(marchAll.id);
    await t.http().delete(`/api/teams/${cardiologyId}`).set(bearer(alpha.admin)).expect(200);
  });
});

describe('bindings: roles', () => {
  it('is readable by admin, quality officer and manager; writable by admin only; not for staff', async () => {
    for (const user of [alpha.quality, alpha.manager]) {
      await t.http().get('/api/bindings').set(bearer(user)).expect(200);
      await t.http().get(`/api/bindings/${marchAll.id}`).set(bearer(user)).expect(200);
      await t.http().get('/api/bindings/resolve').query({ period: '2026-03' }).set(bearer(user)).expect(200);
      await bind(user, { period: '2026-05', documentId: monthly.id, version: 1 }).expect(403);
      await t.http().put(`/api/bindings/${marchAll.id}`).set(bearer(user)).send({ version: 1 }).expect(403);
      await t.http().delete(`/api/bindings/${marchAll.id}`).set(bearer(user)).expect(403);
    }
    await t.http().get('/api/bindings').set(bearer(alpha.staff)).expect(403);
    await t.http().get(`/api/bindings/${marchAll.id}`).set(bearer(alpha.staff)).expect(403);
    await t.http().get('/api/bindings/resolve').query({ period: '2026-03' }).set(bearer(alpha.staff)).expect(403);
    await t.http().get('/api/bindings').expect(401);
  });
});

describe('bindings: isolation between institutions', () => {
  it("gives Beta's admin 404 for Alpha's bindings and never lists or resolves them", async () => {
    await t.http().get(`/api/bindings/${marchAll.id}`).set(bearer(beta.admin)).expect(404);
    await t.http().put(`/api/bindings/${marchAll.id}`).set(bearer(beta.admin)).send({ documentId: betaMonthly.id, version: 1 }).expect(404);
    await t.http().delete(`/api/bindings/${marchAll.id}`).set(bearer(beta.admin)).expect(404);
    expect((await listBindings(beta.admin)).items).toEqual([]);
    expect((await listBindings(beta.admin, { filter: JSON.stringify({ id: [marchAll.id] }) })).items).toEqual([]);
    await t.http().get('/api/bindings/resolve').query({ period: '2026-03' }).set(bearer(beta.admin)).expect(404);
    await t.http().get('/api/bindings/resolve').query({ period: '2026-03', teamId: oncologyId }).set(bearer(beta.admin)).expect(404);
    expect((await t.http().get(`/api/bindings/${marchAll.id}`).set(bearer(alpha.admin)).expect(200)).body.version).toBe(2);
  });

  it("keeps Beta from binding Alpha's documents or teams, and Alpha from Beta's (422)", async () => {
    const foreignDocument = await bind(beta.admin, { period: '2026-03', documentId: monthly.id, version: 1 }).expect(422);
    expect(foreignDocument.body.details).toEqual([{ path: 'documentId', message: 'no such document in your institution' }]);
    const foreignTeam = await bind(beta.admin, { period: '2026-03', teamId: oncologyId, documentId: betaMonthly.id, version: 1 }).expect(422);
    expect(foreignTeam.body.details[0].path).toBe('teamId');
    await t.http().put(`/api/bindings/${marchAll.id}`).set(bearer(alpha.admin)).send({ documentId: betaMonthly.id, version: 1 }).expect(422);
    expect((await listBindings(beta.admin)).items).toEqual([]);
    const own = await bind(beta.admin, { period: '2026-03', teamId: betaTeamId, documentId: betaMonthly.id, version: 1 }).expect(201);
    expect(own.body).toMatchObject({ teamName: 'Cardiology', documentKey: 'hm-3d9i' });
    expect((await listBindings(alpha.admin, { filter: JSON.stringify({ id: [own.body.id as string] }) })).items).toEqual([]);
  });
});
