import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Scorecard } from './engine';
import { evaluateCommand, parseHistory } from './evaluate-command';
import { runCli, USAGE } from './main';
import type { ReadText } from './read-file';
import { readTextFile } from './read-file';
import { validateCommand } from './validate-command';

const dir = join(__dirname, '__fixtures__');
const at = (name: string) => join(dir, name);

/** Serves named texts as files; anything else is read from the fixtures directory. */
function files(texts: Record<string, string>): ReadText {
  return (file) => (file in texts ? { ok: true, text: texts[file] } : readTextFile(at(file)));
}

describe('validateCommand', () => {
  it('reports each valid file with its kind and key', () => {
    const result = validateCommand(['mini-scheme.yaml', 'mini-workflow.yaml'], files({}));
    expect(result).toEqual({ exitCode: 0, stdout: 'mini-scheme.yaml: valid (scheme mini)\nmini-workflow.yaml: valid (workflow mini-loop)\n', stderr: '' });
  });

  it('accepts JSON documents', () => {
    const json = JSON.stringify({ kind: 'workflow', key: 'w', stages: [{ id: 'only', slaHours: 1 }] });
    expect(validateCommand(['w.json'], files({ 'w.json': json })).stdout).toBe('w.json: valid (workflow w)\n');
  });

  it('prints every problem as FILE: {"path","message"} and exits 1', () => {
    const result = validateCommand(['mini-scheme.yaml', 'invalid-scheme.yaml'], files({}));
    expect(result.exitCode).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('mini-scheme.yaml: valid (scheme mini)');
    const problems = lines.slice(1).map((line) => {
      expect(line.startsWith('invalid-scheme.yaml: {')).toBe(true);
      return JSON.parse(line.slice('invalid-scheme.yaml: '.length)) as { path: string; message: string };
    });
    expect(problems.length).toBeGreaterThanOrEqual(3);
    for (const problem of problems) expect(Object.keys(problem)).toEqual(['path', 'message']);
    const paths = problems.map((problem) => problem.path);
    expect(paths).toEqual(expect.arrayContaining(['indicators[0].formula', 'indicators[0].scoring.target']));
    expect(problems.some((problem) => /planned/.test(problem.message))).toBe(true);
    expect(problems.some((problem) => /sum to 100/.test(problem.message))).toBe(true);
  });

  it('reports YAML syntax errors and non-documents', () => {
    const result = validateCommand(['bad.yaml', 'list.json'], files({ 'bad.yaml': 'kind: scheme\n  key: [unclosed\n', 'list.json': '[1, 2]' }));
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^bad\.yaml: \{"path":"","message":"syntax error/);
    expect(result.stdout).toContain('list.json: {"path":"","message":"a rule document must be an object"}');
  });

  it('exits 2 with a one-line error for an unreadable file and still checks the rest', () => {
    const result = validateCommand(['missing.yaml', 'mini-scheme.yaml'], files({}));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(`carescore: cannot read ${at('missing.yaml')}: no such file\n`);
    expect(result.stdout).toBe('mini-scheme.yaml: valid (scheme mini)\n');
  });
});

describe('evaluateCommand', () => {
  const run = (args: { scheme?: string; facts?: string; period?: string; history?: string }, texts: Record<string, string> = {}) =>
    evaluateCommand({ scheme: 'mini-scheme.yaml', facts: 'facts.json', ...args }, files(texts));
  const scorecards = (stdout: string) => JSON.parse(stdout) as Scorecard[];

  it('prints the scorecards as a pretty JSON array', () => {
    const result = run({ period: '2026-Q1' });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^\[\n {2}\{\n {4}"staffId": "s-001"/);
    const cards = scorecards(result.stdout);
    expect(cards.map((card) => [card.staffId, card.period, card.tier])).toEqual([
      ['s-001', '2026-Q1', 'junior'],
      ['s-002', '2026-Q1', 'senior'],
      ['s-003', '2026-Q1', 'senior'],
    ]);
    // 28 / 30 = 93.33 % → 80 + (93.33 − 90) / 8 × 20 = 88.33 (SPEC §1.2 example).
    expect(cards[0].indicators.followup_rate.score).toBeCloseTo(88.333, 3);
    expect(cards[0].indicators.response).toEqual({ status: 'excluded' });
    expect(cards[1].zone).toBe('red');
    expect(cards[1].zones.map((zone) => zone.id)).toEqual(['major_complaint', 'low_followup']);
    expect(cards[1].hints.map((hint) => hint.id)).toEqual(['followup_below_team']);
    expect(cards[2].indicators.response).toMatchObject({ status: 'missing', reason: 'response_minutes is absent' });
    expect(cards[0].promotion).toEqual({ to: 'senior', criteriaMet: true, eligible: false });
  });

  it('gives the same scorecards for CSV and JSON facts', () => {
    expect(run({ facts: 'facts.csv', period: '2026-Q1' })).toEqual(run({ period: '2026-Q1' }));
  });

  it('uses --history for promotion over consecutive periods', () => {
    const previous = run({ period: '2025-Q4' });
    const result = run({ period: '2026-Q1', history: 'history.json' }, { 'history.json': previous.stdout });
    expect(result.exitCode).toBe(0);
    expect(scorecards(result.stdout)[0].promotion).toEqual({ to: 'senior', criteriaMet: true, eligible: true });
  });

  it('rejects an invalid history file with paths into it', () => {
    const result = run({ history: 'history.json' }, { 'history.json': '[{"staffId": "s-001"}]' });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('history.json: {"path":"[0].period",');
    expect(parseHistory('{"not": "a list"}').ok).toBe(false);
    expect(parseHistory('nope')).toMatchObject({ ok: false, issues: [{ path: '', message: expect.stringMatching(/^not valid JSON/) }] });
  });

  it('rejects a bad period with a clear message', () => {
    expect(run({ period: '2026-13' })).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'carescore: --period: period 2026-13 is neither a month (2026-03) nor a quarter (2026-Q1)\n',
    });
    expect(run({ period: '2026-03' }).stderr).toBe('carescore: --period: period 2026-03 is a month, but the scheme is evaluated per quarter\n');
  });

  it('lists invalid facts with their paths (and rows for CSV)', () => {
    const json = run({ facts: 'f.json' }, { 'f.json': '[{"staffId":"a","tier":"junior","inputs":{"followups_done":"x"}}]' });
    expect(json.exitCode).toBe(1);
    expect(json.stderr).toMatch(/^f\.json: \{"path":"\[0\]\.inputs\.followups_done","message":"[^"]+"\}\n$/);
    const csv = run({ facts: 'invalid-facts.csv' });
    expect(csv.exitCode).toBe(1);
    expect(csv.stderr.trimEnd().split('\n')).toEqual([
      'invalid-facts.csv: {"path":"[1].inputs.followups_planned","message":"row 3, column followups_planned: \\"twenty\\" is not a number","row":3}',
      'invalid-facts.csv: {"path":"[2].inputs.nps","message":"row 4, column nps: 170 is outside the declared range -100…100","row":4}',
    ]);
  });

  it('rejects an invalid scheme, and a workflow, before looking at the facts', () => {
    const invalid = run({ scheme: 'invalid-scheme.yaml', facts: 'not-there.json' }, { 'not-there.json': 'garbage' });
    expect(invalid.exitCode).toBe(1);
    expect(invalid.stderr.split('\n')[0]).toMatch(/^invalid-scheme\.yaml: \{"path":/);
    const workflow = run({ scheme: 'mini-workflow.yaml' });
    expect(workflow).toEqual({ exitCode: 1, stdout: '', stderr: 'mini-workflow.yaml: {"path":"kind","message":"evaluate needs a scheme, this is a workflow"}\n' });
  });

  it('exits 2 for an unreadable file', () => {
    const result = run({ facts: 'nope.json' });
    expect(result).toEqual({ exitCode: 2, stdout: '', stderr: `carescore: cannot read ${at('nope.json')}: no such file\n` });
    expect(run({ facts: '.' }).stderr).toBe(`carescore: cannot read ${at('.')}: is a directory\n`);
  });
});

describe('runCli', () => {
  it('prints help on --help and exits 0', () => {
    expect(runCli(['--help'])).toEqual({ exitCode: 0, stdout: USAGE, stderr: '' });
    expect(runCli(['evaluate', '-h']).stdout).toBe(USAGE);
  });

  it.each([
    [[], 'missing command'],
    [['score'], 'unknown command score'],
    [['--verbose'], 'unknown option --verbose'],
    [['validate'], 'validate needs at least one FILE'],
    [['evaluate', 'a.yaml'], 'evaluate needs SCHEME and FACTS'],
    [['evaluate', 'a', 'b', 'c'], 'evaluate takes SCHEME and FACTS, got 3 files'],
  ])('usage error for %j', (argv, message) => {
    const result = runCli(argv);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`carescore: ${message}\n\n${USAGE}`);
  });

  it('usage error for unknown options and missing option values', () => {
    expect(runCli(['evaluate', 'a', 'b', '--perod', 'x']).stderr).toMatch(/^carescore: evaluate: Unknown option '--perod'/);
    expect(runCli(['evaluate', 'a', 'b', '--period']).stderr).toMatch(/^carescore: evaluate: Option '--period <value>' argument missing/);
    expect(runCli(['validate', '--period', '2026-Q1', 'a']).exitCode).toBe(2);
  });

  it('prints the problems in Chinese with --lang zh, or when LANG starts with zh; English by default', () => {
    const zh = [
      `${at('invalid-scheme.yaml')}: {"path":"indicators[0].formula","message":"指标 rate：未知名称 planned：请将其声明为输入，或使用指标 id"}`,
      `${at('invalid-scheme.yaml')}: {"path":"indicators[0].scoring.target","message":"方向为越高越好时，必须大于基准（90）"}`,
      `${at('invalid-scheme.yaml')}: {"path":"dimensions","message":"顶层维度的权重之和必须为 100，当前为 90"}`,
    ].join('\n');
    expect(runCli(['validate', '--lang', 'zh', at('invalid-scheme.yaml')], {})).toEqual({ exitCode: 1, stdout: `${zh}\n`, stderr: '' });
    expect(runCli(['validate', at('invalid-scheme.yaml')], { LANG: 'zh_CN.UTF-8' }).stdout).toBe(`${zh}\n`);
    const en = runCli(['validate', at('invalid-scheme.yaml')], { LANG: 'en_US.UTF-8' });
    expect(en.stdout).toContain(`${at('invalid-scheme.yaml')}: {"path":"dimensions","message":"weights of the top-level dimensions must sum to 100, they sum to 90"}`);
    expect(runCli(['validate', '--lang', 'en', at('invalid-scheme.yaml')], { LANG: 'zh_CN.UTF-8' }).stdout).toBe(en.stdout);
    expect(runCli(['validate', at('invalid-scheme.yaml')], {}).stdout).toBe(en.stdout);
    expect(runCli(['evaluate', '--lang', 'zh', at('invalid-scheme.yaml'), at('facts.json')], {}).stderr).toContain('"message":"顶层维度的权重之和必须为 100，当前为 90"');
    const wrong = runCli(['validate', '--lang', 'fr', at('invalid-scheme.yaml')], {});
    expect(wrong.exitCode).toBe(2);
    expect(wrong.stderr).toBe(`carescore: --lang must be zh or en, not fr\n\n${USAGE}`);
  });

  it('reads a fixture through the real file system', () => {
    const result = runCli(['validate', at('mini-scheme.yaml')]);
    expect(result).toEqual({ exitCode: 0, stdout: `${at('mini-scheme.yaml')}: valid (scheme mini)\n`, stderr: '' });
    expect(readFileSync(at('facts.json'), 'utf8')).toContain('s-001');
  });
});
