import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Direction, Scoring } from '../schema/scheme.schema';
import { scoreValue } from './score-value';

const value = fc.double({ min: -1e6, max: 1e6, noNaN: true });
const direction = fc.constantFrom<Direction>('higher', 'lower');

/** Four strictly increasing line values, oriented for the direction. */
const lines = fc
  .uniqueArray(fc.integer({ min: -10_000, max: 10_000 }), { minLength: 4, maxLength: 4 })
  .map((xs) => [...xs].sort((a, b) => a - b));

const points = fc
  .uniqueArray(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 3 })
  .map((xs) => [...xs].sort((a, b) => a - b));

const scoringFor = (dir: Direction): fc.Arbitrary<Scoring> =>
  fc.oneof(
    fc.tuple(lines, fc.boolean(), fc.option(points)).map(([[a, b, c, d], withFloor, p]): Scoring => {
      const [floor, baseline, target, excellent] = dir === 'higher' ? [a, b, c, d] : [d, c, b, a];
      return {
        type: 'thresholds',
        floor: withFloor ? floor : undefined,
        baseline,
        target,
        excellent,
        points: p ? { baseline: p[0], target: p[1], excellent: p[2] } : undefined,
      };
    }),
    fc
      .uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 5 })
      .chain((bounds) =>
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: bounds.length, maxLength: bounds.length }).map((scores): Scoring => {
          // Better bands come first and never score lower than worse ones.
          const sortedScores = [...scores].sort((x, y) => y - x);
          const sortedBounds = [...bounds].sort((x, y) => (dir === 'higher' ? y - x : x - y));
          return {
            type: 'bands',
            bands: sortedBounds.map((bound, i) => (dir === 'higher' ? { min: bound, score: sortedScores[i] } : { max: bound, score: sortedScores[i] })),
          };
        }),
      ),
    fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 2 }).map(([x, y]): Scoring => ({ type: 'linear', min: Math.min(x, y), max: Math.max(x, y) })),
    ...(dir === 'higher' ? [fc.constant<Scoring>({ type: 'raw' })] : []),
  );

const scoringCase = direction.chain((dir) => scoringFor(dir).map((scoring) => ({ dir, scoring })));

describe('scoring properties', () => {
  it('scores stay within 0…100', () => {
    fc.assert(
      fc.property(scoringCase, value, ({ dir, scoring }, v) => {
        const score = scoreValue(v, scoring, dir);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
      }),
      { numRuns: 2000, seed: 20261124 },
    );
  });

  it('a better value never scores lower', () => {
    fc.assert(
      fc.property(scoringCase, value, value, ({ dir, scoring }, a, b) => {
        const [worse, better] = dir === 'higher' ? [Math.min(a, b), Math.max(a, b)] : [Math.max(a, b), Math.min(a, b)];
        expect(scoreValue(better, scoring, dir)).toBeGreaterThanOrEqual(scoreValue(worse, scoring, dir) - 1e-9);
      }),
      { numRuns: 2000, seed: 424242 },
    );
  });

  it('thresholds are continuous at the lines when a floor is set', () => {
    fc.assert(
      fc.property(direction, lines, (dir, [a, b, c, d]) => {
        const [floor, baseline, target, excellent] = dir === 'higher' ? [a, b, c, d] : [d, c, b, a];
        const scoring: Scoring = { type: 'thresholds', floor, baseline, target, excellent };
        for (const [line, expected] of [[floor, 0], [baseline, 60], [target, 80], [excellent, 100]] as const) {
          expect(scoreValue(line, scoring, dir)).toBeCloseTo(expected, 9);
        }
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
