import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pearson, spearman } from './correlation';
import { kendallTauB } from './kendall-tau-b';
import { averageRanks } from './ranks';

/** The textbook O(n²) definition, to check Knight's algorithm against. */
function kendallTauBReference(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  let score = 0;
  let xTies = 0;
  let yTies = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      score += Math.sign(x[i] - x[j]) * Math.sign(y[i] - y[j]);
      if (x[i] === x[j]) xTies += 1;
      if (y[i] === y[j]) yTies += 1;
    }
  }
  const total = (n * (n - 1)) / 2;
  if (n < 2 || total === xTies || total === yTies) return null;
  return score / Math.sqrt((total - xTies) * (total - yTies));
}

// R's ?cor.test example, from Hollander & Wolfe (1973), Nonparametric Statistical Methods,
// p. 187f (no ties): R prints rho = 0.6 and tau = 0.4444444 (= 16/36).
const hollanderWolfe = {
  x: [44.4, 45.9, 41.9, 53.3, 44.7, 44.1, 50.7, 45.2, 60.1],
  y: [2.6, 3.1, 2.5, 5.0, 3.6, 4.0, 5.2, 2.8, 3.8],
};

// Kendall (1976), Rank Correlation Methods, 4th ed., Example 3.4 p. 42f, as quoted in the R
// package Kendall's documentation: ties in both rankings; Kendall obtains S = 34 and the
// denominator √(116 · 60), so τ-b = 34 / √6960 = 0.4075438062625765.
const kendallExample34 = {
  a: [2.5, 2.5, 2.5, 2.5, 5, 6.5, 6.5, 10, 10, 10, 10, 10, 14, 14, 14, 16, 17],
  b: [1, 1, 1, 1, 2, 1, 1, 2, 1, 1, 1, 1, 1, 1, 2, 2, 2],
};

// Kendall (1976), Example 4.3 p. 55 (same source): ties in both; S = 34, tied pairs 5 in x and
// 4 in y of 66, so τ-b = 34 / √(61 · 62) = 0.5528638004143217.
const kendallExample43 = {
  x: [1.5, 1.5, 3, 4, 6, 6, 6, 8, 9.5, 9.5, 11, 12],
  y: [2.5, 2.5, 7, 4.5, 1, 4.5, 6, 11.5, 11.5, 8.5, 8.5, 10],
};

