import { clampCorrelation } from './correlation';
import { assertPaired } from './validate';

/**
 * Kendall's τ-b, the tie-corrected rank correlation (R's `cor(method = "kendall")`, SciPy's
 * `kendalltau`): (C − D) / √((n₀ − n₁)(n₀ − n₂)) with n₀ = n(n − 1)/2 pairs, n₁ and n₂ the
 * pairs tied in x and in y. Null when n < 2 or either series is constant.
 *
 * Knight's O(n log n) algorithm (Knight 1966, "A computer method for calculating Kendall's tau
 * with ungrouped data", JASA 61:436–439): sort by (x, y), then merge-sort y counting the swaps,
 * which are exactly the discordant pairs.
 */
export function kendallTauB(x: readonly number[], y: readonly number[]): number | null {
  assertPaired(x, y);
  const n = x.length;
  if (n < 2) return null;

  const order = Array.from(x.keys()).sort((i, j) => x[i] - x[j] || y[i] - y[j]);
  let xTies = 0;
  let jointTies = 0;
  forEachRun(order.length, (i, j) => x[order[i]] === x[order[j]], (start, end) => {
    xTies += pairs(end - start);
    forEachRun(end - start, (i, j) => y[order[start + i]] === y[order[start + j]], (s, e) => {
      jointTies += pairs(e - s);
    });
  });

  const ys = Float64Array.from(order, (i) => y[i]);
  const discordant = mergeSortCountingSwaps(ys);
  let yTies = 0;
  forEachRun(n, (i, j) => ys[i] === ys[j], (start, end) => {
    yTies += pairs(end - start);
  });

  const total = pairs(n);
  if (total === xTies || total === yTies) return null;
  // C = total − xTies − yTies + jointTies − D, since pairs tied in both count in both tie totals.
  const concordantMinusDiscordant = total - xTies - yTies + jointTies - 2 * discordant;
  return clampCorrelation(concordantMinusDiscordant / Math.sqrt((total - xTies) * (total - yTies)));
}

function pairs(count: number): number {
  return (count * (count - 1)) / 2;
}

/** Calls `visit(start, end)` for each maximal run of positions 0…length−1 equal to its first. */
function forEachRun(length: number, equal: (i: number, j: number) => boolean, visit: (start: number, end: number) => void): void {
  let start = 0;
  while (start < length) {
    let end = start + 1;
    while (end < length && equal(start, end)) end += 1;
    visit(start, end);
    start = end;
  }
}

/** Sorts in place (bottom-up, stable) and returns the number of pairs i < j with a[i] > a[j]. */
function mergeSortCountingSwaps(values: Float64Array): number {
  const n = values.length;
  let source: Float64Array = values;
  let target: Float64Array = new Float64Array(n);
  let swaps = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let left = 0; left < n; left += 2 * width) {
      const middle = Math.min(left + width, n);
      const right = Math.min(left + 2 * width, n);
      let i = left;
      let j = middle;
      let k = left;
      while (i < middle && j < right) {
        if (source[j] < source[i]) {
          // source[j] jumps ahead of every value still waiting on the left.
          swaps += middle - i;
          target[k++] = source[j++];
        } else {
          target[k++] = source[i++];
        }
      }
      while (i < middle) target[k++] = source[i++];
      while (j < right) target[k++] = source[j++];
    }
    [source, target] = [target, source];
  }
  if (source !== values) values.set(source);
  return swaps;
}
