import { compileCondition, conditionFacts, pathKeys, type TopLevelCondition } from '../conditions';
import { type CompiledFormula, compileSlotFormula, formulaScope, toFiniteNumber } from '../formula/sandbox';
import type { Dimension, Indicator, SchemeDocument, SchemeDocumentInput, ZoneColour } from '../schema/scheme.schema';
import { scoreValue } from '../scoring/score-value';
import { DocumentInvalidError, issue } from '../validation/issues';
import { CHANGE_FACT, readsChangeFact, validateScheme } from '../validation/validate-scheme';
import { checkPeriod, previousPeriod } from './periods';
import { type RecordFactory, recordFactory } from './record-factory';
import type { DimensionResult, IndicatorResult, InputValue, Scorecard, ScorecardError, ZoneHit } from './scorecard.schema';
import type { StaffFacts } from './staff-facts';

type Predicate = (facts: Readonly<Record<string, unknown>>) => boolean;

export interface EvaluateOptions {
  /** Period id (2026-Q1, 2026-03); needed for promotion over consecutive periods. */
  period?: string;
  /** Earlier scorecards of the same staff: the `previous` fact and promotion history. */
  history?: readonly Scorecard[];
  /**
   * Team means computed beforehand over the whole population (see `CompiledScheme.teamMeans`).
   * A run evaluated in chunks passes them so that every chunk sees the means of the whole team.
   */
  teamMeans?: TeamMeans;
}

/** Per team ('' for staff without one): indicator id → mean value over the team's staff whose indicator is present. */
export type TeamMeans = Record<string, Record<string, number>>;

export interface CompiledScheme {
  readonly document: SchemeDocument;
  evaluate(population: readonly StaffFacts[], options?: EvaluateOptions): Scorecard[];
  /** Whether some condition reads `team.mean`; when not, `teamMeans` is always empty. */
  readonly usesTeamMeans: boolean;
  /** The team means the conditions of this scheme read, over `population` (the first pass of `evaluate` only). */
  teamMeans(population: readonly StaffFacts[]): TeamMeans;
}

export class EvaluationInputError extends Error {
  override name = 'EvaluationInputError';
}

/** Formulas read inputs and indicator values from one array, by position (slot). */
type Slots = readonly unknown[];

interface CompiledIndicator {
  definition: Indicator;
  formula: CompiledFormula<Slots>;
  /** Where its value goes in the slots. */
  slot: number;
  /** What the formula reads, inputs first, then indicators: the keys of the result's `inputs`, and their slots. */
  reads: string[];
  readSlots: number[];
  /** How many of `reads` are inputs. */
  inputCount: number;
  /** Why the indicator is missing when read k is absent: built once, not per staff member. */
  absentReasons: string[];
  /** The result's `inputs` from the values of `reads`. */
  readRecord: RecordFactory<InputValue>;
}

/** A dimension in the post-order list; `children` are positions in that list, `indicators` positions in the indicator order. */
interface DimensionNode {
  id: string;
  weight: number;
  children: number[];
  indicators: number[];
}

/** What a tier changes, resolved per indicator position at compile time (tiers are few). */
interface CompiledTier {
  included: boolean[];
  /** The weight in the indicator's dimension after the tier's overrides; undefined for an indicator in no dimension. */
  weights: Array<number | undefined>;
  promotion?: { to: string; consecutivePeriods: number; when: Predicate };
}

/** Per-staff intermediate results, by indicator or dimension position; reused from one staff member to the next. */
interface Workspace {
  /** Inputs, then indicator values, at their slots; absent ones are undefined. Formulas read it. */
  scope: unknown[];
  values: OptionalNumbers;
  scores: OptionalNumbers;
  reasons: Array<string | undefined>;
  reads: Array<Record<string, InputValue> | undefined>;
  /** Scratch for building records: one indicator's input values, the indicator results, the dimension results. */
  shown: InputValue[];
  results: IndicatorResult[];
  dimensionResults: DimensionResult[];
  points: number[];
  shares: OptionalNumbers;
  dimensionScores: OptionalNumbers;
}

