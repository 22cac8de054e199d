import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

/** Starts CareScore as real processes, the way the README says, for the start-up tests. */
export const root = resolve(__dirname, '../..');
export const tsx = join(root, 'node_modules/.bin/tsx');

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

export function randomPort(): number {
  return 20000 + Math.floor(Math.random() * 20000);
}

export function startServer(env: NodeJS.ProcessEnv, port = randomPort()): ServerProcess {
  return startProcess('apps/api/src/main.ts', env, port);
}

/** `npm run worker` as a process (port unused). */
export function startWorker(env: NodeJS.ProcessEnv): ServerProcess {
  return startProcess('apps/worker/src/main.ts', env, 0);
}

/** Waits until the process has printed something matching `pattern`. */
export async function waitForOutput(server: ServerProcess, pattern: RegExp, timeoutMs = 90_000): Promise<void> {
  const started = Date.now();
  while (!pattern.test(server.output())) {
    if (server.child.exitCode !== null) throw new Error(`the process exited with ${server.child.exitCode}: ${server.output()}`);
    if (Date.now() - started > timeoutMs) throw new Error(`no ${pattern} in time: ${server.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function startProcess(script: string, env: NodeJS.ProcessEnv, port: number): ServerProcess {
  // node --import tsx rather than the tsx binary: a signal (SIGKILL above all) must reach the process that does the work, not a wrapper.
  return startNodeProcess(['--import', 'tsx', script], env, port);
}

/** `node ARGS…` as a process, e.g. a compiled build's `dist/api/main.js`, with the environment the others get. */
export function startNodeProcess(args: string[], env: NodeJS.ProcessEnv, port: number): ServerProcess {
  let output = '';
  // PROCESS_NODE_ARGS: extra node flags for the processes started here (e.g. --cpu-prof when profiling a bench).
  const nodeArgs = (process.env.PROCESS_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // DATABASE_ROLE_CHECK=warn: these processes sign in as TEST_DATABASE_URL's role, which owns the tables (the role
  // check itself is tested in audit-roles.spec.ts); a test passing its own value overrides this.
  const child = spawn(process.execPath, [...nodeArgs, ...args], { cwd: root, env: { ...process.env, TEST_DATABASE_URL: '', PORT: String(port), DATABASE_ROLE_CHECK: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  running.add(child);
  return {
    child,
    port,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
        child.kill('SIGTERM');
        await exited;
      }
      running.delete(child);
    },
  };
}

export function stopAllServers(): void {
  for (const child of running) child.kill('SIGTERM');
  running.clear();
}

export async function waitForHealth(server: ServerProcess, timeoutMs = 90_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (server.child.exitCode !== null) throw new Error(`the server exited with ${server.child.exitCode}: ${server.output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${server.port}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server did not become healthy in time: ${server.output()}`);
}

export function login(server: ServerProcess, email: string, password: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${server.port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
}
