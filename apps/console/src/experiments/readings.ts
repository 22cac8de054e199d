import { studentTQuantile } from '../../../../libs/stats/src/student-t';
import type { ArmSample, Comparison, Outcomes } from './types';

/**
 * Plain-language readings of the report's numbers. Pure functions returning message keys (in
 * messages.ts) and their arguments, so that the wording is the same in both languages and tested.
 */

export type Strength = 'very_strong' | 'strong' | 'moderate' | 'weak' | 'none';

/** Conventional bands for a rank correlation's size: ≥ .9 very strong, ≥ .7 strong, ≥ .4 moderate, ≥ .2 weak. */
export function correlationStrength(value: number): Strength {
  const size = Math.abs(value);
  if (size >= 0.9) return 'very_strong';
  if (size >= 0.7) return 'strong';
  if (size >= 0.4) return 'moderate';
  if (size >= 0.2) return 'weak';
  return 'none';
}

export interface Reading {
  key: string;
  args: Record<string, string | number>;
}

/** How alike the two schemes rank the same staff, from Spearman's rho and Kendall's tau-b. */
export function readCorrelation(comparison: Pick<Comparison, 'spearman' | 'kendallTauB' | 'staff'>): Reading {
  const { spearman, kendallTauB } = comparison;
  if (spearman === null || kendallTauB === null) return { key: 'carescore.experiments.reading.too_few', args: { staff: comparison.staff } };
  const strength = correlationStrength(spearman);
  // Kendall's tau: the share of pairs of staff the schemes order the same way, less the share they order the other way.
  const concordant = Math.round(((kendallTauB + 1) / 2) * 100);
  if (spearman < 0 && strength !== 'none') return { key: 'carescore.experiments.reading.reversed', args: { strength: `carescore.experiments.strength.${strength}`, concordant } };
  return { key: `carescore.experiments.reading.${strength}`, args: { concordant } };
}

/** The top-k overlap in words: how many of the champion's best k stay among the challenger's best k. */
export function readTopK(topK: Comparison['topK']): Reading {
  if (topK.overlap === null) return { key: 'carescore.experiments.reading.top_k_none', args: { k: topK.k } };
  return { key: 'carescore.experiments.reading.top_k', args: { k: topK.k, kept: Math.round(topK.overlap * topK.k), percent: Math.round(topK.overlap * 100) } };
}

/** The group whose mean delta is the most negative (hit hardest by the challenger), when any is below 0. */
export function hardestHit<T extends Pick<Comparison, 'delta' | 'staff'>>(groups: readonly T[]): T | null {
  let worst: T | null = null;
  for (const group of groups) {
    const mean = group.delta.mean;
    if (mean === null || mean >= 0) continue;
    if (worst === null || mean < (worst.delta.mean as number)) worst = group;
  }
  return worst;
}

export interface ArmInterval {
  arm: 'champion' | 'challenger';
  n: number;
  mean: number;
  lower: number;
  upper: number;
}

/** An arm's mean with its 95 % t interval (mean ± t(0.975, n − 1) · s / √n); null when fewer than 2 values or no variance reported. */
export function armInterval(arm: ArmInterval['arm'], sample: ArmSample, level = 0.95): ArmInterval | null {
  if (sample.mean === null || sample.variance === null || sample.variance === undefined || sample.n < 2) return null;
  const half = studentTQuantile(1 - (1 - level) / 2, sample.n - 1) * Math.sqrt(sample.variance / sample.n);
  return { arm, n: sample.n, mean: sample.mean, lower: sample.mean - half, upper: sample.mean + half };
}

/** The arms' means (with intervals when they can be computed), champion first: what the outcome chart plots. */
export function outcomeBars(welch: Outcomes['welch']): Array<{ arm: 'champion' | 'challenger'; n: number; mean: number; interval: [number, number] | null }> {
  const arms = [
    ['champion', welch.a],
    ['challenger', welch.b],
  ] as const;
  return arms.flatMap(([arm, sample]) => {
    if (sample.mean === null) return [];
    const interval = armInterval(arm, sample);
    return [{ arm, n: sample.n, mean: sample.mean, interval: interval ? ([interval.lower, interval.upper] as [number, number]) : null }];
  });
}

/** Whether the observed split fits the set percentage, in words. */
export function readSampleRatio(srm: { pValue: number; mismatch: boolean } | null): Reading {
  if (srm === null) return { key: 'carescore.experiments.srm.not_tested', args: {} };
  return { key: srm.mismatch ? 'carescore.experiments.srm.mismatch' : 'carescore.experiments.srm.ok', args: { p: formatP(srm.pValue) } };
}

export function formatP(p: number): string {
  return p < 0.001 ? '< 0.001' : `= ${Number(p.toPrecision(2))}`;
}

/** A score or mean with two decimals, "—" for null. */
export function formatNumber(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

/** A delta with its sign: +1.25, −0.50. */
export function formatSigned(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = Math.abs(value).toFixed(digits);
  if (Number(text) === 0) return text;
  return value > 0 ? `+${text}` : `−${text}`;
}

/** A histogram bin's label: [-5, 0). */
export function binLabel(bin: { lower: number; upper: number }): string {
  return `[${Number(bin.lower.toFixed(2))}, ${Number(bin.upper.toFixed(2))})`;
}

/** The heat map's cell colour: white (0) to deep blue (the matrix's largest count). */
export function heatColor(count: number, max: number): string {
  if (count <= 0 || max <= 0) return 'rgb(247, 249, 252)';
  const share = Math.min(1, count / max);
  const channel = (from: number, to: number) => Math.round(from + (to - from) * (0.15 + 0.85 * share));
  return `rgb(${channel(230, 21)}, ${channel(238, 67)}, ${channel(250, 140)})`;
}

/** Black text on light cells, white on dark ones. */
export function heatTextColor(count: number, max: number): string {
  return max > 0 && count / max > 0.5 ? '#fff' : '#1a1a1a';
}
