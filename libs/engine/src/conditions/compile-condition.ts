import type { Engine, Event, RuleProperties } from 'json-rules-engine';
import { type Condition, type LeafCondition, type TopLevelCondition, isConditionOperator, isFactReference } from './condition.schema';
import { conditionOperators } from './operators';

/** Fact name → value, for one evaluation (inputs, `indicator`, `team`, `previous`, …). */
export type ConditionFacts = Readonly<Record<string, unknown>>;
export type CompiledCondition = (facts: ConditionFacts) => boolean;
type Read = (facts: ConditionFacts) => unknown;

/** `$.mean.bp_control` → ['mean', 'bp_control']; `$.items[0]` → ['items', '0']. Expects a validated path. */
export function pathKeys(path: string): string[] {
  const keys: string[] = [];
  const segment = /\.([^.[\]]+)|\[(\d+)\]/g;
  for (let match = segment.exec(path); match !== null; match = segment.exec(path)) keys.push(match[1] ?? match[2]);
  return keys;
}

/**
 * Reads a fact the way the reference engine does. A fact is an own property of `facts` (so `constructor`
 * is not inherited from Object.prototype). A path applies only to an object fact; anything else is
 * absent. Each step then follows jsonpath-plus: only an own property of a truthy value, which also
 * lets a nested string answer `length` and `[0]` (a jsonpath-plus quirk kept for fidelity).
 */
function factReader(fact: string, path: string | undefined): Read {
  const keys = path === undefined ? [] : pathKeys(path);
  if (keys.length === 0) return (facts) => (Object.hasOwn(facts, fact) ? facts[fact] : undefined);
  const count = keys.length;
  return (facts) => {
    if (!Object.hasOwn(facts, fact)) return undefined;
    let node = facts[fact];
    if (node === null || typeof node !== 'object') return undefined;
    for (let i = 0; i < count; i++) {
      const key = keys[i];
      if (!node || !Object.hasOwn(node, key)) return undefined;
      node = (node as Readonly<Record<string, unknown>>)[key];
    }
    return node;
  };
}

function compileLeaf(leaf: LeafCondition): CompiledCondition {
  if (!isConditionOperator(leaf.operator)) throw new Error(`unknown operator ${JSON.stringify(leaf.operator)}`);
  const operator = conditionOperators[leaf.operator];
  const readFact = factReader(leaf.fact, leaf.path);
  const { value } = leaf;
  if (isFactReference(value)) {
    const readValue = factReader(value.fact, value.path);
    return (facts) => operator(readFact(facts), readValue(facts));
  }
  return (facts) => operator(readFact(facts), value);
}

function compileAll(children: CompiledCondition[]): CompiledCondition {
  const count = children.length;
  if (count === 0) return () => true;
  if (count === 1) return children[0];
  if (count === 2) {
    const [first, second] = children;
    return (facts) => first(facts) && second(facts);
  }
  return (facts) => {
    for (let i = 0; i < count; i++) if (!children[i](facts)) return false;
    return true;
  };
}

function compileAny(children: CompiledCondition[]): CompiledCondition {
  const count = children.length;
  // json-rules-engine 7 answers true for an empty `any` (its prioritizeAndRun treats every empty
  // list as passing); we match the reference rather than the textbook false.
  if (count === 0) return () => true;
  if (count === 1) return children[0];
  if (count === 2) {
    const [first, second] = children;
    return (facts) => first(facts) || second(facts);
  }
  return (facts) => {
    for (let i = 0; i < count; i++) if (children[i](facts)) return true;
    return false;
  };
}

function compileNode(node: Condition): CompiledCondition {
  if ('all' in node) return compileAll(node.all.map(compileNode));
  if ('any' in node) return compileAny(node.any.map(compileNode));
  if ('not' in node) {
    const inner = compileNode(node.not);
    return (facts) => !inner(facts);
  }
  return compileLeaf(node);
}

/**
 * Compiles a validated condition into a synchronous predicate with json-rules-engine's meaning
 * (CareScore operators, SPEC §1.2 rule 9). Paths and operators are resolved here, once.
 */
export function compileCondition(condition: TopLevelCondition): CompiledCondition {
  return compileNode(condition);
}

let referenceRuleSequence = 0;
const referenceQueues = new WeakMap<Engine, Promise<unknown>>();

async function runReferenceOnce(engine: Engine, condition: TopLevelCondition, facts: ConditionFacts): Promise<boolean> {
  const name = `carescore:reference-condition:${++referenceRuleSequence}`;
  const event: Event = { type: name };
  // Our condition types are a subset of json-rules-engine's; its typings just say it less precisely.
  engine.addRule({ name, conditions: condition as RuleProperties['conditions'], event });
  try {
    // A copy, so the engine sees own properties only (it reads facts with for…in), as compiled code does.
    const { events } = await engine.run({ ...facts });
    return events.some((fired) => fired.type === name);
  } finally {
    engine.removeRule(name);
  }
}

/**
 * Evaluates a condition with json-rules-engine (the engine from `createReferenceEngine`): adds one rule
 * with a unique event, runs it over `facts`, and removes it again. Calls on one engine are queued,
 * since a run evaluates every rule the engine holds at that moment.
 */
export function evaluateWithReference(engine: Engine, condition: TopLevelCondition, facts: ConditionFacts): Promise<boolean> {
  const previous = referenceQueues.get(engine) ?? Promise.resolve();
  const result = previous.then(() => runReferenceOnce(engine, condition, facts));
  referenceQueues.set(engine, result.catch(() => undefined));
  return result;
}
