import { DEFAULT_POINTS, type Dimension, type LocalizedText, type Scoring, schemeDocumentSchema } from '@carescore/engine';

/** A knot of an indicator's scoring curve: a value and the score it earns. */
export interface ScoringLine {
  value: number;
  score: number;
}

export interface IndicatorOutline {
  id: string;
  name: LocalizedText | null;
  description: LocalizedText | null;
  unit: string | null;
  direction: 'higher' | 'lower';
  formula: string;
  missing: 'exclude' | 'zero' | 'error';
  /** The scoring definition as written (thresholds with their point scores filled in). */
  scoring: Scoring;
  /**
   * The lines it was scored against: for thresholds the knots of the piecewise-linear curve
   * ((floor, 0), (baseline, 60), (target, 80), (excellent, 100) unless the scheme sets other
   * points); for bands each band's bound and score; for linear (min, 0) and (max, 100); raw none.
   */
  lines: ScoringLine[];
}

export interface DimensionOutline {
  id: string;
  name: LocalizedText | null;
  weight: number;
  /** The enclosing dimension; null for a top-level one. */
  parentId: string | null;
  /** 0 for top-level dimensions. */
  depth: number;
  /** Child dimension ids in document order (empty for a leaf). */
  children: string[];
  /** A leaf's indicators in document order with the weights written in the scheme (tiers may override them). */
  indicators: Array<{ id: string; weight: number }>;
}

/** What a stored scheme version says about the names, lines and structure behind a scorecard. */
export interface SchemeOutline {
  documentVersionId: string;
  key: string;
  version: number;
  name: LocalizedText | null;
  indicators: IndicatorOutline[];
  /** Every dimension, depth first in document order (a parent before its children). */
  dimensions: DimensionOutline[];
  topLevelDimensions: string[];
  bands: Array<{ id: string; name: LocalizedText | null; min: number }>;
  zones: Array<{ id: string; name: LocalizedText | null; zone: 'red' | 'yellow' | 'blue'; action: string | null }>;
  tiers: Array<{ id: string; name: LocalizedText | null }>;
  adjustments: Array<{ id: string; name: LocalizedText | null; description: LocalizedText | null; min: number | null; max: number | null }>;
}

export interface StoredVersion {
  id: string;
  key: string;
  version: number;
  content: Record<string, unknown>;
}

/**
 * Reads a stored scheme version into an outline. The content was validated when it was stored;
 * parsing it again only fills in the defaults (direction, missing policy, points).
 */
export function outlineScheme(stored: StoredVersion): SchemeOutline {
  const parsed = schemeDocumentSchema.safeParse({ ...stored.content, version: undefined, status: undefined });
  if (!parsed.success) throw new Error(`document version ${stored.id} is not a readable scheme: ${parsed.error.message}`);
  const doc = parsed.data;
  const dimensions: DimensionOutline[] = [];
  const visit = (dimension: Dimension, parentId: string | null, depth: number) => {
    dimensions.push({
      id: dimension.id,
      name: dimension.name ?? null,
      weight: dimension.weight,
      parentId,
      depth,
      children: (dimension.children ?? []).map((child) => child.id),
      indicators: (dimension.indicators ?? []).map((ref) => ({ id: ref.id, weight: ref.weight })),
    });
    for (const child of dimension.children ?? []) visit(child, dimension.id, depth + 1);
  };
  for (const dimension of doc.dimensions) visit(dimension, null, 0);
  return {
    documentVersionId: stored.id,
    key: stored.key,
    version: stored.version,
    name: doc.name ?? null,
    indicators: doc.indicators.map((indicator) => {
      const scoring = withPoints(indicator.scoring);
      return {
        id: indicator.id,
        name: indicator.name ?? null,
        description: indicator.description ?? null,
        unit: indicator.unit ?? null,
        direction: indicator.direction,
        formula: indicator.formula,
        missing: indicator.missing,
        scoring,
        lines: scoringLines(scoring),
      };
    }),
    dimensions,
    topLevelDimensions: doc.dimensions.map((dimension) => dimension.id),
    bands: doc.bands.map((band) => ({ id: band.id, name: band.name ?? null, min: band.min })),
    zones: doc.zones.map((zone) => ({ id: zone.id, name: zone.name ?? null, zone: zone.zone, action: zone.action ?? null })),
    tiers: doc.tiers.map((tier) => ({ id: tier.id, name: tier.name ?? null })),
    adjustments: doc.adjustments.map((adjustment) => ({
      id: adjustment.id,
      name: adjustment.name ?? null,
      description: adjustment.description ?? null,
      min: adjustment.min ?? null,
      max: adjustment.max ?? null,
    })),
  };
}

function withPoints(scoring: Scoring): Scoring {
  if (scoring.type !== 'thresholds') return scoring;
  return { ...scoring, points: { ...DEFAULT_POINTS, ...scoring.points } };
}

function scoringLines(scoring: Scoring): ScoringLine[] {
  switch (scoring.type) {
    case 'thresholds': {
      const points = { ...DEFAULT_POINTS, ...scoring.points };
      const lines: ScoringLine[] = [];
      if (scoring.floor !== undefined) lines.push({ value: scoring.floor, score: 0 });
      lines.push({ value: scoring.baseline, score: points.baseline }, { value: scoring.target, score: points.target }, { value: scoring.excellent, score: points.excellent });
      return lines;
    }
    case 'bands':
      return scoring.bands.flatMap((band) => {
        const value = band.min ?? band.max;
        return value === undefined ? [] : [{ value, score: band.score }];
      });
    case 'linear':
      return [
        { value: scoring.min, score: 0 },
        { value: scoring.max, score: 100 },
      ];
    case 'raw':
      return [];
  }
}

/** The text of a `{zh, en}` name in the wanted language, else the other one, else the fallback. */
export function localized(name: LocalizedText | null | undefined, locale: 'zh' | 'en', fallback: string): string {
  if (!name) return fallback;
  return (locale === 'zh' ? (name.zh ?? name.en) : (name.en ?? name.zh)) ?? fallback;
}

/**
 * The union of several outlines' items in document order: the first outline's items first, then
 * the items only later outlines have, each where it first appears. Used when one period's
 * scorecards come from more than one scheme version.
 */
export function mergedInOrder<T>(outlines: readonly SchemeOutline[], items: (outline: SchemeOutline) => readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const outline of outlines) for (const item of items(outline)) if (!seen.has(keyOf(item))) seen.set(keyOf(item), item);
  return [...seen.values()];
}
