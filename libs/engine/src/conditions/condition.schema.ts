import { z } from 'zod';

/** json-rules-engine's ten built-in operators, the only ones CareScore allows. */
export const CONDITION_OPERATORS = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
] as const;

const NUMERIC_OPERATORS: ReadonlySet<string> = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);
const LIST_OPERATORS: ReadonlySet<string> = new Set(['in', 'notIn']);

function unknownOperatorMessage(input: unknown): string {
  return `unknown operator ${JSON.stringify(input)}; allowed: ${CONDITION_OPERATORS.join(', ')}`;
}

export const conditionOperatorSchema = z.enum(CONDITION_OPERATORS, { error: (issue) => unknownOperatorMessage(issue.input) });
export type ConditionOperator = z.infer<typeof conditionOperatorSchema>;

export function isConditionOperator(value: unknown): value is ConditionOperator {
  return typeof value === 'string' && (CONDITION_OPERATORS as readonly string[]).includes(value);
}

/** `$` followed by `.name` or `[index]` segments: what json-rules-engine's jsonpath-plus resolves as plain property steps. */
export const SIMPLE_PATH_PATTERN = /^\$(?:\.[A-Za-z_][A-Za-z0-9_-]*|\[(?:0|[1-9][0-9]*)\])+$/;

function pathProblem(input: unknown): string {
  const path = String(input);
  const shown = JSON.stringify(input);
  const hint = 'use "$" followed by .name or [index] segments, e.g. "$.mean.bp_control" or "$.items[0]"';
  if (!path.startsWith('$')) return `path ${shown} must start with "$": ${hint}`;
  if (path.includes('..')) return `path ${shown} uses recursive descent (..), which is not allowed: ${hint}`;
  if (path.includes('*')) return `path ${shown} uses a wildcard (*), which is not allowed: ${hint}`;
  if (/[?()@]/.test(path)) return `path ${shown} uses a filter or script expression, which is not allowed: ${hint}`;
  return `path ${shown} is not a simple path: ${hint}`;
}

export const conditionPathSchema = z.string().regex(SIMPLE_PATH_PATTERN, { error: (issue) => pathProblem(issue.input) });

const factNameSchema = z.string().min(1, 'fact must name a fact');

export const factReferenceSchema = z.strictObject({
  fact: factNameSchema,
  path: conditionPathSchema.optional(),
});
export type FactReference = z.infer<typeof factReferenceSchema>;

const primitiveSchema = z.union([z.string(), z.number(), z.boolean()]);

function valueProblem(input: unknown): string {
  if (input === undefined) return 'value is required';
  if (input === null) return 'value may not be null: a condition on absent (null) data is already false';
  if (Array.isArray(input)) return 'a list value may only hold strings, finite numbers and booleans';
  if (typeof input === 'object') return 'an object value must be a fact reference { fact, path? }';
  return 'value must be a string, a finite number, a boolean, a list of those, or a fact reference { fact, path? }';
}

export const conditionValueSchema = z.union([primitiveSchema, z.array(primitiveSchema), factReferenceSchema], {
  error: (issue) => valueProblem(issue.input),
});
export type ConditionValue = z.infer<typeof conditionValueSchema>;

export function isFactReference(value: unknown): value is FactReference {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, 'fact');
}

/** Literal values an operator could never meaningfully compare against are rejected up front. */
function checkValueFitsOperator(leaf: { operator: string; value: unknown }, ctx: z.RefinementCtx): void {
  const { operator, value } = leaf;
  if (!isConditionOperator(operator) || isFactReference(value)) return;
  let message: string | undefined;
  if (LIST_OPERATORS.has(operator)) {
    if (!Array.isArray(value)) message = `${operator} needs a list value such as [1, 2], or a fact reference`;
  } else if (Array.isArray(value)) {
    message = `${operator} compares with a single value; use in or notIn for a list`;
  } else if (NUMERIC_OPERATORS.has(operator) && typeof value !== 'number') {
    message = `${operator} needs a number value, or a fact reference`;
  }
  if (message) ctx.addIssue({ code: 'custom', message, path: ['value'], input: value });
}

