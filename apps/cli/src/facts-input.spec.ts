import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAndValidateDocument, type SchemeDocument } from './engine';
import { csvToFacts, detectFactsFormat, readFacts } from './facts-input';

const fixture = (name: string) => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');

function miniScheme(): SchemeDocument {
  const result = parseAndValidateDocument(fixture('mini-scheme.yaml'));
  if (!result.ok || result.value.kind !== 'scheme') throw new Error(JSON.stringify(result.issues));
  return result.value;
}

const HEADER = 'staffId,team,tier,followups_planned,followups_done,response_minutes,nps,complaints_major';

describe('detectFactsFormat', () => {
  it('decides by extension, then by content', () => {
    expect(detectFactsFormat('facts.csv', '[1]')).toBe('csv');
    expect(detectFactsFormat('facts.JSON', 'staffId')).toBe('json');
    expect(detectFactsFormat('facts.txt', '  \n[{"staffId":"a"}]')).toBe('json');
    expect(detectFactsFormat('facts', 'staffId,team\n')).toBe('csv');
  });
});

describe('csvToFacts', () => {
  const scheme = miniScheme();

  it('maps columns to staff facts, empty cells to absent inputs and ;-lists to arrays', () => {
    const { facts, rows, issues } = csvToFacts(fixture('facts.csv'), scheme);
    expect(issues).toEqual([]);
    expect(rows).toEqual([2, 3, 4]);
    expect(facts[0]).toEqual({
      staffId: 's-001',
      team: 'north',
      tier: 'junior',
      inputs: { followups_planned: 30, followups_done: 28, response_minutes: [60, 90, 150], nps: 80, complaints_major: 0 },
    });
    expect(facts[1].inputs).toMatchObject({ response_minutes: [300] });
    expect(facts[2]).toEqual({ staffId: 's-003', team: 'south', tier: 'senior', inputs: { followups_planned: 25, followups_done: 25, nps: 70 } });
  });

  it('matches the equivalent JSON facts exactly', () => {
    const fromCsv = readFacts('facts.csv', fixture('facts.csv'), scheme);
    const fromJson = readFacts('facts.json', fixture('facts.json'), scheme);
    expect(fromCsv).toEqual(fromJson);
  });

  it('accepts columns in any order, quoted fields with commas and omitted team/tier columns', () => {
    const scheme2 = { ...scheme, tiers: [] };
    const { facts, issues } = csvToFacts('nps,staffId,followups_done\n"1e1","Wang, Fang",3\n', scheme2);
    expect(issues).toEqual([]);
    expect(facts).toEqual([{ staffId: 'Wang, Fang', inputs: { nps: 10, followups_done: 3 } }]);
  });

  it('names row and column of a cell that is not a number', () => {
    const { issues } = csvToFacts(`${HEADER}\ns-1,a,junior,30,28,60;x;5,abc,0\ns-2,a,junior,1;2,,,,\n`, scheme);
    expect(issues).toEqual([
      { path: '[0].inputs.response_minutes', row: 2, message: 'row 2, column response_minutes: item 2 ("x") is not a number' },
      { path: '[0].inputs.nps', row: 2, message: 'row 2, column nps: "abc" is not a number' },
      { path: '[1].inputs.followups_planned', row: 3, message: 'row 3, column followups_planned: must be a single number ("1;2" is a list; only list inputs take ;-separated numbers)' },
    ]);
  });

  it('refuses an empty list item, a trailing ; included, as POST /api/facts/import does', () => {
    const { facts, issues } = csvToFacts(`${HEADER}
s-1,a,junior,30,28,60;90;,40,0
s-2,a,junior,30,28,60;;90,40,0
s-3,a,junior,30,28,60; 90 ,40,0
`, scheme);
    expect(issues).toEqual([
      { path: '[0].inputs.response_minutes', row: 2, message: 'row 2, column response_minutes: item 3 of "60;90;" is empty; separate the numbers with a single ;' },
      { path: '[1].inputs.response_minutes', row: 3, message: 'row 3, column response_minutes: item 2 of "60;;90" is empty; separate the numbers with a single ;' },
    ]);
    expect(facts[2]).toMatchObject({ staffId: 's-3', inputs: { response_minutes: [60, 90] } });
  });

  it('reports header problems once, not per row', () => {
    expect(csvToFacts('staffId,team,bogus,nps,nps\ns-1,a,1,2,3\n', scheme).issues.map((issue) => issue.message)).toEqual([
      'unknown column bogus: the scheme declares the inputs followups_planned, followups_done, response_minutes, nps, complaints_major',
      'column nps appears twice in the header',
    ]);
    expect(csvToFacts('team,nps\n', scheme).issues.map((issue) => issue.message)).toEqual(['the header needs a staffId column']);
    expect(csvToFacts('', scheme).issues[0].message).toMatch(/empty/);
  });

  it('reports a row with the wrong number of fields', () => {
    expect(csvToFacts(`${HEADER}\ns-1,a,junior,30\n`, scheme).issues).toEqual([{ path: '[0]', row: 2, message: 'row 2 has 4 fields, the header has 8' }]);
  });

  it('reports CSV syntax errors with their row', () => {
    expect(csvToFacts(`${HEADER}\n"s-1,a\n`, scheme).issues).toEqual([{ path: '', row: 2, message: 'CSV syntax error at row 2, character 1: unterminated quoted field' }]);
  });
});

describe('readFacts', () => {
  const scheme = miniScheme();

  it('validates CSV facts against the scheme and locates problems by row', () => {
    const result = readFacts('invalid-facts.csv', fixture('invalid-facts.csv'), scheme);
    expect(result).toEqual({
      ok: false,
      issues: [
        { path: '[1].inputs.followups_planned', row: 3, message: 'row 3, column followups_planned: "twenty" is not a number' },
        { path: '[2].inputs.nps', row: 4, message: 'row 4, column nps: 170 is outside the declared range -100…100' },
      ],
    });
  });

  it('reports unknown tiers and duplicate ids in CSV by row', () => {
    const result = readFacts('f.csv', `${HEADER}\ns-1,a,intern,1,1,,,\ns-1,a,junior,1,1,,,\n`, scheme);
    expect(!result.ok && result.issues).toEqual([
      { path: '[0].tier', row: 2, message: 'row 2, column tier: must be one of junior, senior' },
      { path: '[1].staffId', row: 3, message: 'row 3, column staffId: duplicate staffId s-1' },
    ]);
  });

  it('reports an empty staff id in CSV by row', () => {
    const result = readFacts('f.csv', `${HEADER}\ns-1,a,junior,1,1,,,\n,a,junior,1,1,,,\n`, scheme);
    expect(!result.ok && result.issues).toEqual([{ path: '[1].staffId', row: 3, message: 'row 3, column staffId: must not be empty' }]);
  });

  it('validates JSON facts with paths like [1].inputs.followups_done', () => {
    const text = JSON.stringify([
      { staffId: 'a', tier: 'junior', inputs: { followups_done: 1 } },
      { staffId: 'b', tier: 'junior', inputs: { followups_done: -2, unknown_input: 1 } },
    ]);
    const result = readFacts('facts.json', text, scheme);
    expect(!result.ok && result.issues.map((issue) => issue.path)).toEqual(['[1].inputs.followups_done', '[1].inputs.unknown_input']);
  });

  it('reports malformed JSON in one issue', () => {
    const result = readFacts('facts.json', '[{"staffId": ', scheme);
    expect(!result.ok && result.issues.length === 1 && result.issues[0].message).toMatch(/^not valid JSON: /);
  });
});
