import { mean, variance } from './descriptive';
import { studentTQuantile, studentTTwoSidedTail } from './student-t';
import { assertFinite } from './validate';

/** Size, mean and sample variance of one group (mean null when empty, variance null below 2). */
export interface SampleSummary {
  n: number;
  mean: number | null;
  variance: number | null;
}

export interface DescribedSample {
  n: number;
  mean: number;
  variance: number;
}

export interface ConfidenceInterval {
  /** E.g. 0.95. */
  level: number;
  lower: number;
  upper: number;
}

export interface WelchEstimate {
  status: 'estimated';
  a: DescribedSample;
  b: DescribedSample;
  /** mean(b) − mean(a). */
  difference: number;
  standardError: number;
  /** Welch–Satterthwaite; usually not an integer. */
  degreesOfFreedom: number;
  t: number;
  /** Two-sided, for the null hypothesis of equal means. */
  pValue: number;
  confidenceInterval: ConfidenceInterval;
}

export interface WelchNotEstimated {
  /**
   * `too_few_values`: a group has fewer than 2 values, so its variance is unknown.
   * `no_variance`: every value within each group is the same, so the standard error is 0 and
   * the test is undefined; `difference` is still the (exact) difference of the means.
   */
  status: 'too_few_values' | 'no_variance';
  a: SampleSummary;
  b: SampleSummary;
  difference: number | null;
}

export type WelchResult = WelchEstimate | WelchNotEstimated;

export interface WelchOptions {
  /** Default 0.95. */
  confidenceLevel?: number;
}

/**
 * Welch's unequal-variances t-test of b against a. In experiments, a is the champion arm and
 * b the challenger, so `difference` is challenger − champion. Matches R's `t.test(b, a)`
 * (whose default is Welch's test) and SciPy's `ttest_ind(b, a, equal_var=False)`.
 */
export function welch(a: readonly number[], b: readonly number[], options: WelchOptions = {}): WelchResult {
  const level = options.confidenceLevel ?? 0.95;
  if (!(level > 0 && level < 1)) throw new RangeError(`confidenceLevel must be strictly between 0 and 1: ${level}`);
  assertFinite(a, 'a');
  assertFinite(b, 'b');
  const summaryA = summarize(a);
  const summaryB = summarize(b);
  if (summaryA.variance === null || summaryB.variance === null || summaryA.mean === null || summaryB.mean === null) {
    const difference = summaryA.mean !== null && summaryB.mean !== null ? summaryB.mean - summaryA.mean : null;
    return { status: 'too_few_values', a: summaryA, b: summaryB, difference };
  }
  const describedA: DescribedSample = { n: summaryA.n, mean: summaryA.mean, variance: summaryA.variance };
  const describedB: DescribedSample = { n: summaryB.n, mean: summaryB.mean, variance: summaryB.variance };
  const difference = describedB.mean - describedA.mean;
  const shareA = describedA.variance / describedA.n;
  const shareB = describedB.variance / describedB.n;
  const squaredError = shareA + shareB;
  if (squaredError === 0) return { status: 'no_variance', a: summaryA, b: summaryB, difference };

  const standardError = Math.sqrt(squaredError);
  // Welch–Satterthwaite, on the shares scaled to at most 1 so that tiny variances cannot underflow.
  const scale = Math.max(shareA, shareB);
  const [relativeA, relativeB] = [shareA / scale, shareB / scale];
  const degreesOfFreedom = (relativeA + relativeB) ** 2 / (relativeA ** 2 / (describedA.n - 1) + relativeB ** 2 / (describedB.n - 1));
  const t = difference / standardError;
  const margin = studentTQuantile(1 - (1 - level) / 2, degreesOfFreedom) * standardError;
  return {
    status: 'estimated',
    a: describedA,
    b: describedB,
    difference,
    standardError,
    degreesOfFreedom,
    t,
    pValue: studentTTwoSidedTail(t, degreesOfFreedom),
    confidenceInterval: { level, lower: difference - margin, upper: difference + margin },
  };
}

function summarize(values: readonly number[]): SampleSummary {
  return { n: values.length, mean: mean(values), variance: variance(values) };
}
