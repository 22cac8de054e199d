import { type ConstantNode, type FunctionNode, type MathNode, type OperatorNode, parse, type ParenthesisNode, type SymbolNode } from 'mathjs';
import type { InputDeclaration, SchemeDocument, Scoring, StaffFacts } from '@carescore/engine';

/*
 * Realistic facts for any scheme, read off its formulas and scoring lines: the engine bench's
 * populations, the demo's two quarters, and the load of the platform bench and worker tests.
 */

/** mulberry32: a tiny seeded PRNG, so every run benchmarks the same population. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const uniform = (random: Random, lo: number, hi: number) => lo + (hi - lo) * random();
const integer = (random: Random, lo: number, hi: number) => Math.floor(uniform(random, lo, hi + 1));

/**
 * An indicator value between the worst and the best end of its range, skewed towards the better
 * end as real staff are (position u^0.4: about 1 in 5 below the middle of the range).
 */
function performance(random: Random, lo: number, hi: number, higher: boolean): number {
  const position = random() ** 0.4;
  return higher ? lo + (hi - lo) * position : hi - (hi - lo) * position;
}

/** Share of inputs left out (absent) in generated facts. */
export const ABSENT_SHARE = 0.03;
/** Counts of rare events (complaints, defects): mostly 0. */
const RARE = /complain|defect|incident|error|violation/;

/** How one input is generated, chosen by reading the scheme's formulas and scoring lines. */
type InputPlan =
  | { kind: 'denominator'; lo: number; hi: number }
  /** value = denominator × (indicator value / scale), so the indicator spreads over its scoring range. */
  | { kind: 'ratio'; of: string; scale: number; lo: number; hi: number; higher: boolean }
  /** One of several parts of a denominator (e.g. NPS promoters and detractors of responses). */
  | { kind: 'share'; of: string; parts: string[] }
  /** The indicator is this input (or its mean) times a constant: draw it inside the scoring range. */
  | { kind: 'direct'; lo: number; hi: number; higher: boolean; integer: boolean }
  | { kind: 'rare' }
  | { kind: 'default' };

function strip(node: MathNode): MathNode {
  return node.type === 'ParenthesisNode' ? strip((node as ParenthesisNode).content) : node;
}
const symbolName = (node: MathNode): string | undefined => (strip(node).type === 'SymbolNode' ? (strip(node) as SymbolNode).name : undefined);
const constantValue = (node: MathNode): number | undefined => {
  const n = strip(node);
  return n.type === 'ConstantNode' && typeof (n as ConstantNode).value === 'number' ? ((n as ConstantNode).value as number) : undefined;
};
function operator(node: MathNode, fn: string): [MathNode, MathNode] | undefined {
  const n = strip(node);
  if (n.type !== 'OperatorNode' || (n as OperatorNode).fn !== fn || (n as OperatorNode).args.length !== 2) return undefined;
  return (n as OperatorNode).args as [MathNode, MathNode];
}
/** `x` or `mean(x)`: the input symbol. */
function directSymbol(node: MathNode): string | undefined {
  const n = strip(node);
  if (n.type === 'FunctionNode' && (n as FunctionNode).fn.name === 'mean' && (n as FunctionNode).args.length === 1) return symbolName((n as FunctionNode).args[0]);
  return symbolName(n);
}

/** Range of indicator values worth generating: a little beyond the scoring lines on both sides. */
function scoringRange(scoring: Scoring, higher: boolean): [number, number] {
  switch (scoring.type) {
    case 'thresholds': {
      const { floor, baseline, target, excellent } = scoring;
      const step = Math.abs(target - baseline);
      const worst = floor ?? (higher ? baseline - step : baseline + step);
      const best = higher ? excellent + 0.1 * Math.abs(excellent - baseline) : excellent - 0.1 * Math.abs(baseline - excellent);
      return higher ? [worst, best] : [best, worst];
    }
    case 'bands': {
      const lines = scoring.bands.flatMap((band) => [band.min, band.max]).filter((x): x is number => x !== undefined);
      const lo = Math.min(...lines);
      const hi = Math.max(...lines);
      const margin = (hi - lo || 1) * 0.25;
      return [lo - margin, hi + margin];
    }
    case 'linear':
      return [Math.min(scoring.min, scoring.max), Math.max(scoring.min, scoring.max)];
    case 'raw':
      return [0, 100];
  }
}

function clampToDeclared(range: [number, number], declared: InputDeclaration): [number, number] {
  const lo = Math.max(range[0], declared.min ?? -Infinity, 0);
  const hi = Math.min(range[1], declared.max ?? Infinity);
  return lo <= hi ? [lo, hi] : [declared.min ?? 0, declared.max ?? (declared.min ?? 0) + 10];
}

