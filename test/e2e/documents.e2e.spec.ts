import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, compileScheme, parseAndValidateDocument, parseDocumentText, type StaffFacts } from '@carescore/engine';
import { bearer, createInstitution, type TestInstitution, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let clinic: TestInstitution;
let other: TestInstitution;

beforeAll(async () => {
  t = await startTestApp();
  clinic = await createInstitution(t);
  other = await createInstitution(t, 'Other');
}, 120_000);
afterAll(async () => t?.close());

const TEMPLATES = join(__dirname, '../../rule-templates');
const readTemplate = (file: string) => readFileSync(join(TEMPLATES, file), 'utf8');

type Json = Record<string, unknown>;

/** A small valid scheme: two dimensions 60/40, one indicator each. */
function smallScheme(key: string, edit: (doc: Json & { dimensions: Array<Json & { weight: number }>; indicators: Json[] }) => void = () => {}): Json {
  const doc = {
    kind: 'scheme',
    key,
    name: { en: `Scheme ${key}` },
    period: 'month',
    inputs: { done: { type: 'number', min: 0 }, planned: { type: 'number', min: 0 }, nps_value: { type: 'number', min: -100, max: 100 } },
    indicators: [
      { id: 'followup_rate', formula: 'done / planned * 100', scoring: { type: 'thresholds', baseline: 80, target: 90, excellent: 98 } },
      { id: 'nps', formula: 'nps_value', scoring: { type: 'linear', min: -100, max: 100 } },
    ],
    dimensions: [
      { id: 'execution', weight: 60, indicators: [{ id: 'followup_rate', weight: 100 }] },
      { id: 'satisfaction', weight: 40, indicators: [{ id: 'nps', weight: 100 }] },
    ],
  };
  edit(doc);
  return doc;
}

const smallWorkflow = (key: string, slaHours = 24): Json => ({ kind: 'workflow', key, name: { en: 'Loop' }, stages: [{ id: 'root_cause', slaHours }] });

interface DocumentBody {
  id: string;
  key: string;
  kind: string;
  revision: number;
  version: number;
  latestVersion: number | null;
  publishedVersion: number | null;
  draftVersion: number | null;
  status: string | null;
  content: Json;
  validation: { valid: boolean; issues: unknown[] };
}

async function createDocument(user: TestUser, content: unknown): Promise<DocumentBody> {
  const response = await t.http().post('/api/documents').set(bearer(user)).send({ content });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as DocumentBody;
}

async function auditOf(entityId: string): Promise<Array<{ action: string; changes: Json; actorEmail: string }>> {
  const response = await t
    .http()
    .get('/api/audit-log')
    .query({ filter: JSON.stringify({ entityId }), sort: '["id","ASC"]', range: '[0,99]' })
    .set(bearer(clinic.admin))
    .expect(200);
  return response.body;
}

async function documentCount(): Promise<number> {
  const rows = (await t.app.get(DataSource).query('SELECT count(*)::int AS n FROM documents')) as Array<{ n: number }>;
  return rows[0].n;
}

async function versionCount(): Promise<number> {
  const rows = (await t.app.get(DataSource).query('SELECT count(*)::int AS n FROM document_versions')) as Array<{ n: number }>;
  return rows[0].n;
}

async function auditCount(): Promise<number> {
  const rows = (await t.app.get(DataSource).query('SELECT count(*)::int AS n FROM audit_log')) as Array<{ n: number }>;
  return rows[0].n;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('creating documents', () => {
  it('creates a draft v1 from JSON, with revision, ETag and the content as posted plus version and status', async () => {
    const posted = smallScheme('json-created');
    const response = await t.http().post('/api/documents').set(bearer(clinic.admin)).send({ content: posted }).expect(201);
    expect(response.headers.etag).toBe('"1"');
    expect(response.body).toMatchObject({
      kind: 'scheme',
      key: 'json-created',
      name: { en: 'Scheme json-created' },
      revision: 1,
      latestVersion: 1,
      publishedVersion: null,
      draftVersion: 1,
      status: 'draft',
      version: 1,
      validation: { valid: true, issues: [] },
    });
    expect(response.body.content).toEqual({ ...posted, version: 1, status: 'draft' });
    // Authoring order survives jsonb's key reordering.
    expect(Object.keys(response.body.content).slice(0, 6)).toEqual(['kind', 'key', 'name', 'version', 'status', 'period']);

    const got = await t.http().get(`/api/documents/${response.body.id}`).set(bearer(clinic.manager)).expect(200);
    expect(got.headers.etag).toBe('"1"');
    expect(got.body).toEqual(response.body);
  });

  it('creates from YAML text, as a content string or as a raw text/yaml body', async () => {
    const yaml = [
      'kind: workflow',
      'key: yaml-loop',
      'name: { zh: 差评闭环 }',
      'stages:',
      '  - { id: root_cause, slaHours: 24, fields: [ { id: analysis, type: text, required: true } ] }',
      '  - { id: fix, slaHours: 168 }',
    ].join('\n');
    const fromString = await t.http().post('/api/documents').set(bearer(clinic.admin)).send({ content: yaml }).expect(201);
    expect(fromString.body).toMatchObject({ kind: 'workflow', key: 'yaml-loop', name: { zh: '差评闭环' }, status: 'draft' });
    expect(fromString.body.content.stages).toEqual([
      { id: 'root_cause', slaHours: 24, fields: [{ id: 'analysis', type: 'text', required: true }] },
      { id: 'fix', slaHours: 168 },
    ]);

    const raw = await t.http().post('/api/documents').set(bearer(clinic.admin)).set('Content-Type', 'text/yaml').send(yaml.replace('yaml-loop', 'raw-loop')).expect(201);
    expect(raw.body).toMatchObject({ key: 'raw-loop', version: 1 });
    const applicationYaml = await t
      .http()
      .post('/api/documents')
      .set(bearer(clinic.admin))
      .set('Content-Type', 'application/yaml')
      .send(yaml.replace('yaml-loop', 'app-yaml-loop'))
      .expect(201);
    expect(applicationYaml.body.key).toBe('app-yaml-loop');
  });

  it('lists the valid templates and creates a document from one', async () => {
    const templates = await t.http().get('/api/templates').set(bearer(clinic.manager)).expect(200);
    expect(templates.body.map((template: { key: string }) => template.key).sort()).toEqual(['assign_mentor', 'career-tiers', 'client-survey', 'hm-3d9i', 'hospital-online-service', 'negative-feedback', 'process_improvement', 'satisfaction-first', 'score-appeal', 'suspend_and_train']);
    expect(templates.body.find((template: { key: string }) => template.key === 'negative-feedback')).toEqual({
      key: 'negative-feedback',
      kind: 'workflow',
      name: expect.objectContaining({ zh: expect.any(String) }),
    });

    const created = await t.http().post('/api/documents').set(bearer(clinic.admin)).send({ template: 'satisfaction-first' }).expect(201);
    expect(created.body).toMatchObject({ kind: 'scheme', key: 'satisfaction-first', version: 1, status: 'draft', validation: { valid: true } });
    // The template as written (defaults not filled in), plus version and status.
    const written = parseDocumentText(readTemplate('satisfaction-first.yaml'));
    if (!written.ok) throw new Error('template unreadable');
    expect(created.body.content).toEqual({ ...(written.value as Json), version: 1, status: 'draft' });

    const unknown = await t.http().post('/api/documents').set(bearer(clinic.admin)).send({ template: 'no-such-template' }).expect(422);
    expect(unknown.body.details).toEqual([{ path: 'template', message: expect.stringContaining('unknown template') }]);
    await t.http().get('/api/templates').set(bearer(clinic.staff)).expect(403);
  });

  it('rejects an invalid document with every problem as {path, message} and stores nothing', async () => {
    const [documentsBefore, versionsBefore, auditBefore] = [await documentCount(), await versionCount(), await auditCount()];
    const invalid = smallScheme('broken', (doc) => {
      doc.dimensions[0].weight = 70;
      doc.indicators[0].formula = 'done / unknown_input * 100';
    });
    const response = await t.http().post('/api/documents').set(bearer(clinic.admin)).send({ content: invalid }).expect(422);
    expect(response.body).toMatchObject({ statusCode: 422, error: 'InvalidDocument', message: 'the document is invalid' });
    const paths = response.body.details.map((issue: { path: string }) => issue.path);
    expect(paths).toContain('dimensions');
    expect(paths).toContain('indicators[0].formula');
    expect(response.body.details.find((issue: { path: string }) => issue.path === 'dimensions').message).toMatch(/sum to 100, they sum to 110/);
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts:\d+/); // no stack trace

    const syntax = await t.http().post('/api/documents').set(bearer(clinic.admin)).send({ content: 'kind: scheme\nkey: [unclosed' }).expect(422);
    expect(syntax.body.details[0]).toEqual({ path: '', message: expect.stringMatching(/^syntax error/), code: 'document.syntax', params: expect.objectContaining({ line: 2 }) });
    const notObject = await t.http().post('/api/documents').set(bearer(clinic.admin)).send({ content: '- a\n- b' }).expect(422);
    expect(notObject.body.details).toEqual([{ path: '', message: 'a rule document must be an object', code: 'document.not_object', params: {} }]);
    const missingKind = await t.http().post('/api/documents').set(bearer(clinic.admin)).send({ content: { key: 'x' } }).expect(422);
    expect(missingKind.body.details).toEqual([{ path: 'kind', message: 'must be one of scheme, workflow, survey', code: 'document.kind', params: { kinds: 'scheme, workflow, survey' } }]);

    // Malformed requests are 400s.
    await t.http().post('/api/documents').set(bearer(clinic.admin)).send({ content: smallScheme('x'), template: 'hm-3d9i' }).expect(400);
    await t.http().post('/api/documents').set(bearer(clinic.admin)).send({}).expect(400);
    await t.http().post('/api/documents').set(bearer(clinic.admin)).send({ content: [1, 2] }).expect(400);
    const extra = await t.http().post('/api/documents').set(bearer(clinic.admin)).send({ content: smallScheme('x'), colour: 'red' }).expect(400);
    expect(extra.body.error).toBe('BadRequest');

    expect([await documentCount(), await versionCount(), await auditCount()]).toEqual([documentsBefore, versionsBefore, auditBefore]);
  });

  it('refuses a key that is taken (409), per institution and kind', async () => {
    await createDocument(clinic.admin, smallScheme('taken'));
    const before = await documentCount();
    const duplicate = await t.http().post('/api/documents').set(bearer(clinic.admin)).send({ content: smallScheme('taken') }).expect(409);
    expect(duplicate.body).toMatchObject({ error: 'Conflict', message: 'a scheme with key taken already exists', details: [{ path: 'key' }] });
    expect(await documentCount()).toBe(before);
    await createDocument(clinic.admin, smallWorkflow('taken')); // another kind
    await createDocument(other.admin, smallScheme('taken')); // another institution
  });
});

describe('editing drafts', () => {
  it('updates the draft with the revision from the body or If-Match, and refuses a stale revision', async () => {
    const doc = await createDocument(clinic.admin, smallScheme('edited'));
    const v2 = smallScheme('edited', (d) => {
      d.dimensions[0].weight = 50;
      d.dimensions[1].weight = 50;
    });
    const updated = await t.http().put(`/api/documents/${doc.id}`).set(bearer(clinic.admin)).send({ content: v2, revision: 1 }).expect(200);
    expect(updated.headers.etag).toBe('"2"');
    expect(updated.body).toMatchObject({ revision: 2, version: 1, draftVersion: 1, latestVersion: 1, status: 'draft' });
    expect(new Date(updated.body.updatedAt).getTime()).toBeGreaterThan(new Date((doc as DocumentBody & { updatedAt: string }).updatedAt).getTime());
    expect(updated.body.content).toEqual({ ...v2, version: 1, status: 'draft' });

    const viaHeader = await t
      .http()
      .put(`/api/documents/${doc.id}`)
      .set(bearer(clinic.admin))
      .set('If-Match', '"2"')
      .send({ content: smallScheme('edited', (d) => (d.name = { en: 'Renamed' })) })
      .expect(200);
    expect(viaHeader.body).toMatchObject({ revision: 3, name: { en: 'Renamed' } });

    const stale = await t.http().put(`/api/documents/${doc.id}`).set(bearer(clinic.admin)).send({ content: v2, revision: 2 }).expect(409);
    expect(stale.body).toMatchObject({
      error: 'Conflict',
      message: 'the document changed since you loaded it (revision 2); reload and retry',
      details: [{ path: 'revision', message: 'the document is now at revision 3' }],
    });
    const after = await t.http().get(`/api/documents/${doc.id}`).set(bearer(clinic.admin)).expect(200);
    expect(after.body).toMatchObject({ revision: 3, name: { en: 'Renamed' } });
  });

  it('requires a revision and a well-formed If-Match, and keeps key and kind', async () => {
    const doc = await createDocument(clinic.admin, smallScheme('strict-edit'));
    const missing = await t.http().put(`/api/documents/${doc.id}`).set(bearer(clinic.admin)).send({ content: smallScheme('strict-edit') }).expect(400);
    expect(missing.body.details).toEqual([{ path: 'revision', message: expect.stringContaining('required') }]);
    await t.http().put(`/api/documents/${doc.id}`).set(bearer(clinic.admin)).set('If-Match', '*').send({ content: smallScheme('strict-edit') }).expect(400);
    const disagree = await t.http().put(`/api/documents/${doc.id}`).set(bearer(clinic.admin)).set('If-Match', '"1"').send({ content: smallScheme('strict-edit'), revision: 2 }).expect(400);
    expect(disagree.body.details[0].path).toBe('revision');

    const rekeyed = await t.http().put(`/api/documents/${doc.id}`).set(bearer(clinic.admin)).send({ content: smallScheme('another-key'), revision: 1 }).expect(422);
    expect(rekeyed.body.details).toEqual([{ path: 'key', message: expect.stringContaining('must stay strict-edit') }]);
    const invalid = await t
      .http()
      .put(`/api/documents/${doc.id}`)
      .set(bearer(clinic.admin))
      .send({ content: smallScheme('strict-edit', (d) => (d.indicators[0].formula = '')), revision: 1 })
      .expect(422);
    expect(invalid.body.details.map((issue: { path: string }) => issue.path)).toContain('indicators[0].formula');

    const unchanged = await t.http().get(`/api/documents/${doc.id}`).set(bearer(clinic.admin)).expect(200);
    expect(unchanged.body).toMatchObject({ revision: 1, content: { ...smallScheme('strict-edit'), version: 1, status: 'draft' } });
  });

  it('accepts a raw YAML body with If-Match for an edit', async () => {
    const doc = await createDocument(clinic.admin, smallWorkflow('yaml-edit'));
    const yaml = 'kind: workflow\nkey: yaml-edit\nstages:\n  - { id: root_cause, slaHours: 12 }\n';
    const response = await t.http().put(`/api/documents/${doc.id}`).set(bearer(clinic.admin)).set('If-Match', '"1"').set('Content-Type', 'text/yaml').send(yaml).expect(200);
    expect(response.body.content).toEqual({ kind: 'workflow', key: 'yaml-edit', version: 1, status: 'draft', stages: [{ id: 'root_cause', slaHours: 12 }] });
  });

  it('lets exactly one of two concurrent edits of the same revision win; the other gets 409 and the winner is stored', async () => {
    const doc = await createDocument(clinic.admin, smallScheme('race'));
    const edit = (label: string) =>
      t
        .http()
        .put(`/api/documents/${doc.id}`)
        .set(bearer(clinic.admin))
        .send({ content: smallScheme('race', (d) => (d.name = { en: label })), revision: 1 });
    const [a, b] = await Promise.all([edit('Alice'), edit('Bob')]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? 'Alice' : 'Bob';
    const loser = a.status === 200 ? b : a;
    expect(loser.body.message).toBe('the document changed since you loaded it (revision 1); reload and retry');
    const stored = await t.http().get(`/api/documents/${doc.id}`).set(bearer(clinic.admin)).expect(200);
    expect(stored.body).toMatchObject({ revision: 2, name: { en: winner }, content: { name: { en: winner } } });
    const updates = (await auditOf(doc.id)).filter((entry) => entry.action === 'update');
    expect(updates).toHaveLength(1);
  });
});

describe('the version lifecycle: publish, immutability, diff, retire, rollback', () => {
  let id: string;
  const v1 = smallScheme('lifecycle');
  const v2 = smallScheme('lifecycle', (d) => {
    d.dimensions[0].weight = 50;
    d.dimensions[1].weight = 50;
    (d.indicators[0].scoring as Json).target = 92;
  });
  let v1Hash: string;

  it('publishes the draft: immutable, content-hashed', async () => {
    id = (await createDocument(clinic.admin, v1)).id;
    const published = await t.http().post(`/api/documents/${id}/publish`).set(bearer(clinic.admin)).set('If-Match', '"1"').expect(200);
    expect(published.headers.etag).toBe('"2"');
    expect(published.body).toMatchObject({ revision: 2, status: 'published', publishedVersion: 1, draftVersion: null, latestVersion: 1, version: 1 });
    expect(published.body.content.status).toBe('published');

    const version = await t.http().get(`/api/documents/${id}/versions/1`).set(bearer(clinic.admin)).expect(200);
    v1Hash = sha256(canonicalJson(v1));
    expect(version.body).toMatchObject({ version: 1, status: 'published', contentHash: v1Hash, publishedBy: clinic.admin.id, createdBy: clinic.admin.id });
    expect(version.body.publishedAt).toEqual(expect.any(String));
    expect(version.body.content).toEqual({ ...v1, version: 1, status: 'published' });

    const again = await t.http().post(`/api/documents/${id}/publish`).set(bearer(clinic.admin)).send({ revision: 2 }).expect(409);
    expect(again.body.message).toMatch(/no draft to publish/);
    await t.http().post(`/api/documents/${id}/publish`).set(bearer(clinic.admin)).send({ revision: 1 }).expect(409);
    await t.http().post(`/api/documents/${id}/publish`).set(bearer(clinic.admin)).expect(400);
  });

  it('never changes a published version: PUT starts draft v2, and the database refuses a direct update', async () => {
    const edited = await t.http().put(`/api/documents/${id}`).set(bearer(clinic.admin)).send({ content: v2, revision: 2 }).expect(200);
    expect(edited.body).toMatchObject({ revision: 3, version: 2, draftVersion: 2, publishedVersion: 1, latestVersion: 2, status: 'draft' });
    const v1Again = await t.http().get(`/api/documents/${id}/versions/1`).set(bearer(clinic.admin)).expect(200);
    expect(v1Again.body).toMatchObject({ status: 'published', contentHash: v1Hash, content: { ...v1, version: 1, status: 'published' } });

    const db = t.app.get(DataSource);
    await expect(db.query(`UPDATE document_versions SET content = '{"kind":"scheme"}' WHERE document_id = $1 AND version = 1`, [id])).rejects.toThrow(/immutable/);
    await expect(db.query(`UPDATE document_versions SET content_hash = 'forged' WHERE document_id = $1 AND version = 1`, [id])).rejects.toThrow(/immutable/);
  });

  it('diffs two versions in words', async () => {
    const diff = await t.http().get(`/api/documents/${id}/diff`).query({ from: 1, to: 2 }).set(bearer(clinic.manager)).expect(200);
    expect(diff.body).toEqual({
      from: 1,
      to: 2,
      changes: [
        { path: 'indicators.followup_rate.scoring.target', kind: 'changed', before: 90, after: 92, text: 'indicators.followup_rate.scoring.target: 90 → 92' },
        { path: 'dimensions.execution.weight', kind: 'changed', before: 60, after: 50, text: 'dimensions.execution.weight: 60 → 50' },
        { path: 'dimensions.satisfaction.weight', kind: 'changed', before: 40, after: 50, text: 'dimensions.satisfaction.weight: 40 → 50' },
      ],
    });
    const toDraft = await t.http().get(`/api/documents/${id}/diff`).query({ from: '1', to: 'draft' }).set(bearer(clinic.admin)).expect(200);
    expect(toDraft.body).toEqual(diff.body);
    const byDefault = await t.http().get(`/api/documents/${id}/diff`).set(bearer(clinic.admin)).expect(200);
    expect(byDefault.body).toEqual(diff.body);
    const reverse = await t.http().get(`/api/documents/${id}/diff`).query({ from: 2, to: 1 }).set(bearer(clinic.admin)).expect(200);
    expect(reverse.body.changes.map((change: { text: string }) => change.text)).toContain('dimensions.execution.weight: 50 → 60');

    await t.http().get(`/api/documents/${id}/diff`).query({ from: 1, to: 9 }).set(bearer(clinic.admin)).expect(404);
    await t.http().get(`/api/documents/${id}/diff`).query({ from: 'latest', to: 2 }).set(bearer(clinic.admin)).expect(400);
    await t.http().get(`/api/documents/${id}/diff`).query({ from: 1, to: 2, colour: 'red' }).set(bearer(clinic.admin)).expect(400);
    await t.http().get(`/api/documents/${id}/diff`).query({ to: 1 }).set(bearer(clinic.admin)).expect(400);
  });

  it('publishes v2, lists versions newest first, and retires v1', async () => {
    await t.http().post(`/api/documents/${id}/publish`).set(bearer(clinic.admin)).send({ revision: 3 }).expect(200);
    const versions = await t.http().get(`/api/documents/${id}/versions`).set(bearer(clinic.quality)).expect(200);
    expect(versions.body.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'published'],
      [1, 'published'],
    ]);
    expect(versions.body[0]).not.toHaveProperty('content');
    expect(versions.body[0].contentHash).toBe(sha256(canonicalJson(v2)));

    const retired = await t.http().post(`/api/documents/${id}/versions/1/retire`).set(bearer(clinic.admin)).set('If-Match', '"4"').expect(200);
    expect(retired.body).toMatchObject({ revision: 5, status: 'published', publishedVersion: 2, latestVersion: 2 });
    const v1Row = await t.http().get(`/api/documents/${id}/versions/1`).set(bearer(clinic.admin)).expect(200);
    expect(v1Row.body).toMatchObject({ status: 'retired', contentHash: v1Hash, retiredAt: expect.any(String) });

    const twice = await t.http().post(`/api/documents/${id}/versions/1/retire`).set(bearer(clinic.admin)).send({ revision: 5 }).expect(409);
    expect(twice.body.message).toBe('version 1 is already retired');
    await t.http().post(`/api/documents/${id}/versions/7/retire`).set(bearer(clinic.admin)).send({ revision: 5 }).expect(404);
    await t.http().post(`/api/documents/${id}/versions/x/retire`).set(bearer(clinic.admin)).send({ revision: 5 }).expect(400);
    const db = t.app.get(DataSource);
    await expect(db.query(`UPDATE document_versions SET status = 'published' WHERE document_id = $1 AND version = 1`, [id])).rejects.toThrow(/cannot be republished/);
  });

  it('rolls back: v3 is published with v1 content and v1 hash', async () => {
    const rolledBack = await t.http().post(`/api/documents/${id}/rollback`).set(bearer(clinic.admin)).send({ version: 1, revision: 5 }).expect(201);
    expect(rolledBack.body).toMatchObject({ revision: 6, version: 3, latestVersion: 3, publishedVersion: 3, draftVersion: null, status: 'published' });
    expect(rolledBack.body.content).toEqual({ ...v1, version: 3, status: 'published' });
    const v3 = await t.http().get(`/api/documents/${id}/versions/3`).set(bearer(clinic.admin)).expect(200);
    expect(v3.body).toMatchObject({ status: 'published', contentHash: v1Hash });
    const diff = await t.http().get(`/api/documents/${id}/diff`).query({ from: 1, to: 3 }).set(bearer(clinic.admin)).expect(200);
    expect(diff.body.changes).toEqual([]);

    await t.http().post(`/api/documents/${id}/rollback`).set(bearer(clinic.admin)).send({ version: 9, revision: 6 }).expect(404);
    await t.http().post(`/api/documents/${id}/rollback`).set(bearer(clinic.admin)).send({ version: 1, revision: 5 }).expect(409);
  });

  it('refuses a rollback while a draft exists, and discards a draft', async () => {
    await t.http().put(`/api/documents/${id}`).set(bearer(clinic.admin)).send({ content: v2, revision: 6 }).expect(200);
    const blocked = await t.http().post(`/api/documents/${id}/rollback`).set(bearer(clinic.admin)).send({ version: 2, revision: 7 }).expect(409);
    expect(blocked.body.message).toBe('publish or discard the draft (version 4) first');

    await t.http().delete(`/api/documents/${id}/draft`).set(bearer(clinic.admin)).expect(400);
    const discarded = await t.http().delete(`/api/documents/${id}/draft`).set(bearer(clinic.admin)).set('If-Match', '"7"').expect(200);
    expect(discarded.body).toMatchObject({ revision: 8, latestVersion: 3, draftVersion: null, status: 'published', version: 3 });
    await t.http().delete(`/api/documents/${id}/draft`).set(bearer(clinic.admin)).set('If-Match', '"8"').expect(404);
    await t.http().get(`/api/documents/${id}/versions/draft`).set(bearer(clinic.admin)).expect(404);
  });

  it('deletes only documents that were never published', async () => {
    const refused = await t.http().delete(`/api/documents/${id}`).set(bearer(clinic.admin)).set('If-Match', '"8"').expect(409);
    expect(refused.body.message).toMatch(/has been published cannot be deleted/);

    const draftOnly = await createDocument(clinic.admin, smallScheme('short-lived'));
    const onlyDraft = await t.http().delete(`/api/documents/${draftOnly.id}/draft`).set(bearer(clinic.admin)).set('If-Match', '"1"').expect(409);
    expect(onlyDraft.body.message).toMatch(/only version/);
    await t.http().delete(`/api/documents/${draftOnly.id}`).set(bearer(clinic.admin)).set('If-Match', '"0"').expect(400);
    await t.http().delete(`/api/documents/${draftOnly.id}`).set(bearer(clinic.admin)).set('If-Match', '"2"').expect(409);
    await t.http().delete(`/api/documents/${draftOnly.id}`).set(bearer(clinic.admin)).send({ revision: 1 }).expect(204);
    await t.http().get(`/api/documents/${draftOnly.id}`).set(bearer(clinic.admin)).expect(404);
    const audit = await auditOf(draftOnly.id);
    expect(audit.map((entry) => entry.action)).toEqual(['create', 'delete']);
  });

  it('audits every write with what changed', async () => {
    const audit = await auditOf(id);
    expect(audit.map((entry) => entry.action)).toEqual(['create', 'publish', 'update', 'publish', 'retire', 'rollback', 'update', 'delete']);
    expect(audit.every((entry) => entry.actorEmail === clinic.admin.email)).toBe(true);
    expect(audit[0].changes).toEqual({ kind: 'scheme', key: 'lifecycle', version: 1 });
    expect(audit[1].changes).toEqual({ version: 1, contentHash: v1Hash });
    expect(audit[2].changes).toEqual({
      version: 2,
      draft: 'created',
      changes: ['indicators.followup_rate.scoring.target: 90 → 92', 'dimensions.execution.weight: 60 → 50', 'dimensions.satisfaction.weight: 40 → 50'],
    });
    expect(audit[4].changes).toEqual({ version: 1 });
    expect(audit[5].changes).toEqual({ version: 3, from: 1, contentHash: v1Hash });
    expect(audit[7].changes).toMatchObject({ discardedDraft: 4 });
  });
});

