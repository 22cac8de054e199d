import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseFormula, compileFormula, compileSlotFormula, formulaScope } from './sandbox';

const SYMBOLS = new Set(['a', 'b', 'c', 'xs', 'ys']);

/** Random formulas in the allowed language: arithmetic, comparisons, logic, conditionals, functions. */
const formula: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('a', 'b', 'c', 'xs', 'ys', 'pi', 'e', 'true', 'false', '0', '1', '2.5', '100', '-3'),
    fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '^', ' mod ', '>', '<', '>=', '<=', '==', '!=', ' and ', ' or ', ' xor '), tie('expr')).map(([l, op, r]) => `(${l}${op}${r})`),
    tie('expr').map((x) => `-(${x})`),
    tie('expr').map((x) => `not (${x})`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([c, t, f]) => `(${c} ? ${t} : ${f})`),
    fc.tuple(fc.constantFrom('mean', 'median', 'sum', 'min', 'max', 'count', 'std', 'variance', 'prod', 'abs', 'round', 'floor', 'ceil', 'sqrt', 'log', 'exp', 'sign'), tie('expr')).map(([f, x]) => `${f}(${x})`),
    fc.tuple(fc.constantFrom('max', 'min', 'pow', 'mod', 'round'), tie('expr'), tie('expr')).map(([f, x, y]) => `${f}(${x}, ${y})`),
  ),
})).expr;

const number = fc.oneof(fc.integer({ min: -50, max: 50 }), fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.constantFrom(0, -0, 1, 0.5));
const scopeArb = fc.record({
  a: number,
  b: number,
  c: number,
  xs: fc.array(number, { maxLength: 5 }),
  ys: fc.array(number, { minLength: 1, maxLength: 4 }),
});

function run(fn: () => unknown): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: fn() };
  } catch {
    return { ok: false };
  }
}

describe('compiled formulas decide exactly as mathjs', () => {
  it('on random formulas and scopes', () => {
    fc.assert(
      fc.property(formula, scopeArb, (source, values) => {
        const analysis = analyseFormula(source, SYMBOLS);
        fc.pre(analysis.errors.length === 0 && analysis.node !== undefined);
        const scope = formulaScope(values);
        const reference = run(() => analysis.node?.compile().evaluate(new Map(Object.entries(values))));
        const fast = run(() => compileFormula(source, SYMBOLS).evaluate(formulaScope(scope)));
        expect(fast.ok).toBe(reference.ok);
        if (fast.ok && reference.ok) expect(fast.value).toEqual(reference.value);
      }),
      { numRuns: 3000, seed: 20261124 },
    );
  });

  it('takes the mean of a list exactly as mathjs does, and fails on an empty one with its message', () => {
    const outcome = (fn: () => unknown) => {
      try {
        return { value: fn() };
      } catch (error) {
        return { message: (error as Error).message };
      }
    };
    const list = fc.oneof(fc.array(number, { maxLength: 8 }), fc.array(fc.oneof(number, fc.constantFrom(null, '1', true)), { maxLength: 3 }));
    fc.assert(
      fc.property(list, (xs) => {
        const reference = outcome(() => analyseFormula('mean(xs)', SYMBOLS).node?.compile().evaluate(new Map([['xs', xs]])));
        const fast = outcome(() => compileFormula('mean(xs)', SYMBOLS).evaluate(formulaScope({ xs })));
        expect(fast).toEqual(reference);
        if ('value' in fast && 'value' in reference) expect(Object.is(fast.value, reference.value)).toBe(true);
      }),
      { numRuns: 1000, seed: 7 },
    );
  });

  it('gives the same results and errors over an array of slots as over a scope by name', () => {
    const names = [...SYMBOLS];
    const slots = new Map(names.map((name, slot) => [name, slot]));
    const outcome = (fn: () => unknown) => {
      try {
        return { value: fn() };
      } catch (error) {
        return { message: (error as Error).message };
      }
    };
    fc.assert(
      fc.property(formula, scopeArb, fc.subarray(names), (source, values, absent) => {
        fc.pre(analyseFormula(source, SYMBOLS).errors.length === 0);
        const present = Object.fromEntries(Object.entries(values).filter(([name]) => !absent.includes(name)));
        const byName = outcome(() => compileFormula(source, SYMBOLS).evaluate(formulaScope(present)));
        const bySlot = outcome(() => compileSlotFormula(source, slots).evaluate(names.map((name) => present[name])));
        expect(bySlot).toEqual(byName);
      }),
      { numRuns: 2000, seed: 11 },
    );
  });

  it('reports an absent symbol the way mathjs does', () => {
    expect(() => compileFormula('a + 1', SYMBOLS).evaluate(formulaScope())).toThrow(/Undefined symbol a/);
  });
});
