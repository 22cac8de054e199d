import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../libs/csv/src/parse-csv';
import { storeDocument } from './support/documents-fixture';
import { evaluate } from './support/evaluations-fixture';
import { bearer, createInstitution, type TestInstitution, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let alpha: TestInstitution;
let beta: TestInstitution;
let cardiologyId: string;
let oncologyId: string;

interface FactsFile {
  staffId: string;
  inputs: Record<string, number | number[]>;
}
const FACTS = JSON.parse(readFileSync(join(__dirname, '../../rule-templates/facts/career-tiers.json'), 'utf8')) as FactsFile[];
const inputsOf = (code: string) => (FACTS.find((row) => row.staffId === code) as FactsFile).inputs;

/** Names that need care in a CSV: Chinese, a comma and quotes, and one that looks like a formula. */
const STAFF = [
  { code: 'ct-01', name: 'Ann Lee', team: 'a', tier: 'junior' },
  { code: 'ct-02', name: '陈波', team: 'a', tier: 'junior' },
  { code: 'ct-03', name: 'Lee, "Jr"', team: 'a', tier: 'mid' },
  { code: 'ct-07', name: '=HYPERLINK("x")', team: 'b', tier: 'senior' },
] as const;

const EN_HEADER = [
  'Staff code',
  'Name',
  'Team',
  'Tier',
  'Scheme',
  'Composite',
  'Band',
  'Zone',
  'Promotion eligible',
  'Client',
  'Professional',
  'Organisation',
  'Record completeness',
  'Follow-up rate',
  'Client satisfaction',
  'Intervention effectiveness (indicator improvement rate)',
  'Behaviour-change rate',
  'Cross-discipline collaboration',
  'Long-term client retention',
  'Health-risk reduction',
  'Mentoring',
];
const ZH_HEADER = [
  '工号',
  '姓名',
  '团队',
  '层级',
  '考核方案',
  '综合得分',
  '等级',
  '预警区',
  '可晋升',
  '客户维度',
  '专业维度',
  '组织维度',
  '健康档案完整率',
  '随访完成率',
  '客户满意度',
  '干预方案有效性（指标改善率）',
  '行为改变达成率',
  '跨学科协作能力',
  '客户长期留存率',
  '健康风险下降幅度',
  '团队带教成果',
];

interface ScorecardRow {
  id: string;
  staffCode: string;
  composite: number;
}
interface Detail {
  result: { dimensions: Record<string, { score: number | null }>; indicators: Record<string, { score?: number }> };
}

const exportOf = (user: TestUser, query: Record<string, string>) =>
  t
    .http()
    .get('/api/scorecards/export')
    .query(query)
    .set(bearer(user))
    .buffer(true)
    .parse((response, callback) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => callback(null, Buffer.concat(chunks)));
    });

async function csvOf(user: TestUser, query: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await exportOf(user, { period: '2026-Q1', format: 'csv', ...query }).set(headers).expect(200);
  const bytes = response.body as Buffer;
  const parsed = parseCsv(bytes.subarray(3).toString('utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return { response, bytes, text: bytes.toString('utf8'), rows: parsed.records.map((record) => record.fields).filter((fields) => fields.join('') !== '') };
}

const fixed2 = (value: number | null | undefined) => (typeof value === 'number' ? (Math.round(value * 100) / 100).toFixed(2) : '');

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
  await t.http().post('/api/bindings').set(bearer(alpha.admin)).send({ period: '2026-Q1', documentId: scheme.id, version: 1 }).expect(201);
  await t
    .http()
    .post('/api/facts')
    .set(bearer(alpha.admin))
    .send(STAFF.map((staff) => ({ staffCode: staff.code, period: '2026-Q1', inputs: inputsOf(staff.code) })))
    .expect(200);
  await evaluate(t, alpha.admin, { period: '2026-Q1' });
  await t.http().put(`/api/users/${alpha.staff.id}`).set(bearer(alpha.admin)).send({ staffId: ids['ct-02'] }).expect(200);
}, 120_000);
afterAll(async () => t?.close());

