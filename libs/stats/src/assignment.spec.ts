import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASSIGNMENT_BUCKETS, assignArm, assignmentBucket } from './assignment';
import { chiSquareSurvival } from './chi-square';
import { sampleRatioMismatch } from './sample-ratio-mismatch';

describe('assignmentBucket', () => {
  // Pinned: a change here would silently reassign the units of every running experiment.
  // (Cross-checked with an independent Python implementation of MurmurHash3 x86_32.)
  it.each([
    ['exp-2025-q3', 'staff-1', 7325],
    ['exp-2025-q3', 'staff-2', 3731],
    ['exp-2025-q3', 42, 9854],
    ['试点-内科', '张伟', 7365],
  ] as const)('bucket(%j, %j) = %s', (experimentKey, unitId, bucket) => {
    expect(assignmentBucket(experimentKey, unitId)).toBe(bucket);
  });

  it('is an integer in [0, 10 000)', () => {
    fc.assert(
      fc.property(fc.string(), fc.oneof(fc.string(), fc.integer()), (experimentKey, unitId) => {
        const bucket = assignmentBucket(experimentKey, unitId);
        expect(Number.isInteger(bucket)).toBe(true);
        expect(bucket).toBeGreaterThanOrEqual(0);
        expect(bucket).toBeLessThan(ASSIGNMENT_BUCKETS);
      }),
    );
  });

  it('spreads 100 000 ids evenly over the buckets (chi-square goodness of fit)', () => {
    const counts = new Array<number>(ASSIGNMENT_BUCKETS).fill(0);
    const units = 100_000;
    for (let i = 0; i < units; i++) counts[assignmentBucket('uniformity-check', `staff-${i}`)] += 1;
    const expected = units / ASSIGNMENT_BUCKETS;
    const chiSquare = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    // Deterministic inputs, so this is a fixed check, not a flaky one.
    expect(chiSquareSurvival(chiSquare, ASSIGNMENT_BUCKETS - 1)).toBeGreaterThan(0.001);
    // And every percentile of the range gets close to 1 % of the units.
    for (let percentile = 0; percentile < 100; percentile++) {
      const share = counts.slice(percentile * 100, percentile * 100 + 100).reduce((a, b) => a + b, 0) / units;
      expect(Math.abs(share - 0.01)).toBeLessThan(0.0015);
    }
  });
});

describe('assignArm', () => {
  const key = fc.string({ minLength: 1, maxLength: 20 });
  const unit = fc.oneof(fc.uuid(), fc.integer({ min: 0, max: 1e9 }));
  const percent = fc.double({ min: 0, max: 100, noNaN: true });

  it('always gives the same arm for the same inputs', () => {
    fc.assert(
      fc.property(key, unit, percent, (experimentKey, unitId, challengerPercent) => {
        expect(assignArm(experimentKey, unitId, challengerPercent)).toBe(assignArm(experimentKey, unitId, challengerPercent));
      }),
    );
  });

  it('only moves units from champion to challenger when the percentage rises', () => {
    fc.assert(
      fc.property(key, unit, percent, percent, (experimentKey, unitId, p, q) => {
        const [lower, higher] = [Math.min(p, q), Math.max(p, q)];
        if (assignArm(experimentKey, unitId, lower) === 'challenger') {
          expect(assignArm(experimentKey, unitId, higher)).toBe('challenger');
        }
      }),
    );
  });

  it('puts everyone in the champion arm at 0 % and the challenger arm at 100 %', () => {
    fc.assert(
      fc.property(key, unit, (experimentKey, unitId) => {
        expect(assignArm(experimentKey, unitId, 0)).toBe('champion');
        expect(assignArm(experimentKey, unitId, 100)).toBe('challenger');
      }),
    );
  });

  it('gives the challenger its percentage of units, with no sample-ratio mismatch', () => {
    const units = 100_000;
    let challengers = 0;
    for (let i = 0; i < units; i++) if (assignArm('pilot-2025', `staff-${i}`, 20) === 'challenger') challengers += 1;
    const check = sampleRatioMismatch({ champion: units - challengers, challenger: challengers }, 0.2);
    expect(check?.mismatch).toBe(false);
    expect(challengers / units).toBeCloseTo(0.2, 2);
  });

  it('resolves the percentage to 0.01 point (0.07 % is 7 buckets, not 8)', () => {
    let challengerBuckets = 0;
    for (let i = 0; i < 200_000 && challengerBuckets === 0; i++) {
      if (assignmentBucket('edge', i) === 7) challengerBuckets = assignArm('edge', i, 0.07) === 'challenger' ? 1 : -1;
    }
    expect(challengerBuckets).toBe(-1);
  });

  it('rejects percentages outside [0, 100]', () => {
    expect(() => assignArm('k', 'u', -1)).toThrow(RangeError);
    expect(() => assignArm('k', 'u', 100.5)).toThrow(RangeError);
    expect(() => assignArm('k', 'u', Number.NaN)).toThrow(RangeError);
  });
});
