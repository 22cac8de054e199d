import type { LocalizedText } from '../providers/dataProvider';
import type { ScorecardDetail, TrendResponse } from './types';

type Localize = (text: LocalizedText | null | undefined, fallback?: string) => string;

/** Presentation rounding (the engine never rounds): one decimal, or a dash for no number. */
export function formatScore(value: number | null | undefined, digits = 1): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '—';
}

/** Chart numbers: rounded to one decimal, null stays a gap. */
function chartNumber(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value * 10) / 10 : null;
}

export interface RadarPoint {
  id: string;
  dimension: string;
  staff: number | null;
  team: number | null;
}

/** One spoke per top-level dimension: the staff member's score and the team mean of the same run. */
export function radarData(scorecard: Pick<ScorecardDetail, 'explanation' | 'result' | 'teamMean'>, localize: Localize): RadarPoint[] {
  const names = new Map(scorecard.explanation.dimensions.map((dimension) => [dimension.id, dimension.name]));
  return scorecard.explanation.topLevelDimensions.map((id) => ({
    id,
    dimension: localize(names.get(id), id),
    staff: chartNumber(scorecard.result.dimensions[id]?.score),
    team: chartNumber(scorecard.teamMean?.dimensions[id]),
  }));
}

export interface TrendSeries {
  /** The recharts dataKey. */
  key: string;
  label: string;
}

/** Rows per period (oldest first) with the composite and each top-level dimension, and the series to draw. */
export function trendData(trend: TrendResponse, localize: Localize, compositeLabel: string): { rows: Array<Record<string, string | number | null>>; series: TrendSeries[] } {
  const topLevel = trend.dimensions.filter((dimension) => dimension.parentId === null);
  const series: TrendSeries[] = [{ key: 'composite', label: compositeLabel }, ...topLevel.map((dimension) => ({ key: `dimension:${dimension.id}`, label: localize(dimension.name, dimension.id) }))];
  const rows = trend.points.map((point) => {
    const row: Record<string, string | number | null> = { period: point.period, composite: chartNumber(point.composite), band: point.band };
    for (const dimension of topLevel) row[`dimension:${dimension.id}`] = chartNumber(point.dimensions[dimension.id]);
    return row;
  });
  return { rows, series };
}

/** An input's value as read by the formula: lists joined, absent shown as a dash. */
export function formatInput(value: number | number[] | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[${value.map((item) => String(Math.round(item * 1000) / 1000)).join(', ')}]`;
  return String(Math.round(value * 1000) / 1000);
}

/**
 * The indicators of a leaf dimension in the scheme's order, followed by any indicator the scheme
 * lists in no dimension (so nothing of the scorecard goes unshown).
 */
export function indicatorGroups(explanation: ScorecardDetail['explanation']): Array<{ dimensionId: string | null; depth: number; indicators: string[] }> {
  const placed = new Set<string>();
  const groups: Array<{ dimensionId: string | null; depth: number; indicators: string[] }> = [];
  for (const dimension of explanation.dimensions) {
    const indicators = dimension.indicators.map((ref) => ref.id);
    indicators.forEach((id) => placed.add(id));
    groups.push({ dimensionId: dimension.id, depth: dimension.depth, indicators });
  }
  const rest = explanation.indicators.map((indicator) => indicator.id).filter((id) => !placed.has(id));
  if (rest.length > 0) groups.push({ dimensionId: null, depth: 0, indicators: rest });
  return groups;
}
