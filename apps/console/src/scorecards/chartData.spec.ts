import { describe, expect, it } from 'vitest';
import type { LocalizedText } from '../providers/dataProvider';
import { formatInput, formatScore, indicatorGroups, radarData, trendData } from './chartData';
import type { DimensionOutline, Explanation, ScorecardDetail, TrendResponse } from './types';

const zh = (text: LocalizedText | null | undefined, fallback = '') => text?.zh ?? text?.en ?? fallback;

const dimension = (id: string, parentId: string | null, indicators: string[] = [], children: string[] = []): DimensionOutline => ({
  id,
  name: { zh: `维度${id}`, en: `Dimension ${id}` },
  weight: 50,
  parentId,
  depth: parentId ? 1 : 0,
  children,
  indicators: indicators.map((ref) => ({ id: ref, weight: 50 })),
});

const explanation: Explanation = {
  scheme: { key: 'hm-3d9i', version: 2, name: null },
  indicators: ['a', 'b', 'c', 'orphan'].map((id) => ({ id, name: null, description: null, unit: null, direction: 'higher', formula: id, missing: 'exclude', scoring: { type: 'raw' }, lines: [] })),
  dimensions: [dimension('x', null, [], ['x1']), dimension('x1', 'x', ['a', 'b']), dimension('y', null, ['c'])],
  topLevelDimensions: ['x', 'y'],
  bands: [],
  zones: [],
  tiers: [],
  adjustments: [],
};

describe('chart data', () => {
  it('draws one radar spoke per top-level dimension: staff score beside the team mean, rounded, gaps as null', () => {
    const scorecard = {
      explanation,
      result: { dimensions: { x: { score: 84.26, weight: 50 }, y: { score: null, weight: 50 } } },
      teamMean: { teamId: 't', count: 3, composite: 80, dimensions: { x: 79.04, y: 70 } },
    } as unknown as Pick<ScorecardDetail, 'explanation' | 'result' | 'teamMean'>;
    expect(radarData(scorecard, zh)).toEqual([
      { id: 'x', dimension: '维度x', staff: 84.3, team: 79 },
      { id: 'y', dimension: '维度y', staff: null, team: 70 },
    ]);
    expect(radarData({ ...scorecard, teamMean: null }, zh).map((point) => point.team)).toEqual([null, null]);
  });

  it('trends the composite and the top-level dimensions per period, oldest first', () => {
    const trend: TrendResponse = {
      staffId: 's',
      staffCode: 'D001',
      staffName: '王敏',
      dimensions: [
        { id: 'x', name: { en: 'Execution' }, parentId: null },
        { id: 'x1', name: null, parentId: 'x' },
        { id: 'y', name: null, parentId: null },
      ],
      points: [
        { period: '2026-Q1', scorecardId: '1', scheme: { key: 'k', version: 1 }, tier: 'junior', composite: 81.25, band: 'B', zone: null, dimensions: { x: 80, x1: 80, y: 82.55 } },
        { period: '2026-Q2', scorecardId: '2', scheme: { key: 'k', version: 2 }, tier: 'junior', composite: null, band: null, zone: 'red', dimensions: { x: 90 } },
      ],
    };
    const { rows, series } = trendData(trend, zh, '综合得分');
    expect(series).toEqual([
      { key: 'composite', label: '综合得分' },
      { key: 'dimension:x', label: 'Execution' },
      { key: 'dimension:y', label: 'y' },
    ]);
    expect(rows).toEqual([
      { period: '2026-Q1', composite: 81.3, band: 'B', 'dimension:x': 80, 'dimension:y': 82.6 },
      { period: '2026-Q2', composite: null, band: null, 'dimension:x': 90, 'dimension:y': null },
    ]);
  });

  it('groups indicators under their leaf dimensions in document order, the unplaced last', () => {
    expect(indicatorGroups(explanation)).toEqual([
      { dimensionId: 'x', depth: 0, indicators: [] },
      { dimensionId: 'x1', depth: 1, indicators: ['a', 'b'] },
      { dimensionId: 'y', depth: 0, indicators: ['c'] },
      { dimensionId: null, depth: 0, indicators: ['orphan'] },
    ]);
  });

  it('formats scores and inputs for reading', () => {
    expect(formatScore(88.3333)).toBe('88.3');
    expect(formatScore(null)).toBe('—');
    expect(formatInput([30, 45.12345])).toBe('[30, 45.123]');
    expect(formatInput(28)).toBe('28');
    expect(formatInput(null)).toBe('—');
  });
});

describe('band choices', async () => {
  const { bandsOf } = await import('./bandChoices');
  it('offers the union of the bands the runs produced, sorted', () => {
    expect(bandsOf([{ summary: { bands: { B: 3, A: 1 } } }, { summary: {} }, { summary: { bands: { D: 2, B: 1 } } }])).toEqual(['A', 'B', 'D']);
  });
});
