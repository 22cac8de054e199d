import { analyseFormula, RESERVED_NAMES } from '../formula/sandbox';
import type { Dimension, Indicator, SchemeDocument } from '../schema/scheme.schema';
import { schemeDocumentSchema } from '../schema/scheme.schema';
import { checkConditionReferences, type ConditionVocabulary } from './condition-references';
import { type ValidationIssue, type ValidationResult, joinPath, zodIssuesToValidationIssues } from './issues';

/** Facts every scheme condition may use besides the declared inputs (SPEC §1.1). */
export const SCHEME_CONDITION_FACTS = ['indicator', 'dimension', 'composite', 'band', 'tier', 'team', 'previous'] as const;

const WEIGHT_TOLERANCE = 0.001;
export const MAX_DIMENSION_DEPTH = 3;

export function validateScheme(raw: unknown): ValidationResult<SchemeDocument> {
  const parsed = schemeDocumentSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: zodIssuesToValidationIssues(parsed.error) };
  const issues = checkSchemeSemantics(parsed.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: parsed.data, issues: [] };
}

function duplicateIds(items: ReadonlyArray<{ id: string }>, at: string, what: string): ValidationIssue[] {
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  items.forEach((item, index) => {
    if (seen.has(item.id)) issues.push({ path: joinPath(at, index, 'id'), message: `duplicate ${what} id ${item.id}` });
    seen.add(item.id);
  });
  return issues;
}

function checkWeightSum(weights: number[], at: string, what: string): ValidationIssue[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 100) > WEIGHT_TOLERANCE) {
    return [{ path: at, message: `weights of ${what} must sum to 100, they sum to ${Number(sum.toFixed(6))}` }];
  }
  return [];
}

function checkInputs(doc: SchemeDocument): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const factNames = new Set<string>(SCHEME_CONDITION_FACTS);
  for (const [name, input] of Object.entries(doc.inputs)) {
    const at = joinPath('inputs', name);
    if (RESERVED_NAMES.has(name)) issues.push({ path: at, message: `${name} is a reserved formula name; choose another input name` });
    if (factNames.has(name)) issues.push({ path: at, message: `${name} is a reserved condition fact; choose another input name` });
    if (input.min !== undefined && input.max !== undefined && input.min > input.max) {
      issues.push({ path: joinPath(at, 'max'), message: `must be at least min (${input.min})` });
    }
  }
  return issues;
}

function checkScoring(indicator: Indicator, at: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const scoring = indicator.scoring;
  const higher = indicator.direction === 'higher';
  const better = higher ? 'greater' : 'less';
  const ordered = (a: number, b: number) => (higher ? a < b : a > b);
  switch (scoring.type) {
    case 'thresholds': {
      const chain: Array<[string, number | undefined]> = [
        ['floor', scoring.floor],
        ['baseline', scoring.baseline],
        ['target', scoring.target],
        ['excellent', scoring.excellent],
      ];
      let previous: [string, number] | undefined;
      for (const [name, value] of chain) {
        if (value === undefined) continue;
        if (previous && !ordered(previous[1], value)) {
          issues.push({
            path: joinPath(at, 'scoring', name),
            message: `must be ${better} than ${previous[0]} (${previous[1]}) for direction ${indicator.direction}`,
          });
        }
        previous = [name, value];
      }
      const points = { baseline: 60, target: 80, excellent: 100, ...scoring.points };
      if (!(points.baseline < points.target && points.target < points.excellent)) {
        issues.push({ path: joinPath(at, 'scoring', 'points'), message: 'point scores must rise: baseline < target < excellent' });
      }
      break;
    }
    case 'bands': {
      const bound = higher ? 'min' : 'max';
      const other = higher ? 'max' : 'min';
      scoring.bands.forEach((band, index) => {
        const bandAt = joinPath(at, 'scoring', 'bands', index);
        if (band[bound] === undefined) issues.push({ path: joinPath(bandAt, bound), message: `is required for direction ${indicator.direction}` });
        if (band[other] !== undefined) issues.push({ path: joinPath(bandAt, other), message: `is not used for direction ${indicator.direction}; use ${bound}` });
        const previous = index > 0 ? scoring.bands[index - 1][bound] : undefined;
        const current = band[bound];
        if (previous !== undefined && current !== undefined && !(higher ? current < previous : current > previous)) {
          issues.push({
            path: joinPath(bandAt, bound),
            message: higher ? `bands must be ordered by min, highest first (${current} after ${previous})` : `bands must be ordered by max, lowest first (${current} after ${previous})`,
          });
        }
      });
      break;
    }
    case 'linear':
      if (!(scoring.min < scoring.max)) issues.push({ path: joinPath(at, 'scoring', 'max'), message: `must be greater than min (${scoring.min})` });
      break;
    case 'raw':
      if (!higher) issues.push({ path: joinPath(at, 'direction'), message: 'raw scoring uses the value as the score, so direction must be higher' });
      break;
  }
  return issues;
}