export const leafConditionSchema = z
  .strictObject({
    fact: factNameSchema,
    // A refinement rather than conditionOperatorSchema: a failed refinement does not abort, so the
    // condition union still settles on the leaf branch and the issue keeps its own path.
    operator: z
      .string()
      .refine(isConditionOperator, { error: (issue) => unknownOperatorMessage(issue.input) })
      .meta({ enum: [...CONDITION_OPERATORS] }),
    value: conditionValueSchema,
    path: conditionPathSchema.optional(),
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine(checkValueFitsOperator);
export type LeafCondition = z.infer<typeof leafConditionSchema>;

// Recursive types cannot be inferred through z.lazy, so the boolean nodes are declared here.
export interface AllCondition {
  all: Condition[];
}
export interface AnyCondition {
  any: Condition[];
}
export interface NotCondition {
  not: Condition;
}
/** What json-rules-engine accepts at the top of a rule: all, any or not (condition references are not allowed). */
export type TopLevelCondition = AllCondition | AnyCondition | NotCondition;
export type Condition = TopLevelCondition | LeafCondition;

/** The same as written, before parsing (an operator is any string until checked). */
export type LeafConditionInput = z.input<typeof leafConditionSchema>;
export type TopLevelConditionInput = { all: ConditionInput[] } | { any: ConditionInput[] } | { not: ConditionInput };
export type ConditionInput = TopLevelConditionInput | LeafConditionInput;

type NodeKind = 'all' | 'any' | 'not' | 'leaf';

interface Problem {
  path: PropertyKey[];
  message: string;
}

const SHAPES = '{ all: [...] }, { any: [...] }, { not: {...} } or { fact, operator, value }';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Which branch the author meant, judged by keys alone; or why none applies. */
function nodeKind(input: unknown, topLevel: boolean): NodeKind | Problem {
  if (!isRecord(input)) return { path: [], message: `a condition must be an object: ${SHAPES}` };
  if (Object.hasOwn(input, 'condition')) {
    return { path: ['condition'], message: 'condition references are not allowed: write the condition inline' };
  }
  const booleans = (['all', 'any', 'not'] as const).filter((key) => Object.hasOwn(input, key));
  if (booleans.length > 1) return { path: [], message: `a condition has only one of all, any and not; found ${booleans.join(', ')}` };
  const kind: NodeKind | undefined =
    booleans.length > 0 ? booleans[0] : (['fact', 'operator', 'value'].some((key) => Object.hasOwn(input, key)) ? 'leaf' : undefined);
  if (kind === undefined) {
    const keys = Object.keys(input);
    return { path: [], message: `a condition must be ${SHAPES}; found ${keys.length ? `keys ${keys.join(', ')}` : 'an empty object'}` };
  }
  if (kind === 'leaf' && topLevel) {
    return { path: [], message: 'the top level of a condition must be all, any or not, e.g. { all: [ { fact, operator, value } ] }' };
  }
  return kind;
}

function childAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const key of path) node = isRecord(node) || Array.isArray(node) ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  return node;
}

function isChildConditionPath(path: readonly PropertyKey[]): boolean {
  return (path.length === 2 && (path[0] === 'all' || path[0] === 'any') && typeof path[1] === 'number') || (path.length === 1 && path[0] === 'not');
}

/**
 * Explains a failed condition union from the branch the author meant, descending into failed child
 * conditions, so the message says e.g. `all[0].value: value may not be null` instead of "Invalid input".
 */
function unionProblems(input: unknown, branchIssues: readonly (readonly z.core.$ZodIssue[])[], kinds: readonly NodeKind[], topLevel: boolean): Problem[] {
  const kind = nodeKind(input, topLevel);
  if (typeof kind !== 'string') return [kind];
  const issues = branchIssues[kinds.indexOf(kind)] ?? [];
  return issues.flatMap((issue): Problem[] => {
    if (issue.code === 'invalid_union' && isChildConditionPath(issue.path)) {
      return unionProblems(childAt(input, issue.path), issue.errors, CONDITION_KINDS, false).map((p) => ({ path: [...issue.path, ...p.path], message: p.message }));
    }
    return [{ path: issue.path, message: issue.message }];
  });
}

function formatRelativePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  return out;
}

function unionMessage(input: unknown, errors: readonly (readonly z.core.$ZodIssue[])[], kinds: readonly NodeKind[], topLevel: boolean): string {
  const problems = unionProblems(input, errors, kinds, topLevel);
  if (problems.length === 0) return `a condition must be ${SHAPES}`;
  return problems.map((p) => (p.path.length ? `${formatRelativePath(p.path)}: ${p.message}` : p.message)).join('; ');
}

const CONDITION_KINDS: readonly NodeKind[] = ['all', 'any', 'not', 'leaf'];
const TOP_LEVEL_KINDS: readonly NodeKind[] = ['all', 'any', 'not'];

export const conditionSchema: z.ZodType<Condition, ConditionInput> = z.lazy(() =>
  z.union([allConditionSchema, anyConditionSchema, notConditionSchema, leafConditionSchema], {
    error: (issue) => unionMessage(issue.input, issue.errors, CONDITION_KINDS, false),
  }),
);

// Empty lists are allowed, with json-rules-engine's meaning: see compile-condition.ts.
export const allConditionSchema: z.ZodType<AllCondition, { all: ConditionInput[] }> = z.strictObject({ all: z.array(conditionSchema) });
export const anyConditionSchema: z.ZodType<AnyCondition, { any: ConditionInput[] }> = z.strictObject({ any: z.array(conditionSchema) });
export const notConditionSchema: z.ZodType<NotCondition, { not: ConditionInput }> = z.strictObject({ not: conditionSchema });

export const topLevelConditionSchema: z.ZodType<TopLevelCondition, TopLevelConditionInput> = z.union([allConditionSchema, anyConditionSchema, notConditionSchema], {
  error: (issue) => unionMessage(issue.input, issue.errors, TOP_LEVEL_KINDS, true),
});

/** Every fact a condition reads, on either side of its leaves, each once, in order of appearance. */
export function conditionFacts(condition: Condition): string[] {
  const facts = new Set<string>();
  const visit = (node: Condition): void => {
    if ('all' in node) node.all.forEach(visit);
    else if ('any' in node) node.any.forEach(visit);
    else if ('not' in node) visit(node.not);
    else {
      facts.add(node.fact);
      if (isFactReference(node.value)) facts.add(node.value.fact);
    }
  };
  visit(condition);
  return [...facts];
}
