import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Scorecard } from './engine';
import { evaluateCommand } from './evaluate-command';
import type { ReadText } from './read-file';

/**
 * Awards computed from a history period, the way an outside check runs the templates: the satisfaction-first template
 * with the example awards, its sample facts as 2026-Q1, and a 2025-Q4 evaluated first and given as --history.
 */
const root = join(__dirname, '../../..');
const template = parse(readFileSync(join(root, 'rule-templates/satisfaction-first.yaml'), 'utf8')) as Record<string, unknown>;
const awards = parse(readFileSync(join(__dirname, '__fixtures__/satisfaction-first-awards.yaml'), 'utf8')) as { awards: unknown[] };
const sampleFacts = JSON.parse(readFileSync(join(root, 'rule-templates/facts/satisfaction-first.json'), 'utf8')) as Array<{ staffId: string; inputs: Record<string, unknown> }>;

/** The quarter before: sf-01 and sf-04 had three valid complaints (−9) and no commendation (sf-01 −2, sf-04 −1). */
const historyFacts = sampleFacts.map((staff) =>
  staff.staffId === 'sf-01' || staff.staffId === 'sf-04' ? { ...staff, inputs: { ...staff.inputs, complaints_valid: 3, commendations: 0 } } : staff,
);

const texts: Record<string, string> = {
  'scheme.json': JSON.stringify({ ...template, ...awards }),
  'template.json': JSON.stringify(template),
  'facts.json': JSON.stringify(sampleFacts),
  'q4-facts.json': JSON.stringify(historyFacts),
};
const read: ReadText = (file) => (file in texts ? { ok: true, text: texts[file] } : { ok: false, message: 'missing' });

function run(scheme: string, facts: string, period: string, history?: string): Scorecard[] {
  const result = evaluateCommand({ scheme, facts, period, history }, read);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout) as Scorecard[];
}

describe('carescore evaluate: awards from the previous period (--history)', () => {
  const q4 = run('scheme.json', 'q4-facts.json', '2025-Q4');
  texts['q4.json'] = JSON.stringify(q4);
  const q1 = Object.fromEntries(run('scheme.json', 'facts.json', '2026-Q1', 'q4.json').map((card) => [card.staffId, card]));
  const earned = (id: string) => q1[id].awards?.map((award) => award.id);

  it('the quarter before: no progress can be measured yet; sf-05 already has word of mouth (NPS 66.7, no complaint)', () => {
    expect(q4.map((card) => [card.staffId, card.awards?.map((award) => award.id)])).toEqual([
      ['sf-01', []],
      ['sf-02', []],
      ['sf-03', []],
      ['sf-04', []],
      ['sf-05', ['word_of_mouth']],
      ['sf-06', []],
      ['sf-07', []],
      ['sf-08', []],
    ]);
  });

  it('sf-01: 80.9675 → 91.9675 is +11 and into band A: progress and breakthrough (NPS 52: no word of mouth)', () => {
    expect(q4[0].composite).toBeCloseTo(80.9675, 9);
    expect(q1['sf-01'].composite).toBeCloseTo(91.9675, 9);
    expect(q1['sf-01'].awards).toEqual([
      { id: 'progress', name: { zh: '进步奖', en: 'Progress award' }, description: { zh: '综合分比上期提高 10 分及以上', en: 'Composite up 10 points or more on the previous period' } },
      { id: 'breakthrough', name: { zh: '突破奖', en: 'Breakthrough award' }, description: { zh: '首次进入优秀（综合分 90 及以上）', en: 'Into band A (composite 90 or more) from below' } },
    ]);
  });

  it('sf-04: 75.0475 → 85.0475 is exactly +10: progress', () => {
    expect(earned('sf-04')).toEqual(['progress']);
  });

  it('the others: unchanged composites earn no progress; sf-05 keeps word of mouth (already in A: no breakthrough)', () => {
    expect(earned('sf-05')).toEqual(['word_of_mouth']);
    for (const id of ['sf-02', 'sf-03', 'sf-06', 'sf-07', 'sf-08']) expect(earned(id), id).toEqual([]);
  });

  it('without --history nobody earns progress or breakthrough', () => {
    const alone = run('scheme.json', 'facts.json', '2026-Q1');
    expect(alone.map((card) => card.awards?.map((award) => award.id))).toEqual([[], [], [], [], ['word_of_mouth'], [], [], []]);
  });

  it('the shipped template, without awards, gives scorecards without the field, and otherwise the same', () => {
    const plain = run('template.json', 'facts.json', '2026-Q1', 'q4.json');
    for (const card of plain) {
      expect(card).not.toHaveProperty('awards');
      const { awards: _earned, ...rest } = q1[card.staffId];
      expect(card).toEqual(rest);
    }
  });
});