describe('validate without storing', () => {
  it('answers 200 for a valid document and 422 with the issues for an invalid one', async () => {
    const before = [await documentCount(), await versionCount(), await auditCount()];
    await t.http().post('/api/documents/validate').set(bearer(clinic.admin)).send({ content: smallScheme('checked') }).expect(200, { valid: true, issues: [] });
    await t.http().post('/api/documents/validate').set(bearer(clinic.quality)).set('Content-Type', 'text/yaml').send(readTemplate('hm-3d9i.yaml')).expect(200);
    const invalid = await t
      .http()
      .post('/api/documents/validate')
      .set(bearer(clinic.admin))
      .send({ content: smallScheme('checked', (d) => (d.dimensions[1].weight = 10)) })
      .expect(422);
    expect(invalid.body.details).toEqual([
      { path: 'dimensions', message: 'weights of the top-level dimensions must sum to 100, they sum to 70', code: 'weights.sum', params: { level: 'dimensions', sum: 70 } },
    ]);
    await t.http().post('/api/documents/validate').set(bearer(clinic.manager)).send({ content: smallScheme('checked') }).expect(403);
    expect([await documentCount(), await versionCount(), await auditCount()]).toEqual(before);
  });
});

describe('preview', () => {
  let hmId: string;
  const hmFacts = JSON.parse(readTemplate('facts/hm-3d9i.json')) as StaffFacts[];

  beforeAll(async () => {
    const created = await t.http().post('/api/documents').set(bearer(clinic.admin)).send({ template: 'hm-3d9i' }).expect(201);
    hmId = created.body.id;
  });

  it('evaluates the draft against posted facts exactly like the engine, and stores nothing', async () => {
    const before = [await documentCount(), await versionCount(), await auditCount()];
    const response = await t.http().post(`/api/documents/${hmId}/preview`).set(bearer(clinic.admin)).send({ facts: hmFacts, period: '2026-03' }).expect(200);
    const template = parseAndValidateDocument(readTemplate('hm-3d9i.yaml'));
    if (!template.ok || template.value.kind !== 'scheme') throw new Error('hm-3d9i is not a valid scheme');
    const expected = compileScheme({ ...template.value, version: 1 }).evaluate(hmFacts, { period: '2026-03' });
    expect(response.body.scheme).toEqual({ key: 'hm-3d9i', version: 1, status: 'draft' });
    expect(response.body.scorecards).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(response.body.scorecards.map((card: { staffId: string }) => card.staffId)).toEqual(hmFacts.map((staff) => staff.staffId));
    expect([await documentCount(), await versionCount(), await auditCount()]).toEqual(before);

    // Managers may preview too; a named version works once published.
    await t.http().post(`/api/documents/${hmId}/preview`).set(bearer(clinic.manager)).send({ facts: hmFacts.slice(0, 2) }).expect(200);
    await t.http().post(`/api/documents/${hmId}/preview`).set(bearer(clinic.admin)).send({ version: 1, facts: [] }).expect(200, { scheme: { key: 'hm-3d9i', version: 1, status: 'draft' }, scorecards: [] });
  });

  it('rejects bad facts, a wrong period and a workflow with 422; an unknown version with 404', async () => {
    const badType = await t
      .http()
      .post(`/api/documents/${hmId}/preview`)
      .set(bearer(clinic.admin))
      .send({ facts: [{ staffId: 'a', inputs: { followups_done: 'many' } }] })
      .expect(422);
    expect(badType.body).toMatchObject({ error: 'Unprocessable', message: 'the facts do not fit the scheme', details: [{ path: 'facts[0].inputs.followups_done' }] });
    const duplicate = await t.http().post(`/api/documents/${hmId}/preview`).set(bearer(clinic.admin)).send({ facts: [{ staffId: 'a' }, { staffId: 'a' }] }).expect(422);
    expect(duplicate.body.details).toEqual([{ path: 'facts[1].staffId', message: 'duplicate staffId a' }]);
    const unknownInput = await t.http().post(`/api/documents/${hmId}/preview`).set(bearer(clinic.admin)).send({ facts: [{ staffId: 'a', inputs: { bogus: 1 } }] }).expect(422);
    expect(unknownInput.body.details).toEqual([{ path: 'facts[0].inputs.bogus', message: expect.stringContaining('unknown input bogus') }]);

    const period = await t.http().post(`/api/documents/${hmId}/preview`).set(bearer(clinic.admin)).send({ facts: hmFacts, period: '2026-Q1' }).expect(422);
    expect(period.body.details).toEqual([{ path: 'period', message: 'period 2026-Q1 is a quarter, but the scheme is evaluated per month' }]);

    const workflow = await createDocument(clinic.admin, smallWorkflow('not-previewable'));
    await t.http().post(`/api/documents/${workflow.id}/preview`).set(bearer(clinic.admin)).send({ facts: [] }).expect(422);
    await t.http().post(`/api/documents/${hmId}/preview`).set(bearer(clinic.admin)).send({ version: 5, facts: [] }).expect(404);
    await t.http().post(`/api/documents/${hmId}/preview`).set(bearer(clinic.admin)).send({ facts: new Array(1001).fill({ staffId: 'x' }) }).expect(400);
    await t.http().post(`/api/documents/${hmId}/preview`).set(bearer(clinic.staff)).send({ facts: [] }).expect(403);
  });
});

