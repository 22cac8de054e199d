import { analyseFormula, type FormulaProblem, RESERVED_NAMES } from '../formula/sandbox';
import type { Dimension, Indicator, SchemeDocument } from '../schema/scheme.schema';
import { schemeDocumentSchema } from '../schema/scheme.schema';
import { checkConditionReferences, type ConditionVocabulary } from './condition-references';
import { issue, type ValidationIssue, type ValidationResult, joinPath, zodIssuesToValidationIssues } from './issues';

/** Facts every scheme condition may use besides the declared inputs (SPEC §1.1); their names are reserved. */
export const SCHEME_CONDITION_FACTS = ['indicator', 'dimension', 'composite', 'band', 'tier', 'team', 'previous'] as const;
/**
 * `change` (this period minus the previous one) came after SPEC §1.1: it is not reserved, so a document valid before
 * (an input named `change`) stays valid; such an input is the `change` fact of that scheme instead.
 */
export const CHANGE_FACT = 'change';
export const readsChangeFact = (doc: Pick<SchemeDocument, 'inputs'>): boolean => !Object.hasOwn(doc.inputs, CHANGE_FACT);

const WEIGHT_TOLERANCE = 0.001;
export const MAX_DIMENSION_DEPTH = 3;

export function validateScheme(raw: unknown): ValidationResult<SchemeDocument> {
  const parsed = schemeDocumentSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: zodIssuesToValidationIssues(parsed.error) };
  const issues = checkSchemeSemantics(parsed.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: parsed.data, issues: [] };
}

export function duplicateIds(items: ReadonlyArray<{ id: string }>, at: string, kind: string): ValidationIssue[] {
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  items.forEach((item, index) => {
    if (seen.has(item.id)) issues.push(issue(joinPath(at, index, 'id'), 'id.duplicate', { kind, id: item.id }));
    seen.add(item.id);
  });
  return issues;
}

/** `level`: dimensions (the top level), children (sibling dimensions) or indicators (of `dimension`). */
function checkWeightSum(weights: number[], at: string, level: 'dimensions' | 'children' | 'indicators', dimension?: string): ValidationIssue[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 100) > WEIGHT_TOLERANCE) {
    return [issue(at, 'weights.sum', { level, sum: Number(sum.toFixed(6)), ...(dimension === undefined ? {} : { dimension }) })];
  }
  return [];
}

function checkInputs(doc: SchemeDocument): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const factNames = new Set<string>(SCHEME_CONDITION_FACTS);
  for (const [name, input] of Object.entries(doc.inputs)) {
    const at = joinPath('inputs', name);
    if (RESERVED_NAMES.has(name)) issues.push(issue(at, 'input.reserved_formula_name', { name }));
    if (factNames.has(name)) issues.push(issue(at, 'input.reserved_fact', { name }));
    if (input.min !== undefined && input.max !== undefined && input.min > input.max) {
      issues.push(issue(joinPath(at, 'max'), 'range.below_min', { field: 'min', min: input.min }));
    }
  }
  return issues;
}

