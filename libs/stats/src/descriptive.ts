import { assertFinite, assertProbability } from './validate';

/** Arithmetic mean; null for an empty sample. */
export function mean(values: readonly number[]): number | null {
  assertFinite(values, 'values');
  if (values.length === 0) return null;
  // Summing deviations from the first value keeps a constant sample's mean exact (so its
  // variance is exactly 0) and loses less precision when values sit far from zero.
  const shift = values[0];
  let sum = 0;
  for (const value of values) sum += value - shift;
  return shift + sum / values.length;
}

/** Sample variance (denominator n − 1); null with fewer than 2 values. */
export function variance(values: readonly number[]): number | null {
  const m = mean(values);
  if (m === null || values.length < 2) return null;
  let squares = 0;
  let deviations = 0;
  for (const value of values) {
    const deviation = value - m;
    squares += deviation * deviation;
    deviations += deviation;
  }
  // The second term is the rounding error of the mean (the corrected two-pass algorithm).
  return Math.max(0, (squares - (deviations * deviations) / values.length) / (values.length - 1));
}

/**
 * Sample quantiles of type 7 (R's default, also NumPy's and Excel's PERCENTILE.INC): linear
 * interpolation between order statistics at h = (n − 1)·p. Null for an empty sample.
 */
export function quantiles(values: readonly number[], probabilities: readonly number[]): number[] | null {
  assertFinite(values, 'values');
  probabilities.forEach((p, i) => assertProbability(p, `probabilities[${i}]`));
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return probabilities.map((p) => {
    const h = (sorted.length - 1) * p;
    const lower = Math.floor(h);
    const fraction = h - lower;
    if (fraction === 0) return sorted[lower];
    return sorted[lower] + fraction * (sorted[lower + 1] - sorted[lower]);
  });
}

/** One type-7 quantile (see `quantiles`); null for an empty sample. */
export function quantile(values: readonly number[], p: number): number | null {
  const result = quantiles(values, [p]);
  return result === null ? null : result[0];
}