describe('roles', () => {
  it('lets managers read but not write, and staff not even read', async () => {
    const doc = await createDocument(clinic.admin, smallScheme('roles-scheme'));
    await t.http().get('/api/documents').set(bearer(clinic.manager)).expect(200);
    await t.http().get(`/api/documents/${doc.id}`).set(bearer(clinic.manager)).expect(200);
    await t.http().get(`/api/documents/${doc.id}/versions`).set(bearer(clinic.manager)).expect(200);
    await t.http().post('/api/documents').set(bearer(clinic.manager)).send({ content: smallScheme('by-manager') }).expect(403);
    await t.http().put(`/api/documents/${doc.id}`).set(bearer(clinic.manager)).send({ content: smallScheme('roles-scheme'), revision: 1 }).expect(403);
    await t.http().post(`/api/documents/${doc.id}/publish`).set(bearer(clinic.manager)).send({ revision: 1 }).expect(403);
    await t.http().delete(`/api/documents/${doc.id}`).set(bearer(clinic.manager)).send({ revision: 1 }).expect(403);

    await t.http().get('/api/documents').set(bearer(clinic.staff)).expect(403);
    await t.http().get(`/api/documents/${doc.id}`).set(bearer(clinic.staff)).expect(403);
    await t.http().get(`/api/documents/${doc.id}/diff`).set(bearer(clinic.staff)).expect(403);
    await t.http().get('/api/documents').expect(401);
  });

  it('lets quality officers write workflows but not schemes', async () => {
    const workflow = await t.http().post('/api/documents').set(bearer(clinic.quality)).send({ content: smallWorkflow('qo-loop') }).expect(201);
    await t.http().put(`/api/documents/${workflow.body.id}`).set(bearer(clinic.quality)).send({ content: smallWorkflow('qo-loop', 48), revision: 1 }).expect(200);
    await t.http().post(`/api/documents/${workflow.body.id}/publish`).set(bearer(clinic.quality)).send({ revision: 2 }).expect(200);

    const scheme = await t.http().post('/api/documents').set(bearer(clinic.quality)).send({ content: smallScheme('qo-scheme') }).expect(403);
    expect(scheme.body.message).toBe('a quality officer may write workflow documents only');
    await t.http().post('/api/documents').set(bearer(clinic.quality)).send({ template: 'hm-3d9i' }).expect(403);
    const adminScheme = await createDocument(clinic.admin, smallScheme('admin-scheme'));
    await t.http().put(`/api/documents/${adminScheme.id}`).set(bearer(clinic.quality)).send({ content: smallScheme('admin-scheme'), revision: 1 }).expect(403);
    await t.http().post(`/api/documents/${adminScheme.id}/publish`).set(bearer(clinic.quality)).send({ revision: 1 }).expect(403);
    const untouched = await t.http().get(`/api/documents/${adminScheme.id}`).set(bearer(clinic.quality)).expect(200);
    expect(untouched.body).toMatchObject({ revision: 1, status: 'draft' });
  });
});

