import { describe, expect, it } from 'vitest';
import type { BandsScoring, ThresholdsScoring } from '../schema/scheme.schema';
import { scoreBands, scoreThresholds, scoreValue } from './score-value';

const followups: ThresholdsScoring = { type: 'thresholds', baseline: 80, target: 90, excellent: 98 };
const alertHours: ThresholdsScoring = { type: 'thresholds', floor: 8, baseline: 4, target: 2, excellent: 1 };

describe('thresholds, direction higher', () => {
  it('scores the SPEC example: 28 of 30 follow-ups on 80/90/98 is 88.33', () => {
    // 28/30 = 93.333 %; 80 + (93.333 − 90) / (98 − 90) × 20 = 88.333
    expect(scoreThresholds((28 / 30) * 100, followups, 'higher')).toBeCloseTo(88.3333333, 6);
  });
  it('hits the line points exactly', () => {
    expect(scoreThresholds(80, followups, 'higher')).toBe(60);
    expect(scoreThresholds(90, followups, 'higher')).toBe(80);
    expect(scoreThresholds(98, followups, 'higher')).toBe(100);
  });
  it('interpolates between baseline and target', () => {
    expect(scoreThresholds(85, followups, 'higher')).toBe(70); // 60 + 5/10 × 20
  });
  it('caps at 100 past excellent', () => {
    expect(scoreThresholds(120, followups, 'higher')).toBe(100);
  });
  it('scores 0 below baseline without a floor', () => {
    expect(scoreThresholds(79.99, followups, 'higher')).toBe(0);
  });
  it('ramps from the floor to the baseline when a floor is set', () => {
    const withFloor: ThresholdsScoring = { ...followups, floor: 60 };
    expect(scoreThresholds(70, withFloor, 'higher')).toBe(30); // (70 − 60) / (80 − 60) × 60
    expect(scoreThresholds(60, withFloor, 'higher')).toBe(0);
    expect(scoreThresholds(10, withFloor, 'higher')).toBe(0);
  });
  it('uses custom point scores', () => {
    const custom: ThresholdsScoring = { ...followups, points: { baseline: 50, target: 75, excellent: 95 } };
    expect(scoreThresholds(80, custom, 'higher')).toBe(50);
    expect(scoreThresholds(94, custom, 'higher')).toBe(85); // 75 + 4/8 × 20
    expect(scoreThresholds(99, custom, 'higher')).toBe(95);
  });
});

describe('thresholds, direction lower', () => {
  it('mirrors the lines: 1 h excellent, 2 h target, 4 h baseline, 8 h floor', () => {
    expect(scoreThresholds(0.5, alertHours, 'lower')).toBe(100);
    expect(scoreThresholds(1, alertHours, 'lower')).toBe(100);
    expect(scoreThresholds(1.5, alertHours, 'lower')).toBe(90); // 80 + (2 − 1.5)/(2 − 1) × 20
    expect(scoreThresholds(3, alertHours, 'lower')).toBe(70); // 60 + (4 − 3)/(4 − 2) × 20
    expect(scoreThresholds(6, alertHours, 'lower')).toBe(30); // (8 − 6)/(8 − 4) × 60
    expect(scoreThresholds(9, alertHours, 'lower')).toBe(0);
  });
  it('scores 0 past baseline without a floor', () => {
    const { floor: _floor, ...noFloor } = alertHours;
    expect(scoreThresholds(4.01, noFloor, 'lower')).toBe(0);
  });
});

describe('bands', () => {
  const higher: BandsScoring = { type: 'bands', bands: [{ min: 90, score: 100 }, { min: 70, score: 80 }, { min: 60, score: 60 }] };
  const lower: BandsScoring = { type: 'bands', bands: [{ max: 1, score: 100 }, { max: 3, score: 70 }] };
  it('steps on min, highest first', () => {
    expect(scoreBands(95, higher, 'higher')).toBe(100);
    expect(scoreBands(90, higher, 'higher')).toBe(100);
    expect(scoreBands(89.9, higher, 'higher')).toBe(80);
    expect(scoreBands(60, higher, 'higher')).toBe(60);
    expect(scoreBands(59, higher, 'higher')).toBe(0);
  });
  it('steps on max, lowest first, for direction lower', () => {
    expect(scoreBands(0.5, lower, 'lower')).toBe(100);
    expect(scoreBands(3, lower, 'lower')).toBe(70);
    expect(scoreBands(3.1, lower, 'lower')).toBe(0);
  });
});

describe('linear and raw', () => {
  it('maps NPS −100…100 onto 0…100 and clamps', () => {
    const nps = { type: 'linear', min: -100, max: 100 } as const;
    expect(scoreValue(-100, nps, 'higher')).toBe(0);
    expect(scoreValue(40, nps, 'higher')).toBe(70);
    expect(scoreValue(100, nps, 'higher')).toBe(100);
    expect(scoreValue(150, nps, 'higher')).toBe(100);
    expect(scoreValue(-150, nps, 'higher')).toBe(0);
  });
  it('maps min to 100 for direction lower', () => {
    expect(scoreValue(2, { type: 'linear', min: 0, max: 10 }, 'lower')).toBe(80);
  });
  it('uses the value as the score, clamped', () => {
    expect(scoreValue(73.5, { type: 'raw' }, 'higher')).toBe(73.5);
    expect(scoreValue(130, { type: 'raw' }, 'higher')).toBe(100);
    expect(scoreValue(-3, { type: 'raw' }, 'higher')).toBe(0);
  });
});