/** Numbers by position, each present or not, kept unboxed: an array of numbers would box every fraction stored in it. */
class OptionalNumbers {
  readonly value: Float64Array;
  readonly present: Uint8Array;
  constructor(size: number) {
    this.value = new Float64Array(size);
    this.present = new Uint8Array(size);
  }
  set(position: number, value: number): void {
    this.value[position] = value;
    this.present[position] = 1;
  }
  clear(position: number): void {
    this.present[position] = 0;
  }
}

/** The `change` fact (see changeSince): differences to the previous period, each present only when both sides have a number. */
interface ChangeFact {
  composite?: number;
  dimension: Record<string, number>;
  indicator: Record<string, { value?: number; score?: number }>;
}

/**
 * A change between two periods, rounded to 9 decimals: the difference of two sums carries float noise
 * (70.1 − 60.1 = 9.999999999999993), and a condition such as "composite up at least 10" must see the 10 its
 * reader sees. Undefined when either side is not a number.
 */
function difference(now: number | null | undefined, before: number | null | undefined): number | undefined {
  if (typeof now !== 'number' || typeof before !== 'number' || !Number.isFinite(now) || !Number.isFinite(before)) return undefined;
  return Math.round((now - before) * 1e9) / 1e9;
}

const ZONE_SEVERITY: Record<ZoneColour, number> = { blue: 1, yellow: 2, red: 3 };
const NO_INPUTS: Readonly<Record<string, unknown>> = Object.freeze({});

function topologicalOrder(indicators: CompiledIndicator[]): CompiledIndicator[] {
  const byId = new Map(indicators.map((indicator) => [indicator.definition.id, indicator]));
  const done = new Set<string>();
  const order: CompiledIndicator[] = [];
  const visit = (indicator: CompiledIndicator) => {
    if (done.has(indicator.definition.id)) return;
    done.add(indicator.definition.id);
    for (const dependency of indicator.reads.slice(indicator.inputCount)) visit(byId.get(dependency) as CompiledIndicator);
    order.push(indicator);
  };
  indicators.forEach(visit);
  return order;
}

/**
 * The dimension tree in post-order (children before their parent: the order scorecards list dimensions in), and
 * each indicator's weight in the dimension that lists it (undefined for one in no dimension).
 */
function flattenDimensions(dimensions: Dimension[], indicatorPosition: ReadonlyMap<string, number>) {
  const nodes: DimensionNode[] = [];
  const weights = new Array<number | undefined>(indicatorPosition.size).fill(undefined);
  const visit = (dimension: Dimension): number => {
    const hasChildren = dimension.children !== undefined && dimension.children.length > 0;
    const children = hasChildren ? (dimension.children as Dimension[]).map(visit) : [];
    const indicators: number[] = [];
    for (const ref of hasChildren ? [] : (dimension.indicators ?? [])) {
      const position = indicatorPosition.get(ref.id) as number;
      indicators.push(position);
      weights[position] = ref.weight;
    }
    nodes.push({ id: dimension.id, weight: dimension.weight, children, indicators });
    return nodes.length - 1;
  };
  const top = dimensions.map(visit);
  return { nodes, top, weights };
}

/** Indicators whose team mean some condition reads (`team` with path `$.mean.<id>`); 'all' when a path takes the whole mean. */
function teamMeanReferences(conditions: unknown[]): Set<string> | 'all' {
  const ids = new Set<string>();
  let all = false;
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    for (const key of ['all', 'any'] as const) if (Array.isArray(record[key])) (record[key] as unknown[]).forEach(visit);
    if (record.not !== undefined) visit(record.not);
    for (const reference of [record, record.value]) {
      if (reference === null || typeof reference !== 'object') continue;
      const { fact, path } = reference as { fact?: unknown; path?: unknown };
      if (fact !== 'team') continue;
      const keys = typeof path === 'string' ? pathKeys(path) : [];
      if (keys[0] === 'mean' && keys[1] !== undefined) ids.add(keys[1]);
      else all = true;
    }
  };
  conditions.forEach(visit);
  return all ? 'all' : ids;
}

