import { describe, expect, it } from 'vitest';
import { transitionMatrix } from './transition-matrix';

describe('transitionMatrix', () => {
  it('counts from → to pairs in the given category order', () => {
    const pairs: [string, string][] = [
      ['A', 'A'],
      ['A', 'B'],
      ['B', 'B'],
      ['C', 'B'],
      ['A', 'B'],
    ];
    expect(transitionMatrix(pairs, ['A', 'B', 'C'])).toEqual({
      categories: ['A', 'B', 'C'],
      counts: [
        [1, 2, 0],
        [0, 1, 0],
        [0, 1, 0],
      ],
    });
  });

  it('gives a zero matrix for no pairs and rejects unknown or repeated categories', () => {
    expect(transitionMatrix([], ['x', 'y']).counts).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(() => transitionMatrix([['x', 'z']], ['x', 'y'])).toThrow(/unknown category: z/);
    expect(() => transitionMatrix([], ['x', 'x'])).toThrow(RangeError);
  });
});
