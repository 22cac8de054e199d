import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The two modes as a newcomer and an operator meet them: real processes started the way the
 * README says. This file: production mode against TEST_DATABASE_URL's server.
 */
const root = resolve(__dirname, '../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const children: ChildProcess[] = [];
const cleanups: Array<() => Promise<void> | void> = [];

afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  for (const cleanup of cleanups) await cleanup();
});

function freePort(): number {
  return 20000 + Math.floor(Math.random() * 20000);
}

async function waitForHealth(port: number, child: ChildProcess, output: () => string, timeoutMs = 90_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server did not become healthy in time: ${output()}`);
}

function start(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(tsx, ['apps/api/src/main.ts'], { cwd: root, env: { ...process.env, TEST_DATABASE_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  children.push(child);
  return { child, output: () => output };
}

async function login(port: number, email: string, password: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
}

describe('production mode: DATABASE_URL', () => {
  it('refuses to start with pending migrations, then migrate and create-admin make it usable', async () => {
    const serverUrl = process.env.TEST_DATABASE_URL as string;
    const name = `carescore_start_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    cleanups.push(async () => {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    });
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const env = { ...process.env, TEST_DATABASE_URL: '', DATABASE_URL: url.toString(), JWT_SECRET: randomBytes(32).toString('hex') };

    const refused = spawnSync(tsx, ['apps/api/src/main.ts'], { cwd: root, env: { ...env, PORT: String(freePort()) }, encoding: 'utf8', timeout: 60_000 });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/pending migration\(s\): Initial1764000000000\. Run `npm run migrate` first\./);

    const migrate = spawnSync(tsx, ['apps/api/src/cli/migrate.ts'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    expect(migrate.stdout).toMatch(/applied: Initial1764000000000/);
    const again = spawnSync(tsx, ['apps/api/src/cli/migrate.ts'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    expect(again.stdout).toMatch(/up to date/);

    const created = spawnSync(tsx, ['apps/api/src/cli/create-admin.ts', '--institution', 'Prod Clinic', '--email', 'Boss@Prod.test'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    expect(created.status).toBe(0);
    const password = /password \(shown once\): (\S+)/.exec(created.stdout)?.[1] as string;
    expect(password).toBeTruthy();
    const duplicate = spawnSync(tsx, ['apps/api/src/cli/create-admin.ts', '--institution', 'Prod Clinic', '--email', 'boss@prod.test'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    expect(duplicate.status).toBe(1);
    expect(duplicate.stderr).toMatch(/already exists/);
    const usage = spawnSync(tsx, ['apps/api/src/cli/create-admin.ts', '--email', 'x'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    expect(usage.status).toBe(1);
    expect(usage.stderr).toMatch(/usage: npm run create-admin/);

    const port = freePort();
    const server = start({ ...env, PORT: String(port) });
    await waitForHealth(port, server.child, server.output);
    const response = await login(port, 'boss@prod.test', password);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { user: { role: string } }).user.role).toBe('admin');
  }, 180_000);
});
