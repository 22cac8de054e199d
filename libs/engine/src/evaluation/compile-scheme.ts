import { compileCondition, conditionFacts, pathKeys, type TopLevelCondition } from '../conditions';
import { type CompiledFormula, compileFormula, type FormulaScope, formulaScope, toFiniteNumber } from '../formula/sandbox';
import type { Dimension, Indicator, SchemeDocument, SchemeDocumentInput, ZoneColour } from '../schema/scheme.schema';
import { scoreValue } from '../scoring/score-value';
import { DocumentInvalidError } from '../validation/issues';
import { validateScheme } from '../validation/validate-scheme';
import { checkPeriod, previousPeriod } from './periods';
import type { DimensionResult, InputValue, Scorecard, ScorecardError, ZoneHit } from './scorecard.schema';
import type { StaffFacts } from './staff-facts';

type Predicate = (facts: Readonly<Record<string, unknown>>) => boolean;

export interface EvaluateOptions {
  /** Period id (2026-Q1, 2026-03); needed for promotion over consecutive periods. */
  period?: string;
  /** Earlier scorecards of the same staff: the `previous` fact and promotion history. */
  history?: readonly Scorecard[];
}

export interface CompiledScheme {
  readonly document: SchemeDocument;
  evaluate(population: readonly StaffFacts[], options?: EvaluateOptions): Scorecard[];
}

export class EvaluationInputError extends Error {
  override name = 'EvaluationInputError';
}

interface CompiledIndicator {
  definition: Indicator;
  formula: CompiledFormula;
  inputSymbols: string[];
  indicatorSymbols: string[];
}

interface CompiledTier {
  included: ReadonlySet<string> | null;
  weights: Readonly<Record<string, number>>;
  promotion?: { to: string; consecutivePeriods: number; when: Predicate };
}

const ZONE_SEVERITY: Record<ZoneColour, number> = { blue: 1, yellow: 2, red: 3 };

/** Per staff member, what pass one computed and pass two (conditions) needs. */
interface StaffEvaluation {
  staff: StaffFacts;
  scorecard: Scorecard;
}

