import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withRole } from '../../apps/api/src/database/database-roles';
import { root, startServer, startWorker, stopAllServers, tsx, waitForHealth, waitForOutput } from '../support/server-process';

/**
 * The two database roles of a production install, on real PostgreSQL, through the real commands: `npm run migrate`
 * as the owner creates the app role; the app role can read and append to the audit log and nothing more; the API
 * refuses to run as a role that could rewrite it; `npm run audit:verify` finds what the owner rewrote.
 */
const serverUrl = process.env.TEST_DATABASE_URL as string;
const suffix = randomBytes(4).toString('hex');
const database = `carescore_roles_${suffix}`;
const appRole = `carescore_roles_${suffix}_app`;
// Characters a URL must escape, so the password's way from DATABASE_URL to CREATE ROLE is tested too.
const appPassword = `${randomBytes(9).toString('base64url')}@:/%`;
let ownerUrl: string;
let appUrl: string;
const clients: Client[] = [];

const connect = async (url: string): Promise<Client> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  clients.push(client);
  return client;
};
const baseEnv = () => ({ ...process.env, TEST_DATABASE_URL: '', JWT_SECRET: randomBytes(32).toString('hex') });
const run = (script: string, env: NodeJS.ProcessEnv, args: string[] = []) => spawnSync(tsx, [script, ...args], { cwd: root, env, encoding: 'utf8', timeout: 90_000 });
const migrate = () => run('apps/api/src/cli/migrate.ts', { ...baseEnv(), MIGRATION_DATABASE_URL: ownerUrl, DATABASE_URL: appUrl });
const auditVerify = () => run('apps/api/src/cli/audit-verify.ts', { ...baseEnv(), DATABASE_URL: appUrl });

/** The SQL error a statement fails with (its code and message), or null when it succeeds. */
const failure = async (client: Client, sql: string, values: unknown[] = []): Promise<{ code: string; message: string } | null> => {
  try {
    await client.query(sql, values);
    return null;
  } catch (error) {
    return { code: (error as { code: string }).code, message: (error as Error).message };
  }
};

beforeAll(async () => {
  const admin = await connect(serverUrl);
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  ownerUrl = url.toString();
  appUrl = withRole(ownerUrl, appRole, appPassword);
});

afterAll(async () => {
  stopAllServers();
  for (const client of clients) await client.end().catch(() => undefined);
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`DROP ROLE IF EXISTS ${appRole}`);
  await admin.end();
});

