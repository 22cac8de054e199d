import { regularizedGammaP, regularizedGammaQ } from './special-functions';
import { assertPositiveFinite } from './validate';

/** P(X ≤ x) for the chi-square distribution with `df` degrees of freedom. */
export function chiSquareCdf(x: number, df: number): number {
  assertPositiveFinite(df, 'df');
  if (x <= 0) return 0;
  return regularizedGammaP(df / 2, x / 2);
}

/** P(X > x), the p-value of a chi-square statistic x; computed directly, so tiny tails keep their digits. */
export function chiSquareSurvival(x: number, df: number): number {
  assertPositiveFinite(df, 'df');
  if (x <= 0) return 1;
  return regularizedGammaQ(df / 2, x / 2);
}
