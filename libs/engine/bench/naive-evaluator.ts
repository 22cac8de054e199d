import { all, create, type MathNode, type SymbolNode } from 'mathjs';
import type { Event } from 'json-rules-engine';
import { createReferenceEngine, type Dimension, type SchemeDocument, scoreValue, type StaffFacts, toFiniteNumber, type ZoneColour } from '../src';

/**
 * The naive way to evaluate a scheme, as a baseline for the compiled engine: for every staff
 * member, every formula is parsed again with mathjs and a new json-rules-engine Engine is built
 * for the zones, hints and promotion condition and awaited. It computes the same things as
 * `compileScheme(…).evaluate` (indicator values and scores, renormalised dimension scores,
 * adjustments, composite, band, zones, hints, promotion criteria) so the comparison is honest;
 * the pure `scoreValue` and `toFiniteNumber` are shared. No history: `previous` is null.
 */

/** The same mathjs configuration as the formula sandbox, so values agree to the last bit. */
const math = create(all, { number: 'number', predictable: true });

export interface NaiveIndicator {
  status: 'ok' | 'missing' | 'excluded';
  value?: number;
  score?: number;
}

export interface NaiveScorecard {
  staffId: string;
  indicators: Record<string, NaiveIndicator>;
  dimensions: Record<string, number | null>;
  adjustments: Record<string, number>;
  composite: number | null;
  band: string | null;
  zone: ZoneColour | null;
  zones: string[];
  hints: string[];
  promotion: { to: string; criteriaMet: boolean; eligible: boolean } | null;
  errors: string[];
}

const SEVERITY: Record<ZoneColour, number> = { blue: 1, yellow: 2, red: 3 };

function readsOf(node: MathNode, names: ReadonlySet<string>): string[] {
  const symbols = node.filter((n) => n.type === 'SymbolNode').map((n) => (n as SymbolNode).name);
  return [...new Set(symbols.filter((name) => names.has(name)))];
}

interface Pass1 {
  staff: StaffFacts;
  inputs: Record<string, unknown>;
  card: NaiveScorecard;
}

function presentInputs(doc: SchemeDocument, staff: StaffFacts): Record<string, unknown> {
  const present: Record<string, unknown> = {};
  for (const [name, declared] of Object.entries(doc.inputs)) {
    const value = staff.inputs?.[name];
    if (value === undefined || value === null) continue;
    if (declared.type === 'number' ? typeof value === 'number' : Array.isArray(value)) present[name] = value;
  }
  return present;
}

