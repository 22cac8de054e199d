import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileScheme, type SchemeDocumentInput, type StaffFacts } from '@carescore/engine';
import { bearer, createInstitution, type TestInstitution, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Preview against real staff: without posted facts, `POST /documents/:id/preview` samples the
 * stored facts of a period (active staff, by code), so the draft and the published version are
 * evaluated on the same people, which is what the console's scheme editor shows side by side.
 */
let t: TestApp;
let clinic: TestInstitution;
let other: TestInstitution;
let documentId: string;
let teamId: string;

type Json = Record<string, unknown>;

const published = {
  kind: 'scheme',
  key: 'sampled',
  name: { en: 'Sampled scheme' },
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
} satisfies Json;

/** The draft drops NPS (and its input): stored facts still carry nps_value, which the preview must leave out. */
const draft = {
  ...published,
  inputs: { done: published.inputs.done, planned: published.inputs.planned },
  indicators: [published.indicators[0]],
  dimensions: [{ id: 'execution', weight: 100, indicators: [{ id: 'followup_rate', weight: 100 }] }],
} satisfies Json;

const FACTS: Record<string, Json> = {
  S001: { done: 28, planned: 30, nps_value: 40 },
  S002: { done: 20, planned: 30, nps_value: -20 },
  S003: { done: 30, planned: 30, nps_value: 80 },
  S004: { done: 10, planned: 30, nps_value: 0 },
};

const preview = (user: TestUser, body: Json) => t.http().post(`/api/documents/${documentId}/preview`).set(bearer(user)).send(body);

/** What the engine itself gives for these staff under a document, evaluated together. */
function expectedScorecards(document: Json, version: number, codes: string[]) {
  const population: StaffFacts[] = codes.map((code) => ({
    staffId: code,
    team: teamId,
    tier: 'junior',
    inputs: Object.fromEntries(Object.entries(FACTS[code]).filter(([name]) => name in (document.inputs as Json))) as StaffFacts['inputs'],
  }));
  return JSON.parse(JSON.stringify(compileScheme({ ...(document as SchemeDocumentInput), version }).evaluate(population, { period: '2026-03' })));
}

beforeAll(async () => {
  t = await startTestApp();
  clinic = await createInstitution(t, 'Clinic');
  other = await createInstitution(t, 'Other');
  const admin = bearer(clinic.admin);
  teamId = (await t.http().post('/api/teams').set(admin).send({ name: 'Cardiology' }).expect(201)).body.id;
  for (const code of Object.keys(FACTS)) {
    await t.http().post('/api/staff').set(admin).send({ code, name: `Staff ${code}`, teamId, tier: 'junior' }).expect(201);
  }
  await t.http().post('/api/staff').set(bearer(other.admin)).send({ code: 'S000', name: 'Elsewhere', tier: 'junior' }).expect(201);

  const created = await t.http().post('/api/documents').set(admin).send({ content: published }).expect(201);
  documentId = created.body.id;
  const publishedDoc = await t.http().post(`/api/documents/${documentId}/publish`).set(admin).send({ revision: created.body.revision }).expect(200);
  await t.http().post('/api/bindings').set(admin).send({ period: '2026-03', documentId, version: 1 }).expect(201);
  const rows = Object.entries(FACTS).map(([staffCode, inputs]) => ({ staffCode, period: '2026-03', inputs }));
  await t.http().post('/api/facts').set(admin).send(rows).expect(200);
  // S004 leaves: inactive staff are not sampled.
  const [s004] = (await t.http().get('/api/staff').query({ filter: JSON.stringify({ code: 'S004' }) }).set(admin).expect(200)).body as Array<{ id: string }>;
  await t.http().delete(`/api/staff/${s004.id}`).set(admin).expect(200);
  await t.http().put(`/api/documents/${documentId}`).set(admin).send({ content: draft, revision: publishedDoc.body.revision }).expect(200);
}, 120_000);
afterAll(async () => t?.close());

describe('preview on a sample of real staff', () => {
  it('evaluates the draft and the published version on the same stored facts, naming the staff', async () => {
    const draftPreview = await preview(clinic.admin, { version: 'draft', period: '2026-03', sample: 2 }).expect(200);
    expect(draftPreview.body.scheme).toEqual({ key: 'sampled', version: 2, status: 'draft' });
    expect(draftPreview.body.staff).toEqual([
      { staffId: 'S001', name: 'Staff S001', teamId },
      { staffId: 'S002', name: 'Staff S002', teamId },
    ]);
    expect(draftPreview.body.scorecards).toEqual(expectedScorecards(draft, 2, ['S001', 'S002']));

    const publishedPreview = await preview(clinic.quality, { version: 1, period: '2026-03', sample: 2 }).expect(200);
    expect(publishedPreview.body.scheme).toEqual({ key: 'sampled', version: 1, status: 'published' });
    expect(publishedPreview.body.staff.map((staff: { staffId: string }) => staff.staffId)).toEqual(['S001', 'S002']);
    expect(publishedPreview.body.scorecards).toEqual(expectedScorecards(published, 1, ['S001', 'S002']));
    // The versions really differ on these people: without NPS, S001's composite is its follow-up score alone.
    expect(draftPreview.body.scorecards[0].composite).not.toBe(publishedPreview.body.scorecards[0].composite);
  });

  it('takes every active staff member with facts by default, and none from another institution', async () => {
    const response = await preview(clinic.admin, { version: 1, period: '2026-03' }).expect(200);
    expect(response.body.scorecards.map((card: { staffId: string }) => card.staffId)).toEqual(['S001', 'S002', 'S003']);
    const empty = await preview(clinic.admin, { version: 1, period: '2026-04' }).expect(200);
    expect(empty.body).toEqual({ scheme: { key: 'sampled', version: 1, status: 'published' }, scorecards: [], staff: [] });
    await t.http().post(`/api/documents/${documentId}/preview`).set(bearer(other.admin)).send({ period: '2026-03' }).expect(404);
  });

  it('needs facts or a period, takes a sample size only without facts, and checks the period against the scheme', async () => {
    const neither = await preview(clinic.admin, { version: 1 }).expect(400);
    expect(neither.body.details).toEqual([{ path: 'period', message: 'send facts, or a period whose stored facts to use', code: 'schema.custom' }]);
    const both = await preview(clinic.admin, { facts: [], sample: 3 }).expect(400);
    expect(both.body.details).toEqual([{ path: 'sample', message: 'applies only without facts', code: 'schema.custom' }]);
    await preview(clinic.admin, { period: '2026-03', sample: 0 }).expect(400);
    const quarter = await preview(clinic.admin, { period: '2026-Q1' }).expect(422);
    expect(quarter.body.details).toEqual([{ path: 'period', message: 'period 2026-Q1 is a quarter, but the scheme is evaluated per month' }]);
    await preview(clinic.staff, { period: '2026-03' }).expect(403);
  });
});
