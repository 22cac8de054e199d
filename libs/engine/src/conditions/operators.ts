import { Almanac, Engine, type RunOptions } from 'json-rules-engine';
import { CONDITION_OPERATORS, type ConditionOperator } from './condition.schema';

/** Compares a leaf's fact value (after its path) with its value (after resolving a fact reference). */
export type ConditionOperatorFn = (factValue: unknown, value: unknown) => boolean;

/** SPEC §1.2 rule 9: undefined and null are absent, and a comparison with absent data is false. */
function isAbsent(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

/**
 * json-rules-engine's numberValidator, `Number.parseFloat(x).toString() !== 'NaN'`, except that a value
 * with no string form (an object without a prototype) is simply not a number instead of throwing.
 */
function isNumberParseable(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isNaN(value);
  try {
    return !Number.isNaN(Number.parseFloat(String(value)));
  } catch {
    return false;
  }
}

type Relation = (a: number, b: number) => boolean;

/**
 * JavaScript's own relational comparison, as json-rules-engine uses it: a numeric string fact compares
 * numerically with a number and lexically with a string. The casts only let TypeScript allow that.
 * Comparing with an object that has no primitive form is false rather than a TypeError.
 */
function relation(compare: Relation): ConditionOperatorFn {
  return (a, b) => {
    if (typeof a === 'number' && typeof b === 'number') return compare(a, b);
    if (isAbsent(a) || isAbsent(b) || !isNumberParseable(a)) return false;
    try {
      return compare(a as number, b as number);
    } catch {
      return false;
    }
  };
}

/**
 * json-rules-engine's built-in operators with one change: absent data on either side makes any
 * operator false, including the negative ones (notEqual, notIn, doesNotContain).
 *
 * Where the built-ins are undefined or throw we choose false: `in`/`notIn` need an array value (the built-in
 * calls `value.indexOf`, which throws for most non-arrays and does a substring search for strings),
 * just as `contains`/`doesNotContain` need an array fact value (that one is the built-in's own check).
 */
export const conditionOperators: Readonly<Record<ConditionOperator, ConditionOperatorFn>> = {
  equal: (a, b) => !isAbsent(a) && !isAbsent(b) && a === b,
  notEqual: (a, b) => !isAbsent(a) && !isAbsent(b) && a !== b,
  lessThan: relation((a, b) => a < b),
  lessThanInclusive: relation((a, b) => a <= b),
  greaterThan: relation((a, b) => a > b),
  greaterThanInclusive: relation((a, b) => a >= b),
  in: (a, b) => !isAbsent(a) && Array.isArray(b) && b.indexOf(a) > -1,
  notIn: (a, b) => !isAbsent(a) && Array.isArray(b) && b.indexOf(a) === -1,
  contains: (a, b) => Array.isArray(a) && !isAbsent(b) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && !isAbsent(b) && a.indexOf(b) === -1,
};

/**
 * json-rules-engine applies a `path` only to an object fact and hands any other fact value back
 * unchanged (so `{fact: n, path: "$.x"}` would read as n itself). For CareScore a path into a
 * non-object is an absent path (SPEC §1.2 rule 9). Objects still go through the engine's own
 * jsonpath-plus resolver.
 */
class CareScoreAlmanac extends Almanac {
  override factValue<T>(factId: string, params?: Record<string, unknown>, path?: string): Promise<T> {
    if (!path) return super.factValue<T>(factId, params);
    return super.factValue<unknown>(factId, params).then((value) =>
      value !== null && typeof value === 'object' ? super.factValue<T>(factId, params, path) : (undefined as T),
    );
  }
}

class ReferenceEngine extends Engine {
  override run(facts?: Record<string, unknown>, runOptions?: RunOptions): ReturnType<Engine['run']> {
    return super.run(facts, { ...runOptions, almanac: runOptions?.almanac ?? new CareScoreAlmanac({ allowUndefinedFacts: true }) });
  }
}

/**
 * json-rules-engine with CareScore's condition semantics: undefined facts allowed, the ten built-in
 * operators replaced by `conditionOperators`, and a path into a non-object read as absent. The slow,
 * independent runtime that compiled conditions are checked against.
 */
export function createReferenceEngine(): Engine {
  const engine = new ReferenceEngine([], { allowUndefinedFacts: true });
  for (const name of CONDITION_OPERATORS) engine.addOperator(name, conditionOperators[name]);
  return engine;
}
