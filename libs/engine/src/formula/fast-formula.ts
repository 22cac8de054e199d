import type { ConstantNode, FunctionNode, MathNode, OperatorNode, ParenthesisNode, SymbolNode } from 'mathjs';

/** A null-prototype object of names to values: nothing inherited can be read through it. */
type Scope = Record<string, unknown>;
export type FormulaClosure = (scope: Scope) => unknown;

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
export function compileToClosure(node: MathNode, math: MathFunctions): FormulaClosure {
  switch (node.type) {
    case 'ConstantNode': {
      const value = (node as ConstantNode).value;
      return () => value;
    }
    case 'ParenthesisNode':
      return compileToClosure((node as ParenthesisNode).content, math);
    case 'SymbolNode': {
      const name = (node as SymbolNode).name;
      const constant = math[name];
      return (scope) => {
        const value = scope[name];
        if (value !== undefined || Object.hasOwn(scope, name)) return value;
        if (constant !== undefined && typeof constant !== 'function') return constant;
        throw new Error(`Undefined symbol ${name}`);
      };
    }
    case 'OperatorNode': {
      const operator = node as OperatorNode;
      const fn = operator.fn as string;
      const args = operator.args.map((arg) => compileToClosure(arg, math));
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
      const fn = math[(call.fn as SymbolNode).name] as (...values: unknown[]) => unknown;
      const args = call.args.map((arg) => compileToClosure(arg, math));
      if (args.length === 1) {
        const [arg] = args;
        return (scope) => fn(arg(scope));
      }
      return (scope) => fn(...args.map((arg) => arg(scope)));
    }
  }
  const compiled = node.compile();
  return (scope) => compiled.evaluate(new ScopeMap(scope));
}

/** mathjs takes a Map-like scope; this one reads only the object's own properties. */
class ScopeMap {
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
