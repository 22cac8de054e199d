/**
 * The condition builder's model of a json-rules-engine condition (SPEC §1.1: `all`/`any`/`not`
 * nodes over leaves `{fact, path?, operator, value}`), and the conversion both ways. Values are
 * edited as text and typed back: `85` is a number, `a, b` a list for in/notIn, `true` a boolean,
 * and a value may instead name another fact (`{fact: team, path: $.mean.bp_control}`).
 */

export type GroupMode = 'all' | 'any' | 'not';

export type ValueKind = 'number' | 'text' | 'boolean' | 'list' | 'fact';

export interface LeafValue {
  kind: ValueKind;
  /** The literal as typed (numbers, text, booleans; a list comma-separated). */
  text: string;
  /** For `kind: fact`. */
  fact: string;
  path: string;
}

export interface LeafNode {
  type: 'leaf';
  fact: string;
  path: string;
  operator: string;
  value: LeafValue;
  /** json-rules-engine's params, kept as they were. */
  params?: Record<string, unknown>;
}

export interface GroupNode {
  type: 'group';
  mode: GroupMode;
  children: ConditionNode[];
}

/** Anything the builder cannot show as a group or leaf is kept as JSON and edited as such. */
export interface RawNode {
  type: 'raw';
  json: unknown;
}

export type ConditionNode = LeafNode | GroupNode | RawNode;

const LIST_OPERATORS = new Set(['in', 'notIn']);
const NUMERIC_OPERATORS = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function literalText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * A leaf's JSON value as the builder edits it. With a numeric operator a string is a number being
 * typed (or mistyped): it stays a number field, so fixing the text gives a number again.
 */
export function valueOf(value: unknown, operator?: string): LeafValue {
  const empty = { text: '', fact: '', path: '' };
  if (typeof value === 'string' && operator !== undefined && NUMERIC_OPERATORS.has(operator)) return { ...empty, kind: 'number', text: value };
  if (isRecord(value) && typeof value.fact === 'string') return { ...empty, kind: 'fact', fact: value.fact, path: typeof value.path === 'string' ? value.path : '' };
  if (Array.isArray(value)) return { ...empty, kind: 'list', text: value.map(literalText).join(', ') };
  if (typeof value === 'number') return { ...empty, kind: 'number', text: String(value) };
  if (typeof value === 'boolean') return { ...empty, kind: 'boolean', text: String(value) };
  return { ...empty, kind: 'text', text: typeof value === 'string' ? value : '' };
}

/** One list item or number as typed: a number when it reads as one, else the text. */
function typedItem(text: string): string | number | boolean {
  const trimmed = text.trim();
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  if (trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  return trimmed;
}

/** The JSON value a leaf's value stands for. A number that does not read as one stays text, so the validator names it. */
export function jsonValue(value: LeafValue): unknown {
  switch (value.kind) {
    case 'fact':
      return value.path.trim() === '' ? { fact: value.fact } : { fact: value.fact, path: value.path.trim() };
    case 'list':
      return value.text.trim() === '' ? [] : value.text.split(',').map(typedItem);
    case 'number': {
      const trimmed = value.text.trim();
      return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : value.text;
    }
    case 'boolean':
      return value.text.trim() === 'true';
    default:
      return value.text;
  }
}

/** JSON condition → builder node. */
export function toNode(condition: unknown): ConditionNode {
  if (isRecord(condition)) {
    const keys = Object.keys(condition);
    if (keys.length === 1 && (keys[0] === 'all' || keys[0] === 'any') && Array.isArray(condition[keys[0]])) {
      return { type: 'group', mode: keys[0], children: (condition[keys[0]] as unknown[]).map(toNode) };
    }
    if (keys.length === 1 && keys[0] === 'not' && isRecord(condition.not)) return { type: 'group', mode: 'not', children: [toNode(condition.not)] };
    const leafKeys = new Set(['fact', 'path', 'operator', 'value', 'params']);
    if (typeof condition.fact === 'string' && typeof condition.operator === 'string' && keys.every((key) => leafKeys.has(key))) {
      return {
        type: 'leaf',
        fact: condition.fact,
        path: typeof condition.path === 'string' ? condition.path : '',
        operator: condition.operator,
        value: valueOf(condition.value, condition.operator),
        ...(isRecord(condition.params) ? { params: condition.params } : {}),
      };
    }
  }
  return { type: 'raw', json: condition };
}

/** Builder node → JSON condition, as json-rules-engine and the validator read it. */
export function toCondition(node: ConditionNode): unknown {
  if (node.type === 'raw') return node.json;
  if (node.type === 'group') {
    if (node.mode === 'not') return { not: node.children.length > 0 ? toCondition(node.children[0]) : {} };
    return { [node.mode]: node.children.map(toCondition) };
  }
  const leaf: Record<string, unknown> = { fact: node.fact };
  if (node.path.trim() !== '') leaf.path = node.path.trim();
  leaf.operator = node.operator;
  leaf.value = jsonValue(node.value);
  if (node.params) leaf.params = node.params;
  return leaf;
}

/** A new leaf: `composite ≥ 0`, ready to edit. */
export function newLeaf(fact = 'composite'): LeafNode {
  return { type: 'leaf', fact, path: '', operator: 'greaterThanInclusive', value: { kind: 'number', text: '0', fact: '', path: '' } };
}

export function newGroup(mode: GroupMode = 'all'): GroupNode {
  return { type: 'group', mode, children: [newLeaf()] };
}

/** The value kind an operator suggests when the author switches to it. */
export function kindForOperator(operator: string, current: ValueKind): ValueKind {
  if (current === 'fact') return current;
  if (LIST_OPERATORS.has(operator)) return 'list';
  if (NUMERIC_OPERATORS.has(operator)) return 'number';
  return current === 'list' ? 'text' : current;
}

/** Switches a group between all / any / not; `not` keeps only the first child. */
export function withMode(group: GroupNode, mode: GroupMode): GroupNode {
  return { ...group, mode, children: mode === 'not' ? group.children.slice(0, 1) : group.children };
}

/** Facts every scheme condition may use besides its inputs, with the paths they take. */
export const KEYED_FACT_HINTS: Readonly<Record<string, string>> = {
  indicator: '$.<indicator>.value | .score | .status',
  dimension: '$.<dimension>',
  team: '$.mean.<indicator>',
  previous: '$.composite, $.band, …',
  change: '$.composite | $.dimension.<dimension> | $.indicator.<indicator>.value',
};
