import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createInstitution, type TestInstitution } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';
import { craftedEntry, craftZip, workbookParts } from '../support/zip-bombs';

/**
 * A NUL character (U+0000) anywhere in a request is 400 naming where it is, on every route: the
 * routes are read from the app's own OpenAPI document, so a new route is covered without
 * touching this file.
 */
let t: TestApp;
let alpha: TestInstitution;

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: { type?: string } }> }>;
}
interface Route {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  /** The path with every parameter filled by `fill`. */
  url(fill?: string): string;
  params: string[];
  operation: Operation;
}

let routes: Route[];
const SOME_ID = '00000000-0000-4000-8000-000000000000';

/** Rows in every table of the database: a rejected request must leave all of them as they were. */
async function rowCounts(): Promise<Record<string, number>> {
  const db = t.app.get(DataSource);
  const tables = (await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)) as Array<{ tablename: string }>;
  const counts: Record<string, number> = {};
  for (const { tablename } of tables) counts[tablename] = ((await db.query(`SELECT count(*)::int AS n FROM "${tablename}"`)) as Array<{ n: number }>)[0].n;
  return counts;
}

/** Writes only a staff member may make (on their own scorecard); every other route is the admin's. */
const STAFF_WRITES = new Set(['post /api/scorecards/{id}/acknowledge', 'post /api/appeals']);
const send = (route: Route, url: string) =>
  t.http()[route.method](url).set(bearer(STAFF_WRITES.has(`${route.method} ${route.path}`) ? alpha.staff : alpha.admin));

beforeAll(async () => {
  t = await startTestApp();
  alpha = await createInstitution(t, 'Alpha');
  const document = (await t.http().get('/api/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, Operation>> };
  routes = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => {
        const params = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
        return {
          method: method as Route['method'],
          path,
          params,
          operation,
          url: (fill = SOME_ID) => path.replace(/\{\w+\}/g, fill),
        };
      }),
  );
});

afterAll(async () => {
  await t?.close();
});

