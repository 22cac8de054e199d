import { z } from 'zod';
import { idListFilter } from '../../common/http/list-query';
import { periodSchema } from '../bindings/bindings.dto';
import { EXPERIMENT_MODES, EXPERIMENT_STATUSES, type ExperimentEntity, SPLIT_UNITS } from './experiment.entity';
import { SHADOW_RUN_STATUSES } from './shadow-runs.repository';

const versionRefSchema = z.strictObject({ documentId: z.uuid(), version: z.number().int().positive() });
const nameSchema = z.strictObject({ zh: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) });

const experimentFields = {
  name: nameSchema,
  champion: versionRefSchema,
  challenger: versionRefSchema,
  /** Teams in the experiment; null or absent: the whole institution. */
  teamIds: z.array(z.uuid()).min(1).max(1000).nullable().optional(),
  periods: z.array(periodSchema).min(1).max(36),
  mode: z.enum(EXPERIMENT_MODES),
  /** split only: what is assigned to an arm. */
  unit: z.enum(SPLIT_UNITS).optional(),
  /** split only: the share of units (0–100) assigned to the challenger. */
  challengerPercent: z.number().min(0).max(100).optional(),
};

type Fields = { mode: 'shadow' | 'split'; unit?: unknown; challengerPercent?: unknown; periods: string[]; teamIds?: string[] | null };
function checkFields(value: Fields, ctx: z.RefinementCtx): void {
  if (value.mode === 'split') {
    if (value.unit === undefined) ctx.addIssue({ code: 'custom', path: ['unit'], message: 'required in split mode: staff or team' });
    if (value.challengerPercent === undefined) ctx.addIssue({ code: 'custom', path: ['challengerPercent'], message: 'required in split mode (0–100)' });
  } else {
    if (value.unit !== undefined) ctx.addIssue({ code: 'custom', path: ['unit'], message: 'only for split mode' });
    if (value.challengerPercent !== undefined) ctx.addIssue({ code: 'custom', path: ['challengerPercent'], message: 'only for split mode' });
  }
  if (new Set(value.periods).size !== value.periods.length) ctx.addIssue({ code: 'custom', path: ['periods'], message: 'periods must not repeat' });
  if (value.teamIds && new Set(value.teamIds).size !== value.teamIds.length) ctx.addIssue({ code: 'custom', path: ['teamIds'], message: 'teams must not repeat' });
}

