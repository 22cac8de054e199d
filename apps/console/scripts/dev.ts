import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

/**
 * `npm run dev`: the API with reload on change (tsx watch, port 3000) and the console with hot
 * module replacement (Vite on port 5173, proxying /api to the API). Ctrl-C stops both; when one
 * exits, the other is stopped too.
 */
const root = resolve(__dirname, '../../..');
const bin = (name: string) => join(root, 'node_modules/.bin', name);

const children: ChildProcess[] = [
  spawn(bin('tsx'), ['watch', '--clear-screen=false', 'apps/api/src/main.ts'], { cwd: root, stdio: 'inherit' }),
  spawn(bin('vite'), ['apps/console'], { cwd: root, stdio: 'inherit' }),
];

let stopping = false;
function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}

for (const child of children) child.on('exit', (code) => stopAll(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stopAll(0));
