import type { EngineMessageCode } from '../messages/catalog';
import { renderEngineMessage } from '../messages/render';
import { compileToClosure, recordAccess, type ScopeAccess, slotAccess } from './fast-formula';
import { all, create, type ConstantNode, type FunctionNode, type MathNode, type OperatorNode, type SymbolNode } from 'mathjs';

/**
 * The restricted mathjs instance formulas run in. Two layers keep a formula inside its scope:
 * 1. `analyseFormula` accepts only an allowlisted AST (constants, symbols, arithmetic, comparison
 *    and logic operators, conditionals and the functions below); anything else — assignment,
 *    function definition, property access, indexing, objects, ranges, blocks, strings, units —
 *    is a validation error naming the formula.
 * 2. The instance itself has the dangerous functions replaced by ones that throw, in case a
 *    future mathjs adds a node type the allowlist misses.
 */
const math = create(all, { number: 'number', predictable: true });

const DISABLED = ['import', 'createUnit', 'evaluate', 'parse', 'compile', 'simplify', 'derivative', 'resolve', 'reviver', 'replacer', 'chain', 'help', 'config'] as const;
const disabledFunctions: Record<string, () => never> = {};
for (const name of DISABLED) {
  disabledFunctions[name] = () => {
    throw new Error(`function ${name} is not allowed in formulas`);
  };
}
const parseExpression = math.parse.bind(math);
math.import(disabledFunctions, { override: true });

/** The instance compiled formulas resolve functions in; exported so tests can prove it is locked down. */
export const restrictedMath = math;

export const FORMULA_FUNCTIONS: ReadonlySet<string> = new Set([
  'abs', 'ceil', 'floor', 'round', 'fix', 'sign', 'sqrt', 'cbrt', 'exp', 'log', 'log10', 'log2', 'pow', 'mod',
  'min', 'max', 'sum', 'mean', 'median', 'std', 'variance', 'prod', 'count', 'quantileSeq',
]);
export const FORMULA_CONSTANTS: ReadonlySet<string> = new Set(['pi', 'e', 'true', 'false']);
const FORMULA_OPERATORS: ReadonlySet<string> = new Set([
  'add', 'subtract', 'multiply', 'divide', 'unaryMinus', 'unaryPlus', 'pow', 'mod',
  'larger', 'smaller', 'largerEq', 'smallerEq', 'equal', 'unequal', 'and', 'or', 'not', 'xor',
]);

/** One problem of a formula, by catalog code (`formula.unknown_name`) and the params its message names. */
export interface FormulaProblem {
  code: Extract<EngineMessageCode, `formula.${string}`>;
  params: Record<string, string | number>;
}

export interface FormulaAnalysis {
  /** Names the formula reads from its scope (inputs and other indicators), in first-seen order. */
  symbols: string[];
  /** The problems in English, one per distinct problem. */
  errors: string[];
  /** The same problems, coded. */
  problems: FormulaProblem[];
}

/** A problem's English text without the `indicator x: ` its validation issue starts with. */
function problemText(problem: FormulaProblem): string {
  return renderEngineMessage(problem.code, { ...problem.params, kind: '', id: '' }, 'en').replace(/^ : /, '');
}