describe('NUL characters are 400 with their path, on every route', () => {
  it('in the q filter of every list', async () => {
    const lists = routes.filter((route) => route.method === 'get' && route.operation.responses?.['200']?.content?.['application/json']?.schema?.type === 'array');
    expect(lists.length).toBeGreaterThanOrEqual(11);
    const answers = [];
    for (const route of lists) {
      const response = await send(route, route.url()).query({ filter: JSON.stringify({ q: 'D0\u0000' }) });
      answers.push({ route: `GET ${route.path}`, status: response.status, details: response.body.details });
    }
    expect(answers).toEqual(
      lists.map((route) => ({
        route: `GET ${route.path}`,
        status: 400,
        details: [{ path: 'filter.q', code: 'nul_character', message: 'contains a NUL character (U+0000); text may not contain it' }],
      })),
    );
  });

  it('in sort, range and plain query parameters', async () => {
    const staff = routes.find((route) => route.method === 'get' && route.path === '/api/staff') as Route;
    const nul = (path: string) => [{ path, code: 'nul_character', message: expect.stringContaining('NUL') }];
    expect((await send(staff, staff.url()).query({ sort: JSON.stringify(['co\u0000de', 'ASC']) }).expect(400)).body.details).toEqual(nul('sort[0]'));
    expect((await send(staff, staff.url()).query({ range: '[0,\u0000]' }).expect(400)).body.details).toEqual(nul('range'));
    const resolve = routes.find((route) => route.path === '/api/bindings/resolve') as Route;
    expect((await send(resolve, resolve.url()).query({ period: '2026-03\u0000' }).expect(400)).body.details).toEqual(nul('period'));
  });

  it('in the JSON body of every write, stored nowhere', async () => {
    const writes = routes.filter((route) => route.method !== 'get' && route.method !== 'delete');
    expect(writes.length).toBeGreaterThanOrEqual(12);
    const before = await rowCounts();
    const answers = [];
    for (const route of writes) {
      const asObject = await send(route, route.url()).send({ name: 'Ann\u0000', inputs: { visits: 3 } });
      const asArray = await send(route, route.url()).send([{ staffCode: 'S1' }, { staffCode: 'S2', inputs: { name: 'x\u0000y' } }]);
      answers.push({ route: `${route.method.toUpperCase()} ${route.path}`, object: [asObject.status, asObject.body.details?.[0]?.path], array: [asArray.status, asArray.body.details?.[0]?.path] });
    }
    expect(answers).toEqual(
      writes.map((route) => ({ route: `${route.method.toUpperCase()} ${route.path}`, object: [400, 'name'], array: [400, '[1].inputs.name'] })),
    );
    expect(await rowCounts()).toEqual(before);
  });

  it('in every route parameter, including on deletes', async () => {
    const withParams = routes.filter((route) => route.params.length > 0);
    const answers = [];
    for (const route of withParams) {
      const response = await send(route, route.url('%00'));
      answers.push({ route: `${route.method.toUpperCase()} ${route.path}`, status: response.status, path: response.body.details?.[0]?.path });
    }
    expect(answers).toEqual(withParams.map((route) => ({ route: `${route.method.toUpperCase()} ${route.path}`, status: 400, path: route.params[0] })));
  });

  it('in a text body (CSV), by line and column; and on the public login', async () => {
    const before = await rowCounts();
    const csv = await t.http().post('/api/staff/import').set(bearer(alpha.admin)).set('Content-Type', 'text/csv').send('code,name,team,tier\nS1,A\u0000nn,,junior\n').expect(400);
    expect(csv.body.details).toEqual([{ path: '', code: 'nul_character', message: 'contains a NUL character (U+0000) at line 2, column 5; text may not contain it' }]);
    const login = await t.http().post('/api/auth/login').send({ email: alpha.admin.email, password: 'x\u0000' }).expect(400);
    expect(login.body.details[0]).toMatchObject({ path: 'password', code: 'nul_character' });
    expect(await rowCounts()).toEqual(before);
  });

  it('in a cell of an uploaded CSV or XLSX file: 422 by row and column letter, nothing stored', async () => {
    const before = await rowCounts();
    const refused = await t.http().post('/api/facts/import').set(bearer(alpha.admin)).attach('file', Buffer.from('staffCode,period\nS1,2026-0\u00003\n'), 'facts.csv').expect(422);
    expect(refused.body.details).toEqual([{ path: 'rows[2]', code: 'nul_character', message: 'row 2, column B contains a NUL character (U+0000), which text may not contain' }]);
    const feedback = await t.http().post('/api/feedback/import').set(bearer(alpha.admin)).attach('file', Buffer.from('responseId,staffCode,comment\nr1,S1,rude\u0000\n'), 'r.csv').expect(422);
    expect(feedback.body.details[0]).toMatchObject({ path: 'rows[2]', code: 'nul_character' });
    // exceljs drops a NUL when it writes; a spreadsheet program escapes it as _x0000_, which readers turn back into U+0000.
    const parts = await workbookParts([['staffCode', 'period'], ['S1', '2026-03'], ['S2', '2026-03']]);
    const xlsx = craftZip(parts.map((part) => craftedEntry(part.name, part.name === 'xl/sharedStrings.xml' ? Buffer.from(part.data.toString().replace('<t>S2</t>', '<t>S2_x0000_</t>')) : part.data)));
    const fromXlsx = await t.http().post('/api/facts/import').set(bearer(alpha.admin)).attach('file', xlsx, 'facts.xlsx').expect(422);
    expect(fromXlsx.body.details).toEqual([{ path: 'rows[3]', code: 'nul_character', message: 'row 3, column A contains a NUL character (U+0000), which text may not contain' }]);
    expect(await rowCounts()).toEqual(before);
  });
});
