import type { EarnedAward } from '../awards/types';
import type { LocalizedText } from '../providers/dataProvider';

/** The shapes of the scorecard routes (apps/api/src/modules/scorecards/scorecards.dto.ts). */
export type Zone = 'red' | 'yellow' | 'blue';
export const ZONES: readonly Zone[] = ['red', 'yellow', 'blue'];

export interface Promotion {
  to: string;
  criteriaMet: boolean;
  eligible: boolean;
}

export interface ScorecardRecord {
  id: string;
  runId: string;
  staffId: string;
  staffCode: string;
  staffName: string;
  teamId: string | null;
  teamName: string | null;
  period: string;
  scheme: { key: string; version: number };
  tier: string | null;
  composite: number | null;
  band: string | null;
  zone: Zone | null;
  promotion: Promotion | null;
  errorCount: number;
  current: boolean;
  createdAt: string;
}

export type InputValue = number | number[] | null;

export interface IndicatorResult {
  status: 'ok' | 'missing' | 'excluded';
  value?: number;
  score?: number;
  weight?: number;
  share?: number;
  reason?: string;
  inputs?: Record<string, InputValue>;
}

/** The engine's scorecard (SPEC §2). */
export interface ScorecardResult {
  staffId: string;
  period: string | null;
  scheme: { key: string; version: number | null };
  tier: string | null;
  indicators: Record<string, IndicatorResult>;
  dimensions: Record<string, { score: number | null; weight: number }>;
  adjustments: Record<string, number>;
  composite: number | null;
  band: string | null;
  zone: Zone | null;
  zones: Array<{ id: string; zone: Zone; action?: string }>;
  hints: Array<{ id: string; text: LocalizedText }>;
  /** Present only when the scheme declares awards (SPEC §6). */
  awards?: EarnedAward[];
  promotion: Promotion | null;
  errors: Array<{ path: string; message: string }>;
}

export interface ScoringLine {
  value: number;
  score: number;
}

export interface IndicatorOutline {
  id: string;
  name: LocalizedText | null;
  description: LocalizedText | null;
  unit: string | null;
  direction: 'higher' | 'lower';
  formula: string;
  missing: 'exclude' | 'zero' | 'error';
  scoring: { type: 'thresholds' | 'bands' | 'linear' | 'raw' };
  lines: ScoringLine[];
}

export interface DimensionOutline {
  id: string;
  name: LocalizedText | null;
  weight: number;
  parentId: string | null;
  depth: number;
  children: string[];
  indicators: Array<{ id: string; weight: number }>;
}

export interface Explanation {
  scheme: { key: string; version: number; name: LocalizedText | null };
  indicators: IndicatorOutline[];
  dimensions: DimensionOutline[];
  topLevelDimensions: string[];
  bands: Array<{ id: string; name: LocalizedText | null; min: number }>;
  zones: Array<{ id: string; name: LocalizedText | null; zone: Zone; action: string | null }>;
  tiers: Array<{ id: string; name: LocalizedText | null }>;
  adjustments: Array<{ id: string; name: LocalizedText | null; description: LocalizedText | null; min: number | null; max: number | null }>;
}

export interface ScorecardDetail extends ScorecardRecord {
  result: ScorecardResult;
  run: { id: string; status: string; period: string; teamId: string | null; createdAt: string; finishedAt: string | null };
  explanation: Explanation;
  teamMean: { teamId: string; count: number; composite: number | null; dimensions: Record<string, number | null> } | null;
}

export interface TrendResponse {
  staffId: string;
  staffCode: string;
  staffName: string;
  dimensions: Array<{ id: string; name: LocalizedText | null; parentId: string | null }>;
  points: Array<{
    period: string;
    scorecardId: string;
    scheme: { key: string; version: number };
    tier: string | null;
    composite: number | null;
    band: string | null;
    zone: Zone | null;
    dimensions: Record<string, number | null>;
  }>;
}

export interface TeamSummary {
  teamId: string;
  teamName: string;
  period: string;
  count: number;
  scored: number;
  meanComposite: number | null;
  schemes: Array<{ key: string; version: number }>;
  dimensions: Array<{ id: string; name: LocalizedText | null; mean: number | null }>;
  bands: Array<{ id: string; name: LocalizedText | null; count: number }>;
  unbanded: number;
  zones: Array<{ zone: Zone; count: number }>;
  noZone: number;
  zoneRules: Array<{ id: string; name: LocalizedText | null; zone: Zone; count: number }>;
  ranking: Array<{
    rank: number | null;
    scorecardId: string;
    staffId: string;
    staffCode: string;
    staffName: string;
    composite: number | null;
    band: string | null;
    zone: Zone | null;
  }>;
}
