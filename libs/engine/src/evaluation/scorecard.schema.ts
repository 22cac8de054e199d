import { z } from 'zod';
import { localizedTextSchema } from '../schema/common';

export const inputValueSchema = z.union([z.number(), z.array(z.number()), z.null()]);
export type InputValue = z.infer<typeof inputValueSchema>;

export const indicatorResultSchema = z.object({
  status: z.enum(['ok', 'missing', 'excluded']),
  value: z.number().optional(),
  score: z.number().optional(),
  /** The indicator's weight in its dimension after tier overrides, as written (not renormalised). */
  weight: z.number().optional(),
  /** This indicator's share of the composite after renormalisation (0…1; shares of counted indicators sum to 1). */
  share: z.number().optional(),
  reason: z.string().optional(),
  /** The inputs and indicator values the formula read. */
  inputs: z.record(z.string(), inputValueSchema).optional(),
});
export type IndicatorResult = z.infer<typeof indicatorResultSchema>;

export const dimensionResultSchema = z.object({ score: z.number().nullable(), weight: z.number() });
export type DimensionResult = z.infer<typeof dimensionResultSchema>;

export const zoneHitSchema = z.object({
  id: z.string(),
  zone: z.enum(['red', 'yellow', 'blue']),
  action: z.string().optional(),
});
export type ZoneHit = z.infer<typeof zoneHitSchema>;

/** Why part of a scorecard is missing; `code` and `params` name the catalog message (libs/engine/src/messages). */
export const scorecardErrorSchema = z.object({
  path: z.string(),
  message: z.string(),
  code: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type ScorecardError = z.infer<typeof scorecardErrorSchema>;

export const scorecardSchema = z.object({
  staffId: z.string(),
  team: z.string().nullable().optional(),
  period: z.string().nullable(),
  scheme: z.object({ key: z.string(), version: z.number().nullable() }),
  tier: z.string().nullable(),
  indicators: z.record(z.string(), indicatorResultSchema),
  dimensions: z.record(z.string(), dimensionResultSchema),
  adjustments: z.record(z.string(), z.number()),
  composite: z.number().nullable(),
  band: z.string().nullable(),
  zone: z.enum(['red', 'yellow', 'blue']).nullable(),
  zones: z.array(zoneHitSchema),
  hints: z.array(z.object({ id: z.string(), text: localizedTextSchema })),
  /** The scheme's reminders that matched (present only when the scheme declares reminders); sent after a succeeded run. */
  reminders: z.array(z.object({ id: z.string(), name: localizedTextSchema.optional(), text: localizedTextSchema, to: z.array(z.enum(['staff', 'manager'])) })).optional(),
  /** The scheme's awards earned this period (present only when the scheme declares awards), in document order. */
  awards: z.array(z.object({ id: z.string(), name: localizedTextSchema, description: localizedTextSchema.optional() })).optional(),
  promotion: z.object({ to: z.string(), criteriaMet: z.boolean(), eligible: z.boolean() }).nullable(),
  errors: z.array(scorecardErrorSchema),
});
export type Scorecard = z.infer<typeof scorecardSchema>;
