import { z } from 'zod';
import { localizedTextSchema, scorecardSchema, scoringSchema } from '@carescore/engine';
import { idListFilter } from '../../common/http/list-query';
import { periodSchema } from '../bindings/bindings.dto';
import { RUN_STATUSES, type RunStatus } from '../evaluations/evaluation-run.entity';
import type { SchemeOutline } from './scheme-outline';

const zoneSchema = z.enum(['red', 'yellow', 'blue']);
type Zone = z.infer<typeof zoneSchema>;
const experimentArmSchema = z.enum(['champion', 'challenger']);
type ExperimentArm = z.infer<typeof experimentArmSchema>;
const nameSchema = localizedTextSchema.nullable();

// ---------------------------------------------------------------- requests

export const scorecardFilterSchema = z.strictObject({
  /** getMany: these scorecards, current or not. */
  id: idListFilter.optional(),
  /** Staff code or name, in part. */
  q: z.string().max(200).optional(),
  period: periodSchema.optional(),
  /** The team the staff member was evaluated in; null for staff without a team. */
  teamId: z.uuid().nullable().optional(),
  staffId: z.uuid().optional(),
  tier: z.string().max(64).optional(),
  /** A band id; null for scorecards without a band (no composite). */
  band: z.string().max(32).nullable().optional(),
  /** A zone colour; null for scorecards in no zone. */
  zone: zoneSchema.nullable().optional(),
  /** That run's scorecards, current or not (only if the run succeeded). */
  runId: z.uuid().optional(),
  hasErrors: z.boolean().optional(),
  /** true: current scorecards only; false: only those a newer run has replaced. Default: current only, unless id or runId is given. */
  current: z.boolean().optional(),
  /** The split experiment that chose the scorecard's version; null for scorecards no experiment chose. */
  experimentId: z.uuid().nullable().optional(),
  /** The arm of that experiment; null for scorecards no experiment chose. */
  experimentArm: experimentArmSchema.nullable().optional(),
});
export type ScorecardFilter = z.infer<typeof scorecardFilterSchema>;
export const SCORECARD_SORTABLE = ['id', 'composite', 'staffCode', 'staffName', 'period', 'band', 'zone', 'tier', 'createdAt'] as const;

