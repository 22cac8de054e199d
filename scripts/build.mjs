#!/usr/bin/env node
// `npm run build`: the compiled JavaScript that production runs, and the console.
//   dist/api/main.js            the API (NODE_ENV=production npm start)
//   dist/api/{migrate,seed,create-admin}.js   the operator commands
//   dist/worker/main.js         npm run worker
//   dist/cli/carescore.js       the command line, one file with its dependencies (bin/carescore.js)
//   apps/console/dist/          the console (Vite)
// Options: --cli (only the command line: `npm install` runs this as `prepare`), --no-console,
// --outdir DIR (default dist; tests build into a folder of their own).
//
// esbuild compiles exactly as tsx does in development (same transformer, legacy decorators, no
// decorator metadata: every injection names its token with @Inject), so the compiled API behaves
// like the one `npm start` runs from source. Server bundles hold the project's own code and leave
// node_modules to be required at run time; the CLI bundle holds everything, to start fast.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const SERVER_ENTRIES = {
  'api/main': 'apps/api/src/main.ts',
  'api/migrate': 'apps/api/src/cli/migrate.ts',
  'api/seed': 'apps/api/src/cli/seed.ts',
  'api/create-admin': 'apps/api/src/cli/create-admin.ts',
  'api/audit-verify': 'apps/api/src/cli/audit-verify.ts',
  'worker/main': 'apps/worker/src/main.ts',
};

/** The inputs of the CLI bundle that bin/carescore.js compares with the bundle's time, to never run a stale one. */
const CLI_INPUTS_FILE = 'carescore.inputs.json';

/**
 * mathjs's main entry builds its default instance, every function of it, on load (about a second
 * of CPU); the engine only calls `create(all, …)`, which builds functions lazily on first use.
 * The CLI bundle therefore takes mathjs's factories without its main entry. A module importing
 * any instance function from 'mathjs' makes this build fail ("No matching export"), not slow.
 */