function checkScoring(indicator: Indicator, at: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const scoring = indicator.scoring;
  const higher = indicator.direction === 'higher';
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
          issues.push(issue(joinPath(at, 'scoring', name), 'scoring.threshold_order', { previous: previous[0], previousValue: previous[1], direction: indicator.direction }));
        }
        previous = [name, value];
      }
      const points = { baseline: 60, target: 80, excellent: 100, ...scoring.points };
      if (!(points.baseline < points.target && points.target < points.excellent)) {
        issues.push(issue(joinPath(at, 'scoring', 'points'), 'scoring.points_order'));
      }
      break;
    }
    case 'bands': {
      const bound = higher ? 'min' : 'max';
      const other = higher ? 'max' : 'min';
      scoring.bands.forEach((band, index) => {
        const bandAt = joinPath(at, 'scoring', 'bands', index);
        if (band[bound] === undefined) issues.push(issue(joinPath(bandAt, bound), 'scoring.band_bound_required', { direction: indicator.direction }));
        if (band[other] !== undefined) issues.push(issue(joinPath(bandAt, other), 'scoring.band_bound_unused', { direction: indicator.direction, bound }));
        const previous = index > 0 ? scoring.bands[index - 1][bound] : undefined;
        const current = band[bound];
        if (previous !== undefined && current !== undefined && !(higher ? current < previous : current > previous)) {
          issues.push(issue(joinPath(bandAt, bound), 'bands.order', { by: bound, current, previous }));
        }
      });
      break;
    }
    case 'linear':
      if (!(scoring.min < scoring.max)) issues.push(issue(joinPath(at, 'scoring', 'max'), 'range.not_above_min', { min: scoring.min }));
      break;
    case 'raw':
      if (!higher) issues.push(issue(joinPath(at, 'direction'), 'scoring.raw_direction'));
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
        issues.push(issue(joinPath('indicators', indexOf.get(id) ?? 0, 'formula'), 'indicator.cycle', { id, cycle: cycle.join(' → ') }));
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

/** A formula's problems as issues, each prefixed by what owns the formula (`indicator x: …`). */
function formulaIssues(problems: readonly FormulaProblem[], at: string, kind: 'indicator' | 'adjustment', id: string): ValidationIssue[] {
  return problems.map((problem) => issue(at, problem.code, { kind, id, ...problem.params }));
}