export const createExperimentSchema = z
  .strictObject({ key: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, - and _, at most 64'), ...experimentFields })
  .superRefine(checkFields);
export type CreateExperimentRequest = z.infer<typeof createExperimentSchema>;

/** Replaces a draft's settings (the key stays); a running split experiment may only change its name and percentage. */
export const updateExperimentSchema = z.strictObject(experimentFields).superRefine(checkFields);
export type UpdateExperimentRequest = z.infer<typeof updateExperimentSchema>;

export const experimentFilterSchema = z.strictObject({
  id: idListFilter.optional(),
  q: z.string().max(200).optional(),
  status: z.enum(EXPERIMENT_STATUSES).optional(),
  mode: z.enum(EXPERIMENT_MODES).optional(),
  period: periodSchema.optional(),
});
export type ExperimentFilter = z.infer<typeof experimentFilterSchema>;
export const EXPERIMENT_SORTABLE = ['id', 'key', 'status', 'mode', 'createdAt', 'updatedAt'] as const;

export const reportQuerySchema = z.strictObject({ period: periodSchema });
export type ReportQuery = z.infer<typeof reportQuerySchema>;
export const outcomesQuerySchema = z.strictObject({ period: periodSchema, indicator: z.string().min(1).max(100) });
export type OutcomesQuery = z.infer<typeof outcomesQuerySchema>;

const versionResponseSchema = z.object({ documentId: z.uuid(), documentKey: z.string(), versionId: z.uuid(), version: z.number().int() });
export const experimentResponseSchema = z.object({
  id: z.uuid(),
  key: z.string(),
  name: nameSchema,
  periodKind: z.enum(['month', 'quarter']),
  champion: versionResponseSchema,
  challenger: versionResponseSchema,
  teamIds: z.array(z.uuid()).nullable(),
  periods: z.array(z.string()),
  mode: z.enum(EXPERIMENT_MODES),
  unit: z.enum(SPLIT_UNITS).nullable(),
  challengerPercent: z.number().nullable(),
  status: z.enum(EXPERIMENT_STATUSES),
  promotedBindingId: z.uuid().nullable(),
  createdBy: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ExperimentResponse = z.infer<typeof experimentResponseSchema>;

export interface ExperimentView {
  experiment: ExperimentEntity;
  documentKeys: Map<string, string>;
}

export function toExperimentResponse({ experiment: e, documentKeys }: ExperimentView): ExperimentResponse {
  return {
    id: e.id,
    key: e.key,
    name: e.name,
    periodKind: e.periodKind,
    champion: { documentId: e.championDocumentId, documentKey: documentKeys.get(e.championDocumentId) ?? '', versionId: e.championVersionId, version: e.championVersion },
    challenger: { documentId: e.challengerDocumentId, documentKey: documentKeys.get(e.challengerDocumentId) ?? '', versionId: e.challengerVersionId, version: e.challengerVersion },
    teamIds: e.teamIds,
    periods: e.periods,
    mode: e.mode,
    unit: e.unit,
    challengerPercent: e.challengerPercent,
    status: e.status,
    promotedBindingId: e.promotedBindingId,
    createdBy: e.createdBy,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** One side of the comparison for a group of staff. */
const comparisonSchema = z.object({
  staff: z.number().int(),
  championMean: z.number().nullable(),
  challengerMean: z.number().nullable(),
  delta: z.object({ mean: z.number().nullable(), min: z.number().nullable(), max: z.number().nullable(), histogram: z.array(z.object({ lower: z.number(), upper: z.number(), count: z.number().int() })) }),
  spearman: z.number().nullable(),
  kendallTauB: z.number().nullable(),
  topK: z.object({ k: z.number().int(), overlap: z.number().nullable() }),
  bandTransitions: z.object({ categories: z.array(z.string()), counts: z.array(z.array(z.number().int())) }),
  bandChanged: z.number().int(),
  zoneChanged: z.number().int(),
  promotionChanged: z.number().int(),
});
export type ComparisonResponse = z.infer<typeof comparisonSchema>;

export const reportResponseSchema = z.object({
  experimentId: z.uuid(),
  period: z.string(),
  /** The runs whose current scorecards (and shadow results beside them) the report compares. */
  runIds: z.array(z.uuid()),
  champion: versionResponseSchema,
  challenger: versionResponseSchema,
  overall: comparisonSchema,
  byTeam: z.array(comparisonSchema.extend({ teamId: z.uuid().nullable(), teamName: z.string().nullable() })),
  byTier: z.array(comparisonSchema.extend({ tier: z.string().nullable() })),
  /**
   * The challenger's shadow work per succeeded run of the period, newest first: it is done by a job
   * after the run, so a run's results may still be `pending`/`running`, or `failed` (with the reason,
   * none of its results kept). Only `done` work is compared above.
   */
  shadowRuns: z.array(
    z.object({
      runId: z.uuid(),
      status: z.enum(SHADOW_RUN_STATUSES),
      /** Staff in the challenger's population for that run. */
      staff: z.number().int(),
      /** Shadow scorecards stored (when done). */
      stored: z.number().int(),
      attempts: z.number().int(),
      error: z.string().nullable(),
      createdAt: z.string(),
      finishedAt: z.string().nullable(),
    }),
  ),
  staff: z.array(
    z.object({
      staffId: z.uuid(),
      code: z.string(),
      teamId: z.uuid().nullable(),
      tier: z.string().nullable(),
      champion: z.object({ composite: z.number().nullable(), band: z.string().nullable(), zone: z.string().nullable(), promotionEligible: z.boolean().nullable(), rank: z.number().nullable() }),
      challenger: z.object({ composite: z.number().nullable(), band: z.string().nullable(), zone: z.string().nullable(), promotionEligible: z.boolean().nullable(), rank: z.number().nullable() }),
      delta: z.number().nullable(),
    }),
  ),
});
export type ReportResponse = z.infer<typeof reportResponseSchema>;

export const assignmentResponseSchema = z.object({
  experimentId: z.uuid(),
  unit: z.enum(SPLIT_UNITS),
  challengerPercent: z.number(),
  counts: z.object({ champion: z.number().int(), challenger: z.number().int() }),
  srm: z.object({ chiSquare: z.number(), pValue: z.number(), mismatch: z.boolean() }).nullable(),
  units: z.array(z.object({ id: z.uuid(), label: z.string(), arm: z.enum(['champion', 'challenger']) })),
});
export type AssignmentResponse = z.infer<typeof assignmentResponseSchema>;

const sampleSchema = z.object({ n: z.number().int(), mean: z.number().nullable() }).loose();
export const outcomesResponseSchema = z.object({
  experimentId: z.uuid(),
  period: z.string(),
  indicator: z.string(),
  unit: z.enum(SPLIT_UNITS),
  /**
   * Where the arms come from: `scorecards`, the arm recorded on each staff member's latest official
   * scorecard the experiment chose the version of (up to the period); `assignment`, the assignment at
   * the current percentage, before any such scorecard exists.
   */
  basis: z.enum(['scorecards', 'assignment']),
  /** Staff whose values went into each arm (with team units, welch compares team means). */
  staff: z.object({ champion: z.number().int(), challenger: z.number().int() }),
  /** welch(champion, challenger): difference = challenger − champion, with a 95 % interval when estimated. */
  welch: z.object({ status: z.enum(['estimated', 'too_few_values', 'no_variance']), a: sampleSchema, b: sampleSchema, difference: z.number().nullable() }).loose(),
  verdict: z.object({
    verdict: z.enum(['insufficient_data', 'challenger_better', 'champion_better', 'no_difference']),
    units: z.object({ champion: z.number().int(), challenger: z.number().int() }),
    text: z.object({ zh: z.string(), en: z.string() }),
  }),
});
export type OutcomesResponse = z.infer<typeof outcomesResponseSchema>;
