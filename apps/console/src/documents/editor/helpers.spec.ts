import { describe, expect, it } from 'vitest';
import { jsonValue, newLeaf, toCondition, toNode, valueOf, withMode, type GroupNode } from './conditions';
import { append, countWithin, getIn, issueField, issuesByField, removeAt, setIn } from './paths';
import { formatSum, weightLevels } from './weights';

describe('issue paths → form fields', () => {
  it('maps the validator’s and the server’s paths to the same field name', () => {
    expect(issueField('indicators[2].formula')).toBe('indicators.2.formula');
    expect(issueField('indicators.2.formula')).toBe('indicators.2.formula');
    expect(issueField('dimensions[0].children[1].indicators[0].weight')).toBe('dimensions.0.children.1.indicators.0.weight');
    expect(issueField('zones[0].when.all[1].value')).toBe('zones.0.when.all.1.value');
    expect(issueField('key')).toBe('key');
    expect(issueField('')).toBe('');
  });

  it('groups issues by field and counts those inside a section', () => {
    const byField = issuesByField([
      { path: 'indicators[2].formula', message: 'unknown name foo' },
      { path: 'indicators[2].formula', message: 'second' },
      { path: 'dimensions', message: 'weights must sum to 100' },
      { path: 'indicators_extra', message: 'not inside indicators' },
    ]);
    expect(byField.get('indicators.2.formula')).toEqual(['unknown name foo', 'second']);
    expect(countWithin(byField, ['indicators'])).toBe(2);
    expect(countWithin(byField, ['dimensions', 'indicators'])).toBe(3);
  });
});

describe('immutable edits by path', () => {
  const doc = { indicators: [{ id: 'a', formula: 'x' }], name: { zh: '甲' } };

  it('sets, removes and appends without touching the original', () => {
    const edited = setIn(doc, ['indicators', 0, 'formula'], 'y');
    expect(edited.indicators[0].formula).toBe('y');
    expect(doc.indicators[0].formula).toBe('x');
    expect(edited.name).toBe(doc.name);
    expect(setIn(doc, ['name', 'zh'], undefined)).toEqual({ indicators: doc.indicators, name: {} });
    expect(setIn({}, ['tiers', 0, 'id'], 'junior')).toEqual({ tiers: [{ id: 'junior' }] });
    expect(getIn(append(doc, ['indicators'], { id: 'b' }), ['indicators', 1, 'id'])).toBe('b');
    expect(removeAt(doc, ['indicators'], 0).indicators).toEqual([]);
  });
});

describe('weight sums per level', () => {
  it('checks the top dimensions, every children list and every indicator list', () => {
    const levels = weightLevels([
      { id: 'execution', weight: 40, indicators: [{ id: 'a', weight: 60 }, { id: 'b', weight: 40 }] },
      { id: 'influence', weight: 35, children: [{ id: 'x', weight: 50, indicators: [{ id: 'c', weight: 100 }] }, { id: 'y', weight: 45 }] },
      { id: 'relation', weight: 25.0004 },
    ]);
    expect(levels.map((level) => [level.path.join('.'), formatSum(level.sum), level.ok])).toEqual([
      ['dimensions', '100', true],
      ['dimensions.0.indicators', '100', true],
      ['dimensions.1.children', '95', false],
      ['dimensions.1.children.0.indicators', '100', true],
    ]);
  });

  it('counts a weight that is not a number as 0', () => {
    expect(weightLevels([{ weight: 'ten' }, { weight: 100 }])[0]).toMatchObject({ sum: 100, ok: true });
  });
});

describe('condition builder ↔ JSON', () => {
  const spec = {
    all: [
      { fact: 'complaints_major', operator: 'greaterThanInclusive', value: 1 },
      { any: [{ fact: 'indicator', path: '$.bp_control.value', operator: 'lessThan', value: { fact: 'team', path: '$.mean.bp_control' } }, { fact: 'band', operator: 'in', value: ['C', 'D'] }] },
      { not: { fact: 'tier', operator: 'equal', value: 'senior' } },
      { fact: 'flagged', operator: 'equal', value: true, params: { note: 'kept' } },
    ],
  };

  it('reads every shape and writes back exactly the same JSON', () => {
    const node = toNode(spec) as GroupNode;
    expect(node.mode).toBe('all');
    expect(node.children.map((child) => child.type)).toEqual(['leaf', 'group', 'group', 'leaf']);
    expect(toCondition(node)).toEqual(spec);
  });

  it('keeps what it cannot show as a group or leaf as raw JSON', () => {
    const odd = { all: [{ condition: 'shared' }] };
    expect((toNode(odd) as GroupNode).children[0]).toEqual({ type: 'raw', json: { condition: 'shared' } });
    expect(toCondition(toNode(odd))).toEqual(odd);
  });

  it('types values as typed: numbers, lists, booleans, fact references', () => {
    expect(jsonValue({ ...valueOf(0), text: '85.5' })).toBe(85.5);
    expect(jsonValue({ ...valueOf(0), text: 'abc' })).toBe('abc');
    expect(jsonValue({ kind: 'list', text: 'A, B+, 3', fact: '', path: '' })).toEqual(['A', 'B+', 3]);
    expect(jsonValue({ kind: 'boolean', text: 'false', fact: '', path: '' })).toBe(false);
    expect(jsonValue({ kind: 'fact', text: '', fact: 'team', path: ' $.mean.x ' })).toEqual({ fact: 'team', path: '$.mean.x' });
    expect(jsonValue({ kind: 'fact', text: '', fact: 'composite', path: '' })).toEqual({ fact: 'composite' });
    expect(valueOf(['a', 2])).toMatchObject({ kind: 'list', text: 'a, 2' });
  });

  it('keeps a mistyped number in a number field, so that correcting it gives a number again', () => {
    const mistyped = toNode({ fact: 'complaints_major', operator: 'greaterThanInclusive', value: 'many' });
    expect(mistyped).toMatchObject({ type: 'leaf', value: { kind: 'number', text: 'many' } });
    if (mistyped.type !== 'leaf') throw new Error('expected a leaf');
    expect(toCondition({ ...mistyped, value: { ...mistyped.value, text: '2' } })).toEqual({ fact: 'complaints_major', operator: 'greaterThanInclusive', value: 2 });
    expect(toNode({ fact: 'band', operator: 'equal', value: 'A' })).toMatchObject({ value: { kind: 'text', text: 'A' } });
  });

  it('switches a group between all, any and not', () => {
    const group: GroupNode = { type: 'group', mode: 'all', children: [newLeaf(), newLeaf('band')] };
    expect(toCondition(withMode(group, 'any'))).toEqual({ any: [toCondition(newLeaf()), toCondition(newLeaf('band'))] });
    expect(toCondition(withMode(group, 'not'))).toEqual({ not: toCondition(newLeaf()) });
  });
});