function sortedMean(values: number[]): number {
  // Summing in sorted order makes team means independent of population order, to the last bit. A Float64Array
  // sorts numbers without calling back into JavaScript; that it puts -0 before 0 cannot change a sum from 0.
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < sorted.length; i += 1) sum += sorted[i];
  return sum / sorted.length;
}

/** An input value as given, if it has the declared type (a number, or a list for number[]); otherwise undefined (absent). */
function usable(value: unknown, isList: boolean): unknown {
  return value !== undefined && value !== null && (isList ? Array.isArray(value) : typeof value === 'number') ? value : undefined;
}

/**
 * The result of the counted indicator at position `i`, built in one go with the keys in the documented order (weight
 * and share only when they apply). Numbers go from the workspace straight into the result, unboxed until then.
 */
function indicatorResult({ values, scores, shares, reasons }: Workspace, i: number, inputs: Record<string, InputValue>, weight: number | undefined): IndicatorResult {
  const reason = reasons[i];
  if (values.present[i] === 1) {
    const value = values.value[i];
    const score = scores.value[i];
    if (shares.present[i] === 1) return { value, score, status: 'ok', inputs, weight, share: shares.value[i] };
    return weight === undefined ? { value, score, status: 'ok', inputs } : { value, score, status: 'ok', inputs, weight };
  }
  if (scores.present[i] === 1) {
    const score = scores.value[i];
    if (shares.present[i] === 1) return { score, status: 'missing', reason, inputs, weight, share: shares.value[i] };
    return weight === undefined ? { score, status: 'missing', reason, inputs } : { score, status: 'missing', reason, inputs, weight };
  }
  return weight === undefined ? { status: 'missing', reason, inputs } : { status: 'missing', reason, inputs, weight };
}

