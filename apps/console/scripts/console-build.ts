import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** apps/console, the console's Vite root. */
export const consoleRoot = resolve(__dirname, '..');
export const consoleDist = join(consoleRoot, 'dist');
const repositoryRoot = resolve(consoleRoot, '../..');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stat.mtimeMs);
}

/** Why the console needs building, or null when dist/ is newer than every source it is built from. */
export function staleReason(): string | null {
  const index = join(consoleDist, 'index.html');
  if (!existsSync(index)) return 'apps/console/dist is missing';
  const built = statSync(index).mtimeMs;
  const sources = ['src', 'public', 'index.html', 'vite.config.mts'].map((path) => join(consoleRoot, path));
  // The console bundles the engine (the scheme editor's live checks) and the statistics library.
  sources.push(...['libs/engine/src', 'libs/stats/src', 'package-lock.json'].map((path) => join(repositoryRoot, path)));
  const changed = sources.find((path) => newestMtime(path) > built);
  return changed ? `${changed.slice(repositoryRoot.length + 1)} changed since the last build` : null;
}

/** Builds the console with Vite unless dist/ is up to date. Throws when the build fails. */
export function ensureConsoleBuilt(log: (line: string) => void = console.log): void {
  const reason = staleReason();
  if (reason === null) return;
  log(`building the console (${reason})…`);
  const vite = join(repositoryRoot, 'node_modules', '.bin', 'vite');
  // NODE_ENV=production: under vitest it is `test`, which would bundle React's development build.
  const result = spawnSync(vite, ['build', consoleRoot, '--logLevel', 'warn'], { cwd: repositoryRoot, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) throw new Error(`the console build failed (vite exited with ${result.status ?? result.signal})`);
}
