import { describe, expect, it } from 'vitest';
import { compileCondition, evaluateWithReference, pathKeys } from './compile-condition';
import type { ConditionOperator, LeafCondition, TopLevelCondition } from './condition.schema';
import { createReferenceEngine } from './operators';

const engine = createReferenceEngine();

/** Every expectation holds for the compiled condition and for json-rules-engine alike. */
async function expectResult(condition: TopLevelCondition, facts: Record<string, unknown>, expected: boolean): Promise<void> {
  expect(compileCondition(condition)(facts), 'compiled').toBe(expected);
  expect(await evaluateWithReference(engine, condition, facts), 'json-rules-engine').toBe(expected);
}

const leaf = (operator: ConditionOperator, value: LeafCondition['value'], extra: Partial<LeafCondition> = {}): LeafCondition => ({ fact: 'x', operator, value, ...extra });
/** [fact value, value, expected] for each operator, written as a table. */
type Row = [unknown, LeafCondition['value'], boolean];
const operatorCases: Record<ConditionOperator, Row[]> = {
  equal: [
    [5, 5, true],
    [5, 6, false],
    [5, '5', false],
    ['A', 'A', true],
    [true, true, true],
    [0, false, false],
    [[1], 1, false],
  ],
  notEqual: [
    [5, 6, true],
    [5, 5, false],
    [5, '5', true],
    ['A', 'B', true],
    [[1], 1, true],
  ],
  lessThan: [
    [3, 5, true],
    [5, 5, false],
    [-1.5, -1, true],
    [0.1 + 0.2, 0.3, false],
    ['3', 5, true],
    ['-2.5', -2, true],
    ['12abc', 20, false], // parses as 12 for the check, then compares as NaN
    ['abc', 5, false],
    ['', 5, false],
    [true, 5, false],
    [[3], 5, true], // an array of one number passes json-rules-engine's parseFloat check and compares by its string
    [{}, 5, false],
  ],
  lessThanInclusive: [
    [5, 5, true],
    [5.0001, 5, false],
    ['5', 5, true],
    ['x', 5, false],
  ],
  greaterThan: [
    [6, 5, true],
    [5, 5, false],
    ['7', 5, true],
    [-0.5, -1, true],
    ['Infinity', 5, true],
    [false, -1, false],
  ],
  greaterThanInclusive: [
    [85, 85, true],
    [84.999, 85, false],
    ['85', 85, true],
    ['eighty', 85, false],
  ],
  in: [
    [2, [1, 2, 3], true],
    [4, [1, 2, 3], false],
    ['2', [1, 2, 3], false],
    ['A', ['A', 'B'], true],
    [true, [true], true],
    [2, [], false],
    ['a', 'abc', false], // json-rules-engine would search the string; CareScore needs a list
    [1, 1, false],
  ],
  notIn: [
    [4, [1, 2, 3], true],
    [2, [1, 2, 3], false],
    ['2', [1, 2, 3], true],
    [2, [], true],
    ['z', 'abc', false],
  ],
  contains: [
    [[1, 2, 3], 2, true],
    [[1, 2, 3], 4, false],
    [['vip', 'new'], 'vip', true],
    [[1, 2], '1', false],
    ['abc', 'a', false], // a string fact is not a list (json-rules-engine's own Array.isArray check)
    [[], 1, false],
  ],
  doesNotContain: [
    [[1, 2, 3], 4, true],
    [[1, 2, 3], 2, false],
    [[], 1, true],
    ['abc', 'z', false],
    [{ length: 0 }, 1, false],
  ],
};

describe('operators', () => {
  for (const [operator, rows] of Object.entries(operatorCases) as Array<[ConditionOperator, Row[]]>) {
    it.each(rows)(`${operator}: %j against %j is %s`, async (x, value, expected) => {
      await expectResult({ all: [leaf(operator, value)] }, { x }, expected);
    });

    it(`${operator}: an absent or null fact is false`, async () => {
      const value: LeafCondition['value'] = operator === 'in' || operator === 'notIn' ? [1, 'a'] : 1;
      await expectResult({ all: [leaf(operator, value)] }, {}, false);
      await expectResult({ all: [leaf(operator, value)] }, { x: undefined }, false);
      await expectResult({ all: [leaf(operator, value)] }, { x: null }, false);
    });

    it(`${operator}: an absent or null fact-reference value is false`, async () => {
      const x = operator === 'contains' || operator === 'doesNotContain' ? [1, 2] : 1;
      await expectResult({ all: [leaf(operator, { fact: 'y' })] }, { x }, false);
      await expectResult({ all: [leaf(operator, { fact: 'y' })] }, { x, y: null }, false);
      await expectResult({ all: [leaf(operator, { fact: 'y', path: '$.missing' })] }, { x, y: {} }, false);
    });
  }

  it('a list containing null or undefined still never matches an absent fact', async () => {
    await expectResult({ all: [{ fact: 'y', operator: 'contains', value: { fact: 'x' } }] }, { y: [null, undefined] }, false);
    await expectResult({ all: [leaf('in', ['a', 1])] }, { x: null }, false);
  });
});

