import { z } from 'zod';
import { periodSchema } from '../bindings/bindings.dto';

export const PERIOD_STATES = ['open', 'published', 'closed'] as const;
export type PeriodState = (typeof PERIOD_STATES)[number];

export const periodFilterSchema = z.strictObject({
  state: z.enum(PERIOD_STATES).optional(),
  /** react-admin's getMany: `{"id": ["2026-Q1", …]}` (a period is its own id). */
  id: z.union([periodSchema, z.array(periodSchema).max(100)]).transform((v) => (Array.isArray(v) ? v : [v])).optional(),
});
export type PeriodFilter = z.infer<typeof periodFilterSchema>;
export const PERIOD_SORTABLE = ['id', 'period'] as const;

export const reopenPeriodSchema = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
export type ReopenPeriodRequest = z.infer<typeof reopenPeriodSchema>;

const countsSchema = z.object({
  /** Staff with a current scorecard of the period. */
  staff: z.number().int(),
  acknowledged: z.number().int(),
  /** Staff with an appeal, appeals still open, appeals decided by a correction. */
  appealed: z.number().int(),
  openAppeals: z.number().int(),
  corrected: z.number().int(),
});

export const periodResponseSchema = z.object({
  /** The period itself (react-admin needs an id). */
  id: z.string(),
  period: z.string(),
  state: z.enum(PERIOD_STATES),
  publishedAt: z.string().nullable(),
  publishedBy: z.uuid().nullable(),
  /** When the window to acknowledge or appeal ends (exclusive), in UTC; null until published. */
  appealDeadline: z.string().nullable(),
  appealWindowOpen: z.boolean(),
  closedAt: z.string().nullable(),
  closedBy: z.uuid().nullable(),
  runs: z.number().int(),
  /** The newest run's status, or null without runs. */
  lastRunStatus: z.string().nullable(),
  counts: countsSchema,
});
export type PeriodResponse = z.infer<typeof periodResponseSchema>;

export const periodDetailResponseSchema = periodResponseSchema.extend({
  runList: z.array(z.object({ id: z.uuid(), status: z.string(), teamId: z.uuid().nullable(), createdAt: z.string(), finishedAt: z.string().nullable(), reason: z.string().nullable() })),
});
export type PeriodDetailResponse = z.infer<typeof periodDetailResponseSchema>;

export const acknowledgementResponseSchema = z.object({
  scorecardId: z.uuid(),
  period: z.string(),
  acknowledgedAt: z.string(),
  /** False when the scorecard had been acknowledged before (the call is idempotent). */
  created: z.boolean(),
});
export type AcknowledgementResponse = z.infer<typeof acknowledgementResponseSchema>;

/** Where a scorecard stands in its period's cycle, for the staff member's page (acknowledge while the window is open). */
export const scorecardCycleResponseSchema = z.object({
  scorecardId: z.uuid(),
  period: z.string(),
  periodState: z.enum(PERIOD_STATES),
  /** When the window to acknowledge or appeal ends (exclusive), in UTC; null until published. */
  appealDeadline: z.string().nullable(),
  appealWindowOpen: z.boolean(),
  current: z.boolean(),
  /** When the staff member acknowledged this scorecard, or null. */
  acknowledgedAt: z.string().nullable(),
  /**
   * The staff member's latest appeal of the period (filed on this or an earlier scorecard of it), or null:
   * its status and, once corrected, the composite before and after the correction.
   */
  appeal: z
    .object({
      id: z.uuid(),
      caseId: z.uuid(),
      status: z.enum(['open', 'upheld', 'corrected']),
      indicators: z.array(z.string()),
      reason: z.string(),
      filedAt: z.string(),
      decidedAt: z.string().nullable(),
      compositeBefore: z.number().nullable(),
      compositeAfter: z.number().nullable(),
    })
    .nullable(),
});
export type ScorecardCycleResponse = z.infer<typeof scorecardCycleResponseSchema>;
