import { assertFinite } from './validate';

/**
 * Ranks 1…n in ascending order; tied values share the mean of the ranks they span
 * (R's `rank(ties.method = "average")`), e.g. [10, 20, 20, 30] → [1, 2.5, 2.5, 4].
 */
export function averageRanks(values: readonly number[]): number[] {
  assertFinite(values, 'values');
  const order = sortedIndices(values);
  const ranks = new Array<number>(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) end += 1;
    // Positions start…end−1 hold ranks start+1…end, whose mean is this.
    const rank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) ranks[order[i]] = rank;
    start = end;
  }
  return ranks;
}

/** Indices of `values` in ascending order of value. */
export function sortedIndices(values: readonly number[]): number[] {
  return Array.from(values.keys()).sort((i, j) => values[i] - values[j]);
}
