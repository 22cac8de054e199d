import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, randomPort, root, type ServerProcess, startNodeProcess, stopAllServers, waitForHealth, waitForOutput } from '../support/server-process';
import { clearQueues, scratchDatabase } from '../support/scratch-services';

/**
 * The compiled build as production runs it: `npm run build`'s script (the Dockerfile's build stage runs the same),
 * then the migrate service, the API through `NODE_ENV=production npm start`'s launcher and a worker, all from the
 * build, on a database of this file's own with Redis. The build goes to a folder of its own inside the project
 * (dist/.test-…), with a copy of the launcher beside it, so the project's own dist/ is left alone.
 */
const redisUrl = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const prefix = `carescore-test-${randomBytes(4).toString('hex')}`;
const buildRoot = join(root, 'dist', `.test-${randomBytes(4).toString('hex')}`);
const build = join(buildRoot, 'dist');
const cleanups: Array<() => Promise<void>> = [];
let env: NodeJS.ProcessEnv;
let buildSeconds: number;

function node(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, TEST_DATABASE_URL: '', ...env, ...extraEnv }, encoding: 'utf8', timeout: 180_000 });
  return { exitCode: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  cleanups.push(async () => rmSync(buildRoot, { recursive: true, force: true }));
  const started = Date.now();
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--no-console', '--outdir', build], { cwd: root, encoding: 'utf8', timeout: 180_000 });
  buildSeconds = (Date.now() - started) / 1000;
  expect(built.status, built.stderr).toBe(0);
  mkdirSync(join(buildRoot, 'scripts'));
  copyFileSync(join(root, 'scripts', 'start.cjs'), join(buildRoot, 'scripts', 'start.cjs'));

  const database = await scratchDatabase('compiled');
  cleanups.push(database.drop);
  cleanups.push(() => clearQueues(redisUrl, prefix));
  env = { NODE_ENV: 'production', DATABASE_URL: database.url, JWT_SECRET: randomBytes(32).toString('hex'), QUEUE_PREFIX: prefix, WORKER_CONCURRENCY: '1' };
}, 240_000);

afterAll(async () => {
  stopAllServers();
  for (const cleanup of cleanups) await cleanup().catch(() => undefined);
});

