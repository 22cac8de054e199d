import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { welch, type WelchEstimate, type WelchResult } from './welch';

function estimated(result: WelchResult): WelchEstimate {
  if (result.status !== 'estimated') throw new Error(`expected an estimate, got ${result.status}`);
  return result;
}

describe('welch: published values', () => {
  it("R's ?t.test example: t.test(extra ~ group, data = sleep)", () => {
    // R prints: t = -1.8608, df = 17.776, p-value = 0.07939; 95 percent confidence interval
    // -3.3654832 0.2054832; means 0.75 and 2.33. R reports group 1 − group 2, we report
    // b − a, so the signs flip.
    const group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const group2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    const result = estimated(welch(group1, group2));
    expect(result.a.mean).toBeCloseTo(0.75, 12);
    expect(result.b.mean).toBeCloseTo(2.33, 12);
    expect(result.difference).toBeCloseTo(1.58, 12);
    expect(result.t).toBeCloseTo(1.8608, 4);
    expect(result.degreesOfFreedom).toBeCloseTo(17.776, 3);
    expect(result.pValue).toBeCloseTo(0.07939, 5);
    expect(result.confidenceInterval).toEqual({ level: 0.95, lower: expect.closeTo(-0.2054832, 7), upper: expect.closeTo(3.3654832, 7) });
    // The same to full precision, as SciPy 1.17 computes it (ttest_ind(group2, group1, equal_var=False)).
    expect(result.t).toBeCloseTo(1.8608134674868526, 12);
    expect(result.degreesOfFreedom).toBeCloseTo(17.776473516178488, 10);
    expect(result.pValue).toBeCloseTo(0.0793941401873583, 12);
  });

  // Wikipedia, "Welch's t-test", worked examples; the article prints t, df and p rounded
  // (example 1: t = −2.46, ν ≈ 25.0, p = 0.021; example 2: t = −1.57, ν ≈ 9.9, p = 0.149, as
  // A1 − A2). The full-precision values and intervals are SciPy 1.17's ttest_ind(A2, A1,
  // equal_var=False).
  it('Wikipedia example 1 (equal sizes, unequal variances)', () => {
    const a1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
    const a2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
    const result = estimated(welch(a1, a2));
    expect(result.t).toBeCloseTo(2.46, 2);
    expect(result.degreesOfFreedom).toBeCloseTo(25.0, 1);
    expect(result.pValue).toBeCloseTo(0.021, 3);
    expect(result.t).toBeCloseTo(2.455356398286006, 12);
    expect(result.degreesOfFreedom).toBeCloseTo(24.988529290231416, 10);
    expect(result.pValue).toBeCloseTo(0.021378001462866992, 12);
    expect(result.confidenceInterval.lower).toBeCloseTo(0.3492370661924069, 10);
    expect(result.confidenceInterval.upper).toBeCloseTo(3.984096267140929, 10);
  });

  it('Wikipedia example 2 (unequal sizes and variances)', () => {
    const a1 = [17.2, 20.9, 22.6, 18.1, 21.7, 21.4, 23.5, 24.2, 14.7, 21.8];
    const a2 = [21.5, 22.8, 21.0, 23.0, 21.6, 23.6, 22.5, 20.7, 23.4, 21.8, 20.7, 21.7, 21.5, 22.5, 23.6, 21.5, 22.5, 23.5, 21.5, 21.8];
    const result = estimated(welch(a1, a2));
    expect(result.t).toBeCloseTo(1.57, 2);
    expect(result.degreesOfFreedom).toBeCloseTo(9.9, 1);
    expect(result.pValue).toBeCloseTo(0.149, 3);
    expect(result.t).toBeCloseTo(1.5654335235985037, 12);
    expect(result.degreesOfFreedom).toBeCloseTo(9.904741248650831, 10);
    expect(result.pValue).toBeCloseTo(0.14884169660532817, 12);
    expect(result.confidenceInterval.lower).toBeCloseTo(-0.6484213253751658, 10);
    expect(result.confidenceInterval.upper).toBeCloseTo(3.698421325375163, 10);
  });
});

describe('welch: undefined cases', () => {
  it('reports too few values rather than a number', () => {
    expect(welch([1], [1, 2, 3])).toEqual({ status: 'too_few_values', a: { n: 1, mean: 1, variance: null }, b: { n: 3, mean: 2, variance: 1 }, difference: 1 });
    expect(welch([], [1, 2])).toMatchObject({ status: 'too_few_values', difference: null });
  });

  it('reports no variance when both groups are constant', () => {
    expect(welch([2, 2, 2], [3, 3])).toMatchObject({ status: 'no_variance', difference: 1 });
  });

  it('still estimates when only one group is constant (df = n − 1 of the other)', () => {
    const result = estimated(welch([5, 5, 5, 5], [4, 6, 7, 3, 5]));
    expect(result.degreesOfFreedom).toBeCloseTo(4, 12);
  });

  it('rejects non-finite values and a silly confidence level', () => {
    expect(() => welch([1, Number.NaN], [1, 2])).toThrow(RangeError);
    expect(() => welch([1, 2], [1, 2], { confidenceLevel: 1 })).toThrow(RangeError);
  });
});

describe('welch: properties', () => {
  const sample = fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: 2, maxLength: 40 });

  it('has a CI that contains the difference, symmetric around it, and agrees with p at 5 %', () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const result = welch(a, b);
        if (result.status !== 'estimated') return;
        const { lower, upper } = result.confidenceInterval;
        expect(lower).toBeLessThanOrEqual(result.difference);
        expect(upper).toBeGreaterThanOrEqual(result.difference);
        expect(result.difference - lower).toBeCloseTo(upper - result.difference, 6);
        if (Math.abs(result.pValue - 0.05) > 1e-9) expect(lower > 0 || upper < 0).toBe(result.pValue < 0.05);
      }),
    );
  });

  it('negates difference, t and interval when the groups swap, keeping df and p', () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const forward = welch(a, b);
        const backward = welch(b, a);
        if (forward.status !== 'estimated' || backward.status !== 'estimated') return;
        expect(backward.difference).toBeCloseTo(-forward.difference, 9);
        expect(backward.t).toBeCloseTo(-forward.t, 9);
        expect(backward.degreesOfFreedom).toBeCloseTo(forward.degreesOfFreedom, 9);
        expect(backward.pValue).toBeCloseTo(forward.pValue, 12);
        expect(backward.confidenceInterval.lower).toBeCloseTo(-forward.confidenceInterval.upper, 9);
      }),
    );
  });

  it('widens the interval with the confidence level', () => {
    const a = [3.1, 2.4, 5.6, 4.4, 3.9];
    const b = [4.2, 5.1, 6.3, 4.9, 5.5, 6.0];
    const width = (level: number) => {
      const { confidenceInterval } = estimated(welch(a, b, { confidenceLevel: level }));
      return confidenceInterval.upper - confidenceInterval.lower;
    };
    expect(width(0.8)).toBeLessThan(width(0.95));
    expect(width(0.95)).toBeLessThan(width(0.99));
  });
});
