import { z } from 'zod';
import { topLevelConditionSchema } from '../conditions';
import { bandIdSchema, documentHeaderShape, finiteNumber, identifierSchema, localizedTextSchema } from './common';

export const periodKindSchema = z.enum(['month', 'quarter']);
export type PeriodKind = z.infer<typeof periodKindSchema>;

export const inputDeclarationSchema = z.strictObject({
  type: z.enum(['number', 'number[]']),
  name: localizedTextSchema.optional(),
  unit: z.string().optional(),
  min: finiteNumber.optional(),
  max: finiteNumber.optional(),
});
export type InputDeclaration = z.infer<typeof inputDeclarationSchema>;

export const directionSchema = z.enum(['higher', 'lower']);
export type Direction = z.infer<typeof directionSchema>;

const pointScore = z.number().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100');

export const thresholdsScoringSchema = z.strictObject({
  type: z.literal('thresholds'),
  floor: finiteNumber.optional(),
  baseline: finiteNumber,
  target: finiteNumber,
  excellent: finiteNumber,
  points: z
    .strictObject({ baseline: pointScore.optional(), target: pointScore.optional(), excellent: pointScore.optional() })
    .optional(),
});

export const bandsScoringSchema = z.strictObject({
  type: z.literal('bands'),
  bands: z
    .array(z.strictObject({ min: finiteNumber.optional(), max: finiteNumber.optional(), score: pointScore }))
    .min(1, 'needs at least one band'),
});

export const linearScoringSchema = z.strictObject({
  type: z.literal('linear'),
  min: finiteNumber,
  max: finiteNumber,
});

export const rawScoringSchema = z.strictObject({ type: z.literal('raw') });

export const scoringSchema = z.discriminatedUnion('type', [
  thresholdsScoringSchema,
  bandsScoringSchema,
  linearScoringSchema,
  rawScoringSchema,
]);
export type Scoring = z.infer<typeof scoringSchema>;
export type ThresholdsScoring = z.infer<typeof thresholdsScoringSchema>;
export type BandsScoring = z.infer<typeof bandsScoringSchema>;

export const missingPolicySchema = z.enum(['exclude', 'zero', 'error']);
export type MissingPolicy = z.infer<typeof missingPolicySchema>;

export const formulaSchema = z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters');

export const indicatorSchema = z.strictObject({
  id: identifierSchema,
  name: localizedTextSchema.optional(),
  description: localizedTextSchema.optional(),
  formula: formulaSchema,
  unit: z.string().optional(),
  direction: directionSchema.default('higher'),
  scoring: scoringSchema,
  missing: missingPolicySchema.default('exclude'),
});
export type Indicator = z.infer<typeof indicatorSchema>;

const weightSchema = finiteNumber.min(0, 'must not be negative');

export const indicatorRefSchema = z.strictObject({ id: identifierSchema, weight: weightSchema });

export interface Dimension {
  id: string;
  name?: z.infer<typeof localizedTextSchema>;
  weight: number;
  indicators?: Array<z.infer<typeof indicatorRefSchema>>;
  children?: Dimension[];
}

export const dimensionSchema: z.ZodType<Dimension, Dimension> = z.lazy(() =>
  z.strictObject({
    id: identifierSchema,
    name: localizedTextSchema.optional(),
    weight: weightSchema,
    indicators: z.array(indicatorRefSchema).optional(),
    children: z.array(dimensionSchema).optional(),
  }),
);

export const adjustmentSchema = z.strictObject({
  id: identifierSchema,
  name: localizedTextSchema.optional(),
  description: localizedTextSchema.optional(),
  formula: formulaSchema,
  min: finiteNumber.optional(),
  max: finiteNumber.optional(),
});
export type Adjustment = z.infer<typeof adjustmentSchema>;

export const compositeRangeSchema = z.strictObject({ min: finiteNumber.default(0), max: finiteNumber.default(100) });

export const bandSchema = z.strictObject({
  id: bandIdSchema,
  name: localizedTextSchema.optional(),
  min: finiteNumber,
});
export type Band = z.infer<typeof bandSchema>;

export const promotionSchema = z.strictObject({
  to: identifierSchema,
  consecutivePeriods: z.number().int().min(1, 'must be at least 1').default(1),
  when: topLevelConditionSchema,
});

export const tierSchema = z.strictObject({
  id: identifierSchema,
  name: localizedTextSchema.optional(),
  indicators: z.array(identifierSchema).optional(),
  weights: z.record(identifierSchema, weightSchema).optional(),
  promotion: promotionSchema.optional(),
});
export type Tier = z.infer<typeof tierSchema>;

export const zoneColourSchema = z.enum(['red', 'yellow', 'blue']);
export type ZoneColour = z.infer<typeof zoneColourSchema>;

export const zoneRuleSchema = z.strictObject({
  id: identifierSchema,
  name: localizedTextSchema.optional(),
  zone: zoneColourSchema,
  action: identifierSchema.optional(),
  when: topLevelConditionSchema,
});
export type ZoneRule = z.infer<typeof zoneRuleSchema>;

export const hintSchema = z.strictObject({
  id: identifierSchema,
  name: localizedTextSchema.optional(),
  when: topLevelConditionSchema,
  text: localizedTextSchema,
});
export type Hint = z.infer<typeof hintSchema>;

export const reminderRecipientSchema = z.enum(['staff', 'manager']);
export type ReminderRecipient = z.infer<typeof reminderRecipientSchema>;

/** A reminder (SPEC §6): a condition over the facts hints see, a text, and who hears it; sent once per staff member and period after a succeeded run. */
export const reminderSchema = z.strictObject({
  id: identifierSchema,
  name: localizedTextSchema.optional(),
  when: topLevelConditionSchema,
  text: localizedTextSchema,
  to: z.array(reminderRecipientSchema).min(1, 'name at least one recipient: staff or manager').default(['staff']),
});
export type Reminder = z.infer<typeof reminderSchema>;

/**
 * An award (SPEC §6): a non-ranking recognition (口碑奖, 进步奖, 突破奖) a staff member earns when its condition holds.
 * The condition reads the facts hints see, among them `previous` (the previous period's scorecard) and `change`
 * (this period minus the previous one); the awards earned are listed on the scorecard.
 */
export const awardSchema = z.strictObject({
  id: identifierSchema,
  name: localizedTextSchema,
  description: localizedTextSchema.optional(),
  when: topLevelConditionSchema,
});
export type Award = z.infer<typeof awardSchema>;
export type AwardInput = z.input<typeof awardSchema>;

export const schemeDocumentSchema = z.strictObject({
  kind: z.literal('scheme'),
  ...documentHeaderShape,
  period: periodKindSchema,
  inputs: z.record(identifierSchema, inputDeclarationSchema).default({}),
  indicators: z.array(indicatorSchema).min(1, 'a scheme needs at least one indicator'),
  dimensions: z.array(dimensionSchema).min(1, 'a scheme needs at least one dimension'),
  adjustments: z.array(adjustmentSchema).default([]),
  composite: compositeRangeSchema.default({ min: 0, max: 100 }),
  bands: z.array(bandSchema).default([]),
  tiers: z.array(tierSchema).default([]),
  zones: z.array(zoneRuleSchema).default([]),
  hints: z.array(hintSchema).default([]),
  reminders: z.array(reminderSchema).default([]),
  awards: z.array(awardSchema).default([]),
});
/** A scheme as written (defaults optional). */
export type SchemeDocumentInput = z.input<typeof schemeDocumentSchema>;
/** A scheme after parsing (defaults filled in). */
export type SchemeDocument = z.output<typeof schemeDocumentSchema>;
