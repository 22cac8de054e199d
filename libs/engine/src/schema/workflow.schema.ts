import { z } from 'zod';
import { topLevelConditionSchema } from '../conditions';
import { documentHeaderShape, finiteNumber, identifierSchema, localizedTextSchema, roleSchema } from './common';

/** Facts a workflow trigger may test: one incoming feedback response, or a zone hit. */
export const WORKFLOW_TRIGGER_FACTS = ['likert', 'likert_mean', 'nps', 'channel', 'comment', 'zone', 'action'] as const;

export const stageFieldSchema = z.strictObject({
  id: identifierSchema,
  name: localizedTextSchema.optional(),
  type: z.enum(['text', 'select', 'multiselect', 'number', 'date', 'boolean']),
  options: z.array(z.string().min(1)).optional(),
  required: z.boolean().default(false),
  minLength: z.number().int().min(0).optional(),
  maxLength: z.number().int().min(1).optional(),
  min: finiteNumber.optional(),
  max: finiteNumber.optional(),
});
export type StageField = z.infer<typeof stageFieldSchema>;

export const stageSchema = z.strictObject({
  id: identifierSchema,
  name: localizedTextSchema.optional(),
  role: roleSchema.default('quality_officer'),
  slaHours: finiteNumber.positive('must be positive'),
  fields: z.array(stageFieldSchema).default([]),
});
export type Stage = z.infer<typeof stageSchema>;

export const escalationStepSchema = z.strictObject({
  afterHours: finiteNumber.min(0, 'must not be negative'),
  notify: z.enum(['manager', 'director', 'quality_officer', 'admin']),
});

export const workflowDocumentSchema = z.strictObject({
  kind: z.literal('workflow'),
  ...documentHeaderShape,
  trigger: z.strictObject({ when: topLevelConditionSchema }).optional(),
  stages: z.array(stageSchema).min(1, 'a workflow needs at least one stage'),
  reopenTo: z.array(identifierSchema).default([]),
  escalation: z.array(escalationStepSchema).default([]),
});
export type WorkflowDocumentInput = z.input<typeof workflowDocumentSchema>;
export type WorkflowDocument = z.output<typeof workflowDocumentSchema>;