export const teamSummaryQuerySchema = z.strictObject({ period: periodSchema });
export type TeamSummaryQuery = z.infer<typeof teamSummaryQuerySchema>;

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const exportQuerySchema = z.strictObject({
  period: periodSchema,
  format: z.enum(EXPORT_FORMATS).default('csv'),
  teamId: z.uuid().optional(),
  /** Header language; without it the Accept-Language header decides (zh… → Chinese, otherwise English). */
  locale: z.enum(['zh', 'en']).optional(),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

// ---------------------------------------------------------------- views (what the repository returns)

export interface PromotionView {
  to: string;
  criteriaMet: boolean;
  eligible: boolean;
}

/** A scorecard row joined to its staff member and team. */
export interface ScorecardView {
  id: string;
  runId: string;
  staffId: string;
  staffCode: string;
  staffName: string;
  teamId: string | null;
  teamName: string | null;
  period: string;
  documentVersionId: string;
  schemeKey: string;
  schemeVersion: number;
  tier: string | null;
  composite: number | null;
  band: string | null;
  zone: Zone | null;
  promotion: PromotionView | null;
  errorCount: number;
  current: boolean;
  experimentId: string | null;
  experimentArm: ExperimentArm | null;
  createdAt: Date;
}

export interface RunView {
  id: string;
  status: RunStatus;
  period: string;
  teamId: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface ScorecardDetailView extends ScorecardView {
  /** The engine's scorecard as PostgreSQL prints the stored jsonb: spliced into the response as it is. */
  resultJson: string;
  run: RunView;
  /** The staff member's team now (`teamId` is the one they were evaluated in): who may read it depends on both. */
  staffTeamId: string | null;
}

/** Means over the scorecards of one run and team. */
export interface TeamMeanView {
  count: number;
  composite: number | null;
  /** Top-level dimension id → mean score over the scorecards where it has one. */
  dimensions: Record<string, number | null>;
}

// ---------------------------------------------------------------- responses

/** A period with current scorecards the reader may see (react-admin lists want an `id`: the period). */
export const scorecardPeriodResponseSchema = z.object({
  id: z.string().describe('the period'),
  period: z.string(),
  scorecards: z.number().int().describe('current scorecards of the period the reader may see'),
});
export type ScorecardPeriodResponse = z.infer<typeof scorecardPeriodResponseSchema>;

const schemeRefSchema = z.object({ key: z.string(), version: z.number().int() });

export const scorecardResponseSchema = z.object({
  id: z.uuid(),
  runId: z.uuid(),
  staffId: z.uuid(),
  staffCode: z.string(),
  staffName: z.string(),
  /** The team the staff member was evaluated in. */
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  period: z.string(),
  scheme: schemeRefSchema,
  tier: z.string().nullable(),
  composite: z.number().nullable(),
  band: z.string().nullable(),
  zone: zoneSchema.nullable(),
  promotion: z.object({ to: z.string(), criteriaMet: z.boolean(), eligible: z.boolean() }).nullable(),
  errorCount: z.number().int(),
  /** Whether this is the staff member's result for the period (false: a newer run replaced it). */
  current: z.boolean(),
  /** The split experiment whose arm chose this scorecard's scheme version; null when the binding alone chose it. */
  experimentId: z.uuid().nullable(),
  experimentArm: experimentArmSchema.nullable(),
  createdAt: z.string(),
});
export type ScorecardResponse = z.infer<typeof scorecardResponseSchema>;

export function toScorecardResponse(view: ScorecardView): ScorecardResponse {
  return {
    id: view.id,
    runId: view.runId,
    staffId: view.staffId,
    staffCode: view.staffCode,
    staffName: view.staffName,
    teamId: view.teamId,
    teamName: view.teamName,
    period: view.period,
    scheme: { key: view.schemeKey, version: view.schemeVersion },
    tier: view.tier,
    composite: view.composite,
    band: view.band,
    zone: view.zone,
    promotion: view.promotion ?? null,
    errorCount: view.errorCount,
    current: view.current,
    experimentId: view.experimentId,
    experimentArm: view.experimentArm,
    createdAt: view.createdAt.toISOString(),
  };
}

const scoringLineSchema = z.object({ value: z.number(), score: z.number() });
const dimensionOutlineSchema = z.object({
  id: z.string(),
  name: nameSchema,
  weight: z.number(),
  parentId: z.string().nullable(),
  depth: z.number().int(),
  children: z.array(z.string()),
  indicators: z.array(z.object({ id: z.string(), weight: z.number() })),
});

export const scorecardDetailResponseSchema = scorecardResponseSchema.extend({
  /** The engine's full scorecard (SPEC §2). */
  result: scorecardSchema,
  run: z.object({ id: z.uuid(), status: z.enum(RUN_STATUSES), period: z.string(), teamId: z.uuid().nullable(), createdAt: z.string(), finishedAt: z.string().nullable() }),
  /** What the scheme version it was scored with says about each number. */
  explanation: z.object({
    scheme: z.object({ key: z.string(), version: z.number().int(), name: nameSchema }),
    /** Per indicator in document order: names, unit, direction, formula and the lines it was scored against. */
    indicators: z.array(
      z.object({
        id: z.string(),
        name: nameSchema,
        description: nameSchema,
        unit: z.string().nullable(),
        direction: z.enum(['higher', 'lower']),
        formula: z.string(),
        missing: z.enum(['exclude', 'zero', 'error']),
        scoring: scoringSchema,
        lines: z.array(scoringLineSchema),
      }),
    ),
    /** Every dimension, a parent before its children, in document order. */
    dimensions: z.array(dimensionOutlineSchema),
    topLevelDimensions: z.array(z.string()),
    bands: z.array(z.object({ id: z.string(), name: nameSchema, min: z.number() })),
    zones: z.array(z.object({ id: z.string(), name: nameSchema, zone: zoneSchema, action: z.string().nullable() })),
    tiers: z.array(z.object({ id: z.string(), name: nameSchema })),
    adjustments: z.array(z.object({ id: z.string(), name: nameSchema, description: nameSchema, min: z.number().nullable(), max: z.number().nullable() })),
  }),
  /** For a radar chart: the means over the same run's scorecards of the same team (null for staff without a team). */
  teamMean: z
    .object({
      teamId: z.uuid(),
      count: z.number().int(),
      composite: z.number().nullable(),
      /** Top-level dimension id → mean score. */
      dimensions: z.record(z.string(), z.number().nullable()),
    })
    .nullable(),
});
export type ScorecardDetailResponse = z.infer<typeof scorecardDetailResponseSchema>;

/** What the scheme version a scorecard was scored with says about each number: the same for all its scorecards. */
function explanationOf(outline: SchemeOutline): ScorecardDetailResponse['explanation'] {
  return {
    scheme: { key: outline.key, version: outline.version, name: outline.name },
    indicators: outline.indicators,
    dimensions: outline.dimensions,
    topLevelDimensions: outline.topLevelDimensions,
    bands: outline.bands,
    zones: outline.zones,
    tiers: outline.tiers,
    adjustments: outline.adjustments,
  };
}

/** Explanations serialised once per outline (outlines are cached per published version, and never change). */
const explanationJson = new WeakMap<SchemeOutline, string>();

/**
 * The detail response (`scorecardDetailResponseSchema`) as JSON text. Its two large parts are spliced in as text
 * rather than parsed and serialised again on every read: the stored result as the database prints it, and the
 * explanation as serialised once per scheme version.
 */
export function scorecardDetailJson(view: ScorecardDetailView, outline: SchemeOutline, teamMean: TeamMeanView | null): string {
  let explanation = explanationJson.get(outline);
  if (explanation === undefined) explanationJson.set(outline, (explanation = JSON.stringify(explanationOf(outline))));
  const rest: Omit<ScorecardDetailResponse, 'result' | 'explanation'> = {
    ...toScorecardResponse(view),
    run: {
      id: view.run.id,
      status: view.run.status,
      period: view.run.period,
      teamId: view.run.teamId,
      createdAt: view.run.createdAt.toISOString(),
      finishedAt: view.run.finishedAt?.toISOString() ?? null,
    },
    teamMean: view.teamId === null || teamMean === null ? null : { teamId: view.teamId, ...teamMean },
  };
  const head = JSON.stringify(rest);
  return `${head.slice(0, -1)},"result":${view.resultJson},"explanation":${explanation}}`;
}

// ---------------------------------------------------------------- trend

export interface TrendPointView extends Pick<ScorecardView, 'period' | 'documentVersionId' | 'schemeKey' | 'schemeVersion' | 'tier' | 'composite' | 'band' | 'zone'> {
  scorecardId: string;
  dimensions: Record<string, number | null>;
}

export const trendResponseSchema = z.object({
  staffId: z.uuid(),
  staffCode: z.string(),
  staffName: z.string(),
  /** The dimensions of the latest period's scheme, a parent before its children. */
  dimensions: z.array(z.object({ id: z.string(), name: nameSchema, parentId: z.string().nullable() })),
  /** One point per period with a current scorecard, oldest first. */
  points: z.array(
    z.object({
      period: z.string(),
      scorecardId: z.uuid(),
      scheme: schemeRefSchema,
      tier: z.string().nullable(),
      composite: z.number().nullable(),
      band: z.string().nullable(),
      zone: zoneSchema.nullable(),
      /** Dimension id → score (every dimension of that period's scheme). */
      dimensions: z.record(z.string(), z.number().nullable()),
    }),
  ),
});
export type TrendResponse = z.infer<typeof trendResponseSchema>;

export function toTrendResponse(staff: { id: string; code: string; name: string }, points: TrendPointView[], latest: SchemeOutline | null): TrendResponse {
  return {
    staffId: staff.id,
    staffCode: staff.code,
    staffName: staff.name,
    dimensions: (latest?.dimensions ?? []).map((dimension) => ({ id: dimension.id, name: dimension.name, parentId: dimension.parentId })),
    points: points.map((point) => ({
      period: point.period,
      scorecardId: point.scorecardId,
      scheme: { key: point.schemeKey, version: point.schemeVersion },
      tier: point.tier,
      composite: point.composite,
      band: point.band,
      zone: point.zone,
      dimensions: point.dimensions,
    })),
  };
}

// ---------------------------------------------------------------- team summary

export const teamSummaryResponseSchema = z.object({
  teamId: z.uuid(),
  teamName: z.string(),
  period: z.string(),
  /** Current scorecards of the team's staff for the period. */
  count: z.number().int(),
  /** Of those, the ones with a composite. */
  scored: z.number().int(),
  meanComposite: z.number().nullable(),
  /** The scheme versions the scorecards were scored with, newest first. */
  schemes: z.array(schemeRefSchema),
  /** Top-level dimensions in document order with the team's mean score (a radar chart). */
  dimensions: z.array(z.object({ id: z.string(), name: nameSchema, mean: z.number().nullable() })),
  /** Every band of the scheme in document order, zero counts included. */
  bands: z.array(z.object({ id: z.string(), name: nameSchema, count: z.number().int() })),
  /** Scorecards without a band (no composite). */
  unbanded: z.number().int(),
  /** Every zone colour the scheme's zone rules use, in document order, zero counts included. */
  zones: z.array(z.object({ zone: zoneSchema, count: z.number().int() })),
  /** Scorecards in no zone. */
  noZone: z.number().int(),
  /** Every zone rule of the scheme in document order and how many scorecards it caught (one scorecard may hit several). */
  zoneRules: z.array(z.object({ id: z.string(), name: nameSchema, zone: zoneSchema, count: z.number().int() })),
  /** Highest composite first; equal composites share a rank (1, 2, 2, 4); no composite: rank null, last. */
  ranking: z.array(
    z.object({
      rank: z.number().int().nullable(),
      scorecardId: z.uuid(),
      staffId: z.uuid(),
      staffCode: z.string(),
      staffName: z.string(),
      composite: z.number().nullable(),
      band: z.string().nullable(),
      zone: zoneSchema.nullable(),
    }),
  ),
});
export type TeamSummaryResponse = z.infer<typeof teamSummaryResponseSchema>;

export interface TeamSummaryMember {
  scorecardId: string;
  staffId: string;
  staffCode: string;
  staffName: string;
  documentVersionId: string;
  schemeKey: string;
  schemeVersion: number;
  composite: number | null;
  band: string | null;
  zone: Zone | null;
  zoneHits: string[];
  dimensions: Record<string, number | null>;
}