/** Validates a scheme and compiles its formulas and conditions once; `evaluate` then only runs them. */
export function compileScheme(input: SchemeDocument | SchemeDocumentInput): CompiledScheme {
  const validation = validateScheme(input);
  if (!validation.ok) throw new DocumentInvalidError(validation.issues);
  const doc = validation.value;

  const inputNames = Object.keys(doc.inputs);
  const indicatorIds = new Set(doc.indicators.map((indicator) => indicator.id));
  // Inputs first, in declared order, so that input k is at slot k.
  const slots = new Map([...inputNames, ...indicatorIds].map((name, slot) => [name, slot]));
  const slotOf = (name: string) => slots.get(name) as number;
  const indicators = topologicalOrder(
    doc.indicators.map((definition) => {
      const formula = compileSlotFormula(definition.formula, slots);
      const inputSymbols = formula.symbols.filter((symbol) => Object.hasOwn(doc.inputs, symbol));
      const indicatorSymbols = formula.symbols.filter((symbol) => indicatorIds.has(symbol));
      const reads = [...inputSymbols, ...indicatorSymbols];
      const absentReasons = reads.map((name, k) => (k < inputSymbols.length ? `${name} is absent` : `it depends on indicator ${name}, which is missing`));
      return { definition, formula, slot: slotOf(definition.id), reads, readSlots: reads.map(slotOf), inputCount: inputSymbols.length, absentReasons, readRecord: recordFactory<InputValue>(reads) };
    }),
  );
  const indicatorPosition = new Map(indicators.map((indicator, position) => [indicator.definition.id, position]));
  const { nodes, top, weights: documentWeights } = flattenDimensions(doc.dimensions, indicatorPosition);
  /** A scorecard's records, keys in their order: indicators in evaluation order, dimensions in post-order. */
  const indicatorRecord = recordFactory<IndicatorResult>(indicators.map(({ definition }) => definition.id));
  const dimensionRecord = recordFactory<DimensionResult>(nodes.map(({ id }) => id));
  const adjustmentRecord = recordFactory<number>(doc.adjustments.map(({ id }) => id));
  /** Staff without a (known) tier: every indicator, the document's weights. */
  const untiered: CompiledTier = { included: indicators.map(() => true), weights: documentWeights };
  const tiers = new Map<string, CompiledTier>(
    doc.tiers.map((tier) => {
      const overrides = tier.weights ?? {};
      return [
        tier.id,
        {
          included: indicators.map(({ definition }) => tier.indicators === undefined || tier.indicators.includes(definition.id)),
          weights: indicators.map(({ definition }, position) =>
            documentWeights[position] === undefined ? undefined : Object.hasOwn(overrides, definition.id) ? overrides[definition.id] : documentWeights[position],
          ),
          promotion: tier.promotion && {
            to: tier.promotion.to,
            consecutivePeriods: tier.promotion.consecutivePeriods,
            when: compileCondition(tier.promotion.when as TopLevelCondition),
          },
        },
      ];
    }),
  );
  const adjustments = doc.adjustments.map((adjustment) => {
    const formula = compileSlotFormula(adjustment.formula, slots);
    return { adjustment, formula, symbolSlots: formula.symbols.map(slotOf) };
  });
  const zones = doc.zones.map((zone) => ({ zone, when: compileCondition(zone.when as TopLevelCondition) }));
  const hints = doc.hints.map((hint) => ({ hint, when: compileCondition(hint.when as TopLevelCondition) }));
  const reminders = doc.reminders.map((reminder) => ({
    hit: Object.freeze(reminder.name === undefined ? { id: reminder.id, text: reminder.text, to: reminder.to } : { id: reminder.id, name: reminder.name, text: reminder.text, to: reminder.to }),
    when: compileCondition(reminder.when as TopLevelCondition),
  }));
  const awards = doc.awards.map((award) => ({
    hit: Object.freeze(award.description === undefined ? { id: award.id, name: award.name } : { id: award.id, name: award.name, description: award.description }),
    when: compileCondition(award.when as TopLevelCondition),
  }));
  // One frozen object for every scorecard of this scheme: the same for all, and one allocation fewer per staff member.
  const schemeRef: Scorecard['scheme'] = Object.freeze({ key: doc.key, version: doc.version ?? null });
  const inputIsList = inputNames.map((name) => doc.inputs[name].type === 'number[]');
  const conditions = [...doc.zones.map((z) => z.when), ...doc.hints.map((h) => h.when), ...doc.reminders.map((r) => r.when), ...doc.awards.map((a) => a.when), ...doc.tiers.flatMap((t) => (t.promotion ? [t.promotion.when] : []))] as TopLevelCondition[];
  // Only the facts some condition names are provided; the others would never be read.
  const factNames = new Set(conditions.flatMap((condition) => conditionFacts(condition)));
  const factInputs = inputNames.filter((name) => factNames.has(name));
  const factInputIsList = factInputs.map((name) => doc.inputs[name].type === 'number[]');
  const readsDimensions = factNames.has('dimension');
  const readsChange = factNames.has(CHANGE_FACT) && readsChangeFact(doc);
  const meansNeeded = teamMeanReferences(conditions);
  const meanIndicators = meansNeeded === 'all' ? doc.indicators.map((indicator) => indicator.id) : [...meansNeeded];

  /** The declared inputs present in the facts with the right type, into `scope` at their slots; the others are undefined (absent). */
  function readInputs(scope: unknown[], staff: StaffFacts): void {
    const given: Readonly<Record<string, unknown>> = staff.inputs ?? NO_INPUTS;
    for (let k = 0; k < inputNames.length; k += 1) scope[k] = usable(given[inputNames[k]], inputIsList[k]);
  }

  function createWorkspace(): Workspace {
    const scope = new Array<unknown>(slots.size).fill(undefined);
    const perIndicator = <T>(): T[] => new Array<T>(indicators.length);
    return {
      scope,
      values: new OptionalNumbers(indicators.length),
      scores: new OptionalNumbers(indicators.length),
      reasons: perIndicator(),
      reads: perIndicator(),
      shares: new OptionalNumbers(indicators.length),
      dimensionScores: new OptionalNumbers(nodes.length),
      shown: [],
      results: perIndicator(),
      dimensionResults: new Array<DimensionResult>(nodes.length),
      points: new Array<number>(adjustments.length),
    };
  }

  /** Values, scores and the inputs each formula read; the values join the scope for the formulas that depend on them. */
  function scoreIndicators(work: Workspace, tier: CompiledTier): void {
    const { scope } = work;
    for (let i = 0; i < indicators.length; i += 1) {
      const { definition, formula, slot, reads, readSlots, absentReasons, readRecord } = indicators[i];
      const included = tier.included[i];
      let reason: string | undefined;
      for (let k = 0; k < reads.length; k += 1) {
        const value = scope[readSlots[k]] as InputValue | undefined;
        work.shown[k] = value === undefined ? null : value;
        if (value === undefined && reason === undefined) reason = absentReasons[k];
      }
      // An excluded indicator is still computed (others may depend on it), but not explained.
      const read = included ? readRecord(work.shown) : undefined;
      let value: number | undefined;
      if (reason === undefined) {
        try {
          const result = formula.evaluate(scope);
          // The common case without allocating; toFiniteNumber explains the rest.
          if (typeof result === 'number' && Number.isFinite(result)) value = result;
          else {
            const converted = toFiniteNumber(result);
            if ('value' in converted) value = converted.value;
            else reason = converted.reason;
          }
        } catch (error) {
          reason = `the formula failed: ${(error as Error).message}`;
        }
      }
      scope[slot] = value;
      if (value !== undefined) work.values.set(i, value);
      else work.values.clear(i);
      work.reasons[i] = reason;
      work.reads[i] = read;
      if (included && value !== undefined) work.scores.set(i, scoreValue(value, definition.scoring, definition.direction));
      else if (included && definition.missing === 'zero') work.scores.set(i, 0);
      else work.scores.clear(i);
      work.shares.clear(i);
    }
  }

  /** Dimension scores in post-order: Σ w·s / Σ w over the children (or indicators) that have a score. */
  function scoreDimensions(work: Workspace, tier: CompiledTier): void {
    const { scores, dimensionScores } = work;
    for (let d = 0; d < nodes.length; d += 1) {
      const { children, indicators: members } = nodes[d];
      let weighted = 0;
      let total = 0;
      if (children.length > 0) {
        for (const child of children) {
          if (dimensionScores.present[child] === 0) continue;
          weighted += nodes[child].weight * dimensionScores.value[child];
          total += nodes[child].weight;
        }
      } else {
        for (const i of members) {
          if (scores.present[i] === 0) continue;
          const weight = tier.weights[i] as number;
          weighted += weight * scores.value[i];
          total += weight;
        }
      }
      if (total > 0) dimensionScores.set(d, weighted / total);
      else dimensionScores.clear(d);
    }
  }

  /** Each counted indicator's share of the composite: the product of its renormalised weights up the tree. */
  function assignShares(work: Workspace, tier: CompiledTier, siblings: number[], factor: number): void {
    const { scores, shares, dimensionScores } = work;
    let total = 0;
    for (const d of siblings) if (dimensionScores.present[d] === 1) total += nodes[d].weight;
    if (total === 0) return;
    for (const d of siblings) {
      if (dimensionScores.present[d] === 0) continue;
      const share = (factor * nodes[d].weight) / total;
      const { children, indicators: members } = nodes[d];
      if (children.length > 0) {
        assignShares(work, tier, children, share);
        continue;
      }
      let leafTotal = 0;
      for (const i of members) if (scores.present[i] === 1) leafTotal += tier.weights[i] as number;
      for (const i of members) if (scores.present[i] === 1) shares.set(i, (share * (tier.weights[i] as number)) / leafTotal);
    }
  }

  /** Points of each adjustment into `points`, clamped to its range, and their sum; one that cannot be computed adds 0 and says why in `errors`. */
  function scoreAdjustments(scope: Slots, points: number[], errors: ScorecardError[]): number {
    let sum = 0;
    for (let a = 0; a < adjustments.length; a += 1) {
      const { adjustment, formula, symbolSlots } = adjustments[a];
      let added = 0;
      let absent: string | undefined;
      for (let k = 0; k < symbolSlots.length; k += 1) {
        if (scope[symbolSlots[k]] === undefined) {
          absent = formula.symbols[k];
          break;
        }
      }
      if (absent !== undefined) {
        errors.push(issue(`adjustments.${adjustment.id}`, 'evaluation.adjustment_input_absent', { id: adjustment.id, name: absent }));
      } else {
        try {
          const result = toFiniteNumber(formula.evaluate(scope));
          if ('value' in result) added = Math.min(Math.max(result.value, adjustment.min ?? -Infinity), adjustment.max ?? Infinity);
          else errors.push(issue(`adjustments.${adjustment.id}`, 'evaluation.adjustment_skipped', { id: adjustment.id, reason: result.reason }));
        } catch (error) {
          errors.push(issue(`adjustments.${adjustment.id}`, 'evaluation.adjustment_skipped', { id: adjustment.id, reason: (error as Error).message }));
        }
      }
      points[a] = added;
      sum += added;
    }
    return sum;
  }

  /** Pass one for one staff member: everything but zones, hints and promotion, which need the team means. */
  function evaluateOne(staff: StaffFacts, period: string | null, work: Workspace): Scorecard {
    const tierId = staff.tier ?? null;
    const known = tierId === null ? undefined : tiers.get(tierId);
    const tier = known ?? untiered;
    const errors: ScorecardError[] = [];
    // A tier error or an indicator with missing: error withholds the composite.
    let withheld = false;
    if (tiers.size > 0 && known === undefined) {
      errors.push(tierId === null ? issue('tier', 'evaluation.tier_required', { tiers: [...tiers.keys()].join(', ') }) : issue('tier', 'reference.unknown', { kind: 'tier', id: tierId }));
      withheld = true;
    }
    readInputs(work.scope, staff);
    scoreIndicators(work, tier);
    scoreDimensions(work, tier);
    assignShares(work, tier, top, 1);

    for (let i = 0; i < indicators.length; i += 1) {
      const { id, missing } = indicators[i].definition;
      const read = work.reads[i];
      if (read === undefined) {
        work.results[i] = { status: 'excluded' };
        continue;
      }
      work.results[i] = indicatorResult(work, i, read, tier.weights[i]);
      if (work.values.present[i] === 0 && missing === 'error') {
        errors.push(issue(`indicators.${id}`, 'evaluation.indicator_missing', { id, reason: work.reasons[i] ?? '' }));
        withheld = true;
      }
    }
    const { dimensionScores } = work;
    for (let d = 0; d < nodes.length; d += 1) work.dimensionResults[d] = { score: dimensionScores.present[d] === 1 ? dimensionScores.value[d] : null, weight: nodes[d].weight };
    const adjustmentSum = scoreAdjustments(work.scope, work.points, errors);
    let weighted = 0;
    let total = 0;
    for (const d of top) {
      if (dimensionScores.present[d] === 0) continue;
      weighted += nodes[d].weight * dimensionScores.value[d];
      total += nodes[d].weight;
    }
    let composite: number | null = null;
    let band: string | null = null;
    if (total === 0) errors.push(issue('composite', 'evaluation.nothing_scored'));
    else if (!withheld) {
      composite = Math.min(Math.max(weighted / total + adjustmentSum, doc.composite.min), doc.composite.max);
      for (const candidate of doc.bands) {
        if (composite >= candidate.min) {
          band = candidate.id;
          break;
        }
      }
    }
    return {
      staffId: staff.staffId,
      team: staff.team ?? null,
      period,
      scheme: schemeRef,
      tier: tierId,
      indicators: indicatorRecord(work.results),
      dimensions: dimensionRecord(work.dimensionResults),
      adjustments: adjustmentRecord(work.points),
      composite,
      band,
      zone: null,
      zones: [],
      hints: [],
      promotion: null,
      errors,
    };
  }

  /** Team means of the indicators conditions read (computing the others would be wasted work). */
  function teamMeans(population: readonly StaffFacts[], scorecards: Scorecard[]): TeamMeans {
    const collected = new Map<string, Map<string, number[]>>();
    // Null prototype: team keys come from the facts, and one named __proto__ must stay a plain key.
    const means = Object.create(null) as TeamMeans;
    if (meanIndicators.length === 0) return means;
    for (let i = 0; i < scorecards.length; i += 1) {
      const team = population[i].team ?? '';
      let perIndicator = collected.get(team);
      if (!perIndicator) collected.set(team, (perIndicator = new Map()));
      for (let m = 0; m < meanIndicators.length; m += 1) {
        const id = meanIndicators[m];
        const result = scorecards[i].indicators[id];
        if (result.status !== 'ok' || result.value === undefined) continue;
        let list = perIndicator.get(id);
        if (!list) perIndicator.set(id, (list = []));
        list.push(result.value);
      }
    }
    for (const [team, perIndicator] of collected) {
      const mean: Record<string, number> = {};
      for (const [id, list] of perIndicator) mean[id] = sortedMean(list);
      means[team] = mean;
    }
    return means;
  }

  function historyIndex(history: readonly Scorecard[]): Map<string, Map<string, Scorecard>> {
    const index = new Map<string, Map<string, Scorecard>>();
    for (const scorecard of history) {
      if (scorecard.period === null) continue;
      let byPeriod = index.get(scorecard.staffId);
      if (!byPeriod) index.set(scorecard.staffId, (byPeriod = new Map()));
      byPeriod.set(scorecard.period, scorecard);
    }
    return index;
  }

  function previousScorecard(byPeriod: Map<string, Scorecard> | undefined, period: string | null): Scorecard | null {
    if (!byPeriod) return null;
    let best: Scorecard | null = null;
    for (const [candidatePeriod, scorecard] of byPeriod) {
      if (period !== null && (candidatePeriod.length !== period.length || candidatePeriod >= period)) continue;
      if (best === null || candidatePeriod > (best.period as string)) best = scorecard;
    }
    return best;
  }

  /**
   * The facts of SPEC §1.1 for one staff member, in one object reused from one staff member to the next (conditions
   * only read it). An absent input or dimension score is undefined, which conditions read as absent.
   */
  function setFacts(facts: Record<string, unknown>, dimensionFacts: Record<string, number | undefined>, staff: StaffFacts, scorecard: Scorecard, team: { mean: Record<string, number> }, previous: Scorecard | null): void {
    const given: Readonly<Record<string, unknown>> = staff.inputs ?? NO_INPUTS;
    for (let k = 0; k < factInputs.length; k += 1) facts[factInputs[k]] = usable(given[factInputs[k]], factInputIsList[k]);
    if (readsDimensions) {
      for (const { id } of nodes) dimensionFacts[id] = scorecard.dimensions[id].score ?? undefined;
    }
    // The indicator results serve as the `indicator` fact ({value, score, status}); an excluded one has neither value nor score.
    facts.indicator = scorecard.indicators;
    facts.dimension = dimensionFacts;
    facts.composite = scorecard.composite;
    facts.band = scorecard.band;
    facts.tier = scorecard.tier;
    facts.team = team;
    facts.previous = previous;
    if (readsChange) facts.change = previous === null ? undefined : changeSince(scorecard, previous);
  }

  /**
   * The `change` fact: this period minus the previous one, for the composite, each dimension's score and each
   * indicator's value and score, where both periods have a number (the previous scorecard may come from another
   * version of the scheme, so every id is looked up on both sides).
   */
  function changeSince(scorecard: Scorecard, previous: Scorecard): ChangeFact {
    const change: ChangeFact = { dimension: {}, indicator: {} };
    const composite = difference(scorecard.composite, previous.composite);
    if (composite !== undefined) change.composite = composite;
    const before = previous.dimensions ?? {};
    for (const { id } of nodes) {
      const delta = difference(scorecard.dimensions[id]?.score, Object.hasOwn(before, id) ? before[id]?.score : undefined);
      if (delta !== undefined) change.dimension[id] = delta;
    }
    const earlier = previous.indicators ?? {};
    for (const { definition } of indicators) {
      const now = scorecard.indicators[definition.id];
      const then = Object.hasOwn(earlier, definition.id) ? earlier[definition.id] : undefined;
      if (now === undefined || then === undefined) continue;
      const value = difference(now.value, then.value);
      const score = difference(now.score, then.score);
      if (value === undefined && score === undefined) continue;
      const entry: { value?: number; score?: number } = {};
      if (value !== undefined) entry.value = value;
      if (score !== undefined) entry.score = score;
      change.indicator[definition.id] = entry;
    }
    return change;
  }

  function applyConditions(scorecard: Scorecard, facts: Record<string, unknown>, byPeriod: Map<string, Scorecard> | undefined, period: string | null): void {
    let severity = 0;
    for (let z = 0; z < zones.length; z += 1) {
      const { zone, when } = zones[z];
      if (!when(facts)) continue;
      const hit: ZoneHit = zone.action === undefined ? { id: zone.id, zone: zone.zone } : { id: zone.id, zone: zone.zone, action: zone.action };
      // An array literal gets an exact backing store; push onto an empty one would reserve 17 slots.
      if (scorecard.zones.length === 0) scorecard.zones = [hit];
      else scorecard.zones.push(hit);
      if (ZONE_SEVERITY[zone.zone] > severity) {
        severity = ZONE_SEVERITY[zone.zone];
        scorecard.zone = zone.zone;
      }
    }
    for (let h = 0; h < hints.length; h += 1) {
      const { hint, when } = hints[h];
      if (!when(facts)) continue;
      const hit = { id: hint.id, text: hint.text };
      if (scorecard.hints.length === 0) scorecard.hints = [hit];
      else scorecard.hints.push(hit);
    }
    // Only schemes that declare reminders carry the field, so every other scorecard keeps its exact shape.
    if (reminders.length > 0) {
      const matched: NonNullable<Scorecard['reminders']> = [];
      for (let r = 0; r < reminders.length; r += 1) if (reminders[r].when(facts)) matched.push(reminders[r].hit);
      scorecard.reminders = matched;
    }
    // Likewise awards: the field only on scorecards of schemes that declare some.
    if (awards.length > 0) {
      const earned: NonNullable<Scorecard['awards']> = [];
      for (let a = 0; a < awards.length; a += 1) if (awards[a].when(facts)) earned.push(awards[a].hit);
      scorecard.awards = earned;
    }

    const promotion = scorecard.tier === null ? undefined : tiers.get(scorecard.tier)?.promotion;
    if (promotion) {
      const criteriaMet = promotion.when(facts);
      let eligible = criteriaMet;
      if (eligible && promotion.consecutivePeriods > 1) {
        let cursor = period;
        for (let k = 1; k < promotion.consecutivePeriods && eligible; k += 1) {
          if (cursor === null) {
            eligible = false;
            break;
          }
          cursor = previousPeriod(cursor);
          const earlier = byPeriod?.get(cursor);
          eligible = earlier !== undefined && earlier.tier === scorecard.tier && earlier.promotion?.criteriaMet === true;
        }
      }
      scorecard.promotion = { to: promotion.to, criteriaMet, eligible };
    }
  }

  function checkedPeriod(period: string | undefined): string | null {
    if (period === undefined) return null;
    const problem = checkPeriod(period, doc.period);
    if (problem) throw new EvaluationInputError(problem);
    return period;
  }

  function firstPass(population: readonly StaffFacts[], period: string | null): Scorecard[] {
    const work = createWorkspace();
    const scorecards: Scorecard[] = new Array(population.length);
    for (let i = 0; i < population.length; i += 1) scorecards[i] = evaluateOne(population[i], period, work);
    return scorecards;
  }

  return {
    document: doc,
    usesTeamMeans: meanIndicators.length > 0,
    teamMeans(population) {
      return meanIndicators.length === 0 ? {} : teamMeans(population, firstPass(population, null));
    },
    evaluate(population, options = {}) {
      const period = checkedPeriod(options.period);
      const scorecards = firstPass(population, period);
      const teams = new Map<string, { mean: Record<string, number> }>();
      for (const [team, mean] of Object.entries(options.teamMeans ?? teamMeans(population, scorecards))) teams.set(team, { mean });
      const noTeam = { mean: {} };
      const history = historyIndex(options.history ?? []);
      const facts = formulaScope();
      const dimensionFacts: Record<string, number | undefined> = {};
      for (let i = 0; i < population.length; i += 1) {
        const staff = population[i];
        const byPeriod = history.get(staff.staffId);
        setFacts(facts, dimensionFacts, staff, scorecards[i], teams.get(staff.team ?? '') ?? noTeam, previousScorecard(byPeriod, period));
        applyConditions(scorecards[i], facts, byPeriod, period);
      }
      return scorecards;
    },
  };
}

export type { ScorecardError };
