import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_NOTICES_APPLICATION_NAME } from '../../apps/api/src/database/change-notices';
import { bearer, createInstitution, type TestInstitution } from '../e2e/support/fixtures';
import { startTestApp, type TestApp } from '../e2e/support/test-app';

/**
 * The auth guard keeps signed-in accounts in memory while it LISTENs to the users table's change notices
 * (SignedInAccounts). Here another connection plays another API process or an operator's psql: a change it makes
 * must reach the very next request, and a lost listener must never leave a stale account behind.
 */
let t: TestApp;
let alpha: TestInstitution;
let sql: Client;

const NOTICE_WAIT_MS = 2000;

beforeAll(async () => {
  t = await startTestApp();
  alpha = await createInstitution(t, 'Alpha');
  sql = new Client({ connectionString: t.ownerUrl });
  await sql.connect();
});

afterAll(async () => {
  await sql?.end();
  await t?.close();
});

const teams = (token: string) => t.http().get('/api/teams').set({ Authorization: `Bearer ${token}` });

/** Polls until the request answers `status`; the notice crosses from PostgreSQL asynchronously. */
async function eventually(token: string, status: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const response = await teams(token);
    if (response.status === status || Date.now() - started > NOTICE_WAIT_MS) return response.status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function listenerPids(): Promise<number[]> {
  // Counted once its LISTEN has run (the query column shows the connection's last statement).
  const { rows } = await sql.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1 AND query LIKE 'LISTEN %'`, [CHANGE_NOTICES_APPLICATION_NAME]);
  return rows.map((row) => row.pid);
}

async function waitForListener(): Promise<void> {
  const started = Date.now();
  while ((await listenerPids()).length === 0) {
    if (Date.now() - started > 10_000) throw new Error('the API never started listening for account changes');
    await teams(alpha.admin.token);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // Its first reads happened before the LISTEN was live and were not kept; read once more so the account is cached.
  await teams(alpha.quality.token).expect(200);
}

describe('signed-in accounts kept in memory', () => {
  it('serves a cached account, and drops it the moment another process deactivates it', async () => {
    await waitForListener();
    await teams(alpha.quality.token).expect(200);

    // Changed behind the notices' back (trigger off): the cached account still answers, so the cache is real.
    await sql.query('ALTER TABLE users DISABLE TRIGGER users_announce_change');
    await sql.query('UPDATE users SET active = false WHERE id = $1', [alpha.quality.id]);
    await sql.query('ALTER TABLE users ENABLE TRIGGER users_announce_change');
    await teams(alpha.quality.token).expect(200);

    // Any update announces the change: the next requests see the account as it is.
    await sql.query('UPDATE users SET active = false WHERE id = $1', [alpha.quality.id]);
    expect(await eventually(alpha.quality.token, 401)).toBe(401);
    await sql.query('UPDATE users SET active = true WHERE id = $1', [alpha.quality.id]);
    expect(await eventually(alpha.quality.token, 200)).toBe(200);
  });

  it('applies a role change made elsewhere to tokens already issued', async () => {
    await waitForListener();
    await t.http().post('/api/teams').set(bearer(alpha.admin)).send({ name: 'Cardiology' }).expect(201);
    await sql.query(`UPDATE users SET role = 'staff' WHERE id = $1`, [alpha.admin.id]);
    const started = Date.now();
    let status = 0;
    while (Date.now() - started < NOTICE_WAIT_MS && status !== 403) {
      status = (await t.http().post('/api/teams').set(bearer(alpha.admin)).send({ name: `Team ${Date.now()}` })).status;
    }
    expect(status).toBe(403);
    await sql.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [alpha.admin.id]);
    expect(await eventually(alpha.admin.token, 200)).toBe(200);
  });

  it('forgets every account when the listener is lost, reads them from the database until it is back, and listens again', async () => {
    await waitForListener();
    await teams(alpha.manager.token).expect(200); // cached
    const [pid] = await listenerPids();
    await sql.query('SELECT pg_terminate_backend($1)', [pid]);
    const started = Date.now();
    while ((await listenerPids()).includes(pid) && Date.now() - started < 5000) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // A change without a notice: had the cached account survived the loss, it would still answer 200.
    await sql.query('ALTER TABLE users DISABLE TRIGGER users_announce_change');
    try {
      await sql.query('UPDATE users SET active = false WHERE id = $1', [alpha.manager.id]);
      await teams(alpha.manager.token).expect(401);
      await sql.query('UPDATE users SET active = true WHERE id = $1', [alpha.manager.id]);
      await teams(alpha.manager.token).expect(200);
    } finally {
      await sql.query('ALTER TABLE users ENABLE TRIGGER users_announce_change');
    }
    await waitForListener();
    const [again] = await listenerPids();
    expect(again).not.toBe(pid);
  });
});
