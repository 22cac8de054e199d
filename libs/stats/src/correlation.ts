import { averageRanks } from './ranks';
import { assertPaired } from './validate';

/** Pearson's product-moment correlation; null when n < 2 or either series is constant. */
export function pearson(x: readonly number[], y: readonly number[]): number | null {
  assertPaired(x, y);
  const n = x.length;
  if (n < 2) return null;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    meanX += x[i];
    meanY += y[i];
  }
  meanX /= n;
  meanY /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - meanX;
    const dy = y[i] - meanY;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (sxx === 0 || syy === 0 || isConstant(x) || isConstant(y)) return null;
  // √(sxx·syy) in one root makes a series with itself exactly 1; two roots only if the product
  // overflows or underflows.
  const product = sxx * syy;
  const denominator = product > 0 && product < Infinity ? Math.sqrt(product) : Math.sqrt(sxx) * Math.sqrt(syy);
  return clampCorrelation(sxy / denominator);
}

/**
 * Spearman's rank correlation ρ: Pearson's correlation of the average ranks, which is the
 * tie-corrected form (R's `cor(method = "spearman")`, SciPy's `spearmanr`). Null when n < 2 or
 * either series is constant.
 */
export function spearman(x: readonly number[], y: readonly number[]): number | null {
  assertPaired(x, y);
  if (x.length < 2) return null;
  return pearson(averageRanks(x), averageRanks(y));
}

export function clampCorrelation(r: number): number {
  return Math.min(1, Math.max(-1, r));
}

function isConstant(values: readonly number[]): boolean {
  return values.every((value) => value === values[0]);
}