describe('tenancy and ids', () => {
  it('hides another institution’s documents (404), never 403', async () => {
    const doc = await createDocument(clinic.admin, smallScheme('private'));
    const outsider = bearer(other.admin);
    await t.http().get(`/api/documents/${doc.id}`).set(outsider).expect(404);
    await t.http().get(`/api/documents/${doc.id}/versions`).set(outsider).expect(404);
    await t.http().get(`/api/documents/${doc.id}/versions/1`).set(outsider).expect(404);
    await t.http().get(`/api/documents/${doc.id}/diff`).query({ from: 1, to: 1 }).set(outsider).expect(404);
    await t.http().put(`/api/documents/${doc.id}`).set(outsider).send({ content: smallScheme('private'), revision: 1 }).expect(404);
    await t.http().post(`/api/documents/${doc.id}/publish`).set(outsider).send({ revision: 1 }).expect(404);
    await t.http().post(`/api/documents/${doc.id}/preview`).set(outsider).send({ facts: [] }).expect(404);
    await t.http().delete(`/api/documents/${doc.id}`).set(outsider).send({ revision: 1 }).expect(404);
    const list = await t.http().get('/api/documents').query({ filter: JSON.stringify({ key: 'private' }) }).set(outsider).expect(200);
    expect(list.body).toEqual([]);
    const mine = await t.http().get(`/api/documents/${doc.id}`).set(bearer(clinic.admin)).expect(200);
    expect(mine.body.revision).toBe(1);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const unknown = await t.http().get('/api/documents/00000000-0000-4000-8000-000000000000').set(bearer(clinic.admin)).expect(404);
    expect(unknown.body).toMatchObject({ error: 'NotFound', message: 'document 00000000-0000-4000-8000-000000000000 not found' });
    const malformed = await t.http().get('/api/documents/not-a-uuid').set(bearer(clinic.admin)).expect(400);
    expect(malformed.body.details).toEqual([{ path: 'id', message: expect.any(String), code: 'schema.invalid_format' }]);
    await t.http().put('/api/documents/not-a-uuid').set(bearer(clinic.admin)).send({ content: smallScheme('x'), revision: 1 }).expect(400);
    await t.http().post('/api/documents/00000000-0000-4000-8000-000000000000/publish').set(bearer(clinic.admin)).send({ revision: 1 }).expect(404);
  });
});

