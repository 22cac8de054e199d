import { assertFinite, assertPositiveFinite } from './validate';

/** Values v with lower ≤ v < upper; the last bin of a `bins` histogram also holds v = upper. */
export interface HistogramBin {
  lower: number;
  upper: number;
  count: number;
}

export type HistogramOptions =
  /** Bins of this width on a grid through `origin` (default 0), so 0 is always a bin edge. */
  | { binWidth: number; origin?: number }
  /** This many equal bins from the minimum to the maximum. */
  | { bins: number };

/** A guard against a bin width far too small for the data's range. */
export const MAX_HISTOGRAM_BINS = 100_000;

/**
 * Counts values into contiguous bins from the one holding the minimum to the one holding the
 * maximum, empty bins in between included. An empty sample gives no bins; a constant sample
 * with `bins` gives one bin [v, v], as does a range too narrow to split into that many.
 */
export function histogram(values: readonly number[], options: HistogramOptions): HistogramBin[] {
  assertFinite(values, 'values');
  if (values.length === 0) return [];
  let min = values[0];
  let max = values[0];
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return 'bins' in options ? equalBins(values, options.bins, min, max) : gridBins(values, options.binWidth, options.origin ?? 0, min, max);
}

function gridBins(values: readonly number[], width: number, origin: number, min: number, max: number): HistogramBin[] {
  assertPositiveFinite(width, 'binWidth');
  assertFinite([origin], 'origin');
  const edge = (i: number) => origin + i * width;
  const first = gridIndex(min, edge, width, origin);
  const last = gridIndex(max, edge, width, origin);
  const count = last - first + 1;
  if (count > MAX_HISTOGRAM_BINS) throw new RangeError(`binWidth ${width} would make ${count} bins (at most ${MAX_HISTOGRAM_BINS})`);
  const bins = Array.from({ length: count }, (_, i) => ({ lower: edge(first + i), upper: edge(first + i + 1), count: 0 }));
  for (const value of values) bins[gridIndex(value, edge, width, origin) - first].count += 1;
  return bins;
}

/**
 * The bin index whose displayed edges hold the value: the division alone can land one bin off
 * (0.3 / 0.1 = 2.9999999999999996), so the index is checked against the edges themselves.
 */
function gridIndex(value: number, edge: (i: number) => number, width: number, origin: number): number {
  const i = Math.floor((value - origin) / width);
  if (value < edge(i)) return i - 1;
  if (value >= edge(i + 1)) return i + 1;
  return i;
}

function equalBins(values: readonly number[], binCount: number, min: number, max: number): HistogramBin[] {
  if (!Number.isSafeInteger(binCount) || binCount < 1 || binCount > MAX_HISTOGRAM_BINS) {
    throw new RangeError(`bins must be an integer from 1 to ${MAX_HISTOGRAM_BINS}: ${binCount}`);
  }
  const width = (max - min) / binCount;
  // A constant sample, or a range so narrow that its share per bin underflows to 0 (0 to 5e-324): one bin.
  if (min === max || width === 0) return [{ lower: min, upper: max, count: values.length }];
  const edge = (i: number) => (i === binCount ? max : min + i * width);
  const bins = Array.from({ length: binCount }, (_, i) => ({ lower: edge(i), upper: edge(i + 1), count: 0 }));
  for (const value of values) {
    const i = Math.min(binCount - 1, Math.max(0, gridIndex(value, edge, width, min)));
    bins[i].count += 1;
  }
  return bins;
}