const mathjsFactoriesOnly = {
  name: 'mathjs-factories-only',
  setup(build) {
    build.onResolve({ filter: /^mathjs$/ }, () => ({ path: 'mathjs-factories', namespace: 'carescore' }));
    build.onLoad({ filter: /^mathjs-factories$/, namespace: 'carescore' }, () => {
      const esm = join(root, 'node_modules/mathjs/lib/esm');
      const from = (file) => JSON.stringify(join(esm, file));
      return {
        resolveDir: esm,
        loader: 'js',
        contents: [
          `export { create } from ${from('core/create.js')};`,
          `export { factory } from ${from('utils/factory.js')};`,
          `export { all } from ${from('entry/allFactoriesAny.js')};`,
          `export * from ${from('factoriesAny.js')};`,
          `export * from ${from('entry/dependenciesAny.generated.js')};`,
          `export * from ${from('entry/typeChecks.js')};`,
        ].join('\n'),
      };
    });
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  tsconfig: join(root, 'tsconfig.json'),
  // Nest and TypeORM read class names (migration names are stored in the database): keep them whatever the bundle renames.
  keepNames: true,
  logLevel: 'warning',
};

/**
 * A worker thread's entry (`*.thread.ts` under apps/api/src) cannot live inside a server bundle: each becomes
 * <name>.thread.js beside every server entry (dist/api/ and dist/worker/, since the worker evaluates too), so
 * `resolve(__dirname, '<name>.thread' + extname(__filename))` finds it from the sources and from the build alike.
 */
function threadEntries() {
  const bundleDirs = [...new Set(Object.keys(SERVER_ENTRIES).map((name) => name.split('/')[0]))];
  const threads = readdirSync(join(root, 'apps/api/src'), { recursive: true }).filter((file) => file.endsWith('.thread.ts'));
  return Object.fromEntries(bundleDirs.flatMap((dir) => threads.map((file) => [`${dir}/${basename(file, '.ts')}`, `apps/api/src/${file}`])));
}

async function buildServer(esbuild, outdir) {
  await esbuild.build({ ...common, entryPoints: { ...SERVER_ENTRIES, ...threadEntries() }, outdir, packages: 'external', sourcemap: true });
}

async function buildCli(esbuild, outdir) {
  const result = await esbuild.build({
    ...common,
    entryPoints: { 'cli/carescore': 'apps/cli/src/bin.ts' },
    outdir,
    minify: true,
    metafile: true,
    plugins: [mathjsFactoriesOnly],
  });
  // The project's own files it was built from (and the lockfile, for the dependencies inside).
  const inputs = Object.keys(result.metafile.inputs)
    .filter((input) => !input.includes('node_modules/') && !input.includes(':'))
    .concat('package-lock.json')
    .sort();
  writeFileSync(join(outdir, 'cli', CLI_INPUTS_FILE), `${JSON.stringify(inputs, null, 1)}\n`);
  writeCliCodeCache(join(outdir, 'cli', 'carescore.js'));
}

/**
 * V8's code cache of the CLI bundle after one validation, which bin/carescore.js hands to V8 when it runs the bundle
 * (Node 20 has no module compile cache of its own). Made in a process of its own, as bin/carescore.js compiles it.
 */
function writeCliCodeCache(bundle) {
  const program = `
    const fs = require('node:fs'), vm = require('node:vm'), path = require('node:path'), Module = require('node:module');
    const [bundle, template] = process.argv.slice(1);
    const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, 'utf8')), { filename: bundle });
    process.argv = [process.argv[0], bundle, 'validate', template];
    const bundled = { exports: {} };
    script.runInThisContext()(bundled.exports, require, bundled, bundle, path.dirname(bundle));
    fs.writeFileSync(bundle + '.cache', script.createCachedData());
    process.exitCode = 0;`;
  const result = spawnSync(process.execPath, ['-e', program, bundle, join(root, 'rule-templates', 'hm-3d9i.yaml')], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`the CLI bundle does not run: ${result.stderr}`);
}

function buildConsole() {
  const vite = join(root, 'node_modules', '.bin', 'vite');
  // NODE_ENV=production, or a caller's `test`/`development` would bundle React's development build.
  const result = spawnSync(vite, ['build', 'apps/console', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) throw new Error(`the console build failed (vite exited with ${result.status ?? result.signal})`);
}

async function loadEsbuild() {
  try {
    return await import('esbuild');
  } catch {
    return null;
  }
}

async function main() {
  const { values } = parseArgs({ options: { cli: { type: 'boolean' }, 'no-console': { type: 'boolean' }, outdir: { type: 'string' } } });
  const outdir = resolve(root, values.outdir ?? 'dist');
  const esbuild = await loadEsbuild();
  if (values.cli) {
    // `prepare` after `npm install`: without esbuild (an install without dev dependencies) the CLI runs from source.
    if (!esbuild) return console.log('carescore: esbuild is not installed; the CLI runs from source (slower to start)');
    mkdirSync(join(outdir, 'cli'), { recursive: true });
    try {
      await buildCli(esbuild, outdir);
    } catch (error) {
      // Never fail an install over it: without a bundle bin/carescore.js runs the sources (tests build it and fail).
      rmSync(join(outdir, 'cli'), { recursive: true, force: true });
      console.warn(`carescore: the CLI bundle was not built, the CLI runs from source: ${error instanceof Error ? error.message : String(error)}`);
    }
    return;
  }
  if (!esbuild) throw new Error('esbuild is not installed: run `npm install` (with dev dependencies) first');
  const started = Date.now();
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(join(outdir, 'cli'), { recursive: true });
  await Promise.all([buildServer(esbuild, outdir), buildCli(esbuild, outdir)]);
  if (!values['no-console']) buildConsole();
  const size = (file) => `${(statSync(join(outdir, file)).size / 1024).toFixed(0)} kB`;
  const shown = relative(root, outdir) || '.';
  console.log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${shown}/api/main.js (${size('api/main.js')}), ${shown}/worker/main.js, ${shown}/cli/carescore.js (${size('cli/carescore.js')})` +
    (values['no-console'] ? '' : existsSync(join(root, 'apps/console/dist/index.html')) ? ', apps/console/dist' : ''));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`carescore build: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