function findCycles(doc: SchemeDocument, dependencies: Map<string, string[]>): ValidationIssue[] {
  const indexOf = new Map(doc.indicators.map((indicator, index) => [indicator.id, index]));
  const state = new Map<string, 'visiting' | 'done'>();
  const issues: ValidationIssue[] = [];
  const reported = new Set<string>();
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(id)), id];
      const key = [...cycle].sort().join(',');
      if (!reported.has(key)) {
        reported.add(key);
        issues.push({ path: joinPath('indicators', indexOf.get(id) ?? 0, 'formula'), message: `indicator ${id} depends on itself: ${cycle.join(' → ')}` });
      }
      return;
    }
    state.set(id, 'visiting');
    for (const next of dependencies.get(id) ?? []) visit(next, [...trail, id]);
    state.set(id, 'done');
  };
  for (const indicator of doc.indicators) visit(indicator.id, []);
  return issues;
}

function checkIndicators(doc: SchemeDocument): ValidationIssue[] {
  const issues: ValidationIssue[] = duplicateIds(doc.indicators, 'indicators', 'indicator');
  const inputNames = new Set(Object.keys(doc.inputs));
  const indicatorIds = new Set(doc.indicators.map((indicator) => indicator.id));
  const scope = new Set([...inputNames, ...indicatorIds]);
  const dependencies = new Map<string, string[]>();
  doc.indicators.forEach((indicator, index) => {
    const at = joinPath('indicators', index);
    if (inputNames.has(indicator.id)) issues.push({ path: joinPath(at, 'id'), message: `${indicator.id} is already an input name` });
    if (RESERVED_NAMES.has(indicator.id)) issues.push({ path: joinPath(at, 'id'), message: `${indicator.id} is a reserved formula name` });
    if ((SCHEME_CONDITION_FACTS as readonly string[]).includes(indicator.id)) issues.push({ path: joinPath(at, 'id'), message: `${indicator.id} is a reserved condition fact; choose another indicator id` });
    const analysis = analyseFormula(indicator.formula, scope);
    for (const message of analysis.errors) issues.push({ path: joinPath(at, 'formula'), message: `indicator ${indicator.id}: ${message}` });
    dependencies.set(indicator.id, analysis.symbols.filter((symbol) => indicatorIds.has(symbol)));
    issues.push(...checkScoring(indicator, at));
  });
  issues.push(...findCycles(doc, dependencies));
  return issues;
}

function checkDimensions(doc: SchemeDocument): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const indicatorIds = new Set(doc.indicators.map((indicator) => indicator.id));
  const dimensionIds = new Set<string>();
  const usedIndicators = new Map<string, string>();
  const walk = (dimensions: Dimension[], at: string, depth: number): void => {
    issues.push(...checkWeightSum(dimensions.map((d) => d.weight), at, depth === 1 ? 'the top-level dimensions' : 'sibling dimensions'));
    dimensions.forEach((dimension, index) => {
      const dimAt = joinPath(at, index);
      if (dimensionIds.has(dimension.id)) issues.push({ path: joinPath(dimAt, 'id'), message: `duplicate dimension id ${dimension.id}` });
      dimensionIds.add(dimension.id);
      const hasChildren = (dimension.children?.length ?? 0) > 0;
      const hasIndicators = (dimension.indicators?.length ?? 0) > 0;
      if (hasChildren === hasIndicators) {
        issues.push({ path: dimAt, message: `dimension ${dimension.id} must have either children or indicators${hasChildren ? ', not both' : ''}` });
      }
      if (hasChildren) {
        if (depth >= MAX_DIMENSION_DEPTH) {
          issues.push({ path: joinPath(dimAt, 'children'), message: `dimensions may nest at most ${MAX_DIMENSION_DEPTH} levels deep` });
        } else {
          walk(dimension.children ?? [], joinPath(dimAt, 'children'), depth + 1);
        }
      }
      if (hasIndicators) {
        const refs = dimension.indicators ?? [];
        issues.push(...checkWeightSum(refs.map((ref) => ref.weight), joinPath(dimAt, 'indicators'), `the indicators of dimension ${dimension.id}`));
        refs.forEach((ref, refIndex) => {
          const refAt = joinPath(dimAt, 'indicators', refIndex, 'id');
          if (!indicatorIds.has(ref.id)) issues.push({ path: refAt, message: `unknown indicator ${ref.id}` });
          const owner = usedIndicators.get(ref.id);
          if (owner !== undefined) issues.push({ path: refAt, message: `indicator ${ref.id} is already weighted in dimension ${owner}` });
          usedIndicators.set(ref.id, dimension.id);
        });
      }
    });
  };
  walk(doc.dimensions, 'dimensions', 1);
  return issues;
}

