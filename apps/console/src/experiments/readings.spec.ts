import { describe, expect, it } from 'vitest';
import { armInterval, binLabel, correlationStrength, formatSigned, hardestHit, heatColor, outcomeBars, readCorrelation, readSampleRatio, readTopK } from './readings';

describe('experiment report readings', () => {
  it('names the strength of a rank correlation by its size', () => {
    expect([0.95, -0.9, 0.75, 0.5, 0.25, 0.1, -0.05].map(correlationStrength)).toEqual(['very_strong', 'very_strong', 'strong', 'moderate', 'weak', 'none', 'none']);
  });

  it('reads Spearman and Kendall together: strength, share of concordant pairs, reversal, too few staff', () => {
    expect(readCorrelation({ spearman: 0.93, kendallTauB: 0.8, staff: 60 })).toEqual({ key: 'carescore.experiments.reading.very_strong', args: { concordant: 90 } });
    expect(readCorrelation({ spearman: -0.75, kendallTauB: -0.5, staff: 60 })).toEqual({
      key: 'carescore.experiments.reading.reversed',
      args: { strength: 'carescore.experiments.strength.strong', concordant: 25 },
    });
    expect(readCorrelation({ spearman: 0.1, kendallTauB: 0.06, staff: 60 }).key).toBe('carescore.experiments.reading.none');
    expect(readCorrelation({ spearman: null, kendallTauB: null, staff: 1 })).toEqual({ key: 'carescore.experiments.reading.too_few', args: { staff: 1 } });
  });

  it('reads the top-k overlap as kept staff out of k', () => {
    expect(readTopK({ k: 6, overlap: 4 / 6 })).toEqual({ key: 'carescore.experiments.reading.top_k', args: { k: 6, kept: 4, percent: 67 } });
    expect(readTopK({ k: 1, overlap: null }).key).toBe('carescore.experiments.reading.top_k_none');
  });

  it('finds the group hit hardest (most negative mean delta), none when no group loses', () => {
    const group = (name: string, mean: number | null) => ({ name, staff: 5, delta: { mean, min: null, max: null, histogram: [] } });
    expect(hardestHit([group('a', -1), group('b', -3.5), group('c', 2), group('d', null)])?.name).toBe('b');
    expect(hardestHit([group('a', 0), group('b', 1)])).toBeNull();
  });

  it('gives an arm mean its 95 % t interval (textbook: n = 10, mean 5, s² = 4 → 5 ± 2.262 · 0.632)', () => {
    const interval = armInterval('champion', { n: 10, mean: 5, variance: 4 });
    expect(interval?.lower).toBeCloseTo(5 - 2.2622 * Math.sqrt(0.4), 3);
    expect(interval?.upper).toBeCloseTo(5 + 2.2622 * Math.sqrt(0.4), 3);
    expect(armInterval('challenger', { n: 1, mean: 5, variance: null })).toBeNull();
  });

  it('plots each arm with a mean, and an interval only when the variance is known', () => {
    const bars = outcomeBars({ status: 'too_few_values', a: { n: 3, mean: 70, variance: 9 }, b: { n: 1, mean: 80, variance: null }, difference: 10 });
    expect(bars.map((bar) => [bar.arm, bar.mean, bar.interval === null])).toEqual([
      ['champion', 70, false],
      ['challenger', 80, true],
    ]);
    expect(outcomeBars({ status: 'too_few_values', a: { n: 0, mean: null }, b: { n: 0, mean: null }, difference: null })).toEqual([]);
  });

  it('reads the sample-ratio check', () => {
    expect(readSampleRatio({ pValue: 0.0001, mismatch: true })).toEqual({ key: 'carescore.experiments.srm.mismatch', args: { p: '< 0.001' } });
    expect(readSampleRatio({ pValue: 0.4321, mismatch: false })).toEqual({ key: 'carescore.experiments.srm.ok', args: { p: '= 0.43' } });
    expect(readSampleRatio(null).key).toBe('carescore.experiments.srm.not_tested');
  });

  it('formats deltas with a real minus sign, bins as half-open intervals, and colours cells by count', () => {
    expect([formatSigned(1.234), formatSigned(-0.5), formatSigned(0.001), formatSigned(null)]).toEqual(['+1.23', '−0.50', '0.00', '—']);
    expect(binLabel({ lower: -5, upper: 0 })).toBe('[-5, 0)');
    expect(heatColor(0, 10)).toBe('rgb(247, 249, 252)');
    expect(heatColor(10, 10)).toBe('rgb(21, 67, 140)');
  });
});
