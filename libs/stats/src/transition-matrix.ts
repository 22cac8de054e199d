export interface TransitionMatrix<Category> {
  categories: Category[];
  /** counts[i][j]: pairs that went from categories[i] to categories[j]. */
  counts: number[][];
}

/**
 * Counts (from, to) pairs, e.g. each staff member's band under the champion and under the
 * challenger, into a square matrix in the given category order. A category outside the list
 * is an error rather than a silently dropped pair.
 */
export function transitionMatrix<Category>(
  pairs: Iterable<readonly [from: Category, to: Category]>,
  categories: readonly Category[],
): TransitionMatrix<Category> {
  const index = new Map<Category, number>();
  categories.forEach((category, i) => {
    if (index.has(category)) throw new RangeError(`category listed twice: ${String(category)}`);
    index.set(category, i);
  });
  const counts = categories.map(() => categories.map(() => 0));
  for (const [from, to] of pairs) {
    const i = index.get(from);
    const j = index.get(to);
    if (i === undefined || j === undefined) {
      throw new RangeError(`unknown category: ${String(i === undefined ? from : to)}`);
    }
    counts[i][j] += 1;
  }
  return { categories: [...categories], counts };
}
