import fc from 'fast-check';
import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { compileCondition, evaluateWithReference } from './compile-condition';
import { CONDITION_OPERATORS, type Condition, type ConditionOperator, type LeafCondition, type TopLevelCondition } from './condition.schema';
import { conditionOperators, createReferenceEngine } from './operators';

// Fact names include one Object.prototype property and one name no fact set ever has. Object keys
// and path steps favour a few common names, so that many paths lead somewhere.
const FACT_NAMES = ['a', 'b', 'n', 'obj', 'list', 'constructor', 'never'] as const;
const weighted = <T>(common: readonly T[], rare: readonly T[]): fc.Arbitrary<T> =>
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...common) }, { weight: 1, arbitrary: fc.constantFrom(...rare) });
const objectKey = weighted(['a', 'value', '0'], ['b', '1', 'length', 'constructor']);
const pathStep = weighted(['.a', '.value', '[0]'], ['.b', '[1]', '[2]', '.length', '.constructor', '.toString']);

// Small pools of numbers and strings, so that equal values and list members come up often.
const numericStrings = fc.constantFrom('0', '1', '-2.5', '10', '9', '85', '1e3', ' 7', '12abc', 'abc', '', 'Infinity', '0x10');
const number = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -5, max: 5 }) },
  { weight: 1, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(-0, 0.5, 85, 1e3) },
);
const primitive = fc.oneof(number, numericStrings, fc.constantFrom('a', 'b', 'A', 'ab'), fc.boolean());
const scalar = fc.oneof({ weight: 6, arbitrary: primitive }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(undefined) });

/** Mostly ordinary objects, sometimes ones without a prototype (which have no string form at all). */
function objectOf(values: fc.Arbitrary<unknown>, maxKeys: number): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.dictionary(objectKey, values, { minKeys: 1, maxKeys, noNullPrototype: true }) },
    { weight: 1, arbitrary: fc.dictionary(objectKey, values, { maxKeys }) },
  );
}

const factValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 2, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 3 }) },
    { weight: 3, arbitrary: objectOf(tie('value'), 4) },
  ),
})).value;

// Every fact may be missing except `obj`, which most paths go into.
const facts: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    a: factValue,
    b: factValue,
    n: scalar,
    obj: objectOf(factValue, 5),
    list: fc.array(primitive, { maxLength: 5 }),
    constructor: scalar,
  },
  { requiredKeys: ['obj'] },
);

const path = fc.array(pathStep, { minLength: 1, maxLength: 3 }).map((steps) => `$${steps.join('')}`);

/** A fact with or without a path; paths mostly go into facts that are often objects. */
const factAndPath: fc.Arbitrary<{ fact: string; path?: string }> = fc.oneof(
  fc.constantFrom(...FACT_NAMES).map((fact) => ({ fact })),
  fc.record({ fact: weighted(['obj', 'obj', 'a'], FACT_NAMES), path }),
);

const value: fc.Arbitrary<LeafCondition['value']> = fc.oneof(primitive, fc.array(primitive, { maxLength: 4 }), factAndPath);

const leaf: fc.Arbitrary<LeafCondition> = fc
  .tuple(factAndPath, fc.constantFrom(...CONDITION_OPERATORS), value)
  .map(([factPath, operator, value]) => ({ ...factPath, operator, value }));

function node(depth: number): fc.Arbitrary<Condition> {
  if (depth === 0) return leaf;
  const child = node(depth - 1);
  return fc.oneof(
    { weight: 2, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(child, { maxLength: 3 }).map((all): Condition => ({ all })) },
    { weight: 1, arbitrary: fc.array(child, { maxLength: 3 }).map((any): Condition => ({ any })) },
    { weight: 1, arbitrary: child.map((not): Condition => ({ not })) },
  );
}

// The top level is itself all/any/not, so boolean nodes nest up to three deep.
const topLevel: fc.Arbitrary<TopLevelCondition> = fc.oneof(
  fc.array(node(2), { minLength: 1, maxLength: 3 }).map((all): TopLevelCondition => ({ all })),
  fc.array(node(2), { minLength: 1, maxLength: 3 }).map((any): TopLevelCondition => ({ any })),
  node(2).map((not): TopLevelCondition => ({ not })),
);

describe('compiled conditions agree with json-rules-engine', () => {
  it('on random conditions and facts', async () => {
    const engine = createReferenceEngine();
    let held = 0;
    await fc.assert(
      fc.asyncProperty(topLevel, facts, async (condition, factSet) => {
        const compiled = compileCondition(condition)(factSet);
        expect(compiled).toBe(await evaluateWithReference(engine, condition, factSet));
        if (compiled) held++;
      }),
      { numRuns: 3000, seed: 20260301 },
    );
    // Both outcomes must be well represented, or the agreement says little.
    expect(held).toBeGreaterThan(300);
    expect(held).toBeLessThan(2700);
  }, 30_000);
});

describe('CareScore operators agree with json-rules-engine built-ins on present data', () => {
  const stock = new Engine([], { allowUndefinedFacts: true });

  async function builtIn(operator: ConditionOperator, factValue: unknown, value: unknown): Promise<boolean | 'throws'> {
    const condition: TopLevelCondition = { all: [{ fact: 'x', operator, value: { fact: 'y' } }] };
    try {
      return await evaluateWithReference(stock, condition, { x: factValue, y: value });
    } catch {
      return 'throws';
    }
  }

  const present = fc.oneof(primitive, fc.constant(Number.NaN), fc.array(primitive, { maxLength: 4 }), objectOf(primitive, 2));

  it('for every operator', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CONDITION_OPERATORS), present, present, fc.boolean(), async (operator, factValue, rawValue, reuse) => {
        // Sometimes look for a member of the list, so that in/contains also get to say true.
        const list = Array.isArray(rawValue) ? rawValue : Array.isArray(factValue) ? factValue : undefined;
        const value = reuse && list && list.length > 0 && (operator === 'contains' || operator === 'doesNotContain') ? list[0] : rawValue;
        const fact = reuse && Array.isArray(value) && value.length > 0 && (operator === 'in' || operator === 'notIn') ? value[0] : factValue;
        const expected = await builtIn(operator, fact, value);
        // Where the built-in throws (`in` on a non-list) or searches a string, CareScore says false.
        if (expected === 'throws' || ((operator === 'in' || operator === 'notIn') && !Array.isArray(value))) {
          expect(conditionOperators[operator](fact, value)).toBe(false);
          return;
        }
        expect(conditionOperators[operator](fact, value)).toBe(expected);
      }),
      { numRuns: 1500, seed: 7 },
    );
  });

  it('except that stock json-rules-engine hands back a non-object fact for any path', async () => {
    const condition: TopLevelCondition = { all: [{ fact: 'x', path: '$.value', operator: 'equal', value: 5 }] };
    expect(await evaluateWithReference(stock, condition, { x: 5 })).toBe(true);
    expect(await evaluateWithReference(createReferenceEngine(), condition, { x: 5 })).toBe(false);
    expect(compileCondition(condition)({ x: 5 })).toBe(false);
  });
});