describe('two database roles', () => {
  it('npm run migrate as the owner creates the app role (never printing its password), then checks it', () => {
    const first = migrate();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(`app role ${appRole}: created`);
    expect(first.stdout + first.stderr).not.toContain(appPassword);
    expect(first.stdout + first.stderr).not.toContain(encodeURIComponent(appPassword));
    const again = migrate();
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('the database is up to date');
    expect(again.stdout).toContain(`app role ${appRole}: checked`);
  }, 120_000);

  it('the app role may read and append to the audit log but not change, delete, truncate or unprotect it', async () => {
    const app = await connect(appUrl);
    const [institution] = (await app.query(`INSERT INTO institutions (name) VALUES ($1) RETURNING id`, [`Roles ${suffix}`])).rows as Array<{ id: string }>;
    const [entry] = (await app.query(`INSERT INTO audit_log (institution_id, action, entity_type) VALUES ($1, 'create', 'team') RETURNING id, seq, hash`, [institution?.id])).rows as Array<{ id: string; seq: string; hash: string }>;
    expect(entry?.seq).toBe('1');
    expect(entry?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await app.query(`SELECT count(*)::int AS n FROM audit_log`)).rows).toEqual([{ n: 1 }]);

    for (const sql of [`UPDATE audit_log SET action = 'forged' WHERE id = $1`, `DELETE FROM audit_log WHERE id = $1`]) {
      expect(await failure(app, sql, [entry?.id]), sql).toMatchObject({ code: '42501', message: expect.stringMatching(/permission denied for table audit_log/) });
    }
    expect(await failure(app, `TRUNCATE audit_log`)).toMatchObject({ code: '42501', message: expect.stringMatching(/permission denied/) });
    for (const sql of [`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_chain ON audit_log`, `DROP TABLE audit_log`]) {
      expect(await failure(app, sql), sql).toMatchObject({ code: '42501', message: expect.stringMatching(/must be owner of (table|relation) audit_log/) });
    }
    expect(await failure(app, `CREATE OR REPLACE FUNCTION audit_log_entry_hash(e audit_log) RETURNS text LANGUAGE sql AS $$ SELECT e.hash $$`)).toMatchObject({ code: '42501' });
    expect(await failure(app, `UPDATE migrations SET name = name`)).toMatchObject({ code: '42501' });
    // Ordinary tables: every row operation.
    expect(await failure(app, `UPDATE institutions SET name = name || ' (renamed)' WHERE id = $1`, [institution?.id])).toBeNull();
    expect(await failure(app, `INSERT INTO teams (institution_id, name) VALUES ($1, 'Temp')`, [institution?.id])).toBeNull();
    expect(await failure(app, `DELETE FROM teams WHERE name = 'Temp'`)).toBeNull();
  });

  it('tables a later migration adds are granted to the app role by default privileges', async () => {
    const owner = await connect(ownerUrl);
    await owner.query(`CREATE TABLE later_table (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text)`);
    const app = await connect(appUrl);
    expect(await failure(app, `INSERT INTO later_table (note) VALUES ('x')`)).toBeNull();
    expect(await failure(app, `UPDATE later_table SET note = 'y'`)).toBeNull();
    expect(await failure(app, `ALTER TABLE later_table ADD COLUMN z int`)).toMatchObject({ code: '42501' });
    await owner.query(`DROP TABLE later_table`);
  });

  it('concurrent transactions of the app role keep one unbroken chain', async () => {
    const app = await connect(appUrl);
    const [institution] = (await app.query(`INSERT INTO institutions (name) VALUES ($1) RETURNING id`, [`Concurrent ${suffix}`])).rows as Array<{ id: string }>;
    const writers = await Promise.all(Array.from({ length: 12 }, () => connect(appUrl)));
    // Each transaction writes, waits while the others write, and writes again: without the chain's lock they would fork.
    await Promise.all(
      writers.map(async (writer, k) => {
        await writer.query('BEGIN');
        await writer.query(`INSERT INTO audit_log (institution_id, action, entity_type, changes) VALUES ($1, 'create', 'team', $2)`, [institution?.id, { writer: k, step: 1 }]);
        await writer.query('SELECT pg_sleep(0.02)');
        await writer.query(`INSERT INTO audit_log (institution_id, action, entity_type, changes) VALUES ($1, 'update', 'team', $2)`, [institution?.id, { writer: k, step: 2 }]);
        await writer.query('COMMIT');
      }),
    );
    const rows = (
      await app.query(
        `SELECT a.seq::int AS seq, a.prev_hash IS NOT DISTINCT FROM (SELECT p.hash FROM audit_log p WHERE p.institution_id = a.institution_id AND p.seq = a.seq - 1) AS linked,
                a.hash = audit_log_entry_hash(a) AS hashed
           FROM audit_log a WHERE a.institution_id = $1 ORDER BY a.seq`,
        [institution?.id],
      )
    ).rows as Array<{ seq: number; linked: boolean; hashed: boolean }>;
    expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 24 }, (_, k) => k + 1));
    expect(rows.every((row) => row.linked && row.hashed)).toBe(true);
  });

  it('npm run audit:verify exits 0 while intact, and 1 naming the entry the owner rewrote and the gap it left', async () => {
    const intact = auditVerify();
    expect(intact.status, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/intact, 24 entries, head sequence 24, hash [0-9a-f]{64}/);
    expect(intact.stdout).toContain('audit log intact (2 chain(s))');

    const owner = await connect(ownerUrl);
    const ids = async (name: string) =>
      ((await owner.query(`SELECT a.id::text AS id FROM audit_log a JOIN institutions i ON i.id = a.institution_id WHERE i.name LIKE $1 ORDER BY a.seq`, [name])).rows as Array<{ id: string }>).map((row) => row.id);
    const concurrent = await ids(`Concurrent ${suffix}`);
    await owner.query('BEGIN');
    await owner.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await owner.query(`UPDATE audit_log SET changes = '{"forged": true}' WHERE id = $1`, [concurrent[4]]);
    await owner.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    await owner.query('COMMIT');
    const changed = auditVerify();
    expect(changed.status).toBe(1);
    expect(changed.stdout).toMatch(new RegExp(`BROKEN at entry id ${concurrent[4]} \\(sequence 5\\): its content was changed after it was written; expected [0-9a-f]{64}, found [0-9a-f]{64}`));
    expect(changed.stdout).toContain('audit log tampered with: 1 of 2 chain(s) broken');

    const roles = await ids(`Roles ${suffix}%`);
    const app = await connect(appUrl);
    const [institution] = (await app.query(`SELECT id FROM institutions WHERE name LIKE $1`, [`Roles ${suffix}%`])).rows as Array<{ id: string }>;
    for (let k = 0; k < 2; k += 1) await app.query(`INSERT INTO audit_log (institution_id, action, entity_type) VALUES ($1, 'update', 'team')`, [institution?.id]);
    const all = await ids(`Roles ${suffix}%`);
    expect(all).toHaveLength(roles.length + 2);
    await owner.query('BEGIN');
    await owner.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await owner.query(`DELETE FROM audit_log WHERE id = $1`, [all[1]]);
    await owner.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    await owner.query('COMMIT');
    const gap = auditVerify();
    expect(gap.status).toBe(1);
    expect(gap.stdout).toContain(`BROKEN at entry id ${all[2]} (sequence 3): entries before it are missing (deleted); expected sequence 2, found sequence 3`);
    expect(gap.stdout).toContain('audit log tampered with: 2 of 2 chain(s) broken');
  }, 180_000);

  it('the API and the worker refuse to start as the owner by default; as the app role the API starts without a warning', async () => {
    const env = { ...baseEnv(), REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_PREFIX: `roles-${suffix}` };
    const asOwner = run('apps/api/src/main.ts', { ...env, PORT: '0', DATABASE_URL: ownerUrl });
    expect(asOwner.status).toBe(1);
    expect(asOwner.stderr).toContain('is a superuser, so it could disable the audit log');
    const worker = startWorker({ ...env, DATABASE_URL: ownerUrl, DATABASE_ROLE_CHECK: 'refuse' });
    await waitForOutput(worker, /carescore worker: .*is a superuser, so it could disable the audit log/);

    const warned = startServer({ ...env, DATABASE_URL: ownerUrl, DATABASE_ROLE_CHECK: 'warn' });
    await waitForHealth(warned);
    expect(warned.output()).toContain('is a superuser, so it could disable the audit log');
    const api = startServer({ ...env, DATABASE_URL: appUrl, DATABASE_ROLE_CHECK: 'refuse' });
    await waitForHealth(api);
    expect(api.output()).not.toContain('could disable the audit log');
  }, 300_000);
});
