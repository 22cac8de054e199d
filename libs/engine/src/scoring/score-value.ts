import type { BandsScoring, Direction, Scoring, ThresholdsScoring } from '../schema/scheme.schema';

export const DEFAULT_POINTS = { baseline: 60, target: 80, excellent: 100 } as const;

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}

function interpolate(value: number, fromX: number, toX: number, fromY: number, toY: number): number {
  return fromY + ((value - fromX) / (toX - fromX)) * (toY - fromY);
}

/**
 * Piecewise-linear through (floor, 0), (baseline, pb), (target, pt), (excellent, pe), capped at pe.
 * For `lower`, values are mirrored so one code path serves both directions.
 */
export function scoreThresholds(value: number, scoring: ThresholdsScoring, direction: Direction): number {
  const sign = direction === 'higher' ? 1 : -1;
  const v = sign * value;
  const baseline = sign * scoring.baseline;
  const target = sign * scoring.target;
  const excellent = sign * scoring.excellent;
  const pb = scoring.points?.baseline ?? DEFAULT_POINTS.baseline;
  const pt = scoring.points?.target ?? DEFAULT_POINTS.target;
  const pe = scoring.points?.excellent ?? DEFAULT_POINTS.excellent;
  if (v >= excellent) return pe;
  if (v >= target) return interpolate(v, target, excellent, pt, pe);
  if (v >= baseline) return interpolate(v, baseline, target, pb, pt);
  if (scoring.floor === undefined) return 0;
  const floor = sign * scoring.floor;
  if (v <= floor) return 0;
  return interpolate(v, floor, baseline, 0, pb);
}

/** A step function: the first band the value reaches scores; below every band scores 0. */
export function scoreBands(value: number, scoring: BandsScoring, direction: Direction): number {
  for (const band of scoring.bands) {
    if (direction === 'higher' ? value >= (band.min ?? Infinity) : value <= (band.max ?? -Infinity)) return band.score;
  }
  return 0;
}

export function scoreValue(value: number, scoring: Scoring, direction: Direction): number {
  switch (scoring.type) {
    case 'thresholds':
      return scoreThresholds(value, scoring, direction);
    case 'bands':
      return scoreBands(value, scoring, direction);
    case 'linear': {
      const share = (value - scoring.min) / (scoring.max - scoring.min);
      return clamp((direction === 'higher' ? share : 1 - share) * 100, 0, 100);
    }
    case 'raw':
      return clamp(value, 0, 100);
  }
}