function checkAdjustmentsAndRanges(doc: SchemeDocument): ValidationIssue[] {
  const issues: ValidationIssue[] = duplicateIds(doc.adjustments, 'adjustments', 'adjustment');
  const scope = new Set([...Object.keys(doc.inputs), ...doc.indicators.map((indicator) => indicator.id)]);
  doc.adjustments.forEach((adjustment, index) => {
    const at = joinPath('adjustments', index);
    for (const message of analyseFormula(adjustment.formula, scope).errors) {
      issues.push({ path: joinPath(at, 'formula'), message: `adjustment ${adjustment.id}: ${message}` });
    }
    if (adjustment.min !== undefined && adjustment.max !== undefined && adjustment.min > adjustment.max) {
      issues.push({ path: joinPath(at, 'max'), message: `must be at least min (${adjustment.min})` });
    }
  });
  if (!(doc.composite.min < doc.composite.max)) issues.push({ path: 'composite.max', message: `must be greater than min (${doc.composite.min})` });
  issues.push(...duplicateIds(doc.bands, 'bands', 'band'));
  doc.bands.forEach((band, index) => {
    if (index > 0 && !(band.min < doc.bands[index - 1].min)) {
      issues.push({ path: joinPath('bands', index, 'min'), message: `bands must be ordered by min, highest first (${band.min} after ${doc.bands[index - 1].min})` });
    }
  });
  return issues;
}

function conditionVocabulary(doc: SchemeDocument): ConditionVocabulary {
  const indicatorIds = new Set(doc.indicators.map((indicator) => indicator.id));
  const dimensionIds = new Set<string>();
  const collect = (dimensions: Dimension[]) =>
    dimensions.forEach((d) => {
      dimensionIds.add(d.id);
      collect(d.children ?? []);
    });
  collect(doc.dimensions);
  return {
    scalarFacts: new Set([...Object.keys(doc.inputs), 'composite', 'band', 'tier']),
    keyedFacts: new Map([
      ['indicator', { keys: indicatorIds, what: 'indicator' }],
      ['dimension', { keys: dimensionIds, what: 'dimension' }],
      ['team', { keys: indicatorIds, prefix: 'mean', what: 'indicator' }],
    ]),
    freeFacts: new Set(['previous']),
  };
}

function checkTiersAndRules(doc: SchemeDocument): ValidationIssue[] {
  const issues: ValidationIssue[] = duplicateIds(doc.tiers, 'tiers', 'tier');
  const indicatorIds = new Set(doc.indicators.map((indicator) => indicator.id));
  const tierIds = new Set(doc.tiers.map((tier) => tier.id));
  const vocabulary = conditionVocabulary(doc);
  doc.tiers.forEach((tier, index) => {
    const at = joinPath('tiers', index);
    const listed = tier.indicators ? new Set(tier.indicators) : indicatorIds;
    tier.indicators?.forEach((id, i) => {
      if (!indicatorIds.has(id)) issues.push({ path: joinPath(at, 'indicators', i), message: `unknown indicator ${id}` });
    });
    for (const id of Object.keys(tier.weights ?? {})) {
      if (!indicatorIds.has(id)) issues.push({ path: joinPath(at, 'weights', id), message: `unknown indicator ${id}` });
      else if (!listed.has(id)) issues.push({ path: joinPath(at, 'weights', id), message: `indicator ${id} is not in tier ${tier.id}'s indicator list` });
    }
    if (tier.promotion) {
      if (!tierIds.has(tier.promotion.to)) issues.push({ path: joinPath(at, 'promotion', 'to'), message: `unknown tier ${tier.promotion.to}` });
      else if (tier.promotion.to === tier.id) issues.push({ path: joinPath(at, 'promotion', 'to'), message: 'a tier cannot promote to itself' });
      issues.push(...checkConditionReferences(tier.promotion.when, joinPath(at, 'promotion', 'when'), vocabulary));
    }
  });
  issues.push(...duplicateIds(doc.zones, 'zones', 'zone'));
  doc.zones.forEach((zone, index) => issues.push(...checkConditionReferences(zone.when, joinPath('zones', index, 'when'), vocabulary)));
  issues.push(...duplicateIds(doc.hints, 'hints', 'hint'));
  doc.hints.forEach((hint, index) => issues.push(...checkConditionReferences(hint.when, joinPath('hints', index, 'when'), vocabulary)));
  return issues;
}

export function checkSchemeSemantics(doc: SchemeDocument): ValidationIssue[] {
  return [
    ...checkInputs(doc),
    ...checkIndicators(doc),
    ...checkDimensions(doc),
    ...checkAdjustmentsAndRanges(doc),
    ...checkTiersAndRules(doc),
  ];
}
