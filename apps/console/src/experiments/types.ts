import type { LocalizedText } from '../providers/dataProvider';

/** The shapes of apps/api/src/modules/experiments/experiments.dto.ts, as the console reads them. */
export type ExperimentStatus = 'draft' | 'running' | 'stopped' | 'promoted';
export type ExperimentMode = 'shadow' | 'split';
export type SplitUnit = 'staff' | 'team';
export type Arm = 'champion' | 'challenger';

export interface ArmVersion {
  documentId: string;
  documentKey: string;
  versionId: string;
  version: number;
}

export interface ExperimentRecord {
  id: string;
  key: string;
  name: LocalizedText;
  periodKind: 'month' | 'quarter';
  champion: ArmVersion;
  challenger: ArmVersion;
  /** null: the whole institution. */
  teamIds: string[] | null;
  periods: string[];
  mode: ExperimentMode;
  unit: SplitUnit | null;
  challengerPercent: number | null;
  status: ExperimentStatus;
  promotedBindingId: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface HistogramBin {
  lower: number;
  upper: number;
  count: number;
}

export interface Comparison {
  staff: number;
  championMean: number | null;
  challengerMean: number | null;
  delta: { mean: number | null; min: number | null; max: number | null; histogram: HistogramBin[] };
  spearman: number | null;
  kendallTauB: number | null;
  topK: { k: number; overlap: number | null };
  bandTransitions: { categories: string[]; counts: number[][] };
  bandChanged: number;
  zoneChanged: number;
  promotionChanged: number;
}

export interface ArmResult {
  composite: number | null;
  band: string | null;
  zone: string | null;
  promotionEligible: boolean | null;
  rank: number | null;
}

export interface StaffComparison {
  staffId: string;
  code: string;
  teamId: string | null;
  tier: string | null;
  champion: ArmResult;
  challenger: ArmResult;
  delta: number | null;
}

export interface ShadowReport {
  experimentId: string;
  period: string;
  runIds: string[];
  champion: ArmVersion;
  challenger: ArmVersion;
  overall: Comparison;
  byTeam: Array<Comparison & { teamId: string | null; teamName: string | null }>;
  byTier: Array<Comparison & { tier: string | null }>;
  staff: StaffComparison[];
}

export interface Assignment {
  experimentId: string;
  unit: SplitUnit;
  challengerPercent: number;
  counts: Record<Arm, number>;
  srm: { chiSquare: number; pValue: number; mismatch: boolean } | null;
  units: Array<{ id: string; label: string; arm: Arm }>;
}

export interface ArmSample {
  n: number;
  mean: number | null;
  variance?: number | null;
}

export interface Outcomes {
  experimentId: string;
  period: string;
  indicator: string;
  /** Newer API versions: the unit, where the arms come from, and how many staff each arm's values cover. */
  unit?: SplitUnit;
  basis?: 'scorecards' | 'assignment';
  staff?: Record<Arm, number>;
  /** welch(champion, challenger): a is the champion arm, b the challenger; difference = b − a. */
  welch: {
    status: 'estimated' | 'too_few_values' | 'no_variance';
    a: ArmSample;
    b: ArmSample;
    difference: number | null;
    standardError?: number;
    degreesOfFreedom?: number;
    pValue?: number;
    confidenceInterval?: { level: number; lower: number; upper: number };
  };
  verdict: {
    verdict: 'insufficient_data' | 'challenger_better' | 'champion_better' | 'no_difference';
    units: Record<Arm, number>;
    text: { zh: string; en: string };
  };
}