/** Reads the formulas once and decides how each declared input is generated. */
export function planInputs(doc: SchemeDocument): Map<string, InputPlan> {
  const plans = new Map<string, InputPlan>();
  const numberInput = (name: string | undefined): name is string => name !== undefined && doc.inputs[name]?.type === 'number';
  for (const indicator of doc.indicators) {
    const root = parse(indicator.formula);
    const range = scoringRange(indicator.scoring, indicator.direction === 'higher');
    // part / whole * scale, or part / whole
    const scaled = operator(root, 'multiply');
    const division = scaled && constantValue(scaled[1]) !== undefined ? operator(scaled[0], 'divide') : operator(root, 'divide');
    const scale = scaled && division ? (constantValue(scaled[1]) as number) : 1;
    if (division && numberInput(symbolName(division[0])) && numberInput(symbolName(division[1]))) {
      const part = symbolName(division[0]) as string;
      const whole = symbolName(division[1]) as string;
      const [lo, hi] = [Math.max(range[0], 0), Math.max(range[1], 0)];
      if (!plans.has(part)) plans.set(part, { kind: 'ratio', of: whole, scale, lo, hi, higher: indicator.direction === 'higher' });
      if (!plans.has(whole)) plans.set(whole, { kind: 'denominator', lo: 20, hi: 150 });
      continue;
    }
    // x, mean(x), x / c, mean(x) / c, x * c
    let direct = directSymbol(root);
    let factor = 1;
    const divided = operator(root, 'divide');
    const multiplied = operator(root, 'multiply');
    if (!direct && divided && constantValue(divided[1]) !== undefined) [direct, factor] = [directSymbol(divided[0]), constantValue(divided[1]) as number];
    if (!direct && multiplied && constantValue(multiplied[1]) !== undefined) [direct, factor] = [directSymbol(multiplied[0]), 1 / (constantValue(multiplied[1]) as number)];
    if (direct && doc.inputs[direct] && !plans.has(direct)) {
      const declared = doc.inputs[direct];
      const [lo, hi] = clampToDeclared([range[0] * factor, range[1] * factor], declared);
      const span = hi - lo;
      plans.set(direct, { kind: 'direct', lo, hi, higher: indicator.direction === 'higher', integer: declared.max === undefined || span <= 10 || factor !== 1 });
      continue;
    }
    // Any other division by an input: the numerator's inputs share the denominator.
    root.traverse((node) => {
      const parts = operator(node, 'divide');
      if (!parts || !numberInput(symbolName(parts[1]))) return;
      const whole = symbolName(parts[1]) as string;
      const numerator = parts[0].filter((n) => n.type === 'SymbolNode').map((n) => (n as SymbolNode).name).filter(numberInput);
      for (const name of numerator) if (!plans.has(name)) plans.set(name, { kind: 'share', of: whole, parts: numerator });
      if (!plans.has(whole)) plans.set(whole, { kind: 'denominator', lo: 20, hi: 150 });
    });
  }
  for (const name of Object.keys(doc.inputs)) {
    const plan = plans.get(name);
    if (RARE.test(name) && (!plan || plan.kind === 'default' || plan.kind === 'direct')) plans.set(name, { kind: 'rare' });
    else if (!plan) plans.set(name, { kind: 'default' });
  }
  return plans;
}

function defaultValue(random: Random, declared: InputDeclaration): number {
  if (declared.max !== undefined) {
    const lo = declared.min ?? 0;
    const span = declared.max - lo;
    const value = uniform(random, lo + 0.4 * span, declared.max);
    return span <= 10 ? Math.round(value) : Math.round(value * 10) / 10;
  }
  const min = declared.min ?? 0;
  if (declared.type === 'number[]') {
    const unit = declared.unit ?? '';
    const [lo, hi] = unit === 'min' ? [10, 360] : unit === 's' ? [5, 180] : [min, min + 100];
    return integer(random, Math.max(lo, min), hi);
  }
  return integer(random, min, min + 8);
}

/**
 * A deterministic population for a scheme: realistic values for every declared input (within
 * declared min/max, spread over each indicator's scoring lines), lists of 1–6 numbers for
 * `number[]` inputs, about 3 % of inputs absent, 3–10 teams, and a tier per staff if the scheme has tiers.
 */
export function generatePopulation(doc: SchemeDocument, size: number, seed = 20260301): StaffFacts[] {
  const random = createRandom(seed);
  const plans = planInputs(doc);
  const names = Object.keys(doc.inputs);
  // Denominators first, so parts can be drawn from them.
  const order = [...names].sort((a, b) => Number(plans.get(b)?.kind === 'denominator') - Number(plans.get(a)?.kind === 'denominator'));
  const teamCount = 3 + Math.floor(createRandom(seed ^ 0x5eed)() * 8);
  const tiers = doc.tiers.map((tier) => tier.id);
  const population: StaffFacts[] = [];
  for (let i = 0; i < size; i++) {
    const drawn: Record<string, number> = {};
    const inputs: Record<string, number | number[]> = {};
    for (const name of order) {
      const declared = doc.inputs[name];
      const plan = plans.get(name) as InputPlan;
      const one = (): number => {
        switch (plan.kind) {
          case 'denominator':
            return integer(random, plan.lo, plan.hi);
          case 'ratio': {
            const whole = drawn[plan.of] ?? integer(random, 20, 150);
            return Math.max(0, Math.round((whole * performance(random, plan.lo, plan.hi, plan.higher)) / plan.scale));
          }
          case 'share': {
            const whole = drawn[plan.of] ?? integer(random, 20, 150);
            return Math.round(whole * uniform(random, 0.05, 1 / plan.parts.length));
          }
          case 'direct': {
            const value = performance(random, plan.lo, plan.hi, plan.higher);
            return plan.integer ? Math.round(value) : Math.round(value * 10) / 10;
          }
          case 'rare':
            return random() < 0.95 ? 0 : integer(random, 1, 2);
          case 'default':
            return defaultValue(random, declared);
        }
      };
      const clamp = (value: number) => Math.min(Math.max(value, declared.min ?? -Infinity), declared.max ?? Infinity);
      const value = declared.type === 'number[]' ? Array.from({ length: integer(random, 1, 6) }, () => clamp(one())) : clamp(one());
      if (typeof value === 'number') drawn[name] = value;
      if (random() >= ABSENT_SHARE) inputs[name] = value;
    }
    const staff: StaffFacts = { staffId: `s-${String(i + 1).padStart(6, '0')}`, team: `team-${(i % teamCount) + 1}`, inputs };
    if (tiers.length > 0) staff.tier = tiers[Math.floor(random() * tiers.length)];
    population.push(staff);
  }
  return population;
}
