import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The two modes as a newcomer and an operator meet them: real processes started the way the
 * README says. This file: embedded mode (no environment).
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

describe('embedded mode: npm start with no environment', () => {
  it('starts PGlite under DATA_DIR, migrates, loads the demo once and serves the API and docs', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carescore-start-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const port = freePort();
    const first = start({ DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '', REDIS_URL: '' });
    await waitForHealth(port, first.child, first.output);
    expect(first.output()).toMatch(/applied migrations/);
    const response = await login(port, 'admin@demo.test', 'carescore');
    expect(response.status).toBe(200);
    const token = ((await response.json()) as { token: string }).token;
    const get = (path: string, bearer = token) => fetch(`http://127.0.0.1:${port}/api/${path}`, { headers: { Authorization: `Bearer ${bearer}` } });
    expect((await get('staff?range=[0,9]')).headers.get('content-range')).toBe('staff 0-9/60');
    expect((await get('teams')).headers.get('content-range')).toBe('teams 0-2/3');
    const documents = (await (await get('documents?sort=["key","ASC"]')).json()) as Array<{ id: string; key: string; publishedVersion: number }>;
    expect(documents.map((d) => [d.key, d.publishedVersion])).toEqual([
      ['career-tiers', 1], ['hm-3d9i', 2], ['hospital-online-service', 1], ['negative-feedback', 1], ['satisfaction-first', 1],
    ]);
    const bindings = (await (await get('bindings?sort=["period","ASC"]')).json()) as Array<{ period: string; version: number; documentKey: string }>;
    expect(bindings.map((b) => [b.period, b.documentKey, b.version])).toEqual([['2026-Q1', 'hm-3d9i', 1], ['2026-Q2', 'hm-3d9i', 2]]);
    const hm3d9i = documents.find((d) => d.key === 'hm-3d9i');
    const diff = (await (await get(`documents/${hm3d9i?.id}/diff?from=1&to=2`)).json()) as { changes: Array<{ text: string }> };
    expect(diff.changes.map((c) => c.text)).toContain('dimensions.execution.weight: 40 → 35');
    for (const email of ['quality@demo.test', 'manager@demo.test', 'staff@demo.test']) expect((await login(port, email, 'carescore')).status).toBe(200);
    const other = ((await (await login(port, 'admin@other.test', 'carescore')).json()) as { token: string }).token;
    expect((await get('staff?range=[0,9]', other)).headers.get('content-range')).toBe('staff 0-4/5');
    const docs = await fetch(`http://127.0.0.1:${port}/api/docs/openapi.json`);
    expect(docs.status).toBe(200);
    first.child.kill('SIGTERM');
    await new Promise((r) => first.child.once('exit', r));

    // A second start reuses the data: no migrations to apply, the demo is not loaded twice.
    const second = start({ DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '', REDIS_URL: '' });
    await waitForHealth(port, second.child, second.output);
    expect(second.output()).not.toMatch(/applied migrations/);
    expect((await login(port, 'admin@demo.test', 'carescore')).status).toBe(200);
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
  }, 180_000);
});

