import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');

/** Variables that would take `npm start` out of its embedded default (a database, Redis, a data dir, a port). */
const NOT_INHERITED = ['DATABASE_URL', 'TEST_DATABASE_URL', 'REDIS_URL', 'DATA_DIR', 'PORT', 'JWT_SECRET', 'NODE_ENV', 'CORS_ORIGIN', 'CASES_WEBHOOK_URL'];

export interface RunningProduct {
  baseUrl: string;
  dataDir: string;
  /** What the server printed, both streams, for a failure report. */
  output(): string;
  /** Set when the server exited on its own (a crash). */
  exited(): number | string | null;
  stop(): Promise<void>;
}

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/**
 * The product as the README starts it: `npm start` with no database environment (embedded
 * PGlite), in a fresh temporary data directory (`DATA_DIR`) and on a free `PORT`. Resolves when
 * `/api/health` answers 200; the first start migrates and loads the demo data.
 */
export async function startProduct(options: { startTimeoutMs?: number; log?: (line: string) => void } = {}): Promise<RunningProduct> {
  const dataDir = mkdtempSync(join(tmpdir(), 'carescore-soak-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port) };
  for (const name of NOT_INHERITED.filter((n) => n !== 'DATA_DIR' && n !== 'PORT')) delete env[name];
  // Its own process group, so stopping it stops npm, tsx and node together (and nothing else).
  const child: ChildProcess = spawn('npm', ['start'], { cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let exit: number | string | null = null;
  const collect = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output += text;
    if (output.length > 200_000) output = output.slice(-100_000);
    for (const line of text.split('\n')) if (line.trim()) options.log?.(line);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((done) =>
    child.once('exit', (code, signal) => {
      exit = code ?? signal ?? 'unknown';
      done();
    }),
  );

  const stop = async () => {
    if (exit === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((done) => setTimeout(() => done(false), 15_000))]);
      if (!killed) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
        await exited;
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 300_000);
  try {
    for (;;) {
      if (exit !== null) throw new Error(`npm start exited (${exit}) before /api/health answered:\n${output.slice(-4000)}`);
      if (Date.now() > deadline) throw new Error(`/api/health did not answer 200 within ${options.startTimeoutMs ?? 300_000} ms:\n${output.slice(-4000)}`);
      const healthy = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) })
        .then((response) => response.status === 200)
        .catch(() => false);
      if (healthy) break;
      await new Promise((done) => setTimeout(done, 500));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, dataDir, output: () => output, exited: () => exit, stop };
}