describe('GET /api/scorecards/export?format=csv', () => {
  it('is UTF-8 with a BOM, English headers by default, one row per staff member with every score', async () => {
    const { response, bytes, rows } = await csvOf(alpha.admin, {});
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename=scorecards-2026-Q1.csv');
    expect(rows[0]).toEqual(EN_HEADER);
    expect(rows.slice(1).map((row) => row[0])).toEqual(['ct-01', 'ct-02', 'ct-03', 'ct-07']);

    // ct-01, junior, hand-checked in scorecards.e2e.spec.ts: composite 90.625, client 95, professional 86.25.
    const ann = rows[1];
    expect(ann.slice(0, 9)).toEqual(['ct-01', 'Ann Lee', 'Cardiology', 'junior', 'career-tiers v1', fixed2(90.625), 'A', '', 'no']);
    expect(ann.slice(9, 12)).toEqual(['95.00', '86.25', '']);
    // Indicators: record completeness 80, follow-up 92.5, satisfaction 95; the others are not in the junior tier.
    expect(ann.slice(12)).toEqual(['80.00', '92.50', '95.00', '', '', '', '', '', '']);

    // Every other row against its scorecard's own numbers.
    const list = (await t.http().get('/api/scorecards').query({ filter: JSON.stringify({ period: '2026-Q1' }), range: '[0,99]' }).set(bearer(alpha.admin)).expect(200)).body as ScorecardRow[];
    for (const row of rows.slice(1)) {
      const scorecard = list.find((item) => item.staffCode === row[0]) as ScorecardRow;
      const { result } = (await t.http().get(`/api/scorecards/${scorecard.id}`).set(bearer(alpha.admin)).expect(200)).body as Detail;
      expect(row[5]).toBe(fixed2(scorecard.composite));
      expect(row.slice(9, 12)).toEqual(['client', 'professional', 'organisation'].map((id) => fixed2(result.dimensions[id].score)));
      const indicatorIds = ['record_completeness', 'followup_rate', 'satisfaction', 'intervention_effectiveness', 'behaviour_change_rate', 'collaboration', 'long_term_retention', 'risk_reduction', 'mentoring'];
      expect(row.slice(12)).toEqual(indicatorIds.map((id) => fixed2(result.indicators[id].score)));
    }
    // ct-07: a senior with a major complaint, no mentoring reported (scores 0).
    expect(rows[4].slice(0, 8)).toEqual(['ct-07', "'=HYPERLINK(\"x\")", 'Oncology', 'senior', 'career-tiers v1', expect.any(String), expect.any(String), 'red']);
    expect(rows[4][20]).toBe('0.00');
  });

  it('quotes what needs quoting and keeps Chinese intact', async () => {
    const { text, rows } = await csvOf(alpha.admin, {});
    expect(text).toContain('\r\nct-03,"Lee, ""Jr""",Cardiology,mid,');
    expect(text).toContain('\r\nct-07,"\'=HYPERLINK(""x"")",Oncology,');
    expect(rows[2][1]).toBe('陈波');
    expect(rows[3][1]).toBe('Lee, "Jr"');
  });

  it('uses Chinese headers for ?locale=zh or Accept-Language: zh…, English otherwise', async () => {
    const zh = await csvOf(alpha.admin, { locale: 'zh' });
    expect(zh.rows[0]).toEqual(ZH_HEADER);
    expect(zh.rows[1].slice(7, 9)).toEqual(['', '否']);
    expect(zh.rows[4][7]).toBe('红区');
    expect((await csvOf(alpha.admin, {}, { 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.8' })).rows[0]).toEqual(ZH_HEADER);
    expect((await csvOf(alpha.admin, {}, { 'Accept-Language': 'en-US,zh;q=0.5' })).rows[0]).toEqual(EN_HEADER);
    expect((await csvOf(alpha.admin, {}, { 'Accept-Language': 'fr-FR, zh-Hans;q=0.7, en;q=0.3' })).rows[0]).toEqual(ZH_HEADER);
    expect((await csvOf(alpha.admin, { locale: 'en' }, { 'Accept-Language': 'zh-CN' })).rows[0]).toEqual(EN_HEADER);
  });

  it('filters by team and by what the reader may see', async () => {
    expect((await csvOf(alpha.admin, { teamId: oncologyId })).rows.slice(1).map((row) => row[0])).toEqual(['ct-07']);
    expect((await csvOf(alpha.manager, {})).rows.slice(1).map((row) => row[0])).toEqual(['ct-01', 'ct-02', 'ct-03']);
    expect((await csvOf(alpha.manager, { teamId: oncologyId })).rows.slice(1)).toEqual([]);
    // Staff export only results of published periods: none until 2026-Q1 is published.
    expect((await csvOf(alpha.staff, {})).rows.slice(1)).toEqual([]);
    await t.http().post('/api/periods/2026-Q1/publish').set(bearer(alpha.admin)).expect(200);
    expect((await csvOf(alpha.staff, {})).rows.slice(1).map((row) => row[0])).toEqual(['ct-02']);
    const other = await csvOf(beta.admin, {});
    expect(other.rows).toEqual([EN_HEADER.slice(0, 9)]);
    expect((await csvOf(alpha.admin, { period: '2026-Q2' })).rows).toEqual([EN_HEADER.slice(0, 9)]);
  });
});

describe('GET /api/scorecards/export?format=xlsx', () => {
  it('is a workbook read back with exceljs: headers, text and numbers', async () => {
    const response = await exportOf(alpha.admin, { period: '2026-Q1', format: 'xlsx', locale: 'zh' }).expect(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toBe('attachment; filename=scorecards-2026-Q1.xlsx');
    const workbook = new Workbook();
    await workbook.xlsx.load(response.body as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('2026-Q1');
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
    expect(values(1)).toEqual(ZH_HEADER);
    expect(sheet.rowCount).toBe(5);
    const ann = values(2);
    expect(ann.slice(0, 5)).toEqual(['ct-01', 'Ann Lee', 'Cardiology', 'junior', 'career-tiers v1']);
    expect(ann[5]).toBe(Math.round(90.625 * 100) / 100);
    expect(ann.slice(6, 12)).toEqual([
      'A',
      undefined,
      '否',
      95,
      86.25,
      undefined,
    ]);
    expect(ann.slice(12, 15)).toEqual([80, 92.5, 95]);
    expect(sheet.getRow(2).getCell(6).numFmt).toBe('0.00');
    expect(values(3)[1]).toBe('陈波');
    // A formula-like name is made inert as in the CSV (it would come alive when the cell is edited).
    expect(values(5).slice(0, 2)).toEqual(['ct-07', '\'=HYPERLINK("x")']);
    expect(values(5)[7]).toBe('红区');
  });
});

describe('names that start like a formula, in either format', () => {
  it('reach neither the CSV nor the workbook unescaped: full-width ＝ ＋ － ＠, |, and ASCII = + - @', async () => {
    const ct07 = ((await t.http().get('/api/staff').query({ filter: JSON.stringify({ code: 'ct-07' }) }).set(bearer(alpha.admin)).expect(200)).body as Array<{ id: string }>)[0];
    const names = ['＝HYPERLINK("http://evil.example","x")', '＋1+1', '－1+1', '＠SUM(A1)', '|calc', '｜calc', '+1+1', '-1+1', '@SUM(A1)', '=1+1'];
    const seen: Array<{ name: string; csv: string; xlsx: unknown }> = [];
    try {
      for (const name of names) {
        await t.http().put(`/api/staff/${ct07.id}`).set(bearer(alpha.admin)).send({ name }).expect(200);
        const csv = (await csvOf(alpha.admin, {})).rows[4][1];
        const response = await exportOf(alpha.admin, { period: '2026-Q1', format: 'xlsx' }).expect(200);
        const workbook = new Workbook();
        await workbook.xlsx.load(response.body as unknown as Parameters<typeof workbook.xlsx.load>[0]);
        seen.push({ name, csv, xlsx: workbook.worksheets[0].getRow(5).getCell(2).value });
      }
    } finally {
      await t.http().put(`/api/staff/${ct07.id}`).set(bearer(alpha.admin)).send({ name: '=HYPERLINK("x")' }).expect(200);
    }
    expect(seen).toEqual(names.map((name) => ({ name, csv: `'${name}`, xlsx: `'${name}` })));
  });
});

describe('bad input', () => {
  it('answers 400 to a bad or missing period, a bad format or locale, a malformed team id and unknown parameters', async () => {
    const bad = async (query: Record<string, string>) => (await t.http().get('/api/scorecards/export').query(query).set(bearer(alpha.admin)).expect(400)).body as { details: Array<{ path: string }> };
    expect((await bad({ format: 'csv' })).details[0].path).toBe('period');
    expect((await bad({ period: '2026-13', format: 'csv' })).details[0].path).toBe('period');
    expect((await bad({ period: '2026-Q1', format: 'pdf' })).details[0].path).toBe('format');
    expect((await bad({ period: '2026-Q1', format: 'csv', teamId: 'cardiology' })).details[0].path).toBe('teamId');
    expect((await bad({ period: '2026-Q1', format: 'csv', locale: 'fr' })).details[0].path).toBe('locale');
    await bad({ period: '2026-Q1', format: 'csv', sep: ';' });
    await t.http().get('/api/scorecards/export').query({ period: '2026-Q1' }).expect(401);
  });
});
