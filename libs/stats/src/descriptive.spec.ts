import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mean, quantile, quantiles, variance } from './descriptive';

describe('mean and variance', () => {
  it('computes the mean and the sample variance (n − 1)', () => {
    expect(mean([2, 4, 4, 4, 5, 5, 7, 9])).toBe(5);
    expect(variance([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(32 / 7, 14);
  });

  it('gives exactly 0 variance for a constant sample, even of inexact decimals', () => {
    expect(variance([0.1, 0.1, 0.1])).toBe(0);
    expect(mean([0.1, 0.1, 0.1])).toBe(0.1);
  });

  it('is null when undefined and rejects non-finite values', () => {
    expect(mean([])).toBeNull();
    expect(variance([3])).toBeNull();
    expect(() => mean([1, Number.NaN])).toThrow(RangeError);
  });

  it('keeps its precision far from zero', () => {
    expect(variance([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16])).toBeCloseTo(30, 9);
  });
});

describe('quantile (type 7)', () => {
  // R: quantile(1:10, c(0.1, 0.25, 0.5, 0.9)) gives 1.90 3.25 5.50 9.10 (type 7 is R's default).
  it('matches R on 1:10', () => {
    const values = [7, 3, 10, 1, 5, 2, 9, 4, 8, 6];
    expect(quantiles(values, [0.1, 0.25, 0.5, 0.9])?.map((q) => Number(q.toFixed(12)))).toEqual([1.9, 3.25, 5.5, 9.1]);
    expect(quantile(values, 0)).toBe(1);
    expect(quantile(values, 1)).toBe(10);
    expect(quantile([], 0.5)).toBeNull();
    expect(() => quantile(values, 1.5)).toThrow(RangeError);
  });

  it('is non-decreasing in p and stays within the sample', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (values, p, r) => {
        const [low, high] = [Math.min(p, r), Math.max(p, r)];
        const [qLow, qHigh] = quantiles(values, [low, high]) ?? [];
        expect(qLow).toBeLessThanOrEqual(qHigh);
        expect(qLow).toBeGreaterThanOrEqual(Math.min(...values));
        expect(qHigh).toBeLessThanOrEqual(Math.max(...values));
      }),
    );
  });
});
