import { describe, expect, it } from 'vitest';
import { sampleRatioMismatch, SRM_P_THRESHOLD } from './sample-ratio-mismatch';

describe('sampleRatioMismatch', () => {
  it('flags the SRM example of Kohavi, Tang & Xu (2020): 821 588 vs 815 482 in a 50/50 split, p ≈ 1.8e−6', () => {
    const result = sampleRatioMismatch({ champion: 821_588, challenger: 815_482 }, 0.5);
    // SciPy 1.17: chisquare([821588, 815482]) → statistic 22.77436884189436, p 1.8217928726191858e-06.
    expect(result?.chiSquare).toBeCloseTo(22.77436884189436, 9);
    expect((result?.pValue ?? 0) / 1.8217928726191858e-6).toBeCloseTo(1, 9);
    expect(result?.mismatch).toBe(true);
  });

  it('computes chi-square goodness of fit against the configured split (table values)', () => {
    // χ² = 4 with 1 df: p = 0.04550026 (R: pchisq(4, 1, lower.tail = FALSE)); not a mismatch.
    expect(sampleRatioMismatch({ champion: 60, challenger: 40 }, 0.5)).toEqual({
      observed: { champion: 60, challenger: 40 },
      expected: { champion: 50, challenger: 50 },
      chiSquare: 4,
      degreesOfFreedom: 1,
      pValue: expect.closeTo(0.04550026389635857, 12),
      threshold: SRM_P_THRESHOLD,
      mismatch: false,
    });
    // A 25 % challenger share that came out 20 %: χ² = 13.3333, p = 0.0002607296 < 0.001.
    const skewed = sampleRatioMismatch({ champion: 800, challenger: 200 }, 0.25);
    expect(skewed?.chiSquare).toBeCloseTo(40 / 3, 12);
    expect(skewed?.pValue).toBeCloseTo(0.0002607296328553165, 12);
    expect(skewed?.mismatch).toBe(true);
  });

  it('uses the strict 0.001 threshold', () => {
    expect(SRM_P_THRESHOLD).toBe(0.001);
    // χ² = 9 (p ≈ 0.0027) would fail at 5 % or 1 % but is not an SRM.
    expect(sampleRatioMismatch({ champion: 515, challenger: 485 }, 0.5)?.mismatch).toBe(false);
  });

  it('handles empty arms and the 0 % / 100 % edges', () => {
    expect(sampleRatioMismatch({ champion: 0, challenger: 0 }, 0.5)).toBeNull();
    expect(sampleRatioMismatch({ champion: 10, challenger: 0 }, 0)).toMatchObject({ chiSquare: 0, pValue: 1, mismatch: false });
    expect(sampleRatioMismatch({ champion: 10, challenger: 1 }, 0)).toMatchObject({ chiSquare: Infinity, pValue: 0, mismatch: true });
    expect(() => sampleRatioMismatch({ champion: -1, challenger: 3 }, 0.5)).toThrow(RangeError);
    expect(() => sampleRatioMismatch({ champion: 1, challenger: 3 }, 1.5)).toThrow(RangeError);
  });
});