describe('averageRanks', () => {
  it('gives ties the mean of the ranks they span', () => {
    expect(averageRanks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    expect(averageRanks([3, 1, 3, 3, 2])).toEqual([4, 1, 4, 4, 2]);
  });
});

describe('pearson', () => {
  it('computes r = sxy / √(sxx·syy)', () => {
    // sxy = 6, sxx = 10, syy = 6: r = 6/√60 = √0.6.
    expect(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(Math.sqrt(0.6), 14);
    expect(pearson([1, 2], [1, 2])).toBe(1);
  });
});

describe('spearman: published values', () => {
  it('Wikipedia, "Spearman\'s rank correlation coefficient", IQ vs hours of TV: ρ = −29/165', () => {
    const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
    const tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
    expect(spearman(iq, tv)).toBeCloseTo(-29 / 165, 12);
  });

  it('R ?cor.test (Hollander & Wolfe): ρ = 0.6', () => {
    expect(spearman(hollanderWolfe.x, hollanderWolfe.y)).toBeCloseTo(0.6, 12);
  });

  it('SciPy ?spearmanr, with a tie in y: spearmanr([1,2,3,4,5], [5,6,7,8,7]) = 0.8207826816681233', () => {
    // The tie-corrected value; the untied formula 1 − 6Σd²/(n(n²−1)) would give 0.825 (scipy#2371).
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(0.8207826816681233, 12);
  });

  it('Kendall (1976) examples 3.4 and 4.3, ties in both (values from SciPy spearmanr)', () => {
    expect(spearman(kendallExample34.a, kendallExample34.b)).toBeCloseTo(0.4579174965341416, 12);
    expect(spearman(kendallExample43.x, kendallExample43.y)).toBeCloseTo(0.7402182103858489, 12);
  });
});

describe('kendallTauB: published values', () => {
  it('R ?cor.test (Hollander & Wolfe): τ = 0.4444444', () => {
    expect(kendallTauB(hollanderWolfe.x, hollanderWolfe.y)).toBeCloseTo(4 / 9, 12);
  });

  it('Kendall (1976) Example 3.4: τ-b = 34/√(116·60) = 0.407544', () => {
    expect(kendallTauB(kendallExample34.a, kendallExample34.b)).toBeCloseTo(34 / Math.sqrt(116 * 60), 12);
    expect(kendallTauB(kendallExample34.a, kendallExample34.b)).toBeCloseTo(0.4075438062625765, 12);
  });

  it('Kendall (1976) Example 4.3: τ-b = 34/√(61·62) = 0.552864', () => {
    expect(kendallTauB(kendallExample43.x, kendallExample43.y)).toBeCloseTo(0.5528638004143217, 12);
  });

  it('SciPy ?kendalltau: kendalltau([12,2,1,12,2], [1,4,7,1,0]) = −0.47140452079103173 (= −√2/3)', () => {
    expect(kendallTauB([12, 2, 1, 12, 2], [1, 4, 7, 1, 0])).toBeCloseTo(-Math.SQRT2 / 3, 12);
  });

  it('R package ircor ?tau_b (Kendall 1970): 0.2 untied, 0.2247333 with y rounded, 0.25 with both rounded', () => {
    const x = [0.67, 0.45, 0.29, 0.12, 0.57, 0.24, 0.94, 0.75, 0.08, 0.54];
    const y = [0.48, 0.68, 0.32, 0.09, 0.06, 0.61, 0.87, 0.22, 0.44, 0.84];
    // round(·, 1) as the documentation's R did it (0.45 → 0.4, round half to even).
    const xRounded = [0.7, 0.4, 0.3, 0.1, 0.6, 0.2, 0.9, 0.8, 0.1, 0.5];
    const yRounded = [0.5, 0.7, 0.3, 0.1, 0.1, 0.6, 0.9, 0.2, 0.4, 0.8];
    expect(kendallTauB(x, y)).toBeCloseTo(0.2, 12);
    expect(kendallTauB(x, yRounded)).toBeCloseTo(0.22473328748774737, 12);
    expect(kendallTauB(xRounded, yRounded)).toBeCloseTo(0.25, 12);
  });

  it('handles 100 000 pairs quickly (O(n log n))', () => {
    const n = 100_000;
    const x = Array.from({ length: n }, (_, i) => (i * 7919) % 1000);
    const y = x.map((v, i) => v + ((i * 104729) % 500));
    const tau = kendallTauB(x, y);
    expect(tau).not.toBeNull();
    expect(tau).toBeGreaterThan(0.5);
  });
});

describe('rank correlations: properties', () => {
  const correlations = { spearman, kendallTauB };
  // Few distinct values, so that ties are common.
  const pairedSeries = fc
    .integer({ min: 2, max: 60 })
    .chain((n) => fc.tuple(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: n, maxLength: n }), fc.array(fc.integer({ min: -5, max: 5 }), { minLength: n, maxLength: n })));

  for (const [name, correlation] of Object.entries(correlations)) {
    describe(name, () => {
      it('lies in [−1, 1] and is symmetric', () => {
        fc.assert(
          fc.property(pairedSeries, ([x, y]) => {
            const r = correlation(x, y);
            const swapped = correlation(y, x);
            if (r === null) { expect(swapped).toBeNull(); return; }
            expect(Math.abs(r)).toBeLessThanOrEqual(1);
            expect(swapped).toBeCloseTo(r, 12);
          }),
        );
      });

      it('is 1 for identical series without ties and −1 for reversed ones', () => {
        fc.assert(
          fc.property(fc.uniqueArray(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 50 }), (x) => {
            expect(correlation(x, x)).toBe(1);
            expect(correlation(x, x.map((v) => -v))).toBe(-1);
          }),
        );
      });

      it('is unchanged by strictly increasing transforms and negated by decreasing ones', () => {
        fc.assert(
          fc.property(pairedSeries, ([x, y]) => {
            const r = correlation(x, y);
            const increasing = (v: number) => v ** 3 + Math.exp(v);
            expect(correlation(x.map(increasing), y.map((v) => 2 * v + 7))).toBe(r);
            const decreasing = correlation(x.map((v) => -increasing(v)), y);
            if (r === null) expect(decreasing).toBeNull();
            else expect(decreasing).toBeCloseTo(-r, 12);
          }),
        );
      });

      it('is null below 2 pairs or for a constant series, and rejects unequal lengths', () => {
        expect(correlation([], [])).toBeNull();
        expect(correlation([1], [2])).toBeNull();
        expect(correlation([3, 3, 3], [1, 2, 3])).toBeNull();
        expect(correlation([1, 2, 3], [0.1, 0.1, 0.1])).toBeNull();
        expect(() => correlation([1, 2], [1])).toThrow(RangeError);
      });
    });
  }

  it('kendallTauB (Knight) equals the O(n²) definition', () => {
    fc.assert(
      fc.property(pairedSeries, ([x, y]) => {
        const fast = kendallTauB(x, y);
        const reference = kendallTauBReference(x, y);
        if (reference === null) { expect(fast).toBeNull(); return; }
        expect(fast).toBeCloseTo(reference, 12);
      }),
      { numRuns: 500 },
    );
  });

  it('spearman is Pearson on the average ranks', () => {
    fc.assert(
      fc.property(pairedSeries, ([x, y]) => {
        expect(spearman(x, y)).toBe(pearson(averageRanks(x), averageRanks(y)));
      }),
    );
  });
});
