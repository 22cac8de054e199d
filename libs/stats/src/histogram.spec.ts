import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { histogram } from './histogram';

describe('histogram', () => {
  it('puts values on a grid through 0, half-open bins, empty bins kept', () => {
    expect(histogram([-1.5, -0.2, 0, 0.4, 2.9], { binWidth: 1 })).toEqual([
      { lower: -2, upper: -1, count: 1 },
      { lower: -1, upper: 0, count: 1 },
      { lower: 0, upper: 1, count: 2 },
      { lower: 1, upper: 2, count: 0 },
      { lower: 2, upper: 3, count: 1 },
    ]);
  });

  it('counts a value on a displayed edge into the bin it opens, despite floating-point division', () => {
    // 0.3 / 0.1 = 2.9999999999999996, yet 0.3 is drawn as the edge between [0.2, 0.3) and [0.3, 0.4).
    const bins = histogram([0.3], { binWidth: 0.1 });
    expect(bins).toHaveLength(1);
    expect(bins[0].lower).toBeLessThanOrEqual(0.3);
    expect(bins[0].upper).toBeGreaterThan(0.3);
  });

  it('splits min…max into equal bins, the last one closed', () => {
    expect(histogram([0, 1, 2, 3, 4], { bins: 2 })).toEqual([
      { lower: 0, upper: 2, count: 2 },
      { lower: 2, upper: 4, count: 3 },
    ]);
    expect(histogram([5, 5], { bins: 4 })).toEqual([{ lower: 5, upper: 5, count: 2 }]);
    expect(histogram([], { bins: 4 })).toEqual([]);
  });

  it('refuses a width that would make absurdly many bins', () => {
    expect(() => histogram([0, 1], { binWidth: 1e-9 })).toThrow(RangeError);
    expect(() => histogram([0, 1], { binWidth: 0 })).toThrow(RangeError);
  });

  it('keeps a range too narrow to split in one bin', () => {
    expect(histogram([0, 5e-324], { bins: 2 })).toEqual([{ lower: 0, upper: 5e-324, count: 2 }]);
    expect(histogram([0, 1e-323], { bins: 2 })).toEqual([
      { lower: 0, upper: 5e-324, count: 1 },
      { lower: 5e-324, upper: 1e-323, count: 1 },
    ]);
  });

  it('counts every value once, inside its bin, with contiguous bins', () => {
    const values = fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: 1, maxLength: 60 });
    const options = fc.oneof(
      fc.record({ binWidth: fc.constantFrom(0.1, 0.25, 1, 3, 7.5, 50), origin: fc.constantFrom(0, 0.05, -3) }),
      fc.record({ bins: fc.integer({ min: 1, max: 30 }) }),
    );
    fc.assert(
      fc.property(values, options, (sample, option) => {
        const bins = histogram(sample, option);
        expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(sample.length);
        for (let i = 1; i < bins.length; i++) expect(bins[i].lower).toBe(bins[i - 1].upper);
        for (const value of sample) {
          const inside = bins.filter((bin, i) => bin.lower <= value && (value < bin.upper || (i === bins.length - 1 && value === bin.upper)));
          expect(inside.length).toBeGreaterThanOrEqual(1);
        }
      }),
    );
  });
});
