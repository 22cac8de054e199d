import { z } from 'zod';
import { issueText } from '../../common/i18n/messages';
import { idListFilter } from '../../common/http/list-query';
import { periodSchema } from '../bindings/bindings.dto';
import type { ChunkState } from './evaluations.repository';
import { type EvaluationRunEntity, RUN_STATUSES } from './evaluation-run.entity';

export const startRunSchema = z.strictObject({
  period: periodSchema,
  /** Evaluate one team only; absent or null evaluates every active staff member of the institution. */
  teamId: z.uuid().nullable().optional(),
  /**
   * A correction run: evaluate only these staff again (after their facts were corrected), each with
   * the scheme version and team means of the run their current scorecard comes from; nobody else's
   * scorecard changes. Not with teamId.
   */
  staffIds: z.array(z.uuid()).min(1).max(1000).optional(),
  /** Why a published period is evaluated again (required then; its staff already saw their results). */
  reason: z.string().trim().min(1).max(2000).optional(),
});
export type StartRunRequest = z.infer<typeof startRunSchema>;

export const runFilterSchema = z.strictObject({
  id: idListFilter.optional(),
  period: periodSchema.optional(),
  status: z.enum(RUN_STATUSES).optional(),
  teamId: z.uuid().nullable().optional(),
});
export type RunFilter = z.infer<typeof runFilterSchema>;
export const RUN_SORTABLE = ['id', 'period', 'status', 'createdAt', 'finishedAt'] as const;

const issueSchema = z.object({ path: z.string(), message: z.string(), code: z.string().optional(), params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional() });

export const runResponseSchema = z.object({
  id: z.uuid(),
  period: z.string(),
  teamId: z.uuid().nullable(),
  status: z.enum(RUN_STATUSES),
  progress: z.object({ done: z.number().int(), total: z.number().int(), percent: z.number(), chunks: z.number().int(), chunksDone: z.number().int() }),
  /** The scheme version pinned for each team when the run was planned. */
  pins: z.array(
    z.object({
      teamId: z.uuid().nullable(),
      teamName: z.string().nullable(),
      documentId: z.uuid(),
      documentVersionId: z.uuid(),
      key: z.string(),
      version: z.number().int(),
      staff: z.number().int(),
    }),
  ),
  /**
   * Staff scored by a running split experiment's choice, per experiment, arm and version: the
   * challenger arm by the challenger version instead of their team's pin, the champion arm by the
   * pin. Their scorecards are official and record the experiment and arm.
   */
  overrides: z.array(
    z.object({
      experimentId: z.uuid(),
      arm: z.enum(['champion', 'challenger']),
      documentVersionId: z.uuid(),
      key: z.string(),
      version: z.number().int(),
      staff: z.number().int(),
    }),
  ),
  /** sha256 over the pinned versions and every evaluated staff member's team, tier and inputs (and own version and arm, when an experiment chose them). */
  inputsDigest: z.string().nullable(),
  errors: z.array(issueSchema),
  summary: z.object({
    scorecards: z.number().int().optional(),
    withErrors: z.number().int().optional(),
    withoutFacts: z.number().int().optional(),
    bands: z.record(z.string(), z.number().int()).optional(),
    zones: z.record(z.string(), z.number().int()).optional(),
  }),
  timings: z.object({
    queuedMs: z.number().optional(),
    planMs: z.number().optional(),
    evaluateMs: z.number().optional(),
    writeMs: z.number().optional(),
    totalMs: z.number().optional(),
  }),
  attempts: z.number().int(),
  createdBy: z.uuid().nullable(),
  /** Why the run was started, when its period had been published. */
  reason: z.string().nullable(),
  /** For a correction run: the staff it evaluated again and the run whose versions and team means it kept. */
  staffIds: z.array(z.uuid()).nullable(),
  basisRunId: z.uuid().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type RunResponse = z.infer<typeof runResponseSchema>;

export const runDetailResponseSchema = runResponseSchema.extend({
  /** Whether some of this run's scorecards are the current results of their period. */
  current: z.boolean(),
  chunks: z.array(z.object({ index: z.number().int(), staff: z.number().int(), status: z.enum(['pending', 'done']), worker: z.string().nullable(), finishedAt: z.string().nullable() })),
});
export type RunDetailResponse = z.infer<typeof runDetailResponseSchema>;

const numbers = (timings: Record<string, unknown>) => Object.fromEntries(Object.entries(timings).map(([key, value]) => [key, Number(value)]));

export function toRunResponse(run: EvaluationRunEntity): RunResponse {
  return {
    id: run.id,
    period: run.period,
    teamId: run.teamId,
    status: run.status,
    progress: {
      done: run.done,
      total: run.total,
      percent: run.total > 0 ? Math.round((run.done / run.total) * 1000) / 10 : run.status === 'succeeded' ? 100 : 0,
      chunks: run.chunkCount,
      chunksDone: run.chunksDone,
    },
    pins: run.pins,
    overrides: run.overrides ?? [],
    inputsDigest: run.inputsDigest,
    // Issues with a catalog code and params (the engine's or the API's) in the reader's language; others as stored.
    errors: run.errors.map((error) => ({ ...error, message: issueText(error) })),
    summary: run.summary,
    timings: numbers(run.timings as Record<string, unknown>),
    attempts: run.attempts,
    createdBy: run.createdBy,
    reason: run.reason,
    staffIds: run.staffIds,
    basisRunId: run.basisRunId,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

export function toRunDetailResponse(run: EvaluationRunEntity, current: boolean, chunks: ChunkState[]): RunDetailResponse {
  return {
    ...toRunResponse(run),
    current,
    chunks: chunks.map((chunk) => ({ ...chunk, finishedAt: chunk.finishedAt ? new Date(chunk.finishedAt).toISOString() : null })),
  };
}
