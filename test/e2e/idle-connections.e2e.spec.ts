import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeDocument } from './support/documents-fixture';
import { evaluate } from './support/evaluations-fixture';
import { bearer, createInstitution, type TestInstitution } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The pool drops a connection idle for `poolIdleMs` and opens a new one on the next request. On embedded PGlite that
 * new connection lands in the same single session, which used to still hold the named statements the first one
 * prepared: every signed-in request then answered 500 (`prepared statement "carescore_1" already exists`) while
 * /api/health said ok. The pool here idles out after 150 ms instead of pg's 10 s, so the test waits past it.
 */
const POOL_IDLE_MS = 150;

let t: TestApp;
let clinic: TestInstitution;
let scorecardId: string;

const pool = () => (t.app.get(DataSource).driver as PostgresDriver).master as Pool;

/** Waits until the pool has closed every idle connection (so the next request needs a new one). */
async function idlePastThePool(): Promise<void> {
  const started = Date.now();
  while (pool().totalCount > 0) {
    if (Date.now() - started > 5_000) throw new Error(`the pool still holds ${pool().totalCount} connection(s)`);
    await new Promise((resolve) => setTimeout(resolve, POOL_IDLE_MS));
  }
}

/** The routes every console screen starts with: the signed-in account (every request), a scorecard and a manager's scope. */
async function readHotRoutes(): Promise<void> {
  const http = t.http();
  expect((await http.get('/api/health')).body).toMatchObject({ status: 'ok', database: 'up' });
  expect((await t.http().get('/api/auth/me').set(bearer(clinic.admin))).status).toBe(200);
  expect((await t.http().get('/api/staff').set(bearer(clinic.admin))).status).toBe(200);
  expect((await t.http().get(`/api/scorecards/${scorecardId}`).set(bearer(clinic.admin))).status).toBe(200);
  expect((await t.http().get(`/api/scorecards/${scorecardId}`).set(bearer(clinic.manager))).status).toBe(404);
}

beforeAll(async () => {
  t = await startTestApp({}, { poolIdleMs: POOL_IDLE_MS });
  clinic = await createInstitution(t, 'Idle');
  await t.http().post('/api/staff').set(bearer(clinic.admin)).send({ code: 'ct-01', name: 'Ann Lee', tier: 'junior' }).expect(201);
  const scheme = await storeDocument(t, clinic.id, 'career-tiers', ['published']);
  await t.http().post('/api/bindings').set(bearer(clinic.admin)).send({ period: '2026-Q1', documentId: scheme.id, version: 1 }).expect(201);
  await t.http().post('/api/facts').set(bearer(clinic.admin)).send([{ staffCode: 'ct-01', period: '2026-Q1', inputs: { records_complete: 9, records_total: 10 } }]).expect(200);
  const run = await evaluate(t, clinic.admin, { period: '2026-Q1' });
  const list = await t.http().get('/api/scorecards').query({ filter: JSON.stringify({ runId: run.id }) }).set(bearer(clinic.admin)).expect(200);
  scorecardId = (list.body as Array<{ id: string }>)[0].id;
});
afterAll(async () => t?.close());

describe('a connection dropped by the pool while idle', () => {
  it('leaves the hot routes and health working on the next connection, again and again', async () => {
    await readHotRoutes();
    for (let round = 0; round < 3; round += 1) {
      await idlePastThePool();
      await readHotRoutes();
    }
  });
});
