import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CONDITION_OPERATORS, conditionFacts, conditionOperatorSchema, conditionSchema, topLevelConditionSchema } from './condition.schema';

function issues(input: unknown): Array<{ path: string; message: string }> {
  const result = topLevelConditionSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

const leaf = (extra: Record<string, unknown> = {}) => ({ fact: 'composite', operator: 'greaterThanInclusive', value: 85, ...extra });

describe('topLevelConditionSchema: valid conditions', () => {
  it.each([
    ['a scheme promotion', { all: [leaf()] }],
    ['the hint of SPEC §1.1', { all: [{ fact: 'indicator', path: '$.bp_control.value', operator: 'lessThan', value: { fact: 'team', path: '$.mean.bp_control' } }] }],
    ['a workflow trigger', { any: [{ fact: 'likert', operator: 'lessThanInclusive', value: 2 }, { fact: 'nps', operator: 'lessThanInclusive', value: 6 }] }],
    ['not', { not: leaf() }],
    ['empty all', { all: [] }],
    ['empty any', { any: [] }],
    ['nesting', { all: [{ any: [{ not: { all: [leaf()] } }, leaf()] }] }],
    ['every operator', { all: CONDITION_OPERATORS.map((operator) => ({ fact: 'x', operator, value: ['in', 'notIn'].includes(operator) ? [1, 'a', true] : 1 })) }],
    ['string and boolean values', { all: [{ fact: 'band', operator: 'equal', value: 'A' }, { fact: 'flag', operator: 'notEqual', value: false }] }],
    ['a list fact', { all: [{ fact: 'tags', operator: 'contains', value: 'vip' }] }],
    ['a fact-reference value for a list operator', { all: [{ fact: 'tier', operator: 'in', value: { fact: 'allowed_tiers' } }] }],
    ['an index path', { all: [leaf({ fact: 'scores', path: '$.items[0]' })] }],
    ['a path with digits, _ and -', { all: [leaf({ fact: 'x', path: '$.a_1.b-2[10][0].c' })] }],
    ['params', { all: [leaf({ params: { window: 3 } })] }],
  ])('accepts %s', (_name, input) => {
    expect(issues(input)).toEqual([]);
  });

  it('returns the condition unchanged', () => {
    const input = { all: [leaf({ path: '$.a' }), { not: { fact: 'x', operator: 'in', value: [1, 2] } }] };
    expect(topLevelConditionSchema.parse(input)).toEqual(input);
  });

  it('accepts a leaf as a nested condition', () => {
    expect(conditionSchema.safeParse(leaf()).success).toBe(true);
  });
});

describe('topLevelConditionSchema: invalid conditions', () => {
  it('rejects an unknown operator at its own path, listing the allowed ones', () => {
    expect(issues({ all: [leaf(), leaf({ operator: 'moreThan' })] })).toEqual([
      {
        path: 'all.1.operator',
        message:
          'unknown operator "moreThan"; allowed: equal, notEqual, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive, in, notIn, contains, doesNotContain',
      },
    ]);
  });

  it('lists the allowed operators in the standalone operator schema too', () => {
    const result = conditionOperatorSchema.safeParse('regex');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toMatch(/^unknown operator "regex"; allowed: equal, notEqual, .*doesNotContain$/);
  });

  it.each([
    ['$..value', /recursive descent/],
    ['$.*', /wildcard/],
    ['$.items[*]', /wildcard/],
    ['$.items[?(@.score > 1)]', /filter or script/],
    ['$.items[(@.length-1)]', /filter or script/],
    ['bp_control.value', /must start with "\$"/],
    ['$', /not a simple path/],
    ['$.', /not a simple path/],
    ["$['bp_control']", /not a simple path/],
    ['$.items[-1]', /not a simple path/],
    ['$.items[01]', /not a simple path/],
    ['$.items[0:2]', /not a simple path/],
    ['$.a,b', /not a simple path/],
    ['$.1a', /not a simple path/],
    ['$.a^', /not a simple path/],
    ['$.a~', /not a simple path/],
  ])('rejects the path %s', (path, message) => {
    const found = issues({ all: [leaf({ fact: 'indicator', path })] });
    expect(found).toEqual([{ path: 'all.0.path', message: expect.stringMatching(message) as unknown as string }]);
    expect(found[0].message).toContain('e.g. "$.mean.bp_control"');
  });

  it('checks the path of a fact-reference value', () => {
    expect(issues({ all: [leaf({ value: { fact: 'team', path: '$..mean' } })] })).toEqual([
      { path: 'all.0.value.path', message: expect.stringMatching(/recursive descent/) as unknown as string },
    ]);
  });

  it('rejects unknown keys on leaves, boolean nodes and fact references', () => {
    expect(issues({ all: [leaf({ priority: 2 })] })).toEqual([{ path: 'all.0', message: expect.stringMatching(/priority/) as unknown as string }]);
    expect(issues({ all: [leaf({ value: { fact: 'team', params: {} } })] })).toEqual([
      { path: 'all.0.value', message: expect.stringMatching(/params/) as unknown as string },
    ]);
    expect(issues({ all: [], name: 'x' })).toEqual([{ path: '', message: expect.stringMatching(/name/) as unknown as string }]);
  });

  it('rejects a node with more than one boolean operator', () => {
    expect(issues({ all: [], any: [] })).toEqual([{ path: '', message: 'a condition has only one of all, any and not; found all, any' }]);
  });

  it('rejects condition references, wherever they are', () => {
    expect(issues({ condition: 'high_score' })[0].message).toMatch(/condition references are not allowed/);
    expect(issues({ all: [leaf(), { condition: 'high_score' }] })).toEqual([
      { path: '', message: 'all[1].condition: condition references are not allowed: write the condition inline' },
    ]);
  });

  it('requires all, any or not at the top level', () => {
    expect(issues(leaf())[0].message).toMatch(/top level of a condition must be all, any or not/);
    expect(issues({})[0].message).toMatch(/found an empty object/);
    expect(issues([leaf()])[0].message).toMatch(/must be an object/);
    expect(issues(null)[0].message).toMatch(/must be an object/);
  });

  it('requires all and any to be lists and not to be one condition', () => {
    expect(issues({ all: leaf() })[0].message).toMatch(/^all: .*expected array/);
    expect(issues({ not: [leaf()] })[0].message).toMatch(/^not: a condition must be an object/);
  });

  it('explains structural problems deep inside, each with its relative path', () => {
    expect(issues({ all: [{ any: [{ not: { fact: 'x', operator: 'equal' } }] }, leaf({ operator: 'foo' })] })).toEqual([
      { path: '', message: expect.stringMatching(/^all\[0\]\.any\[0\]\.not\.value: value is required; all\[1\]\.operator: unknown operator "foo"/) as unknown as string },
    ]);
  });

  it('rejects null, objects and nested lists as values', () => {
    expect(issues({ all: [leaf({ value: null })] })[0].message).toBe('all[0].value: value may not be null: a condition on absent (null) data is already false');
    expect(issues({ all: [leaf({ value: { path: '$.a' } })] })[0].message).toMatch(/an object value must be a fact reference/);
    expect(issues({ all: [leaf({ operator: 'in', value: [[1]] })] })[0].message).toMatch(/a list value may only hold/);
    expect(issues({ all: [leaf({ operator: 'in', value: [null] })] })[0].message).toMatch(/a list value may only hold/);
  });

  it('requires fact, operator and value on a leaf', () => {
    expect(issues({ all: [{ fact: 'x', operator: 'equal' }] })[0].message).toBe('all[0].value: value is required');
    expect(issues({ all: [{ operator: 'equal', value: 1 }] })[0].message).toMatch(/^all\[0\]\.fact: /);
    expect(issues({ all: [leaf({ fact: '' })] })).toEqual([{ path: 'all.0.fact', message: 'fact must name a fact' }]);
  });

  it('requires a value each operator can use', () => {
    expect(issues({ all: [leaf({ operator: 'in', value: 1 })] })).toEqual([{ path: 'all.0.value', message: 'in needs a list value such as [1, 2], or a fact reference' }]);
    expect(issues({ all: [leaf({ operator: 'notIn', value: 'a,b' })] })[0].path).toBe('all.0.value');
    expect(issues({ all: [leaf({ operator: 'equal', value: [1] })] })).toEqual([
      { path: 'all.0.value', message: 'equal compares with a single value; use in or notIn for a list' },
    ]);
    expect(issues({ all: [leaf({ operator: 'contains', value: [1] })] })[0].path).toBe('all.0.value');
    expect(issues({ all: [leaf({ operator: 'lessThan', value: '85' })] })).toEqual([
      { path: 'all.0.value', message: 'lessThan needs a number value, or a fact reference' },
    ]);
    expect(issues({ all: [leaf({ operator: 'greaterThan', value: true })] })[0].path).toBe('all.0.value');
    expect(issues({ all: [leaf({ operator: 'lessThan', value: { fact: 'other' } })] })).toEqual([]);
  });

  it('reports several problems in one condition separately', () => {
    expect(issues({ all: [leaf({ operator: 'nope' }), leaf({ path: '$..x' })] }).map((i) => i.path)).toEqual(['all.0.operator', 'all.1.path']);
  });
});

describe('JSON Schema export', () => {
  it('represents conditions, with the operator list', () => {
    const json = JSON.stringify(z.toJSONSchema(topLevelConditionSchema, { io: 'input' }));
    expect(json).toContain('"enum":["equal","notEqual","lessThan","lessThanInclusive","greaterThan","greaterThanInclusive","in","notIn","contains","doesNotContain"]');
    expect(json).toContain('"pattern"');
  });
});

describe('conditionFacts', () => {
  it('lists every fact once, in order, from leaves and fact-reference values', () => {
    expect(
      conditionFacts({
        all: [
          { fact: 'indicator', path: '$.bp_control.value', operator: 'lessThan', value: { fact: 'team', path: '$.mean.bp_control' } },
          { any: [{ not: { fact: 'composite', operator: 'greaterThan', value: { fact: 'indicator' } } }, { fact: 'band', operator: 'in', value: ['A', 'B'] }] },
        ],
      }),
    ).toEqual(['indicator', 'team', 'composite', 'band']);
  });

  it('is empty for empty lists', () => {
    expect(conditionFacts({ any: [{ all: [] }] })).toEqual([]);
  });
});
