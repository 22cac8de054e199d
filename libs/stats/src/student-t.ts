import { logGamma, regularizedIncompleteBeta } from './special-functions';
import { assertPositiveFinite, assertProbability } from './validate';

/** P(|T| > |t|) for Student's t with `df` degrees of freedom (any positive df, not only integers). */
export function studentTTwoSidedTail(t: number, df: number): number {
  assertPositiveFinite(df, 'df');
  if (Number.isNaN(t)) throw new RangeError('t is NaN');
  if (!Number.isFinite(t)) return 0;
  const t2 = t * t;
  // Both forms are I_x(df/2, 1/2) with x = df/(df + t²); passing the smaller of x and 1 − x
  // keeps its digits when t is tiny or huge compared with √df.
  if (t2 < df) return 1 - regularizedIncompleteBeta(t2 / (df + t2), 0.5, df / 2);
  return regularizedIncompleteBeta(df / (df + t2), df / 2, 0.5);
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const halfTail = studentTTwoSidedTail(t, df) / 2;
  return t > 0 ? 1 - halfTail : halfTail;
}

/** The density of Student's t. */
export function studentTDensity(t: number, df: number): number {
  assertPositiveFinite(df, 'df');
  const logDensity = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df);
  return Math.exp(logDensity);
}

/**
 * The p-quantile of Student's t: the t with P(T ≤ t) = p (±Infinity at p = 0 or 1). Solved on
 * the upper tail, which keeps its precision for p near 1, by Newton's method inside a bracket
 * that bisection takes over whenever a Newton step would leave it.
 */
export function studentTQuantile(p: number, df: number): number {
  assertProbability(p, 'p');
  assertPositiveFinite(df, 'df');
  if (p === 0.5) return 0;
  const tail = Math.min(p, 1 - p);
  const sign = p > 0.5 ? 1 : -1;
  if (tail === 0) return sign * Infinity;

  const excess = (t: number) => studentTTwoSidedTail(t, df) / 2 - tail;
  let low = 0;
  let high = 1;
  while (excess(high) > 0) {
    low = high;
    high *= 2;
  }
  let t = (low + high) / 2;
  for (let iteration = 0; iteration < 200; iteration++) {
    const f = excess(t);
    if (f === 0) break;
    if (f > 0) low = t;
    else high = t;
    const newton = t + f / studentTDensity(t, df);
    const next = newton > low && newton < high ? newton : (low + high) / 2;
    if (Math.abs(next - t) <= 1e-15 * Math.abs(t)) {
      t = next;
      break;
    }
    t = next;
  }
  return sign * t;
}
