import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeDocument } from './support/documents-fixture';
import { evaluate } from './support/evaluations-fixture';
import { bearer, createInstitution, type TestInstitution, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let alpha: TestInstitution;
let beta: TestInstitution;
let cardiologyId: string;
let oncologyId: string;
const scorecardIds: Record<string, string> = {};

interface FactsFile {
  staffId: string;
  inputs: Record<string, number | number[]>;
}
const FACTS = JSON.parse(readFileSync(join(__dirname, '../../rule-templates/facts/career-tiers.json'), 'utf8')) as FactsFile[];
const inputsOf = (code: string) => (FACTS.find((row) => row.staffId === code) as FactsFile).inputs;

const STAFF = [
  { code: 'ct-01', name: 'Ann Lee', team: 'a', tier: 'junior' },
  { code: 'ct-02', name: '陈波', team: 'a', tier: 'junior' },
  { code: 'ct-03', name: '李娜', team: 'a', tier: 'mid' },
  { code: 'ct-07', name: '王强', team: 'b', tier: 'senior' },
] as const;

const download = (user: TestUser, path: string, language = 'zh-CN,zh;q=0.9') =>
  t
    .http()
    .get(path)
    .set(bearer(user))
    .set('Accept-Language', language)
    .buffer(true)
    .parse((response, callback) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => callback(null, Buffer.concat(chunks)));
    });

/** The PDF's text, all pages, with the line breaks and spaces the extraction puts between runs taken out. */
async function textOf(body: Buffer): Promise<{ pages: number; text: string }> {
  expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const { totalPages, text } = await extractText(await getDocumentProxy(new Uint8Array(body)), { mergePages: true });
  return { pages: totalPages, text: text.replace(/\s+/g, '') };
}

beforeAll(async () => {
  t = await startTestApp();
  alpha = await createInstitution(t, 'Alpha');
  beta = await createInstitution(t, 'Beta');
  const createTeam = async (body: Record<string, unknown>) => ((await t.http().post('/api/teams').set(bearer(alpha.admin)).send(body).expect(201)).body as { id: string }).id;
  cardiologyId = await createTeam({ name: 'Cardiology', managerId: alpha.manager.id });
  oncologyId = await createTeam({ name: 'Oncology' });
  const ids: Record<string, string> = {};
  for (const staff of STAFF) {
    const body = { code: staff.code, name: staff.name, tier: staff.tier, teamId: staff.team === 'a' ? cardiologyId : oncologyId };
    ids[staff.code] = ((await t.http().post('/api/staff').set(bearer(alpha.admin)).send(body).expect(201)).body as { id: string }).id;
  }
  const scheme = await storeDocument(t, alpha.id, 'career-tiers', ['published']);
  // Two quarters: the report's trend shows the earlier one too.
  for (const period of ['2025-Q4', '2026-Q1']) {
    await t.http().post('/api/bindings').set(bearer(alpha.admin)).send({ period, documentId: scheme.id, version: 1 }).expect(201);
    await t
      .http()
      .post('/api/facts')
      .set(bearer(alpha.admin))
      .send(STAFF.map((staff) => ({ staffCode: staff.code, period, inputs: inputsOf(staff.code) })))
      .expect(200);
    await evaluate(t, alpha.admin, { period });
  }
  const list = (await t.http().get('/api/scorecards').query({ filter: JSON.stringify({ period: '2026-Q1' }), range: '[0,99]' }).set(bearer(alpha.admin)).expect(200)).body as Array<{ id: string; staffCode: string }>;
  for (const row of list) scorecardIds[row.staffCode] = row.id;
  await t.http().put(`/api/users/${alpha.staff.id}`).set(bearer(alpha.admin)).send({ staffId: ids['ct-02'] }).expect(200);
}, 180_000);
afterAll(async () => t?.close());

