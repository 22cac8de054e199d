import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import Module, { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './main';

/**
 * The CLI bundle that `npx carescore` runs (dist/cli/carescore.js, built by scripts/build.mjs) against the
 * TypeScript sources it is built from: the same output, exit code and streams on every shipped
 * template. The bundle is built into a temporary folder outside the project, so it also proves the bundle needs
 * nothing from node_modules.
 */
const root = join(__dirname, '..', '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'carescore-cli-bundle-'));
const bundle = join(scratch, 'cli', 'carescore.js');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

const templates = readdirSync(join(root, 'rule-templates')).filter((file) => file.endsWith('.yaml')).sort().map((file) => `rule-templates/${file}`);
const factsFiles = readdirSync(join(root, 'rule-templates', 'facts')).filter((file) => file.endsWith('.json')).sort();

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { exitCode: result.status, stdout: result.stdout, stderr: result.stderr };
}
const fromBundle = (args: string[]) => run(process.execPath, [bundle, ...args]);
// The sources through tsx as a process for the first case; in this process for the rest (the same code, and
// seconds less per case on a busy machine). The working directory is the project's in both.
const fromTsx = (args: string[]) => run(tsx, ['apps/cli/src/bin.ts', ...args]);
const fromSource = (args: string[]) => runCli(args);

beforeAll(() => {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--cli', '--outdir', scratch], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  expect(build.status, build.stderr).toBe(0);
  // `--cli` (npm install's prepare) warns instead of failing when the bundle cannot be built.
  expect(build.stderr).not.toMatch(/not built/);
}, 180_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the bundled CLI (dist/cli/carescore.js)', { timeout: 180_000 }, () => {
  it('is one file: it requires nothing but Node built-ins', () => {
    const required = [...readFileSync(bundle, 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1]);
    expect(required.length).toBeGreaterThan(0);
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    expect(required.filter((name) => !builtins.has(name))).toEqual([]);
    // What bin/carescore.js compares with the bundle's time to never run a stale one: the CLI's and the engine's sources.
    const inputs = JSON.parse(readFileSync(join(scratch, 'cli', 'carescore.inputs.json'), 'utf8')) as string[];
    expect(inputs).toEqual(expect.arrayContaining(['apps/cli/src/main.ts', 'libs/engine/src/index.ts', 'package-lock.json']));
  });

  it('comes with a V8 code cache that this Node accepts for it, as bin/carescore.js compiles it', () => {
    const script = new Script(Module.wrap(readFileSync(bundle, 'utf8')), { filename: bundle, cachedData: readFileSync(`${bundle}.cache`) });
    expect(script.cachedDataRejected).toBe(false);
  });

  it('validates every shipped template as the sources do', () => {
    expect(templates.length).toBeGreaterThanOrEqual(8);
    const built = fromBundle(['validate', ...templates]);
    expect(built.exitCode).toBe(0);
    expect(built.stdout.trimEnd().split('\n')).toHaveLength(templates.length);
    expect(built).toEqual(fromTsx(['validate', ...templates]));
    expect(built).toEqual(fromSource(['validate', ...templates]));
  });

  it('evaluates every shipped sample of facts as the sources do', () => {
    expect(factsFiles.length).toBeGreaterThanOrEqual(4);
    const runs = factsFiles.map((facts) => ['evaluate', `rule-templates/${facts.replace(/\.json$/, '.yaml')}`, `rule-templates/facts/${facts}`]);
    // And with a period, which promotion needs.
    runs.push(['evaluate', 'rule-templates/career-tiers.yaml', 'rule-templates/facts/career-tiers.json', '--period', '2026-Q1']);
    for (const args of runs) {
      const built = fromBundle(args);
      expect(built.exitCode, `${args.join(' ')}: ${built.stderr}`).toBe(0);
      expect((JSON.parse(built.stdout) as unknown[]).length).toBeGreaterThan(0);
      expect(built, args.join(' ')).toEqual(fromSource(args));
    }
  });

  it('fails as the sources do: an invalid document, a missing file, a usage error', () => {
    for (const args of [['validate', 'apps/cli/src/__fixtures__/invalid-scheme.yaml'], ['validate', 'no/such/file.yaml'], ['evaluate', 'rule-templates/hm-3d9i.yaml']]) {
      const built = fromBundle(args);
      expect(built.exitCode, args.join(' ')).not.toBe(0);
      expect(built, args.join(' ')).toEqual(fromSource(args));
    }
  });
});

describe('bin/carescore.js: the bundle when it is current, the sources otherwise', { timeout: 120_000 }, () => {
  // A project of its own inside this one (so node_modules, tsx included, resolves), with a stand-in bundle and source.
  const project = join(root, 'dist', `.test-bin-${process.pid}`);
  const source = join(project, 'apps/cli/src/main.ts');
  const built = join(project, 'dist/cli/carescore.js');
  const which = () => spawnSync(process.execPath, [join(project, 'bin/carescore.js')], { cwd: root, encoding: 'utf8', timeout: 60_000 }).stdout;
  const at = (file: string, seconds: number) => utimesSync(file, seconds, seconds);

  beforeAll(() => {
    mkdirSync(join(project, 'bin'), { recursive: true });
    mkdirSync(join(project, 'apps/cli/src'), { recursive: true });
    mkdirSync(join(project, 'dist/cli'), { recursive: true });
    copyFileSync(join(root, 'bin/carescore.js'), join(project, 'bin/carescore.js'));
    writeFileSync(join(project, 'tsconfig.json'), '{}');
    writeFileSync(source, "export function main(): void {\n  process.stdout.write('source');\n}\n");
    writeFileSync(built, "process.stdout.write('bundle');\n");
    writeFileSync(join(project, 'dist/cli/carescore.inputs.json'), JSON.stringify(['apps/cli/src/main.ts', 'package-lock.json']));
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('runs the bundle built after its sources, and the sources once one of them changes', () => {
    at(source, 1_000_000);
    at(built, 2_000_000);
    expect(which()).toBe('bundle');
    at(source, 3_000_000);
    expect(which()).toBe('source');
  });

  it('runs the sources without a bundle, and the bundle without sources (an image with only the build)', () => {
    rmSync(join(project, 'dist/cli/carescore.inputs.json'));
    expect(which()).toBe('source');
    writeFileSync(join(project, 'dist/cli/carescore.inputs.json'), JSON.stringify(['apps/cli/src/main.ts', 'package-lock.json']));
    rmSync(source);
    // Even where another input (the lockfile of an image's production install) is newer.
    writeFileSync(join(project, 'package-lock.json'), '{}');
    at(join(project, 'package-lock.json'), 3_000_000);
    at(built, 2_000_000);
    expect(which()).toBe('bundle');
  });
});
