import { z } from 'zod';
import { documentHeaderShape, identifierSchema, localizedTextSchema } from './common';

/**
 * A questionnaire clients answer (`kind: survey`, SPEC §6): Likert dimensions answered 1–5, an optional NPS question
 * (0–10) and an optional free comment, in Chinese and English. An answer becomes one feedback response exactly as
 * `POST /api/feedback` takes it: `likert.<dimension id>` (so a scheme reads it as `likert` and `likert_<dimension id>`)
 * and `nps`, which workflow triggers test as `likert` (the lowest answer), `likert_mean` and `nps`.
 */
export const LIKERT_MIN = 1;
export const LIKERT_MAX = 5;
export const NPS_MIN = 0;
export const NPS_MAX = 10;
/** The longest comment a client may leave (feedback keeps at most 4000 characters). */
export const SURVEY_COMMENT_MAX = 4000;

export const surveyDimensionSchema = z.strictObject({
  /** The Likert key of the answer (`likert.<id>`): a scheme reads it as the input `likert_<id>`. */
  id: identifierSchema,
  name: localizedTextSchema.optional(),
  question: localizedTextSchema,
  required: z.boolean().default(true),
});
export type SurveyDimension = z.infer<typeof surveyDimensionSchema>;

/** The Likert scale: always 1–5 (the feedback contract); the words at its two ends may be given. */
export const surveyScaleSchema = z.strictObject({
  min: z.literal(LIKERT_MIN).default(LIKERT_MIN),
  max: z.literal(LIKERT_MAX).default(LIKERT_MAX),
  low: localizedTextSchema.optional(),
  high: localizedTextSchema.optional(),
});

export const surveyNpsSchema = z.strictObject({
  question: localizedTextSchema,
  required: z.boolean().default(true),
  low: localizedTextSchema.optional(),
  high: localizedTextSchema.optional(),
});

export const surveyCommentSchema = z.strictObject({
  question: localizedTextSchema,
  required: z.boolean().default(false),
  maxLength: z.number().int().min(1, 'must be at least 1').max(SURVEY_COMMENT_MAX).default(1000),
});

export const surveyDocumentSchema = z.strictObject({
  kind: z.literal('survey'),
  ...documentHeaderShape,
  /** What the client reads at the top of the page; `name` when absent. */
  title: localizedTextSchema.optional(),
  intro: localizedTextSchema.optional(),
  /** Recorded as the feedback's channel. */
  channel: z.string().trim().min(1).max(32).default('survey'),
  scale: surveyScaleSchema.default({ min: LIKERT_MIN, max: LIKERT_MAX }),
  dimensions: z.array(surveyDimensionSchema).default([]),
  nps: surveyNpsSchema.optional(),
  comment: surveyCommentSchema.optional(),
  /** Shown after the answer is recorded. */
  thanks: localizedTextSchema.optional(),
});
export type SurveyDocumentInput = z.input<typeof surveyDocumentSchema>;
export type SurveyDocument = z.output<typeof surveyDocumentSchema>;
