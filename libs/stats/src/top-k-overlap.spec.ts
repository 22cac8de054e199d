import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topKOverlap } from './top-k-overlap';

describe('topKOverlap', () => {
  it('is the share of ids in both top-k lists', () => {
    expect(topKOverlap(['a', 'b', 'c', 'd'], ['b', 'a', 'd', 'c'], 2)).toBe(1);
    expect(topKOverlap(['a', 'b', 'c', 'd'], ['c', 'a', 'b', 'd'], 2)).toBe(0.5);
    expect(topKOverlap([1, 2, 3], [4, 5, 6], 3)).toBe(0);
  });

  it('shrinks k to the longer list and is null for two empty lists', () => {
    expect(topKOverlap(['a', 'b'], ['b', 'a'], 10)).toBe(1);
    expect(topKOverlap(['a', 'b'], ['b'], 10)).toBe(0.5);
    expect(topKOverlap([], [], 5)).toBeNull();
  });

  it('rejects a bad k and repeated ids', () => {
    expect(() => topKOverlap(['a'], ['a'], 0)).toThrow(RangeError);
    expect(() => topKOverlap(['a', 'a'], ['a', 'b'], 2)).toThrow(RangeError);
  });

  it('lies in [0, 1], is symmetric and is 1 for a list with itself', () => {
    const ranking = fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 20 });
    fc.assert(
      fc.property(ranking, ranking, fc.integer({ min: 1, max: 25 }), (a, b, k) => {
        const overlap = topKOverlap(a, b, k);
        if (a.length === 0 && b.length === 0) {
          expect(overlap).toBeNull();
          return;
        }
        expect(overlap).toBeGreaterThanOrEqual(0);
        expect(overlap).toBeLessThanOrEqual(1);
        expect(topKOverlap(b, a, k)).toBe(overlap);
        if (a.length > 0) expect(topKOverlap(a, a, k)).toBe(1);
      }),
    );
  });
});
