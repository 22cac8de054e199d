import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..', '..');
const bin = join(root, 'bin', 'carescore.js');
const fixture = (name: string) => relative(root, join(__dirname, '__fixtures__', name));

function carescore(args: string[], cwd = root) {
  // English unless a test asks otherwise, whatever the caller's locale (LANG=zh… would switch the CLI to Chinese).
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, LANG: 'C.UTF-8' } });
  return { exitCode: result.status, stdout: result.stdout, stderr: result.stderr };
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('bin/carescore.js (end to end)', { timeout: 60_000 }, () => {
  const scratch = mkdtempSync(join(tmpdir(), 'carescore-cli-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('validate: valid documents exit 0', () => {
    const result = carescore(['validate', fixture('mini-scheme.yaml'), fixture('mini-workflow.yaml')]);
    expect(result).toEqual({
      exitCode: 0,
      stdout: `${fixture('mini-scheme.yaml')}: valid (scheme mini)\n${fixture('mini-workflow.yaml')}: valid (workflow mini-loop)\n`,
      stderr: '',
    });
  });

  it('validate: an invalid document exits 1 with one JSON problem per line', () => {
    const result = carescore(['validate', fixture('invalid-scheme.yaml')]);
    expect(result.exitCode).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) {
      const [file, json] = [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)];
      expect(file).toBe(fixture('invalid-scheme.yaml'));
      expect(Object.keys(JSON.parse(json))).toEqual(['path', 'message']);
    }
  });

  it('evaluate: JSON facts print a JSON array of scorecards', () => {
    const result = carescore(['evaluate', fixture('mini-scheme.yaml'), fixture('facts.json'), '--period', '2026-Q1']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    const cards = JSON.parse(result.stdout) as Array<{ staffId: string; composite: number | null; band: string | null }>;
    expect(cards.map((card) => card.staffId)).toEqual(['s-001', 's-002', 's-003']);
    expect(cards.every((card) => typeof card.composite === 'number' && typeof card.band === 'string')).toBe(true);
  });

  it('evaluate: CSV facts give the same output as JSON, from any working directory', () => {
    const json = carescore(['evaluate', fixture('mini-scheme.yaml'), fixture('facts.json')]);
    const csv = carescore(['evaluate', join(root, fixture('mini-scheme.yaml')), join(root, fixture('facts.csv'))], scratch);
    expect(csv.exitCode).toBe(0);
    expect(csv.stdout).toBe(json.stdout);
  });

  it('evaluate: invalid facts exit 1 with their rows', () => {
    const result = carescore(['evaluate', fixture('mini-scheme.yaml'), fixture('invalid-facts.csv')]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('"row":3');
    expect(result.stderr).toContain('row 4, column nps: 170 is outside the declared range');
  });

  it('evaluate: a list cell with a trailing ; exits 1 naming its row and column, as the API refuses it', () => {
    const facts = join(scratch, 'trailing.csv');
    writeFileSync(facts, 'staffId,team,tier,followups_planned,followups_done,response_minutes,nps,complaints_major\ns-001,north,junior,30,28,60;90;,40,0\n');
    const result = carescore(['evaluate', fixture('mini-scheme.yaml'), facts]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('row 2, column response_minutes: item 3 of \\"60;90;\\" is empty; separate the numbers with a single ;');
  });

  it('evaluate: a bad period exits 1 with one line', () => {
    const result = carescore(['evaluate', fixture('mini-scheme.yaml'), fixture('facts.json'), '--period', 'Q1-2026']);
    expect(result).toEqual({ exitCode: 1, stdout: '', stderr: 'carescore: --period: period Q1-2026 is neither a month (2026-03) nor a quarter (2026-Q1)\n' });
  });

  it('an unreadable file exits 2 with one line and no stack trace', () => {
    const missing = carescore(['evaluate', fixture('mini-scheme.yaml'), 'facts.json']);
    expect(missing).toEqual({ exitCode: 2, stdout: '', stderr: 'carescore: cannot read facts.json: no such file\n' });
    const directory = carescore(['validate', 'apps']);
    expect(directory).toEqual({ exitCode: 2, stdout: '', stderr: 'carescore: cannot read apps: is a directory\n' });
    if (process.getuid?.() !== 0) {
      const locked = join(scratch, 'locked.yaml');
      writeFileSync(locked, 'kind: scheme\n', { mode: 0o000 });
      const denied = carescore(['validate', locked]);
      expect(denied).toEqual({ exitCode: 2, stdout: '', stderr: `carescore: cannot read ${locked}: permission denied\n` });
    }
  });

  it('usage errors exit 2 with the usage text on stderr', () => {
    for (const args of [[], ['frobnicate'], ['evaluate', 'only-one.yaml'], ['evaluate', 'a', 'b', '--bogus']]) {
      const result = carescore(args);
      expect(result.exitCode).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^carescore: .+\n\nUsage:\n {2}carescore validate FILE…/);
      noStackTrace(result.stderr);
    }
  });

  it('--help prints the usage text and exits 0', () => {
    const result = carescore(['--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^Usage:/);
  });
});