describe('the compiled build (npm run build)', () => {
  it('builds in seconds: the API, the worker, the operator commands and the one-file CLI', () => {
    for (const file of ['api/main.js', 'api/migrate.js', 'api/seed.js', 'api/create-admin.js', 'worker/main.js', 'api/scheme-evaluation.thread.js', 'worker/scheme-evaluation.thread.js', 'cli/carescore.js']) {
      expect(existsSync(join(build, file)), file).toBe(true);
    }
    // Generous for a busy CI machine: it takes about a second of esbuild on an idle one.
    expect(buildSeconds).toBeLessThan(60);
  });

  it('migrates, seeds, then the API and a worker from the build evaluate a run: health, login, scorecards', async () => {
    const migrate = node([join(build, 'api/migrate.js')]);
    expect(migrate.exitCode, migrate.stderr).toBe(0);
    expect(migrate.stdout).toMatch(/^applied: Initial1764000000000, /);
    // The seed evaluates the demo quarters in its own process (no REDIS_URL there).
    const seed = node([join(build, 'api/seed.js')]);
    expect(seed.exitCode, seed.stderr).toBe(0);

    const withRedis = { ...env, REDIS_URL: redisUrl };
    // NODE_ENV=production npm start: the launcher runs dist/api/main.js (beside this copy there are no sources to fall back on).
    const api: ServerProcess = startNodeProcess([join(buildRoot, 'scripts', 'start.cjs'), 'api'], withRedis, randomPort());
    const worker = startNodeProcess([join(build, 'worker/main.js')], { ...withRedis, WORKER_NAME: 'compiled-worker' }, 0);
    await waitForHealth(api);
    await waitForOutput(worker, /is consuming evaluation jobs/);
    const base = `http://127.0.0.1:${api.port}/api`;
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok', mode: 'production', database: 'up', queue: 'up' });

    const signIn = await login(api, 'admin@demo.test', 'carescore');
    expect(signIn.status).toBe(200);
    const { token } = (await signIn.json()) as { token: string };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const started = await fetch(`${base}/evaluations`, { method: 'POST', headers, body: JSON.stringify({ period: '2026-Q2' }) });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };

    let run: { status: string; progress: { done: number; total: number }; chunks: Array<{ worker: string | null }>; errors: unknown[] };
    const deadline = Date.now() + 120_000;
    do {
      await new Promise((resolve) => setTimeout(resolve, 200));
      run = (await (await fetch(`${base}/evaluations/${id}`, { headers })).json()) as typeof run;
    } while (run.status !== 'succeeded' && run.status !== 'failed' && Date.now() < deadline);
    expect(run.status, JSON.stringify(run.errors)).toBe('succeeded');
    expect(run.progress).toMatchObject({ done: 60, total: 60 });
    // Evaluated by the compiled worker, not in the API's process.
    expect(new Set(run.chunks.map((chunk) => chunk.worker))).toEqual(new Set(['compiled-worker']));

    const scorecards = await fetch(`${base}/scorecards?range=[0,99]&filter=${encodeURIComponent(JSON.stringify({ runId: id }))}`, { headers });
    expect(scorecards.status).toBe(200);
    expect(((await scorecards.json()) as unknown[]).length).toBe(60);
    // The templates are found from the build as from the sources.
    const templates = await fetch(`${base}/templates`, { headers });
    expect(templates.status).toBe(200);
    expect(((await templates.json()) as Array<{ key: string }>).map((template) => template.key)).toContain('hm-3d9i');
    // A preview scores in the API's own process (where any helper file it loads must come with the build).
    const [document] = (await (await fetch(`${base}/documents?filter=${encodeURIComponent(JSON.stringify({ key: 'hm-3d9i' }))}`, { headers })).json()) as Array<{ id: string }>;
    const preview = await fetch(`${base}/documents/${document.id}/preview`, { method: 'POST', headers, body: JSON.stringify({ version: 1, period: '2026-Q2', sample: 2 }) });
    expect(preview.status, await preview.clone().text()).toBe(200);
    await Promise.all([api.stop(), worker.stop()]);
  }, 300_000);

  it('NODE_ENV=production npm start without a build stops with a message saying to build', () => {
    const empty = mkdtempSync(join(tmpdir(), 'carescore-no-build-'));
    cleanups.push(async () => rmSync(empty, { recursive: true, force: true }));
    mkdirSync(join(empty, 'scripts'));
    copyFileSync(join(root, 'scripts', 'start.cjs'), join(empty, 'scripts', 'start.cjs'));
    for (const program of ['api', 'worker']) {
      const result = node([join(empty, 'scripts', 'start.cjs'), program]);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toBe(`carescore: NODE_ENV=production runs the compiled build, and dist/${program}/main.js is missing: run \`npm run build\` first (or unset NODE_ENV to run the TypeScript sources)\n`);
    }
  });

  it('the Dockerfile and compose.yaml run what the build makes', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\/api\/health/m);
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1] as string;
    expect(JSON.parse(cmd)).toEqual(['node', 'dist/api/main.js']);

    const compose = parse(readFileSync(join(root, 'compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, { command?: string[]; depends_on?: Record<string, { condition: string }>; environment?: Record<string, string> }> };
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'migrate', 'postgres', 'redis', 'worker-1', 'worker-2']);
    const commands = { migrate: 'api/migrate.js', 'worker-1': 'worker/main.js', 'worker-2': 'worker/main.js' };
    for (const [service, file] of Object.entries(commands)) {
      expect(compose.services[service].command, service).toEqual(['node', `dist/${file}`]);
      expect(existsSync(join(build, file)), file).toBe(true);
    }
    for (const service of ['api', 'worker-1', 'worker-2']) {
      expect(compose.services[service].depends_on?.migrate, service).toEqual({ condition: 'service_completed_successfully' });
      expect(compose.services[service].environment, service).toMatchObject({ REDIS_URL: 'redis://redis:6379', JWT_SECRET: expect.stringContaining('JWT_SECRET') });
    }
  });
});
