import { histogram, kendallTauB, mean, spearman, topKOverlap, transitionMatrix } from '@carescore/stats';
import type { ComparisonResponse } from './experiments.dto';

/** One staff member's pair of results: champion (official) and challenger (shadow). */
export interface PairedResult {
  staffId: string;
  champion: { composite: number | null; band: string | null; zone: string | null; promotionEligible: boolean | null };
  challenger: { composite: number | null; band: string | null; zone: string | null; promotionEligible: boolean | null };
}

/** Width of the delta histogram's bins, in composite points, on a grid through 0. */
export const DELTA_BIN_WIDTH = 5;
const NO_BAND = '(none)';

/** Ranked best first by composite, ties by staff id; staff without a composite are left out. */
function ranked(pairs: readonly PairedResult[], arm: 'champion' | 'challenger'): string[] {
  return pairs
    .filter((pair) => pair[arm].composite !== null)
    .sort((a, b) => (b[arm].composite as number) - (a[arm].composite as number) || a.staffId.localeCompare(b.staffId))
    .map((pair) => pair.staffId);
}

/**
 * The comparison of two schemes over the same staff: means, the delta (challenger − champion)
 * with its histogram, Spearman and Kendall tau-b over staff scored by both, top-k overlap with
 * k = 10 % of staff (at least 1), band transitions (champion band → challenger band) and how many
 * staff changed band, zone or promotion eligibility.
 */
export function compare(pairs: readonly PairedResult[], bandOrder: readonly string[]): ComparisonResponse {
  const both = pairs.filter((pair) => pair.champion.composite !== null && pair.challenger.composite !== null);
  const champion = both.map((pair) => pair.champion.composite as number);
  const challenger = both.map((pair) => pair.challenger.composite as number);
  const deltas = both.map((pair, i) => challenger[i] - champion[i]);
  const k = Math.max(1, Math.round(pairs.length * 0.1));
  const bands = [...bandOrder];
  for (const pair of pairs) for (const band of [pair.champion.band, pair.challenger.band]) if (!bands.includes(band ?? NO_BAND)) bands.push(band ?? NO_BAND);
  const matrix = transitionMatrix(
    pairs.map((pair) => [pair.champion.band ?? NO_BAND, pair.challenger.band ?? NO_BAND] as const),
    bands,
  );
  return {
    staff: pairs.length,
    championMean: mean(pairs.flatMap((pair) => (pair.champion.composite === null ? [] : [pair.champion.composite]))),
    challengerMean: mean(pairs.flatMap((pair) => (pair.challenger.composite === null ? [] : [pair.challenger.composite]))),
    delta: {
      mean: mean(deltas),
      min: deltas.length ? Math.min(...deltas) : null,
      max: deltas.length ? Math.max(...deltas) : null,
      histogram: histogram(deltas, { binWidth: DELTA_BIN_WIDTH }),
    },
    spearman: both.length >= 2 ? spearman(champion, challenger) : null,
    kendallTauB: both.length >= 2 ? kendallTauB(champion, challenger) : null,
    topK: { k, overlap: pairs.length ? topKOverlap(ranked(pairs, 'champion'), ranked(pairs, 'challenger'), k) : null },
    bandTransitions: matrix,
    bandChanged: pairs.filter((pair) => pair.champion.band !== pair.challenger.band).length,
    zoneChanged: pairs.filter((pair) => pair.champion.zone !== pair.challenger.zone).length,
    promotionChanged: pairs.filter((pair) => (pair.champion.promotionEligible ?? false) !== (pair.challenger.promotionEligible ?? false)).length,
  };
}

/** Rank (1 = best) of each staff member by composite under one arm. */
export function ranks(pairs: readonly PairedResult[], arm: 'champion' | 'challenger'): Map<string, number> {
  return new Map(ranked(pairs, arm).map((id, i) => [id, i + 1]));
}