describe('GET /api/scorecards/:id/report.pdf', () => {
  it("is a PDF named after the staff member, in Chinese for a Chinese reader: name, dimensions, indicators, trend", async () => {
    const response = await download(alpha.admin, `/api/scorecards/${scorecardIds['ct-02']}/report.pdf`).expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="scorecard-ct-02-_-2026-Q1.pdf"; filename*=UTF-8''scorecard-ct-02-%E9%99%88%E6%B3%A2-2026-Q1.pdf`);
    expect(response.headers['cache-control']).toBe('private, no-store');
    const { text } = await textOf(response.body as Buffer);
    for (const expected of ['绩效考核报告', '陈波', 'ct-02', 'Cardiology', '2026-Q1', '客户维度', '专业维度', '组织维度', '健康档案完整率', '随访完成率', '客户满意度', '评分线', '团队均值', '综合得分趋势', '2025-Q4']) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toContain('Scorecard report');
  });

  it("is in English for an English reader; the names stay as they are", async () => {
    const response = await download(alpha.admin, `/api/scorecards/${scorecardIds['ct-02']}/report.pdf`, 'en-US,en;q=0.9').expect(200);
    const { text } = await textOf(response.body as Buffer);
    for (const expected of ['Scorecardreport', '陈波', 'Client', 'Professional', 'Organisation', 'Recordcompleteness', 'Teammean']) expect(text, expected).toContain(expected);
    expect(text).not.toContain('客户维度');
  });

  it('reads the composite and the indicators of the scorecard itself', async () => {
    const detail = (await t.http().get(`/api/scorecards/${scorecardIds['ct-01']}`).set(bearer(alpha.admin)).expect(200)).body as { composite: number; staffName: string };
    const { text } = await textOf((await download(alpha.admin, `/api/scorecards/${scorecardIds['ct-01']}/report.pdf`).expect(200)).body as Buffer);
    // ct-01, hand-checked in scorecards.e2e.spec.ts: composite 90.625, record completeness 80, follow-up 92.5.
    expect(detail.composite).toBe(90.625);
    expect(text).toContain('AnnLee');
    expect(text).toContain('90.63');
    expect(text).toContain('80.00');
    expect(text).toContain('92.50');
  });

  it('is seen by exactly those who may read the scorecard', async () => {
    const path = (code: string) => `/api/scorecards/${scorecardIds[code]}/report.pdf`;
    // Staff: their own only, and only once the period is published.
    await download(alpha.staff, path('ct-02')).expect(404);
    await t.http().post('/api/periods/2026-Q1/publish').set(bearer(alpha.admin)).expect(200);
    const own = await download(alpha.staff, path('ct-02')).expect(200);
    expect((await textOf(own.body as Buffer)).text).toContain('陈波');
    const other = await download(alpha.staff, path('ct-01')).expect(404);
    expect(other.headers['content-type']).toContain('application/json');
    // Managers: the staff of the teams they manage.
    await download(alpha.manager, path('ct-01')).expect(200);
    await download(alpha.manager, path('ct-07')).expect(404);
    await download(alpha.quality, path('ct-07')).expect(200);
    // Another institution: as if it did not exist.
    await download(beta.admin, path('ct-02')).expect(404);
    await download(alpha.admin, '/api/scorecards/00000000-0000-4000-8000-000000000000/report.pdf').expect(404);
    await download(alpha.admin, '/api/scorecards/not-a-uuid/report.pdf').expect(400);
    await t.http().get(path('ct-02')).expect(401);
  });
});

describe('GET /api/teams/:id/report.pdf?period=', () => {
  it("lists the team's staff with composite, band and zone, in Chinese for a Chinese reader", async () => {
    const response = await download(alpha.admin, `/api/teams/${cardiologyId}/report.pdf?period=2026-Q1`).expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="team-Cardiology-2026-Q1.pdf"; filename*=UTF-8''team-Cardiology-2026-Q1.pdf`);
    const { text } = await textOf(response.body as Buffer);
    for (const expected of ['团队考核报告', 'Cardiology', '2026-Q1', 'AnnLee', '陈波', '李娜', 'ct-01', 'ct-02', 'ct-03', '客户维度', '专业维度', '组织维度', '90.63', '等级分布', '员工排名']) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toContain('王强');
    expect(text).not.toContain('ct-07');
  });

  it('is for admins, quality officers and the manager of the team; 404 for other teams and institutions', async () => {
    const path = (teamId: string, period = '2026-Q1') => `/api/teams/${teamId}/report.pdf?period=${period}`;
    await download(alpha.quality, path(oncologyId)).expect(200);
    const oncology = await textOf((await download(alpha.manager, path(cardiologyId), 'en').expect(200)).body as Buffer);
    expect(oncology.text).toContain('Teamreport');
    await download(alpha.manager, path(oncologyId)).expect(404);
    await download(alpha.staff, path(cardiologyId)).expect(403);
    await download(beta.admin, path(cardiologyId)).expect(404);
    await download(alpha.admin, path('00000000-0000-4000-8000-000000000000')).expect(404);
    await download(alpha.admin, path(cardiologyId, 'spring')).expect(400);
    await download(alpha.admin, `/api/teams/${cardiologyId}/report.pdf`).expect(400);
  });
});
