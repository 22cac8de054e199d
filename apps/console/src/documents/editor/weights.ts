import type { DocPath } from './paths';

/** Siblings' weights must sum to 100 within this tolerance (the engine's rule, SPEC §1.2 rule 5). */
export const WEIGHT_TOLERANCE = 0.001;

export interface WeightLevel {
  /** The list whose weights are summed: `['dimensions']`, `['dimensions', 0, 'children']`, `['dimensions', 0, 'indicators']`. */
  path: DocPath;
  sum: number;
  ok: boolean;
}

interface Weighted {
  weight?: unknown;
}

interface DimensionLike extends Weighted {
  children?: unknown;
  indicators?: unknown;
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Σ weights of a list of siblings; a weight that is not a number counts as 0. */
export function weightSum(items: readonly unknown[]): number {
  return items.reduce<number>((sum, item) => {
    const weight = (item as Weighted | null)?.weight;
    return sum + (typeof weight === 'number' && Number.isFinite(weight) ? weight : 0);
  }, 0);
}

export function sumsTo100(sum: number): boolean {
  return Math.abs(sum - 100) <= WEIGHT_TOLERANCE;
}

/** Every level of the dimension tree (top dimensions, each one's children or indicators) with its sum. */
export function weightLevels(dimensions: unknown, path: DocPath = ['dimensions']): WeightLevel[] {
  const list = asList(dimensions);
  const sum = weightSum(list);
  const levels: WeightLevel[] = [{ path, sum, ok: sumsTo100(sum) }];
  list.forEach((item, index) => {
    const dimension = (item ?? {}) as DimensionLike;
    if (Array.isArray(dimension.children) && dimension.children.length > 0) {
      levels.push(...weightLevels(dimension.children, [...path, index, 'children']));
    }
    if (Array.isArray(dimension.indicators) && dimension.indicators.length > 0) {
      const indicatorSum = weightSum(dimension.indicators);
      levels.push({ path: [...path, index, 'indicators'], sum: indicatorSum, ok: sumsTo100(indicatorSum) });
    }
  });
  return levels;
}

/** A sum for display: at most three decimals, no trailing zeros. */
export function formatSum(sum: number): string {
  return String(Number(sum.toFixed(3)));
}
