import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chiSquareCdf, chiSquareSurvival } from './chi-square';
import { logGamma, regularizedGammaP, regularizedIncompleteBeta } from './special-functions';
import { studentTCdf, studentTQuantile, studentTTwoSidedTail } from './student-t';

describe('special functions', () => {
  it('logGamma matches factorials and Γ(½) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 10); // ln(100!)
    expect(logGamma(0.1)).toBeCloseTo(2.252712651734206, 13); // ln Γ(0.1), via reflection
  });

  it('regularizedIncompleteBeta has the closed forms I_x(a, 1) = xᵃ and I_x(1, b) = 1 − (1 − x)ᵇ', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.1, max: 50, noNaN: true }), (x, a) => {
        expect(regularizedIncompleteBeta(x, a, 1)).toBeCloseTo(x ** a, 12);
        expect(regularizedIncompleteBeta(x, 1, a)).toBeCloseTo(1 - (1 - x) ** a, 12);
      }),
    );
  });

  it('regularizedGammaP(1, x) = 1 − e^(−x)', () => {
    for (const x of [0.01, 0.5, 1, 2, 10, 40]) expect(regularizedGammaP(1, x)).toBeCloseTo(-Math.expm1(-x), 14);
  });
});

describe('Student t', () => {
  // Quantiles t_{p, df} as printed by R's qt() (and, to 3 decimals, in the t table of the
  // NIST/SEMATECH e-Handbook of Statistical Methods, §1.3.6.7.2).
  const table: [p: number, df: number, quantile: number][] = [
    [0.975, 10, 2.228139],
    [0.975, 1, 12.706205],
    [0.975, 2, 4.302653],
    [0.975, 30, 2.042272],
    [0.995, 5, 4.032143],
    [0.95, 20, 1.724718],
    [0.9995, 1, 636.619249],
    [0.9, 120, 1.288646],
  ];

  it.each(table)('quantile t_{%s, %s} = %s', (p, df, expected) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(expected, 6);
    expect(studentTQuantile(1 - p, df)).toBeCloseTo(-expected, 6);
    expect(studentTCdf(expected, df)).toBeCloseTo(p, 6);
  });

  it('tends to the normal distribution as df grows (z_0.975 = 1.959964)', () => {
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959966, 6);
    expect(studentTQuantile(0.975, 1e9)).toBeCloseTo(1.959964, 5);
  });

  it('matches SciPy for fractional df and far tails', () => {
    // scipy.stats.t.sf(t, df) and t.ppf(p, df), SciPy 1.17.
    expect(studentTTwoSidedTail(0.3, 2.5) / 2).toBeCloseTo(0.3936711857475986, 13);
    expect(studentTTwoSidedTail(30, 1) / 2).toBeCloseTo(0.010606402405535426, 14);
    expect(studentTQuantile(0.975, 17.776)).toBeCloseTo(2.102821310380221, 10);
    expect(studentTQuantile(0.975, 0.5)).toBeCloseTo(164.55767348048818, 8);
    expect(studentTQuantile(0.9999999, 3)).toBeCloseTo(222.57159098625124, 8);
    expect(studentTCdf(-7, 4)).toBeCloseTo(0.0010960649033465, 15);
  });

  it('has the obvious edge values', () => {
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(1, 7)).toBe(Infinity);
    expect(studentTQuantile(0, 7)).toBe(-Infinity);
    expect(studentTCdf(0, 3)).toBe(0.5);
    expect(studentTCdf(Infinity, 3)).toBe(1);
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
  });

  it('quantile inverts the CDF, and the CDF is symmetric', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), fc.double({ min: 0.5, max: 1e4, noNaN: true }), (p, df) => {
        const t = studentTQuantile(p, df);
        expect(studentTCdf(t, df)).toBeCloseTo(p, 10);
        expect(studentTCdf(-t, df)).toBeCloseTo(1 - p, 10);
      }),
    );
  });
});

describe('chi-square', () => {
  // Upper critical values as printed by R's qchisq(1 − α, df) (to 3 decimals also in the NIST/
  // SEMATECH e-Handbook table, §1.3.6.7.4): the p-value at each is α.
  const table: [x: number, df: number, alpha: number][] = [
    [3.841459, 1, 0.05],
    [6.634897, 1, 0.01],
    [10.827566, 1, 0.001],
    [5.991465, 2, 0.05],
    [18.307038, 10, 0.05],
    [43.772972, 30, 0.05],
  ];

  it.each(table)('P(χ² > %s | df = %s) = %s', (x, df, alpha) => {
    expect(chiSquareSurvival(x, df)).toBeCloseTo(alpha, 7);
    expect(chiSquareCdf(x, df)).toBeCloseTo(1 - alpha, 7);
  });

  it('keeps tiny tails and has the closed form e^(−x/2) at 2 df', () => {
    expect(chiSquareSurvival(100, 1) / 1.5239706048320995e-23).toBeCloseTo(1, 10); // SciPy chi2.sf(100, 1)
    for (const x of [0.1, 1, 7, 30, 200]) expect(chiSquareSurvival(x, 2) / Math.exp(-x / 2)).toBeCloseTo(1, 12);
    expect(chiSquareSurvival(0, 1)).toBe(1);
    expect(chiSquareCdf(0, 1)).toBe(0);
  });
});
