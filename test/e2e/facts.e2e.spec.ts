import { Workbook } from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FactsRepository } from '../../apps/api/src/modules/facts/facts.repository';
import { auditEntries } from './support/audit-entries';
import { type StoredDocument, storeDocument } from './support/documents-fixture';
import { bearer, createInstitution, type TestInstitution, type TestUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';
import { deflatedRepeat, deflatedSheetRows, lyingWorkbook } from '../support/zip-bombs';

let t: TestApp;
let alpha: TestInstitution;
let beta: TestInstitution;

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

interface FactBody {
  id: string;
  staffId: string;
  staffCode: string;
  staffName: string;
  teamId: string | null;
  period: string;
  inputs: Record<string, number | number[]>;
  createdAt: string;
  updatedAt: string;
}
interface StaffBody {
  id: string;
  code: string;
}

/** Alpha: Cardiology (managed by alpha.manager) with Ann and Dee (inactive), Oncology with Bob, Cid without a team. */
let cardiologyId: string;
let oncologyId: string;
let ann: StaffBody;
let bob: StaffBody;
let cid: StaffBody;
let monthly: StoredDocument;
let quarterly: StoredDocument;

const post = (user: TestUser, rows: unknown, query = '') => t.http().post(`/api/facts${query}`).set(bearer(user)).send(rows as object);
const importCsv = (user: TestUser, csv: string, query = '') => t.http().post(`/api/facts/import${query}`).set(bearer(user)).set('Content-Type', 'text/csv').send(csv);
const upload = (user: TestUser, bytes: Buffer, name: string, query = '') => t.http().post(`/api/facts/import${query}`).set(bearer(user)).attach('file', bytes, name);
const list = async (user: TestUser, query: Record<string, string> = {}) => {
  const response = await t.http().get('/api/facts').query({ range: '[0,999]', sort: '["staffCode","ASC"]', ...query }).set(bearer(user)).expect(200);
  return { items: response.body as FactBody[], range: response.headers['content-range'] as string };
};
const factsOf = async (period: string, user: TestUser = alpha.admin) => (await list(user, { filter: JSON.stringify({ period }) })).items;
const inputsOf = async (period: string) => Object.fromEntries((await factsOf(period)).map((fact) => [fact.staffCode, fact.inputs]));
/** Everything a rejected request must leave as it was: Alpha's facts and its fact audit entries. */
const snapshot = async () => ({ facts: (await list(alpha.admin)).items, audit: await auditEntries(t, alpha.admin, { entityType: 'fact' }) });

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const book = new Workbook();
  const sheet = book.addWorksheet('Facts');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const createTeam = async (admin: TestUser, body: Record<string, unknown>) => ((await t.http().post('/api/teams').set(bearer(admin)).send(body).expect(201)).body as { id: string }).id;
const createStaff = async (admin: TestUser, body: Record<string, unknown>) => (await t.http().post('/api/staff').set(bearer(admin)).send({ tier: 'junior', ...body }).expect(201)).body as StaffBody;
const bind = async (admin: TestUser, body: Record<string, unknown>) => {
  await t.http().post('/api/bindings').set(bearer(admin)).send(body).expect(201);
};

beforeAll(async () => {
  t = await startTestApp();
  alpha = await createInstitution(t, 'Alpha');
  beta = await createInstitution(t, 'Beta');
  cardiologyId = await createTeam(alpha.admin, { name: 'Cardiology', managerId: alpha.manager.id });
  oncologyId = await createTeam(alpha.admin, { name: 'Oncology' });
  ann = await createStaff(alpha.admin, { code: 'S001', name: 'Ann', teamId: cardiologyId, tier: 'mid' });
  bob = await createStaff(alpha.admin, { code: 'S002', name: 'Bob', teamId: oncologyId });
  cid = await createStaff(alpha.admin, { code: 'S003', name: 'Cid' });
  const dee = await createStaff(alpha.admin, { code: 'S004', name: 'Dee', teamId: cardiologyId });
  await t.http().delete(`/api/staff/${dee.id}`).set(bearer(alpha.admin)).expect(200);
  await createStaff(beta.admin, { code: 'B001', name: 'Bea' });
  await createStaff(beta.admin, { code: 'S009', name: 'Only in Beta' });

  // hm-3d9i is monthly (alert_response_minutes is a list, record_completeness_pct 0…100); career-tiers quarterly (satisfaction_ratings: a list of 1…5).
  monthly = await storeDocument(t, alpha.id, 'hm-3d9i', ['published']);
  quarterly = await storeDocument(t, alpha.id, 'career-tiers', ['published']);
  for (const period of ['2026-03', '2026-05', '2026-06', '2026-07']) await bind(alpha.admin, { period, documentId: monthly.id, version: 1 });
  await bind(alpha.admin, { period: '2026-04', teamId: cardiologyId, documentId: monthly.id, version: 1 });
  await bind(alpha.admin, { period: '2026-Q1', documentId: quarterly.id, version: 1 });
  const betaMonthly = await storeDocument(t, beta.id, 'hm-3d9i', ['published']);
  await bind(beta.admin, { period: '2026-03', documentId: betaMonthly.id, version: 1 });
}, 120_000);
afterAll(async () => t?.close());

describe('facts: JSON', () => {
  it('stores a JSON array of {staffCode, period, inputs}, list inputs as lists, and audits the import', async () => {
    const response = await post(alpha.admin, [
      { staffCode: 'S001', period: '2026-03', inputs: { followups_planned: 30, followups_done: 28, alert_response_minutes: [12, 30, 45] } },
      { staffCode: ' S002 ', period: '2026-03', inputs: { followups_planned: 20, followups_done: 20, nps_responses: null } },
      { staffCode: 'S001', period: '2026-Q1', inputs: { satisfaction_ratings: [5, 4, 5], records_total: 40 } },
    ]).expect(200);
    expect(response.body).toEqual({ rows: 3, values: 7, created: 3, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    expect(await inputsOf('2026-03')).toEqual({
      S001: { followups_planned: 30, followups_done: 28, alert_response_minutes: [12, 30, 45] },
      S002: { followups_planned: 20, followups_done: 20 },
    });
    const [quarter] = await factsOf('2026-Q1');
    expect(quarter).toMatchObject({ id: `${ann.id}:2026-Q1`, staffId: ann.id, staffCode: 'S001', staffName: 'Ann', teamId: cardiologyId, period: '2026-Q1', inputs: { satisfaction_ratings: [5, 4, 5], records_total: 40 } });
    const [entry] = await auditEntries(t, alpha.admin, { entityType: 'fact', action: 'import' });
    expect(entry).toMatchObject({ entityId: null, changes: { source: 'json', fileName: null, periods: ['2026-03', '2026-Q1'], rows: 3, values: 7, created: 3, updated: 0, unchanged: 0, rejected: 0 } });
  });

  it('merges into the stored inputs: values sent win, inputs not sent (or null) are kept', async () => {
    const response = await post(alpha.admin, [
      { staffCode: 'S001', period: '2026-03', inputs: { followups_done: 29, nps_responses: 10, followups_planned: null } },
      { staffCode: 'S002', period: '2026-03', inputs: { followups_done: 20 } },
    ]).expect(200);
    expect(response.body).toEqual({ rows: 2, values: 3, created: 0, updated: 1, unchanged: 1, rejected: 0, errors: [] });
    expect((await inputsOf('2026-03')).S001).toEqual({ followups_planned: 30, followups_done: 29, alert_response_minutes: [12, 30, 45], nps_responses: 10 });
  });

  it('rejects every row-level problem at once as [index] paths (422) and stores nothing', async () => {
    const before = await snapshot();
    const response = await post(alpha.admin, [
      { staffCode: 'S001', period: '2026-07', inputs: { followups_done: 3, alert_response_minutes: 12, bogus: 1, constructor: 2 } },
      { staffCode: 'S002', period: '2026-07', inputs: { followups_done: '12', alert_response_minutes: ['1'], record_completeness_pct: 101 } },
      { staffCode: 'S999', period: '2026-07', inputs: {} },
      { staffCode: 'S003', period: '2026-7', inputs: { followups_done: 1 } },
      { staffCode: '', period: '', inputs: {} },
      { staffCode: 'S001', period: '2026-07', inputs: { followups_done: 4 } },
    ]).expect(422);
    expect(response.body.message).toBe('11 problem(s) in 6 row(s); nothing was stored. Rows are numbered from 0 in the order sent. Send ?partial=true to store the valid rows anyway');
    expect(response.body.details).toEqual([
      { path: '[0].inputs.alert_response_minutes', message: 'must be a list of numbers', code: 'facts.not_number_list' },
      { path: '[0].inputs.bogus', message: expect.stringMatching(/^unknown input bogus: the scheme declares .*followups_planned/), code: 'facts.unknown_input' },
      { path: '[0].inputs.constructor', message: expect.stringMatching(/^unknown input constructor: the scheme declares /), code: 'facts.unknown_input' },
      { path: '[1].inputs.followups_done', message: 'must be a number' },
      { path: '[1].inputs.alert_response_minutes', message: 'must be a list of numbers' },
      { path: '[1].inputs.record_completeness_pct', message: '101 is outside the declared range 0…100', code: 'facts.out_of_range' },
      { path: '[2].staffCode', message: 'no staff member has the code S999' },
      { path: '[3].period', message: 'must be a month like 2026-03 or a quarter like 2026-Q1' },
      { path: '[4].staffCode', message: 'is required' },
      { path: '[4].period', message: 'is required' },
      { path: '[5].staffCode', message: 'repeats staff member S001 for 2026-07 from item 0; each staff member may appear once per period' },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('answers 400 to a body that is not an array of {staffCode, period, inputs}', async () => {
    await post(alpha.admin, { staffCode: 'S001', period: '2026-03', inputs: {} }).expect(400);
    await post(alpha.admin, []).expect(400);
    const extra = await post(alpha.admin, [{ staffCode: 'S001', period: '2026-03', inputs: {}, team: 'x' }]).expect(400);
    expect(extra.body.details[0].path).toBe('[0]');
    const missing = await post(alpha.admin, [{ staffCode: 'S001', inputs: {} }]).expect(400);
    expect(missing.body.details).toEqual([{ path: '[0].period', message: expect.any(String), code: 'schema.invalid_type' }]);
    await post(alpha.admin, [{ staffCode: 'S001', period: '2026-03', inputs: {} }], '?partial=maybe').expect(400);
    await post(alpha.admin, [{ staffCode: 'S001', period: '2026-03', inputs: {} }], '?dryRun=true').expect(400);
    await t.http().post('/api/facts').set(bearer(alpha.admin)).set('Content-Type', 'application/json').send('[{"staffCode":').expect(400);
  });
});

const CSV_HEADER = 'staffCode,period,followups_planned,followups_done,alert_response_minutes,record_completeness_pct';

describe('facts: CSV and XLSX import', () => {
  const csv = [CSV_HEADER, 'S001,2026-05,30,28,12;30;45,96.5', 'S002,2026-05,20,,7,', ''].join('\n');

  it('imports a text/csv body: list cells as lists, empty cells not provided', async () => {
    const response = await importCsv(alpha.admin, csv).expect(200);
    expect(response.body).toEqual({ rows: 2, values: 6, created: 2, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    expect(await inputsOf('2026-05')).toEqual({
      S001: { followups_planned: 30, followups_done: 28, alert_response_minutes: [12, 30, 45], record_completeness_pct: 96.5 },
      S002: { followups_planned: 20, alert_response_minutes: [7] },
    });
    const [entry] = await auditEntries(t, alpha.admin, { entityType: 'fact', action: 'import' });
    expect(entry.changes).toMatchObject({ source: 'csv', fileName: null, periods: ['2026-05'], created: 2 });
  });

  it('is idempotent: the same file again reports every row unchanged, touches no updated_at and records no audit entry', async () => {
    const factsBefore = await factsOf('2026-05');
    const auditBefore = await auditEntries(t, alpha.admin, { entityType: 'fact' });
    const again = await importCsv(alpha.admin, csv).expect(200);
    expect(again.body).toEqual({ rows: 2, values: 6, created: 0, updated: 0, unchanged: 2, rejected: 0, errors: [] });
    const factsAfter = await factsOf('2026-05');
    expect(factsAfter).toEqual(factsBefore);
    expect(factsAfter.map((fact) => fact.updatedAt)).toEqual(factsBefore.map((fact) => fact.updatedAt));
    expect(await auditEntries(t, alpha.admin, { entityType: 'fact' })).toEqual(auditBefore);
  });

  it('updates only the rows whose values change; an empty cell keeps the stored value', async () => {
    const before = await factsOf('2026-05');
    const response = await importCsv(alpha.admin, [CSV_HEADER, 'S001,2026-05,30,,,', 'S002,2026-05,,19,,'].join('\r\n')).expect(200);
    expect(response.body).toMatchObject({ rows: 2, values: 2, created: 0, updated: 1, unchanged: 1 });
    const after = await factsOf('2026-05');
    expect(after[0]).toEqual(before[0]);
    expect(after[1].inputs).toEqual({ followups_planned: 20, followups_done: 19, alert_response_minutes: [7] });
    expect(after[1].updatedAt > before[1].updatedAt).toBe(true);
  });

  it('accepts a multipart CSV file, JSON {csv}, a BOM, CRLF, header case and columns in any order', async () => {
    const file = Buffer.from('\uFEFFPeriod,StaffCode,NPS_Responses\r\n2026-05,S003,12\r\n', 'utf8');
    expect((await upload(alpha.admin, file, 'facts.csv').expect(200)).body).toMatchObject({ rows: 1, created: 1 });
    const [entry] = await auditEntries(t, alpha.admin, { entityType: 'fact', action: 'import' });
    expect(entry.changes).toMatchObject({ source: 'csv', fileName: 'facts.csv' });
    const json = await t.http().post('/api/facts/import').set(bearer(alpha.admin)).send({ csv: 'staffCode,period,nps_responses\nS003,2026-05,13\n' }).expect(200);
    expect(json.body).toMatchObject({ rows: 1, updated: 1 });
    expect((await inputsOf('2026-05')).S003).toEqual({ nps_responses: 13 });
  });

  it('imports the first worksheet of an XLSX upload: typed numbers, ;-lists in text cells, a period the spreadsheet made a date', async () => {
    const bytes = await xlsx([
      ['staffCode', 'period', 'followups_planned', 'alert_response_minutes', 'record_completeness_pct'],
      ['S001', '2026-06', 40, '5;10', 88],
      [],
      ['S002', new Date(Date.UTC(2026, 5, 1)), 35, 9, null],
    ]);
    const response = await upload(alpha.admin, bytes, 'June facts.xlsx').expect(200);
    expect(response.body).toEqual({ rows: 2, values: 5, created: 2, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    expect(await inputsOf('2026-06')).toEqual({
      S001: { followups_planned: 40, alert_response_minutes: [5, 10], record_completeness_pct: 88 },
      S002: { followups_planned: 35, alert_response_minutes: [9] },
    });
    const [entry] = await auditEntries(t, alpha.admin, { entityType: 'fact', action: 'import' });
    expect(entry.changes).toMatchObject({ source: 'xlsx', fileName: 'June facts.xlsx', periods: ['2026-06'] });
    const factsBefore = await factsOf('2026-06');
    expect((await upload(alpha.admin, bytes, 'June facts.xlsx').expect(200)).body).toMatchObject({ rows: 2, created: 0, updated: 0, unchanged: 2 });
    expect(await factsOf('2026-06')).toEqual(factsBefore);
    // The same values as CSV text are the same facts: nothing changes.
    const sameAsCsv = await importCsv(alpha.admin, 'staffCode,period,followups_planned,alert_response_minutes\nS001,2026-06,40.0,5;10\n').expect(200);
    expect(sameAsCsv.body).toMatchObject({ unchanged: 1 });
  });

  it('reports XLSX problems by spreadsheet row and column letter, and stores nothing', async () => {
    const before = await snapshot();
    const bytes = await xlsx([
      ['staffCode', 'period', 'followups_planned', 'record_completeness_pct'],
      ['S001', '2026-07', 10, 120],
      [],
      ['S002', '2026-07', 'ten'],
      [1001, new Date(Date.UTC(2026, 6, 1))],
      ['S003', '2026-07', { formula: '1/0', result: { error: '#DIV/0!' } }],
      ['S003', '2026-08', 1, null, 'stray'],
      ['S001', new Date(Date.UTC(2026, 6, 15))],
    ]);
    const response = await upload(alpha.admin, bytes, 'july.xlsx').expect(422);
    expect(response.body.message).toMatch(/^6 problem\(s\) in 6 row\(s\); nothing was stored\. Rows are numbered as in the spreadsheet: the header is row 1, the first fact row 2\./);
    expect(response.body.details).toEqual([
      { path: 'rows[2].record_completeness_pct', message: 'column D (record_completeness_pct): 120 is outside the declared range 0…100', code: 'facts.out_of_range' },
      { path: 'rows[4].followups_planned', message: 'column C (followups_planned): "ten" is not a number' },
      { path: 'rows[5].staffCode', message: 'column A (staffCode): no staff member has the code 1001' },
      { path: 'rows[6].followups_planned', message: 'column C (followups_planned): holds the spreadsheet error #DIV/0!, not a number' },
      { path: 'rows[7]', message: 'has a value in column E, which has no header' },
      { path: 'rows[8].period', message: 'column B (period): is a date (2026-07-15); write the period as text like 2026-03 or 2026-Q1' },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses unreadable uploads: legacy .xls, a fake .xlsx, non-UTF-8 text (422), no file (400)', async () => {
    const before = await snapshot();
    await upload(alpha.admin, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]), 'old.xls').expect(422);
    const fake = await upload(alpha.admin, Buffer.from('staffCode,period\n'), 'facts.xlsx').expect(422);
    expect(fake.body.details).toEqual([{ path: 'file', message: 'is not a readable .xlsx workbook' }]);
    const damaged = await upload(alpha.admin, (await xlsx([['staffCode', 'period']])).subarray(0, 200), 'cut.xlsx').expect(422);
    expect(damaged.body.details[0].path).toBe('file');
    await upload(alpha.admin, Buffer.from([0x53, 0x30, 0x30, 0x31, 0x2c, 0xd6, 0xd0, 0x0a]), 'gbk.csv').expect(422);
    const none = await t.http().post('/api/facts/import').set(bearer(alpha.admin)).expect(400);
    expect(none.body.error).toBe('BadRequest');
    await t.http().post('/api/facts/import').set(bearer(alpha.admin)).attach('upload', Buffer.from('a,b\n'), 'facts.csv').expect(400);
    await t.http().post('/api/facts/import').set(bearer(alpha.admin)).field('note', 'x').attach('file', Buffer.from('a,b\n'), 'facts.csv').expect(400);
    await t.http().post('/api/facts/import').set(bearer(alpha.admin)).send({ file: 'x' }).expect(400);
    expect(await snapshot()).toEqual(before);
  });

  it('answers 413 to an upload over 10 MB, as a file or as a text/csv body', async () => {
    const before = await snapshot();
    const big = Buffer.alloc(10 * 1024 * 1024 + 1024, 'S001,2026-07,1\n');
    const file = await upload(alpha.admin, big, 'big.csv').expect(413);
    expect(file.body.error).toBe('PayloadTooLarge');
    await importCsv(alpha.admin, big.toString('utf8')).expect(413);
    expect(await snapshot()).toEqual(before);
  });
});

/** Runs `action`, sampling this process's RSS every 5 ms: the time it took and how far RSS rose above where it started. */
async function measured<T>(action: () => Promise<T>): Promise<{ result: T; ms: number; rssGrowthMb: number }> {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  const started = performance.now();
  try {
    const result = await action();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, ms: performance.now() - started, rssGrowthMb: (peak - baseline) / 1024 / 1024 };
  } finally {
    clearInterval(sampler);
  }
}

describe('facts: XLSX zip bombs that lie about their size', () => {
  it('refuses a workbook whose 400 MB worksheet claims 4 KB within a second (413), without holding it in memory, and stores nothing', async () => {
    const bomb = await lyingWorkbook(await deflatedRepeat('<row r="1"/>', 400 * 1024 * 1024), 4096);
    const before = await snapshot();
    const { result, ms, rssGrowthMb } = await measured(() => upload(alpha.admin, bomb, 'bomb.xlsx'));
    expect(result.status).toBe(413);
    expect(result.body).toMatchObject({ error: 'PayloadTooLarge', details: [{ path: 'file', code: 'xlsx_compression_ratio' }] });
    expect(ms).toBeLessThan(1000);
    expect(rssGrowthMb).toBeLessThan(100);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses worksheet XML of an ordinary ratio past the 32 MB cap although the headers claim 4 KB (413), holding at most the cap', async () => {
    const bomb = await lyingWorkbook(await deflatedSheetRows(40 * 1024 * 1024), 4096);
    const before = await snapshot();
    const { result, rssGrowthMb } = await measured(() => upload(alpha.admin, bomb, 'wide.xlsx'));
    expect(result.status).toBe(413);
    expect(result.body.details).toEqual([{ path: 'file', code: 'xlsx_unpacked_too_large', message: 'the workbook unpacks to more than 32 MB' }]);
    // 32 MB of real inflation takes 0.1–0.3 s idle, seconds on a loaded machine: the unit test pins that it stops at the cap.
    expect(rssGrowthMb).toBeLessThan(100);
    expect(await snapshot()).toEqual(before);
  });
});

describe('facts: row-level problems in a sheet', () => {
  it('reports every problem with its spreadsheet row and column, all at once (422), and stores nothing', async () => {
    const before = await snapshot();
    const csv = [
      `${CSV_HEADER},bogus`,
      'S001,2026-07,30,28,12;30,50,', // row 2: fine, but must not be stored
      'S999,2026-07,1,1,,,', // row 3: unknown staff
      'S004,2026-07,1,1,,,', // row 4: inactive staff
      ',2026-07,1,1,,,', // row 5: no code
      'S002,2026-13,1,1,,,', // row 6: bad period
      'S002,2026-04,1,1,,,', // row 7: Oncology has no binding for 2026-04
      'S003,2026-04,1,1,,,', // row 8: no team, no institution-wide binding for 2026-04
      '', // row 9: blank, skipped
      'S002,2026-07,abc,1;2,12;x,120,', // row 10: not a number, a list for a number, a bad list item, out of range
      'S003,2026-07,-1,,5;-5,,7', // row 11: below min, list item below min, unknown input
      'S001,2026-07,1,1,,,', // row 12: S001 again for 2026-07
      'S009,2026-07,1,1', // row 13: too few fields
      'S001,2026-04,1,1,,,', // row 14: fine (Cardiology has 2026-04), but must not be stored
    ].join('\n');
    const response = await importCsv(alpha.admin, csv).expect(422);
    expect(response.body.message).toBe(
      '15 problem(s) in 10 row(s); nothing was stored. Rows are numbered as in the spreadsheet: the header is row 1, the first fact row 2. Send ?partial=true to store the valid rows anyway',
    );
    expect(response.body.details).toEqual([
      { path: 'rows[3].staffCode', message: 'column A (staffCode): no staff member has the code S999' },
      { path: 'rows[4].staffCode', message: 'column A (staffCode): staff member S004 is inactive' },
      { path: 'rows[5].staffCode', message: 'column A (staffCode): is required' },
      { path: 'rows[6].period', message: 'column B (period): must be a month like 2026-03 or a quarter like 2026-Q1' },
      { path: 'rows[7].period', message: 'column B (period): no scheme is bound to 2026-04 for team Oncology' },
      { path: 'rows[8].period', message: 'column B (period): no scheme is bound to 2026-04 for the whole institution (staff member S003 has no team)' },
      { path: 'rows[10].followups_planned', message: 'column C (followups_planned): "abc" is not a number' },
      { path: 'rows[10].followups_done', message: 'column D (followups_done): must be a single number ("1;2" is a list; only list inputs take ;-separated numbers)' },
      { path: 'rows[10].alert_response_minutes', message: 'column E (alert_response_minutes): item 2 ("x") is not a number' },
      { path: 'rows[10].record_completeness_pct', message: 'column F (record_completeness_pct): 120 is outside the declared range 0…100', code: 'facts.out_of_range' },
      { path: 'rows[11].followups_planned', message: 'column C (followups_planned): -1 is outside the declared range 0…∞', code: 'facts.out_of_range' },
      { path: 'rows[11].alert_response_minutes', message: 'column E (alert_response_minutes): -5 is outside the declared range 0…∞', code: 'facts.out_of_range' },
      { path: 'rows[11].bogus', message: expect.stringMatching(/^column G \(bogus\): unknown input bogus: the scheme declares .*alert_response_minutes/), code: 'facts.unknown_input' },
      { path: 'rows[12].staffCode', message: 'column A (staffCode): repeats staff member S001 for 2026-07 from row 2; each staff member may appear once per period' },
      { path: 'rows[13]', message: 'has 4 field(s) but the header has 7' },
    ]);
    expect(await snapshot()).toEqual(before);
    expect(await factsOf('2026-07')).toEqual([]);
  });

  it('treats the staff codes of another institution as unknown staff', async () => {
    const response = await importCsv(beta.admin, 'staffCode,period,followups_done\nS001,2026-03,1\nB001,2026-03,2\n').expect(422);
    expect(response.body.details).toEqual([{ path: 'rows[2].staffCode', message: 'column A (staffCode): no staff member has the code S001' }]);
    const alphaSide = await importCsv(alpha.admin, 'staffCode,period,followups_done\nS009,2026-07,1\n').expect(422);
    expect(alphaSide.body.details).toEqual([{ path: 'rows[2].staffCode', message: 'column A (staffCode): no staff member has the code S009' }]);
    expect((await list(beta.admin)).items).toEqual([]);
  });

  it('refuses a wrong header, an empty file, a file without rows and broken quoting (422)', async () => {
    const before = await snapshot();
    const header = await importCsv(alpha.admin, 'staffCode,followups_done,,followups_done\nS001,1,,2\n').expect(422);
    expect(header.body.details).toEqual([
      { path: 'header[2]', message: 'is empty; every column needs a name (staffCode, period or an input of the scheme)' },
      { path: 'header[3]', message: 'column followups_done appears twice' },
      { path: 'header', message: 'is missing the column period; the header must be staffCode,period,<input>…' },
    ]);
    expect((await importCsv(alpha.admin, '\n\n').expect(422)).body.details[0].path).toBe('header');
    expect((await importCsv(alpha.admin, 'staffCode,period\n\n').expect(422)).body.details).toEqual([{ path: 'rows', message: 'has no fact rows' }]);
    expect((await importCsv(alpha.admin, 'staffCode,period\nS001,"2026-07\n').expect(422)).body.details).toEqual([{ path: 'rows[2]', message: 'unterminated quoted field' }]);
    expect(await snapshot()).toEqual(before);
  });
});

describe('facts: list cells', () => {
  it('refuses a list cell with an empty item, a trailing ; included, by row and column (422), as the CLI does', async () => {
    const before = await snapshot();
    const response = await importCsv(alpha.admin, [CSV_HEADER, 'S001,2026-07,30,28,12;30;,50', 'S002,2026-07,30,28,;12,50', ''].join('\n')).expect(422);
    expect(response.body.details).toEqual([
      { path: 'rows[2].alert_response_minutes', message: 'column E (alert_response_minutes): item 3 of "12;30;" is empty; separate the numbers with a single ;' },
      { path: 'rows[3].alert_response_minutes', message: 'column E (alert_response_minutes): item 1 of ";12" is empty; separate the numbers with a single ;' },
    ]);
    expect(await snapshot()).toEqual(before);
  });
});

describe('facts: partial mode', () => {
  it('stores the valid rows and returns the problems of the others (200)', async () => {
    const csv = [CSV_HEADER, 'S001,2026-07,10,9,,', 'S999,2026-07,1,1,,', 'S002,2026-07,10,10,,101', 'S003,2026-07,8,8,1;2,'].join('\n');
    const response = await importCsv(alpha.admin, csv, '?partial=true').expect(200);
    expect(response.body).toEqual({
      rows: 2,
      values: 5,
      created: 2,
      updated: 0,
      unchanged: 0,
      rejected: 2,
      errors: [
        { path: 'rows[3].staffCode', message: 'column A (staffCode): no staff member has the code S999' },
        { path: 'rows[4].record_completeness_pct', message: 'column F (record_completeness_pct): 101 is outside the declared range 0…100', code: 'facts.out_of_range' },
      ],
    });
    expect(await inputsOf('2026-07')).toEqual({
      S001: { followups_planned: 10, followups_done: 9 },
      S003: { followups_planned: 8, followups_done: 8, alert_response_minutes: [1, 2] },
    });
    const [entry] = await auditEntries(t, alpha.admin, { entityType: 'fact', action: 'import' });
    expect(entry.changes).toMatchObject({ periods: ['2026-07'], rows: 2, created: 2, rejected: 2 });
    const json = await post(alpha.admin, [{ staffCode: 'S001', period: '2026-07', inputs: { followups_done: 'x' } }], '?partial=true').expect(200);
    expect(json.body).toEqual({ rows: 0, values: 0, created: 0, updated: 0, unchanged: 0, rejected: 1, errors: [{ path: '[0].inputs.followups_done', message: 'must be a number' }] });
  });
});

describe('facts: reading', () => {
  it('lists with Content-Range, sort, range and filters (period, staffId, teamId, q, id)', async () => {
    const all = await list(alpha.admin, { sort: '["period","ASC"]' });
    const keys = (items: FactBody[]) => items.map((fact) => `${fact.staffCode}@${fact.period}`);
    expect(keys(all.items)).toEqual(['S001@2026-03', 'S002@2026-03', 'S001@2026-05', 'S002@2026-05', 'S003@2026-05', 'S001@2026-06', 'S002@2026-06', 'S001@2026-07', 'S003@2026-07', 'S001@2026-Q1']);
    expect(all.range).toBe('facts 0-9/10');
    const page = await t.http().get('/api/facts').query({ sort: '["updatedAt","DESC"]', range: '[2,4]' }).set(bearer(alpha.admin)).expect(200);
    expect(page.headers['content-range']).toBe('facts 2-4/10');
    expect(page.body).toHaveLength(3);
    const byCode = await list(alpha.admin, { sort: '["staffCode","DESC"]', filter: '{"period":"2026-05"}' });
    expect(keys(byCode.items)).toEqual(['S003@2026-05', 'S002@2026-05', 'S001@2026-05']);
    const filtered = async (filter: Record<string, unknown>) => keys((await list(alpha.admin, { filter: JSON.stringify(filter), sort: '["id","ASC"]' })).items).sort();
    expect(await filtered({ staffId: bob.id })).toEqual(['S002@2026-03', 'S002@2026-05', 'S002@2026-06']);
    expect(await filtered({ teamId: null })).toEqual(['S003@2026-05', 'S003@2026-07']);
    expect(await filtered({ teamId: oncologyId, period: '2026-06' })).toEqual(['S002@2026-06']);
    expect(await filtered({ q: 'ci' })).toEqual(['S003@2026-05', 'S003@2026-07']);
    expect(await filtered({ q: 's00', period: '2026-03' })).toEqual(['S001@2026-03', 'S002@2026-03']);
    expect(await filtered({ id: [`${ann.id}:2026-Q1`, `${cid.id}:2026-07`, `${bob.id}:2026-Q1`] })).toEqual(['S001@2026-Q1', 'S003@2026-07']);
    expect(await filtered({ id: `${ann.id.toUpperCase()}:2026-03` })).toEqual(['S001@2026-03']);
    await t.http().get('/api/facts').query({ sort: '["inputs","ASC"]' }).set(bearer(alpha.admin)).expect(400);
    await t.http().get('/api/facts').query({ filter: '{"period":"March"}' }).set(bearer(alpha.admin)).expect(400);
    await t.http().get('/api/facts').query({ filter: '{"id":["nope"]}' }).set(bearer(alpha.admin)).expect(400);
    await t.http().get('/api/facts').query({ filter: '{"team":"x"}' }).set(bearer(alpha.admin)).expect(400);
  });

  it('gets one staff member’s facts for a period by <staffId>:<period>; 404 for unknown, 400 for malformed ids', async () => {
    const fact = (await t.http().get(`/api/facts/${ann.id}:2026-05`).set(bearer(alpha.admin)).expect(200)).body as FactBody;
    expect(fact).toMatchObject({ id: `${ann.id}:2026-05`, staffCode: 'S001', period: '2026-05', inputs: { alert_response_minutes: [12, 30, 45] } });
    await t.http().get(`/api/facts/${ann.id}:2026-08`).set(bearer(alpha.admin)).expect(404);
    await t.http().get(`/api/facts/${UNKNOWN_ID}:2026-05`).set(bearer(alpha.admin)).expect(404);
    for (const bad of ['nope', ann.id, `${ann.id}:2026-13`, `${ann.id}:`, `x:2026-05`]) {
      const response = await t.http().get(`/api/facts/${encodeURIComponent(bad)}`).set(bearer(alpha.admin)).expect(400);
      expect(response.body.details[0].path).toBe('id');
    }
    await t.http().delete(`/api/facts/${UNKNOWN_ID}:2026-05`).set(bearer(alpha.admin)).expect(404);
    await t.http().delete('/api/facts/nope').set(bearer(alpha.admin)).expect(400);
  });

  it('shows managers only the facts of the staff of the teams they manage', async () => {
    const mine = await list(alpha.manager);
    expect([...new Set(mine.items.map((fact) => fact.staffCode))]).toEqual(['S001']);
    expect(mine.range).toBe(`facts 0-${mine.items.length - 1}/${mine.items.length}`);
    await t.http().get(`/api/facts/${ann.id}:2026-03`).set(bearer(alpha.manager)).expect(200);
    await t.http().get(`/api/facts/${bob.id}:2026-03`).set(bearer(alpha.manager)).expect(404);
    await t.http().get(`/api/facts/${cid.id}:2026-05`).set(bearer(alpha.manager)).expect(404);
    expect((await list(alpha.manager, { filter: JSON.stringify({ id: [`${bob.id}:2026-03`] }) })).items).toEqual([]);
    expect((await list(alpha.quality)).items).toHaveLength(10);
  });

  it('is readable by admin, quality officer and manager; writable by admin only', async () => {
    for (const user of [alpha.quality, alpha.manager]) {
      await post(user, [{ staffCode: 'S001', period: '2026-03', inputs: { followups_done: 1 } }]).expect(403);
      await importCsv(user, 'staffCode,period,followups_done\nS001,2026-03,1\n').expect(403);
      await upload(user, Buffer.from('staffCode,period,followups_done\nS001,2026-03,1\n'), 'f.csv').expect(403);
      await t.http().delete(`/api/facts/${ann.id}:2026-03`).set(bearer(user)).expect(403);
    }
    await t.http().get('/api/facts').set(bearer(alpha.staff)).expect(403);
    await t.http().get(`/api/facts/${ann.id}:2026-03`).set(bearer(alpha.staff)).expect(403);
    await post(alpha.staff, [{ staffCode: 'S001', period: '2026-03', inputs: {} }]).expect(403);
    await t.http().get('/api/facts').expect(401);
    expect((await inputsOf('2026-03')).S001.followups_done).toBe(29);
  });

  it("gives Beta's admin 404 for Alpha's facts and never lists them", async () => {
    await t.http().get(`/api/facts/${ann.id}:2026-03`).set(bearer(beta.admin)).expect(404);
    await t.http().delete(`/api/facts/${ann.id}:2026-03`).set(bearer(beta.admin)).expect(404);
    expect((await list(beta.admin, { filter: JSON.stringify({ id: [`${ann.id}:2026-03`] }) })).items).toEqual([]);
    expect((await list(beta.admin, { filter: JSON.stringify({ staffId: ann.id }) })).items).toEqual([]);
    await t.http().get(`/api/facts/${ann.id}:2026-03`).set(bearer(alpha.admin)).expect(200);
  });

  it('reads a whole period for the evaluation worker in one query: staff code, team, tier and inputs', async () => {
    const repository = t.app.get(FactsRepository);
    const march = await repository.forPeriod(alpha.id, '2026-03');
    expect(march).toEqual([
      { staffId: ann.id, staffCode: 'S001', teamId: cardiologyId, tier: 'mid', inputs: { followups_planned: 30, followups_done: 29, alert_response_minutes: [12, 30, 45], nps_responses: 10 } },
      { staffId: bob.id, staffCode: 'S002', teamId: oncologyId, tier: 'junior', inputs: { followups_planned: 20, followups_done: 20 } },
    ]);
    expect((await repository.forPeriod(alpha.id, '2026-03', [bob.id])).map((facts) => facts.staffCode)).toEqual(['S002']);
    expect(await repository.forPeriod(alpha.id, '2026-03', [])).toEqual([]);
    expect(await repository.forPeriod(beta.id, '2026-03')).toEqual([]);
  });
});

describe('facts: delete', () => {
  it('deletes one staff member’s facts for a period (admin) and audits what was removed', async () => {
    const removed = await t.http().delete(`/api/facts/${cid.id}:2026-07`).set(bearer(alpha.admin)).expect(200);
    expect(removed.body).toMatchObject({ id: `${cid.id}:2026-07`, staffCode: 'S003', period: '2026-07' });
    await t.http().get(`/api/facts/${cid.id}:2026-07`).set(bearer(alpha.admin)).expect(404);
    await t.http().delete(`/api/facts/${cid.id}:2026-07`).set(bearer(alpha.admin)).expect(404);
    const [entry] = await auditEntries(t, alpha.admin, { entityType: 'fact', action: 'delete' });
    expect(entry).toMatchObject({ entityId: `${cid.id}:2026-07`, changes: { before: { staffCode: 'S003', period: '2026-07', inputs: { followups_planned: 8, followups_done: 8, alert_response_minutes: [1, 2] } } } });
    expect((await t.http().get(`/api/facts/${cid.id}:2026-05`).set(bearer(alpha.admin)).expect(200)).body.inputs).toEqual({ nps_responses: 13 });
  });
});
