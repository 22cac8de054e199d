import type { ConstantNode, FunctionNode, MathNode, OperatorNode, ParenthesisNode, SymbolNode } from 'mathjs';

/** A null-prototype object of names to values: nothing inherited can be read through it. */
type Scope = Record<string, unknown>;
export type FormulaClosure<S = Scope> = (scope: S) => unknown;

/** The Map-like scope mathjs evaluates with. */
interface MathScope {
  get(name: string): unknown;
  has(name: string): boolean;
  set(name: string, value: unknown): unknown;
  keys(): IterableIterator<string>;
}

/** How compiled closures read names from a scope of type S, and how mathjs, for the nodes left to it, sees that scope. */
export interface ScopeAccess<S> {
  /** The closure for symbol `name`; `constant` is what mathjs has under that name (pi, e…), if anything. */
  symbol(name: string, constant: unknown): FormulaClosure<S>;
  view(scope: S): MathScope;
}

function constantOrThrow(name: string, constant: unknown): unknown {
  if (constant !== undefined && typeof constant !== 'function') return constant;
  throw new Error(`Undefined symbol ${name}`);
}

/** Names looked up in a null-prototype object, own properties only. */
export const recordAccess: ScopeAccess<Scope> = {
  symbol: (name, constant) => (scope) => {
    const value = scope[name];
    if (value !== undefined || Object.hasOwn(scope, name)) return value;
    return constantOrThrow(name, constant);
  },
  view: (scope) => new ScopeMap(scope),
};

/** Names at fixed positions of an array; undefined there means absent. */
export function slotAccess(slots: ReadonlyMap<string, number>): ScopeAccess<readonly unknown[]> {
  return {
    symbol(name, constant) {
      const slot = slots.get(name);
      if (slot === undefined) return () => constantOrThrow(name, constant);
      return (values) => {
        const value = values[slot];
        return value !== undefined ? value : constantOrThrow(name, constant);
      };
    },
    view: (values) => new SlotScopeMap(values, slots),
  };
}

interface MathFunctions {
  [name: string]: unknown;
}

const ARITHMETIC: Record<string, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / b,
};

/**
 * Compiles an allowlisted formula AST to plain closures. Number arithmetic and the allowed
 * functions are called directly, skipping mathjs's tree walk and typed-function dispatch on the
 * common path; any other node (comparisons, logic, conditionals, powers) and any non-number
 * operand go through mathjs itself, so the result is always exactly what mathjs computes
 * (proved by a differential test).
 */
export function compileToClosure<S>(node: MathNode, math: MathFunctions, access: ScopeAccess<S>): FormulaClosure<S> {
  switch (node.type) {
    case 'ConstantNode': {
      const value = (node as ConstantNode).value;
      return () => value;
    }
    case 'ParenthesisNode':
      return compileToClosure((node as ParenthesisNode).content, math, access);
    case 'SymbolNode': {
      const name = (node as SymbolNode).name;
      return access.symbol(name, math[name]);
    }
    case 'OperatorNode': {
      const operator = node as OperatorNode;
      const fn = operator.fn as string;
      const args = operator.args.map((arg) => compileToClosure(arg, math, access));
      const slow = math[fn] as (...values: unknown[]) => unknown;
      const fast = ARITHMETIC[fn];
      if (fast && args.length === 2) {
        const [left, right] = args;
        return (scope) => {
          const a = left(scope);
          const b = right(scope);
          return typeof a === 'number' && typeof b === 'number' ? fast(a, b) : slow(a, b);
        };
      }
      if (fn === 'unaryMinus' && args.length === 1) {
        const [arg] = args;
        return (scope) => {
          const a = arg(scope);
          return typeof a === 'number' ? -a : slow(a);
        };
      }
      break;
    }
    case 'FunctionNode': {
      const call = node as FunctionNode;
      if (call.fn.type !== 'SymbolNode') break;
      const name = (call.fn as SymbolNode).name;
      const fn = math[name] as (...values: unknown[]) => unknown;
      const args = call.args.map((arg) => compileToClosure(arg, math, access));
      if (args.length === 1) {
        const [arg] = args;
        if (name === 'mean') {
          return (scope) => {
            const values = arg(scope);
            return meanOfNumbers(values) ?? fn(values);
          };
        }
        return (scope) => fn(arg(scope));
      }
      if (args.length === 2) {
        const [first, second] = args;
        return (scope) => fn(first(scope), second(scope));
      }
      return (scope) => fn(...args.map((arg) => arg(scope)));
    }
  }
  const compiled = node.compile();
  return (scope) => compiled.evaluate(access.view(scope));
}

/**
 * mathjs's mean of a non-empty, flat list of numbers, computed as mathjs does (the first value, plus each
 * next one in order, divided by the count); undefined for anything else, which mathjs then handles.
 */
function meanOfNumbers(values: unknown): number | undefined {
  if (!Array.isArray(values) || values.length === 0) return undefined;
  const first: unknown = values[0];
  if (typeof first !== 'number') return undefined;
  let sum = first;
  for (let i = 1; i < values.length; i++) {
    const value: unknown = values[i];
    if (typeof value !== 'number') return undefined;
    sum += value;
  }
  return sum / values.length;
}

/** mathjs takes a Map-like scope; this one reads only the object's own properties. */
class ScopeMap implements MathScope {
  constructor(private readonly scope: Scope) {}
  get(name: string): unknown {
    return Object.hasOwn(this.scope, name) ? this.scope[name] : undefined;
  }
  has(name: string): boolean {
    return Object.hasOwn(this.scope, name);
  }
  set(name: string, value: unknown): this {
    this.scope[name] = value;
    return this;
  }
  keys(): IterableIterator<string> {
    return Object.keys(this.scope)[Symbol.iterator]();
  }
}

/** An array scope as mathjs sees it: the names in `slots` whose value is not undefined. */
class SlotScopeMap implements MathScope {
  constructor(
    private readonly values: readonly unknown[],
    private readonly slots: ReadonlyMap<string, number>,
  ) {}
  get(name: string): unknown {
    const slot = this.slots.get(name);
    return slot === undefined ? undefined : this.values[slot];
  }
  has(name: string): boolean {
    return this.get(name) !== undefined;
  }
  set(): this {
    throw new Error('formulas cannot assign');
  }
  keys(): IterableIterator<string> {
    return [...this.slots.keys()].filter((name) => this.has(name))[Symbol.iterator]();
  }
}
