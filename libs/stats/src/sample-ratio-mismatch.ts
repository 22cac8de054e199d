import type { ArmCounts } from './assignment';
import { chiSquareSurvival } from './chi-square';
import { assertCount } from './validate';

/**
 * The p-value below which the split counts as mismatched: 0.001, the strict threshold usual for
 * SRM checks (on SRM see Kohavi, Tang & Xu, "Trustworthy Online Controlled Experiments", 2020,
 * ch. 21). The check runs on every report of every experiment, so a 5 % threshold would raise
 * false alarms routinely, while a real assignment fault with hundreds of units drives p far
 * below 0.001.
 */
export const SRM_P_THRESHOLD = 0.001;

export interface SampleRatioMismatch {
  observed: ArmCounts;
  expected: ArmCounts;
  chiSquare: number;
  degreesOfFreedom: 1;
  pValue: number;
  threshold: number;
  /** pValue < threshold: the assignment did not produce the configured split. */
  mismatch: boolean;
}

/**
 * Sample-ratio-mismatch check: a chi-square goodness-of-fit test (1 degree of freedom) of the
 * observed arm sizes against the configured split. `expectedShare` is the challenger's expected
 * share of units in [0, 1] (challengerPercent / 100). Null when there are no units.
 */
export function sampleRatioMismatch(observed: ArmCounts, expectedShare: number): SampleRatioMismatch | null {
  assertCount(observed.champion, 'observed.champion');
  assertCount(observed.challenger, 'observed.challenger');
  if (!(expectedShare >= 0 && expectedShare <= 1)) throw new RangeError(`expectedShare must be within [0, 1]: ${expectedShare}`);
  const total = observed.champion + observed.challenger;
  if (total === 0) return null;
  const expected: ArmCounts = { champion: total * (1 - expectedShare), challenger: total * expectedShare };
  const chiSquare = term(observed.champion, expected.champion) + term(observed.challenger, expected.challenger);
  const pValue = chiSquare === Infinity ? 0 : chiSquareSurvival(chiSquare, 1);
  return {
    observed: { ...observed },
    expected,
    chiSquare,
    degreesOfFreedom: 1,
    pValue,
    threshold: SRM_P_THRESHOLD,
    mismatch: pValue < SRM_P_THRESHOLD,
  };
}

/** (O − E)² / E, where an arm expected to be empty contributes 0 if it is, and ∞ if not. */
function term(observed: number, expected: number): number {
  if (expected === 0) return observed === 0 ? 0 : Infinity;
  return ((observed - expected) * (observed - expected)) / expected;
}