function checkIndicators(doc: SchemeDocument): ValidationIssue[] {
  const issues: ValidationIssue[] = duplicateIds(doc.indicators, 'indicators', 'indicator');
  const inputNames = new Set(Object.keys(doc.inputs));
  const indicatorIds = new Set(doc.indicators.map((indicator) => indicator.id));
  const scope = new Set([...inputNames, ...indicatorIds]);
  const dependencies = new Map<string, string[]>();
  doc.indicators.forEach((indicator, index) => {
    const at = joinPath('indicators', index);
    if (inputNames.has(indicator.id)) issues.push(issue(joinPath(at, 'id'), 'indicator.id_is_input', { id: indicator.id }));
    if (RESERVED_NAMES.has(indicator.id)) issues.push(issue(joinPath(at, 'id'), 'indicator.id_reserved_formula_name', { id: indicator.id }));
    if ((SCHEME_CONDITION_FACTS as readonly string[]).includes(indicator.id)) issues.push(issue(joinPath(at, 'id'), 'indicator.id_reserved_fact', { id: indicator.id }));
    const analysis = analyseFormula(indicator.formula, scope);
    issues.push(...formulaIssues(analysis.problems, joinPath(at, 'formula'), 'indicator', indicator.id));
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
    issues.push(...checkWeightSum(dimensions.map((d) => d.weight), at, depth === 1 ? 'dimensions' : 'children'));
    dimensions.forEach((dimension, index) => {
      const dimAt = joinPath(at, index);
      if (dimensionIds.has(dimension.id)) issues.push(issue(joinPath(dimAt, 'id'), 'id.duplicate', { kind: 'dimension', id: dimension.id }));
      dimensionIds.add(dimension.id);
      const hasChildren = (dimension.children?.length ?? 0) > 0;
      const hasIndicators = (dimension.indicators?.length ?? 0) > 0;
      if (hasChildren === hasIndicators) {
        issues.push(issue(dimAt, 'dimension.children_or_indicators', { id: dimension.id, both: hasChildren }));
      }
      if (hasChildren) {
        if (depth >= MAX_DIMENSION_DEPTH) {
          issues.push(issue(joinPath(dimAt, 'children'), 'dimension.too_deep', { max: MAX_DIMENSION_DEPTH }));
        } else {
          walk(dimension.children ?? [], joinPath(dimAt, 'children'), depth + 1);
        }
      }
      if (hasIndicators) {
        const refs = dimension.indicators ?? [];
        issues.push(...checkWeightSum(refs.map((ref) => ref.weight), joinPath(dimAt, 'indicators'), 'indicators', dimension.id));
        refs.forEach((ref, refIndex) => {
          const refAt = joinPath(dimAt, 'indicators', refIndex, 'id');
          if (!indicatorIds.has(ref.id)) issues.push(issue(refAt, 'reference.unknown', { kind: 'indicator', id: ref.id }));
          const owner = usedIndicators.get(ref.id);
          if (owner !== undefined) issues.push(issue(refAt, 'indicator.weighted_twice', { id: ref.id, dimension: owner }));
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
    issues.push(...formulaIssues(analyseFormula(adjustment.formula, scope).problems, joinPath(at, 'formula'), 'adjustment', adjustment.id));
    if (adjustment.min !== undefined && adjustment.max !== undefined && adjustment.min > adjustment.max) {
      issues.push(issue(joinPath(at, 'max'), 'range.below_min', { field: 'min', min: adjustment.min }));
    }
  });
  if (!(doc.composite.min < doc.composite.max)) issues.push(issue('composite.max', 'range.not_above_min', { min: doc.composite.min }));
  issues.push(...duplicateIds(doc.bands, 'bands', 'band'));
  doc.bands.forEach((band, index) => {
    if (index > 0 && !(band.min < doc.bands[index - 1].min)) {
      issues.push(issue(joinPath('bands', index, 'min'), 'bands.order', { by: 'min', current: band.min, previous: doc.bands[index - 1].min }));
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
    sectionedFacts: new Map(
      readsChangeFact(doc)
        ? [
            [
              CHANGE_FACT,
              new Map([
                ['composite', undefined],
                ['dimension', { keys: dimensionIds, what: 'dimension' }],
                ['indicator', { keys: indicatorIds, what: 'indicator' }],
              ]),
            ],
          ]
        : [],
    ),
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
      if (!indicatorIds.has(id)) issues.push(issue(joinPath(at, 'indicators', i), 'reference.unknown', { kind: 'indicator', id }));
    });
    for (const id of Object.keys(tier.weights ?? {})) {
      if (!indicatorIds.has(id)) issues.push(issue(joinPath(at, 'weights', id), 'reference.unknown', { kind: 'indicator', id }));
      else if (!listed.has(id)) issues.push(issue(joinPath(at, 'weights', id), 'tier.indicator_not_listed', { id, tier: tier.id }));
    }
    if (tier.promotion) {
      if (!tierIds.has(tier.promotion.to)) issues.push(issue(joinPath(at, 'promotion', 'to'), 'reference.unknown', { kind: 'tier', id: tier.promotion.to }));
      else if (tier.promotion.to === tier.id) issues.push(issue(joinPath(at, 'promotion', 'to'), 'tier.self_promotion'));
      issues.push(...checkConditionReferences(tier.promotion.when, joinPath(at, 'promotion', 'when'), vocabulary));
    }
  });
  issues.push(...duplicateIds(doc.zones, 'zones', 'zone'));
  doc.zones.forEach((zone, index) => issues.push(...checkConditionReferences(zone.when, joinPath('zones', index, 'when'), vocabulary)));
  issues.push(...duplicateIds(doc.hints, 'hints', 'hint'));
  doc.hints.forEach((hint, index) => issues.push(...checkConditionReferences(hint.when, joinPath('hints', index, 'when'), vocabulary)));
  issues.push(...duplicateIds(doc.reminders, 'reminders', 'reminder'));
  doc.reminders.forEach((reminder, index) => issues.push(...checkConditionReferences(reminder.when, joinPath('reminders', index, 'when'), vocabulary)));
  issues.push(...duplicateIds(doc.awards, 'awards', 'award'));
  doc.awards.forEach((award, index) => issues.push(...checkConditionReferences(award.when, joinPath('awards', index, 'when'), vocabulary)));
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