describe('paths', () => {
  const facts = {
    indicator: { bp_control: { value: 72, score: 60, status: 'ok' }, followup_rate: { value: null, status: 'missing' } },
    team: { mean: { bp_control: 80 } },
    scores: { items: [10, 20, { deep: [1, 2, 3] }] },
    label: { name: 'abc', empty: '' },
    count: 5,
    text: 'abc',
    previous: null,
  };
  const at = (fact: string, path: string, operator: ConditionOperator, value: LeafCondition['value']): TopLevelCondition => ({ all: [{ fact, path, operator, value }] });

  it('reads object properties and array items', async () => {
    await expectResult(at('indicator', '$.bp_control.value', 'equal', 72), facts, true);
    await expectResult(at('indicator', '$.bp_control.status', 'equal', 'ok'), facts, true);
    await expectResult(at('scores', '$.items[1]', 'equal', 20), facts, true);
    await expectResult(at('scores', '$.items[2].deep[2]', 'equal', 3), facts, true);
    await expectResult(at('scores', '$.items.length', 'equal', 3), facts, true);
  });

  it('treats a missing step as absent, so even negative operators are false', async () => {
    await expectResult(at('indicator', '$.satisfaction.value', 'notEqual', 1), facts, false);
    await expectResult(at('indicator', '$.followup_rate.value', 'notEqual', 1), facts, false);
    await expectResult(at('scores', '$.items[7]', 'notIn', [1]), facts, false);
    await expectResult(at('scores', '$.items[0].deep', 'notEqual', 1), facts, false);
    await expectResult(at('previous', '$.composite', 'notEqual', 1), facts, false);
    await expectResult(at('missing', '$.composite', 'notEqual', 1), facts, false);
  });

  it('treats a path on a non-object fact as absent (json-rules-engine alone would return the fact itself)', async () => {
    await expectResult(at('count', '$.value', 'equal', 5), facts, false);
    await expectResult(at('count', '$.value', 'notEqual', 0), facts, false);
    await expectResult(at('text', '$.length', 'equal', 3), facts, false);
  });

  it('follows own properties only', async () => {
    await expectResult(at('label', '$.constructor', 'notEqual', 0), facts, false);
    await expectResult(at('label', '$.toString', 'notEqual', 0), facts, false);
    await expectResult(at('label', '$.name.toString', 'notEqual', 0), facts, false);
  });

  it("steps into a nested string's length and characters, as jsonpath-plus does", async () => {
    await expectResult(at('label', '$.name.length', 'equal', 3), facts, true);
    await expectResult(at('label', '$.name[0]', 'equal', 'a'), facts, true);
    // …but never into a falsy one, not even the empty string's own length
    await expectResult(at('label', '$.empty.length', 'notEqual', 1), facts, false);
  });

  it('compares a path with a fact reference that has its own path (SPEC §1.1 hint)', async () => {
    const hint: TopLevelCondition = {
      all: [{ fact: 'indicator', path: '$.bp_control.value', operator: 'lessThan', value: { fact: 'team', path: '$.mean.bp_control' } }],
    };
    await expectResult(hint, facts, true);
    await expectResult(hint, { ...facts, team: { mean: { bp_control: 70 } } }, false);
    await expectResult(hint, { ...facts, team: { mean: {} } }, false);
    await expectResult(hint, { indicator: facts.indicator }, false);
  });

  it('reads a whole fact as a reference value, and compares by identity', async () => {
    const list = [1, 2];
    await expectResult({ all: [{ fact: 'x', operator: 'in', value: { fact: 'allowed' } }] }, { x: 2, allowed: list }, true);
    await expectResult({ all: [{ fact: 'x', operator: 'equal', value: { fact: 'y' } }] }, { x: list, y: list }, true);
    await expectResult({ all: [{ fact: 'x', operator: 'equal', value: { fact: 'y' } }] }, { x: [1, 2], y: [1, 2] }, false);
    // two strings compare as strings even under a numeric operator (json-rules-engine behaviour)
    await expectResult({ all: [{ fact: 'x', operator: 'lessThan', value: { fact: 'y' } }] }, { x: '10', y: '9' }, true);
  });

  it('does not take facts from Object.prototype', async () => {
    await expectResult({ all: [{ fact: 'constructor', operator: 'notEqual', value: 1 }] }, {}, false);
    await expectResult({ all: [{ fact: 'constructor', operator: 'equal', value: 1 }] }, { constructor: 1 }, true);
    await expectResult({ all: [{ fact: 'x', operator: 'notEqual', value: { fact: 'toString' } }] }, { x: 1 }, false);
  });

  it('splits paths into keys', () => {
    expect(pathKeys('$.mean.bp_control')).toEqual(['mean', 'bp_control']);
    expect(pathKeys('$.items[0]')).toEqual(['items', '0']);
    expect(pathKeys('$[12].a-b[3][4]')).toEqual(['12', 'a-b', '3', '4']);
  });
});