/** Parses a formula and checks it against the allowlist. `allowedSymbols` are the names in scope. */
export function analyseFormula(source: string, allowedSymbols: ReadonlySet<string>): FormulaAnalysis & { node?: MathNode } {
  let node: MathNode;
  try {
    node = parseExpression(source);
  } catch (error) {
    const problem: FormulaProblem = { code: 'formula.syntax', params: { detail: (error as Error).message } };
    return { symbols: [], errors: [problemText(problem)], problems: [problem] };
  }
  const symbols: string[] = [];
  const found: FormulaProblem[] = [];
  const errors = { push: (problem: FormulaProblem) => found.push(problem) };
  const functionNameNodes = new Set<MathNode>();

  node.traverse((current) => {
    switch (current.type) {
      case 'ConstantNode': {
        const value = (current as ConstantNode).value;
        if (typeof value !== 'number' && typeof value !== 'boolean') errors.push({ code: 'formula.constant', params: { value: JSON.stringify(value) } });
        break;
      }
      case 'ParenthesisNode':
      case 'ConditionalNode':
        break;
      case 'OperatorNode': {
        const fn = (current as OperatorNode).fn as string;
        if (!FORMULA_OPERATORS.has(fn)) errors.push({ code: 'formula.operator', params: { op: (current as OperatorNode).op } });
        break;
      }
      case 'FunctionNode': {
        const fn = (current as FunctionNode).fn;
        if (fn.type !== 'SymbolNode') {
          errors.push({ code: 'formula.call', params: {} });
          break;
        }
        functionNameNodes.add(fn);
        const name = (fn as SymbolNode).name;
        if (!FORMULA_FUNCTIONS.has(name)) errors.push({ code: 'formula.function', params: { name, allowed: [...FORMULA_FUNCTIONS].join(', ') } });
        break;
      }
      case 'SymbolNode': {
        if (functionNameNodes.has(current)) break;
        const name = (current as SymbolNode).name;
        if (allowedSymbols.has(name)) {
          if (!symbols.includes(name)) symbols.push(name);
        } else if (!FORMULA_CONSTANTS.has(name)) {
          errors.push({ code: 'formula.unknown_name', params: { name } });
        }
        break;
      }
      case 'AssignmentNode':
        errors.push({ code: 'formula.assignment', params: {} });
        break;
      case 'FunctionAssignmentNode':
        errors.push({ code: 'formula.function_definition', params: {} });
        break;
      case 'AccessorNode':
      case 'IndexNode':
        errors.push({ code: 'formula.access', params: {} });
        break;
      default:
        errors.push({ code: 'formula.expression', params: { type: current.type } });
    }
  });
  // One message per distinct problem is enough for the author.
  const problems: FormulaProblem[] = [];
  const texts: string[] = [];
  for (const problem of found) {
    const text = problemText(problem);
    if (texts.includes(text)) continue;
    texts.push(text);
    problems.push(problem);
  }
  return { node, symbols, errors: texts, problems };
}

/** Names to values; create it with `formulaScope()` so that nothing is inherited from Object.prototype. */
export type FormulaScope = Record<string, unknown>;

export function formulaScope(values: Record<string, unknown> = {}): FormulaScope {
  return Object.assign(Object.create(null) as FormulaScope, values);
}

export interface CompiledFormula<S = FormulaScope> {
  readonly source: string;
  readonly symbols: readonly string[];
  evaluate(scope: S): unknown;
}

function compile<S>(source: string, allowedSymbols: ReadonlySet<string>, access: ScopeAccess<S>): CompiledFormula<S> {
  const analysis = analyseFormula(source, allowedSymbols);
  if (analysis.errors.length > 0 || !analysis.node) throw new Error(`formula "${source}" is invalid: ${analysis.errors.join('; ')}`);
  // The expression parser resolves names in mathWithTransform (1-based dimensions for max, mean, …), and so must we.
  const namespace = (math as unknown as { expression: { mathWithTransform: Record<string, unknown> } }).expression.mathWithTransform;
  const evaluate = compileToClosure(analysis.node, namespace, access);
  return { source, symbols: analysis.symbols, evaluate };
}

/** Compiles an analysed, error-free formula once; evaluation then only walks the compiled closure. */
export function compileFormula(source: string, allowedSymbols: ReadonlySet<string>): CompiledFormula {
  return compile(source, allowedSymbols, recordAccess);
}

/**
 * The same over an array scope: the formula may read the names in `slots`, each at its position there (undefined
 * is absent). Reading by position spares a lookup by name per symbol; the evaluator keeps one such array.
 */
export function compileSlotFormula(source: string, slots: ReadonlyMap<string, number>): CompiledFormula<readonly unknown[]> {
  return compile(source, new Set(slots.keys()), slotAccess(slots));
}

/** Converts what a formula returned into a finite number, or explains why it is not one. */
export function toFiniteNumber(result: unknown): { value: number } | { reason: string } {
  if (typeof result === 'boolean') return { value: result ? 1 : 0 };
  if (typeof result !== 'number') return { reason: 'the formula did not produce a single number' };
  if (!Number.isFinite(result)) return { reason: `the formula produced ${String(result)}` };
  return { value: result };
}

/** Names that inputs and indicators may not take, because formulas or conditions already use them. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([...FORMULA_FUNCTIONS, ...FORMULA_CONSTANTS, ...DISABLED]);