describe('listing', () => {
  it('lists with react-admin paging, filters and version summaries', async () => {
    const scheme = await createDocument(clinic.admin, smallScheme('list-published', (d) => (d.name = { zh: '列表方案', en: 'Listed scheme' })));
    await t.http().post(`/api/documents/${scheme.id}/publish`).set(bearer(clinic.admin)).send({ revision: 1 }).expect(200);

    const all = await t.http().get('/api/documents').query({ range: '[0,4]', sort: '["key","ASC"]' }).set(bearer(clinic.admin)).expect(200);
    expect(all.headers['content-range']).toMatch(/^documents 0-4\/\d+$/);
    expect(all.body).toHaveLength(5);

    const byQ = await t.http().get('/api/documents').query({ filter: JSON.stringify({ q: '列表' }) }).set(bearer(clinic.admin)).expect(200);
    expect(byQ.body).toEqual([
      {
        id: scheme.id,
        kind: 'scheme',
        key: 'list-published',
        name: { zh: '列表方案', en: 'Listed scheme' },
        revision: 2,
        latestVersion: 1,
        publishedVersion: 1,
        draftVersion: null,
        status: 'published',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
    ]);

    const published = await t.http().get('/api/documents').query({ filter: JSON.stringify({ status: 'published' }), range: '[0,999]' }).set(bearer(clinic.admin)).expect(200);
    expect(published.body.length).toBeGreaterThan(0);
    expect(published.body.every((d: { status: string }) => d.status === 'published')).toBe(true);
    const drafts = await t.http().get('/api/documents').query({ filter: JSON.stringify({ status: 'draft', kind: 'workflow' }), range: '[0,999]' }).set(bearer(clinic.admin)).expect(200);
    expect(drafts.body.length).toBeGreaterThan(0);
    expect(drafts.body.every((d: { status: string; kind: string; draftVersion: number }) => d.status === 'draft' && d.kind === 'workflow' && d.draftVersion > 0)).toBe(true);
    const byIds = await t.http().get('/api/documents').query({ filter: JSON.stringify({ id: [scheme.id] }) }).set(bearer(clinic.admin)).expect(200);
    expect(byIds.body.map((d: { id: string }) => d.id)).toEqual([scheme.id]);
    const byKey = await t.http().get('/api/documents').query({ filter: JSON.stringify({ key: 'list-published' }) }).set(bearer(clinic.admin)).expect(200);
    expect(byKey.body).toHaveLength(1);

    await t.http().get('/api/documents').query({ filter: JSON.stringify({ status: 'lost' }) }).set(bearer(clinic.admin)).expect(400);
    await t.http().get('/api/documents').query({ sort: '["content","ASC"]' }).set(bearer(clinic.admin)).expect(400);
  });

  it('documents every endpoint in OpenAPI', async () => {
    const docs = await t.http().get('/api/docs/openapi.json').expect(200);
    const paths = docs.body.paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/api/documents',
        '/api/documents/validate',
        '/api/documents/{id}',
        '/api/documents/{id}/draft',
        '/api/documents/{id}/publish',
        '/api/documents/{id}/rollback',
        '/api/documents/{id}/preview',
        '/api/documents/{id}/diff',
        '/api/documents/{id}/versions',
        '/api/documents/{id}/versions/{version}',
        '/api/documents/{id}/versions/{version}/retire',
        '/api/templates',
      ]),
    );
    expect(paths['/api/documents/{id}'].put).toMatchObject({ requestBody: expect.anything() });
  });
});

describe('retiring a bound version', () => {
  it('is refused with 409 while a period binding uses it, and allowed once it is rebound', async () => {
    const doc = await createDocument(clinic.admin, smallScheme('bound-scheme'));
    const v1 = (await t.http().post(`/api/documents/${doc.id}/publish`).set(bearer(clinic.admin)).send({ revision: doc.revision }).expect(200)).body as DocumentBody;
    const binding = (await t.http().post('/api/bindings').set(bearer(clinic.admin)).send({ period: '2026-05', documentId: doc.id, version: 1 }).expect(201)).body as { id: string };
    const refused = await t.http().post(`/api/documents/${doc.id}/versions/1/retire`).set(bearer(clinic.admin)).send({ revision: v1.revision }).expect(409);
    expect(refused.body.message).toBe('version 1 is bound to 2026-05: rebind those periods first');
    await t.http().delete(`/api/bindings/${binding.id}`).set(bearer(clinic.admin)).expect(200);
    const current = (await t.http().get(`/api/documents/${doc.id}`).set(bearer(clinic.admin)).expect(200)).body as DocumentBody;
    await t.http().post(`/api/documents/${doc.id}/versions/1/retire`).set(bearer(clinic.admin)).send({ revision: current.revision }).expect(200);
  });
});