describe('all, any, not', () => {
  const yes = leaf('equal', 1);
  const no = leaf('equal', 2);
  const absent: LeafCondition = { fact: 'nothing', operator: 'notEqual', value: 1 };
  const facts = { x: 1 };

  it('all needs every child', async () => {
    await expectResult({ all: [yes] }, facts, true);
    await expectResult({ all: [yes, yes, yes] }, facts, true);
    await expectResult({ all: [yes, no] }, facts, false);
    await expectResult({ all: [yes, yes, no] }, facts, false);
  });

  it('any needs one child', async () => {
    await expectResult({ any: [no] }, facts, false);
    await expectResult({ any: [no, yes] }, facts, true);
    await expectResult({ any: [no, no, yes] }, facts, true);
    await expectResult({ any: [no, no, no] }, facts, false);
  });

  it('not negates, so not of a condition on an absent fact is true', async () => {
    await expectResult({ not: yes }, facts, false);
    await expectResult({ not: no }, facts, true);
    await expectResult({ not: absent }, facts, true);
    await expectResult({ not: { not: absent } }, facts, false);
  });

  it('an empty all is true, and so is an empty any (json-rules-engine 7)', async () => {
    await expectResult({ all: [] }, facts, true);
    await expectResult({ any: [] }, facts, true);
    await expectResult({ not: { any: [] } }, facts, false);
    await expectResult({ any: [no, { any: [] }] }, facts, true);
  });

  it('nests three deep', async () => {
    const nested = (inner: LeafCondition): TopLevelCondition => ({ all: [yes, { any: [no, { not: { all: [inner] } }] }] });
    await expectResult(nested(no), facts, true);
    await expectResult(nested(yes), facts, false);
    await expectResult(nested(absent), facts, true);
    await expectResult({ any: [{ all: [{ not: yes }, yes] }, { not: { any: [no, { all: [absent] }] } }] }, facts, true);
  });

  it('short-circuits', () => {
    let reads = 0;
    const facts = {
      get x() {
        reads++;
        return 1;
      },
    };
    compileCondition({ any: [yes, yes, yes] })(facts);
    expect(reads).toBe(1);
    reads = 0;
    compileCondition({ all: [no, yes, yes] })(facts);
    expect(reads).toBe(1);
  });
});

describe('compileCondition', () => {
  it('refuses an unknown operator when compiling', () => {
    expect(() => compileCondition({ all: [{ fact: 'x', operator: 'matches' as ConditionOperator, value: 1 }] })).toThrow(/unknown operator "matches"/);
  });

  it('can be reused across fact sets', () => {
    const check = compileCondition({ all: [{ fact: 'composite', operator: 'greaterThanInclusive', value: 85 }] });
    expect([80, 85, 90, undefined].map((composite) => check({ composite }))).toEqual([false, true, true, false]);
  });
});

describe('evaluateWithReference', () => {
  it('keeps concurrent evaluations on one engine apart', async () => {
    const condition: TopLevelCondition = { all: [{ fact: 'n', operator: 'greaterThan', value: 50 }] };
    const values = Array.from({ length: 40 }, (_, i) => i * 3);
    const results = await Promise.all(values.map((n) => evaluateWithReference(engine, condition, { n })));
    expect(results).toEqual(values.map((n) => n > 50));
  });

  it('leaves no rule behind', async () => {
    const fresh = createReferenceEngine();
    await evaluateWithReference(fresh, { all: [] }, {});
    const { results, failureResults } = await fresh.run({});
    expect([...results, ...failureResults]).toEqual([]);
  });
});
