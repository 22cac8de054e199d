import { describe, expect, it } from 'vitest';
import { analyseFormula, compileFormula, formulaScope, restrictedMath, toFiniteNumber } from './sandbox';

const scope = new Set(['a', 'b', 'xs']);
const errorsOf = (source: string) => analyseFormula(source, scope).errors.join(' | ');

describe('formula sandbox: rejected at validation time', () => {
  it.each([
    ['import({}, {})', /function import is not allowed/],
    ['createUnit("foo")', /function createUnit is not allowed/],
    ['evaluate("1 + 1")', /function evaluate is not allowed/],
    ['parse("1")', /function parse is not allowed/],
    ['simplify("x + x")', /function simplify is not allowed/],
    ['derivative("x^2", "x")', /function derivative is not allowed/],
    ['resolve("x", {})', /function resolve is not allowed/],
    ['compile("1")', /function compile is not allowed/],
    ['f(x) = x + 1', /function definitions are not allowed/],
    ['a = 1', /assignment is not allowed/],
    ['a.constructor', /property access and indexing are not allowed/],
    ['a["constructor"]', /property access and indexing are not allowed/],
    ['xs[1]', /property access and indexing are not allowed/],
    ['constructor', /unknown name constructor/],
    ['__proto__', /unknown name __proto__/],
    ['cos(a)', /function cos is not allowed/],
    ['a to cm', /operator "to" is not allowed/],
    ['{x: 1}', /ObjectNode expressions are not allowed/],
    ['1:3', /RangeNode expressions are not allowed/],
    ['a; b', /BlockNode expressions are not allowed/],
    ['"text"', /only numeric constants are allowed/],
    ['5 cm', /unknown name cm/],
    ['c + 1', /unknown name c: declare it as an input or use an indicator id/],
    ['(a +', /syntax error/],
    ['mean(xs).constructor("return process")(1)', /property access and indexing are not allowed/],
  ])('%s', (source, expected) => {
    expect(errorsOf(source)).toMatch(expected);
  });

  it('accepts arithmetic, comparisons, conditionals and allowlisted functions', () => {
    const analysis = analyseFormula('a > 0 ? max(a - 1, 0) * 2 + mean(xs) / b : pi * e', scope);
    expect(analysis.errors).toEqual([]);
    expect(analysis.symbols).toEqual(['a', 'xs', 'b']);
  });
});

describe('formula sandbox: compiled formulas stay inside their scope', () => {
  it('reads only the scope it is given', () => {
    const formula = compileFormula('a / b * 100', scope);
    expect(formula.evaluate(formulaScope({ a: 28, b: 30 }))).toBeCloseTo(93.3333333, 6);
  });

  it('cannot see globals or prototypes even when the scope holds objects', () => {
    const formula = compileFormula('a + 1', scope);
    // A hostile scope value is still just a value: no property of it is reachable from the formula.
    expect(() => formula.evaluate(formulaScope({ a: { valueOf: () => 1 } }))).toThrow();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('has the dangerous functions disabled on the instance itself', () => {
    for (const name of ['import', 'createUnit', 'evaluate', 'parse', 'simplify', 'derivative', 'resolve'] as const) {
      const fn = (restrictedMath as unknown as Record<string, (...args: unknown[]) => unknown>)[name];
      expect(() => fn('1')).toThrow(/not allowed/);
    }
  });

  it('reads nothing inherited: an input named like an Object.prototype member is just absent', () => {
    const formula = compileFormula('constructor + 1', new Set(['constructor']));
    expect(() => formula.evaluate(formulaScope())).toThrow(/Undefined symbol constructor/);
    expect(formula.evaluate(formulaScope({ constructor: 2 }))).toBe(3);
  });

  it('refuses to compile an invalid formula', () => {
    expect(() => compileFormula('import({}, {})', scope)).toThrow(/invalid/);
  });
});

describe('toFiniteNumber', () => {
  it('explains non-finite and non-scalar results', () => {
    expect(toFiniteNumber(3)).toEqual({ value: 3 });
    expect(toFiniteNumber(true)).toEqual({ value: 1 });
    expect(toFiniteNumber(Number.NaN)).toEqual({ reason: 'the formula produced NaN' });
    expect(toFiniteNumber(Infinity)).toEqual({ reason: 'the formula produced Infinity' });
    expect(toFiniteNumber([1, 2])).toEqual({ reason: 'the formula did not produce a single number' });
  });
});