function topologicalOrder(indicators: CompiledIndicator[]): CompiledIndicator[] {
  const byId = new Map(indicators.map((indicator) => [indicator.definition.id, indicator]));
  const done = new Set<string>();
  const order: CompiledIndicator[] = [];
  const visit = (indicator: CompiledIndicator) => {
    if (done.has(indicator.definition.id)) return;
    done.add(indicator.definition.id);
    for (const dependency of indicator.indicatorSymbols) visit(byId.get(dependency) as CompiledIndicator);
    order.push(indicator);
  };
  indicators.forEach(visit);
  return order;
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
  // Summing in sorted order makes team means independent of population order, to the last bit.
  values.sort((a, b) => a - b);
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Validates a scheme and compiles its formulas and conditions once; `evaluate` then only runs them. */
export function compileScheme(input: SchemeDocument | SchemeDocumentInput): CompiledScheme {
  const validation = validateScheme(input);
  if (!validation.ok) throw new DocumentInvalidError(validation.issues);
  const doc = validation.value;

  const inputNames = new Set(Object.keys(doc.inputs));
  const indicatorIds = new Set(doc.indicators.map((indicator) => indicator.id));
  const scope = new Set([...inputNames, ...indicatorIds]);
  const indicators = topologicalOrder(
    doc.indicators.map((definition) => {
      const formula = compileFormula(definition.formula, scope);
      return {
        definition,
        formula,
        inputSymbols: formula.symbols.filter((symbol) => inputNames.has(symbol)),
        indicatorSymbols: formula.symbols.filter((symbol) => indicatorIds.has(symbol)),
      };
    }),
  );
  const adjustments = doc.adjustments.map((adjustment) => ({ adjustment, formula: compileFormula(adjustment.formula, scope) }));
  const tiers = new Map<string, CompiledTier>(
    doc.tiers.map((tier) => [
      tier.id,
      {
        included: tier.indicators ? new Set(tier.indicators) : null,
        weights: tier.weights ?? {},
        promotion: tier.promotion && {
          to: tier.promotion.to,
          consecutivePeriods: tier.promotion.consecutivePeriods,
          when: compileCondition(tier.promotion.when as TopLevelCondition),
        },
      },
    ]),
  );
  const zones = doc.zones.map((zone) => ({ zone, when: compileCondition(zone.when as TopLevelCondition) }));
  const hints = doc.hints.map((hint) => ({ hint, when: compileCondition(hint.when as TopLevelCondition) }));
  const version = doc.version ?? null;
  const inputTypes = Object.entries(doc.inputs).map(([name, input]) => [name, input.type] as const);
  const conditions = [...doc.zones.map((z) => z.when), ...doc.hints.map((h) => h.when), ...doc.tiers.flatMap((t) => (t.promotion ? [t.promotion.when] : []))] as TopLevelCondition[];
  // Only the inputs some condition names become facts; the others would never be read.
  const factInputs = new Set(conditions.flatMap((condition) => conditionFacts(condition)));
  const conditionInputTypes = inputTypes.filter(([name]) => factInputs.has(name));
  const meansNeeded = teamMeanReferences(conditions);
  const meanIndicators = meansNeeded === 'all' ? doc.indicators.map((indicator) => indicator.id) : [...meansNeeded];

  /** The declared inputs present in the facts, with the right type; indicator values join it as they are computed. */
  function readInputs(staff: StaffFacts, types = inputTypes): FormulaScope {
    const values = formulaScope();
    const given = staff.inputs ?? {};
    for (const [name, type] of types) {
      const value = given[name];
      if (value === undefined || value === null) continue;
      if (type === 'number' ? typeof value === 'number' : Array.isArray(value)) values[name] = value;
    }
    return values;
  }

  function scoreIndicators(scope: FormulaScope, scorecard: Scorecard, tier: CompiledTier | undefined): void {
    for (const { definition, formula, inputSymbols, indicatorSymbols } of indicators) {
      const read: Record<string, InputValue> = {};
      let reason: string | undefined;
      for (const name of inputSymbols) {
        const value = scope[name];
        read[name] = value === undefined ? null : (value as InputValue);
        if (value === undefined && reason === undefined) reason = `${name} is absent`;
      }
      for (const id of indicatorSymbols) {
        const value = scope[id] as number | undefined;
        read[id] = value ?? null;
        if (value === undefined && reason === undefined) reason = `it depends on indicator ${id}, which is missing`;
      }
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
      if (value !== undefined) scope[definition.id] = value;
      if (tier?.included && !tier.included.has(definition.id)) {
        scorecard.indicators[definition.id] = { status: 'excluded' };
        continue;
      }
      if (value !== undefined) {
        scorecard.indicators[definition.id] = { value, score: scoreValue(value, definition.scoring, definition.direction), status: 'ok', inputs: read };
      } else if (definition.missing === 'zero') {
        scorecard.indicators[definition.id] = { score: 0, status: 'missing', reason, inputs: read };
      } else {
        scorecard.indicators[definition.id] = { status: 'missing', reason, inputs: read };
        if (definition.missing === 'error') {
          scorecard.errors.push({ path: `indicators.${definition.id}`, message: `indicator ${definition.id} is missing (${reason}) and its missing policy is error` });
        }
      }
    }
  }

  const weightOf = (ref: { id: string; weight: number }, tier: CompiledTier | undefined) => tier?.weights[ref.id] ?? ref.weight;

  /** Scores one dimension (recursively) into the scorecard; null when nothing in it could be scored. */
  function scoreDimension(dimension: Dimension, scorecard: Scorecard, tier: CompiledTier | undefined): number | null {
    let weighted = 0;
    let total = 0;
    if (dimension.children && dimension.children.length > 0) {
      for (const child of dimension.children) {
        const score = scoreDimension(child, scorecard, tier);
        if (score === null) continue;
        weighted += child.weight * score;
        total += child.weight;
      }
    } else {
      for (const ref of dimension.indicators ?? []) {
        const result = scorecard.indicators[ref.id];
        if (result.status === 'excluded') continue;
        const weight = weightOf(ref, tier);
        result.weight = weight;
        if (result.score === undefined) continue;
        weighted += weight * result.score;
        total += weight;
      }
    }
    const score = total > 0 ? weighted / total : null;
    scorecard.dimensions[dimension.id] = { score, weight: dimension.weight } satisfies DimensionResult;
    return score;
  }

  /** Each counted indicator's share of the composite: the product of its renormalised weights up the tree. */
  function assignShares(dimensions: Dimension[], factor: number, scorecard: Scorecard, tier: CompiledTier | undefined): void {
    let total = 0;
    for (const dimension of dimensions) if (scorecard.dimensions[dimension.id].score !== null) total += dimension.weight;
    if (total === 0) return;
    for (const dimension of dimensions) {
      if (scorecard.dimensions[dimension.id].score === null) continue;
      const share = (factor * dimension.weight) / total;
      if (dimension.children && dimension.children.length > 0) {
        assignShares(dimension.children, share, scorecard, tier);
        continue;
      }
      let leafTotal = 0;
      for (const ref of dimension.indicators ?? []) {
        const result = scorecard.indicators[ref.id];
        if (result.status !== 'excluded' && result.score !== undefined) leafTotal += weightOf(ref, tier);
      }
      for (const ref of dimension.indicators ?? []) {
        const result = scorecard.indicators[ref.id];
        if (result.status !== 'excluded' && result.score !== undefined) result.share = (share * weightOf(ref, tier)) / leafTotal;
      }
    }
  }

  function scoreComposite(scorecard: Scorecard, scope: FormulaScope, tier: CompiledTier | undefined): void {
    let weighted = 0;
    let total = 0;
    for (const dimension of doc.dimensions) {
      const score = scoreDimension(dimension, scorecard, tier);
      if (score === null) continue;
      weighted += dimension.weight * score;
      total += dimension.weight;
    }
    assignShares(doc.dimensions, 1, scorecard, tier);
    let adjustmentSum = 0;
    for (const { adjustment, formula } of adjustments) {
      let points = 0;
      let absent: string | undefined;
      for (const symbol of formula.symbols) {
        if (scope[symbol] === undefined) {
          absent = symbol;
          break;
        }
      }
      if (absent !== undefined) {
        scorecard.errors.push({ path: `adjustments.${adjustment.id}`, message: `adjustment ${adjustment.id} added 0: ${absent} is absent` });
      } else {
        try {
          const result = toFiniteNumber(formula.evaluate(scope));
          if ('value' in result) points = Math.min(Math.max(result.value, adjustment.min ?? -Infinity), adjustment.max ?? Infinity);
          else scorecard.errors.push({ path: `adjustments.${adjustment.id}`, message: `adjustment ${adjustment.id} added 0: ${result.reason}` });
        } catch (error) {
          scorecard.errors.push({ path: `adjustments.${adjustment.id}`, message: `adjustment ${adjustment.id} added 0: ${(error as Error).message}` });
        }
      }
      scorecard.adjustments[adjustment.id] = points;
      adjustmentSum += points;
    }
    if (total === 0) {
      scorecard.errors.push({ path: 'composite', message: 'no indicator could be scored' });
      return;
    }
    for (const error of scorecard.errors) if (error.path.startsWith('indicators.') || error.path === 'tier') return;
    const composite = Math.min(Math.max(weighted / total + adjustmentSum, doc.composite.min), doc.composite.max);
    scorecard.composite = composite;
    for (const band of doc.bands) {
      if (composite >= band.min) {
        scorecard.band = band.id;
        break;
      }
    }
  }

  function evaluateOne(staff: StaffFacts, period: string | null): StaffEvaluation {
    const tierId = staff.tier ?? null;
    const scorecard: Scorecard = {
      staffId: staff.staffId,
      team: staff.team ?? null,
      period,
      scheme: { key: doc.key, version },
      tier: tierId,
      indicators: {},
      dimensions: {},
      adjustments: {},
      composite: null,
      band: null,
      zone: null,
      zones: [],
      hints: [],
      promotion: null,
      errors: [],
    };
    const tier = tierId === null ? undefined : tiers.get(tierId);
    if (tiers.size > 0 && tier === undefined) {
      scorecard.errors.push({ path: 'tier', message: tierId === null ? `a tier is required: one of ${[...tiers.keys()].join(', ')}` : `unknown tier ${tierId}` });
    }
    const scope = readInputs(staff);
    scoreIndicators(scope, scorecard, tier);
    scoreComposite(scorecard, scope, tier);
    // The scope is dropped here: keeping one per staff member until the conditions pass would
    // move them all to the old generation, and GC would then grow faster than the population.
    return { staff, scorecard };
  }

  /** Team means of the indicators conditions read (computing the others would be wasted work). */
  function teamMeans(evaluations: StaffEvaluation[]): Map<string, Record<string, number>> {
    const collected = new Map<string, Map<string, number[]>>();
    if (meanIndicators.length === 0) return new Map();
    for (const { staff, scorecard } of evaluations) {
      const team = staff.team ?? '';
      let perIndicator = collected.get(team);
      if (!perIndicator) collected.set(team, (perIndicator = new Map()));
      for (const id of meanIndicators) {
        const result = scorecard.indicators[id];
        if (result.status !== 'ok' || result.value === undefined) continue;
        let list = perIndicator.get(id);
        if (!list) perIndicator.set(id, (list = []));
        list.push(result.value);
      }
    }
    const means = new Map<string, Record<string, number>>();
    for (const [team, perIndicator] of collected) {
      const mean: Record<string, number> = {};
      for (const [id, list] of perIndicator) mean[id] = sortedMean(list);
      means.set(team, mean);
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

  function applyConditions(evaluation: StaffEvaluation, team: { mean: Record<string, number> }, byPeriod: Map<string, Scorecard> | undefined, period: string | null): void {
    const { staff, scorecard } = evaluation;
    // Every present input by name, then the facts of SPEC §1.1 (validation keeps their names apart).
    const facts = readInputs(staff, conditionInputTypes);
    const dimensionFacts: Record<string, number> = {};
    for (const id in scorecard.dimensions) {
      const score = scorecard.dimensions[id].score;
      if (score !== null) dimensionFacts[id] = score;
    }
    // The indicator results serve as the `indicator` fact ({value, score, status}); an excluded one has neither value nor score.
    facts.indicator = scorecard.indicators;
    facts.dimension = dimensionFacts;
    facts.composite = scorecard.composite;
    facts.band = scorecard.band;
    facts.tier = scorecard.tier;
    facts.team = team;
    facts.previous = previousScorecard(byPeriod, period);

    let severity = 0;
    for (const { zone, when } of zones) {
      if (!when(facts)) continue;
      const hit: ZoneHit = { id: zone.id, zone: zone.zone };
      if (zone.action !== undefined) hit.action = zone.action;
      scorecard.zones.push(hit);
      if (ZONE_SEVERITY[zone.zone] > severity) {
        severity = ZONE_SEVERITY[zone.zone];
        scorecard.zone = zone.zone;
      }
    }
    for (const { hint, when } of hints) if (when(facts)) scorecard.hints.push({ id: hint.id, text: hint.text });

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

  return {
    document: doc,
    evaluate(population, options = {}) {
      const period = options.period ?? null;
      if (period !== null) {
        const problem = checkPeriod(period, doc.period);
        if (problem) throw new EvaluationInputError(problem);
      }
      const evaluations: StaffEvaluation[] = new Array(population.length);
      for (let i = 0; i < population.length; i += 1) evaluations[i] = evaluateOne(population[i], period);
      const teams = new Map<string, { mean: Record<string, number> }>();
      for (const [team, mean] of teamMeans(evaluations)) teams.set(team, { mean });
      const history = historyIndex(options.history ?? []);
      for (const evaluation of evaluations) {
        applyConditions(evaluation, teams.get(evaluation.staff.team ?? '') ?? { mean: {} }, history.get(evaluation.staff.staffId), period);
      }
      const scorecards: Scorecard[] = new Array(evaluations.length);
      for (let i = 0; i < evaluations.length; i += 1) scorecards[i] = evaluations[i].scorecard;
      return scorecards;
    },
  };
}

export type { ScorecardError };
