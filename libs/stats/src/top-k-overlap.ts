/**
 * The share of ids in both top-k lists: |top-k(A) ∩ top-k(B)| / k, where each list is ranked
 * best first. When the lists are shorter than k, k shrinks to the longer list's length. Null
 * when both lists are empty. Ties at the k-th place are the caller's to break.
 */
export function topKOverlap<Id>(rankedA: readonly Id[], rankedB: readonly Id[], k: number): number | null {
  if (!Number.isSafeInteger(k) || k < 1) throw new RangeError(`k must be a positive integer: ${k}`);
  const effectiveK = Math.min(k, Math.max(rankedA.length, rankedB.length));
  if (effectiveK === 0) return null;
  const topA = distinctTop(rankedA, effectiveK, 'rankedA');
  const topB = distinctTop(rankedB, effectiveK, 'rankedB');
  let shared = 0;
  for (const id of topB) if (topA.has(id)) shared += 1;
  return shared / effectiveK;
}

function distinctTop<Id>(ranked: readonly Id[], k: number, name: string): Set<Id> {
  const top = new Set(ranked.slice(0, k));
  if (top.size < Math.min(k, ranked.length)) throw new RangeError(`${name} repeats an id within its top ${k}`);
  return top;
}