function scoreOne(doc: SchemeDocument, staff: StaffFacts): Pass1 {
  const inputs = presentInputs(doc, staff);
  const inputNames = new Set(Object.keys(doc.inputs));
  const indicatorIds = new Set(doc.indicators.map((indicator) => indicator.id));
  const names = new Set([...inputNames, ...indicatorIds]);
  const tier = staff.tier == null ? undefined : doc.tiers.find((candidate) => candidate.id === staff.tier);
  const card: NaiveScorecard = {
    staffId: staff.staffId,
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
  if (doc.tiers.length > 0 && tier === undefined) card.errors.push('tier');

  // Indicator values: parse the formula (every staff member, every time), resolve what it reads, evaluate.
  const scope: Record<string, unknown> = { ...inputs };
  const values = new Map<string, number | null>();
  const byId = new Map(doc.indicators.map((indicator) => [indicator.id, indicator]));
  const valueOf = (id: string): number | null => {
    if (values.has(id)) return values.get(id) as number | null;
    const node = math.parse((byId.get(id) as { formula: string }).formula);
    let value: number | null = null;
    const reads = readsOf(node, names);
    const ready = reads.every((name) => (indicatorIds.has(name) ? valueOf(name) !== null : name in inputs));
    if (ready) {
      try {
        const result = toFiniteNumber(node.evaluate(scope));
        if ('value' in result) value = result.value;
      } catch {
        value = null;
      }
    }
    values.set(id, value);
    if (value !== null) scope[id] = value;
    return value;
  };
  for (const indicator of doc.indicators) {
    const value = valueOf(indicator.id);
    if (tier?.indicators && !tier.indicators.includes(indicator.id)) card.indicators[indicator.id] = { status: 'excluded' };
    else if (value !== null) card.indicators[indicator.id] = { status: 'ok', value, score: scoreValue(value, indicator.scoring, indicator.direction) };
    else if (indicator.missing === 'zero') card.indicators[indicator.id] = { status: 'missing', score: 0 };
    else {
      card.indicators[indicator.id] = { status: 'missing' };
      if (indicator.missing === 'error') card.errors.push(`indicators.${indicator.id}`);
    }
  }

  // Dimensions: weighted means over what is present, renormalised.
  const dimensionScore = (dimension: Dimension): number | null => {
    let weighted = 0;
    let total = 0;
    if (dimension.children && dimension.children.length > 0) {
      for (const child of dimension.children) {
        const score = dimensionScore(child);
        if (score === null) continue;
        weighted += child.weight * score;
        total += child.weight;
      }
    } else {
      for (const ref of dimension.indicators ?? []) {
        const result = card.indicators[ref.id];
        if (result.status === 'excluded' || result.score === undefined) continue;
        const weight = tier?.weights?.[ref.id] ?? ref.weight;
        weighted += weight * result.score;
        total += weight;
      }
    }
    const score = total > 0 ? weighted / total : null;
    card.dimensions[dimension.id] = score;
    return score;
  };
  let weighted = 0;
  let total = 0;
  for (const dimension of doc.dimensions) {
    const score = dimensionScore(dimension);
    if (score === null) continue;
    weighted += dimension.weight * score;
    total += dimension.weight;
  }

  let adjustmentSum = 0;
  for (const adjustment of doc.adjustments) {
    let points = 0;
    const node = math.parse(adjustment.formula);
    if (readsOf(node, names).every((name) => name in scope)) {
      try {
        const result = toFiniteNumber(node.evaluate(scope));
        if ('value' in result) points = Math.min(Math.max(result.value, adjustment.min ?? -Infinity), adjustment.max ?? Infinity);
      } catch {
        points = 0;
      }
    }
    card.adjustments[adjustment.id] = points;
    adjustmentSum += points;
  }
  if (total > 0 && card.errors.length === 0) {
    card.composite = Math.min(Math.max(weighted / total + adjustmentSum, doc.composite.min), doc.composite.max);
    card.band = doc.bands.find((band) => (card.composite as number) >= band.min)?.id ?? null;
  }
  return { staff, inputs, card };
}

function teamMeans(evaluated: Pass1[]): Map<string, Record<string, number>> {
  const lists = new Map<string, Map<string, number[]>>();
  for (const { staff, card } of evaluated) {
    const team = staff.team ?? '';
    if (!lists.has(team)) lists.set(team, new Map());
    const perIndicator = lists.get(team) as Map<string, number[]>;
    for (const [id, result] of Object.entries(card.indicators)) {
      if (result.status !== 'ok' || result.value === undefined) continue;
      if (!perIndicator.has(id)) perIndicator.set(id, []);
      (perIndicator.get(id) as number[]).push(result.value);
    }
  }
  const means = new Map<string, Record<string, number>>();
  for (const [team, perIndicator] of lists) {
    const mean: Record<string, number> = {};
    for (const [id, list] of perIndicator) {
      list.sort((a, b) => a - b);
      let sum = 0;
      for (const value of list) sum += value;
      mean[id] = sum / list.length;
    }
    means.set(team, mean);
  }
  return means;
}

async function applyConditions(doc: SchemeDocument, { staff, inputs, card }: Pass1, mean: Record<string, number>): Promise<void> {
  const engine = createReferenceEngine();
  doc.zones.forEach((zone) => engine.addRule({ name: `zone:${zone.id}`, conditions: zone.when as never, event: { type: 'zone', params: { id: zone.id } } }));
  doc.hints.forEach((hint) => engine.addRule({ name: `hint:${hint.id}`, conditions: hint.when as never, event: { type: 'hint', params: { id: hint.id } } }));
  const promotion = staff.tier == null ? undefined : doc.tiers.find((tier) => tier.id === staff.tier)?.promotion;
  if (promotion) engine.addRule({ name: 'promotion', conditions: promotion.when as never, event: { type: 'promotion', params: {} } });

  const indicator: Record<string, NaiveIndicator> = {};
  for (const [id, result] of Object.entries(card.indicators)) if (result.status !== 'excluded') indicator[id] = { value: result.value, score: result.score, status: result.status };
  const dimension: Record<string, number> = {};
  for (const [id, score] of Object.entries(card.dimensions)) if (score !== null) dimension[id] = score;
  const facts: Record<string, unknown> = {
    ...inputs,
    indicator,
    dimension,
    composite: card.composite,
    band: card.band,
    tier: staff.tier ?? null,
    team: { mean },
    previous: null,
  };
  const { events } = await engine.run(facts);
  const hit = (type: string, id?: string) => events.some((event: Event) => event.type === type && (id === undefined || event.params?.id === id));

  let severity = 0;
  for (const zone of doc.zones) {
    if (!hit('zone', zone.id)) continue;
    card.zones.push(zone.id);
    if (SEVERITY[zone.zone] > severity) {
      severity = SEVERITY[zone.zone];
      card.zone = zone.zone;
    }
  }
  for (const hint of doc.hints) if (hit('hint', hint.id)) card.hints.push(hint.id);
  if (promotion) {
    const criteriaMet = hit('promotion');
    // Without history, only a one-period rule can be eligible.
    card.promotion = { to: promotion.to, criteriaMet, eligible: criteriaMet && promotion.consecutivePeriods <= 1 };
  }
}

/** Evaluates a population the naive way (see the file comment). */
export async function evaluateNaive(doc: SchemeDocument, population: readonly StaffFacts[]): Promise<NaiveScorecard[]> {
  const evaluated = population.map((staff) => scoreOne(doc, staff));
  const means = teamMeans(evaluated);
  for (const one of evaluated) await applyConditions(doc, one, means.get(one.staff.team ?? '') ?? {});
  return evaluated.map((one) => one.card);
}
