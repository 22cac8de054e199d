import { z } from 'zod';
import { topLevelConditionSchema } from '../conditions';
import { documentHeaderShape, finiteNumber, identifierSchema, localizedTextSchema, roleSchema } from './common';

/** Events that open a case on a workflow without a condition: `appeal` — a staff member contests a scorecard. */
export const WORKFLOW_TRIGGER_EVENTS = ['appeal'] as const;
export type WorkflowTriggerEvent = (typeof WORKFLOW_TRIGGER_EVENTS)[number];

/** Facts a workflow trigger may test: one incoming feedback response, or a zone hit. */
export const WORKFLOW_TRIGGER_FACTS = ['likert', 'likert_mean', 'nps', 'channel', 'comment', 'zone', 'action'] as const;

export const stageFieldSchema = z.strictObject({
  id: identifierSchema,
  name: localizedTextSchema.optional(),
  /** `corrected_facts`: scheme input ids → corrected values, checked against the scheme bound to the case's period like an import row. */
  type: z.enum(['text', 'select', 'multiselect', 'number', 'date', 'boolean', 'corrected_facts']),
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
  /** A feedback or zone condition (`when`), or an event (`on: appeal`). */
  trigger: z.union([z.strictObject({ when: topLevelConditionSchema }), z.strictObject({ on: z.enum(WORKFLOW_TRIGGER_EVENTS) })]).optional(),
  stages: z.array(stageSchema).min(1, 'a workflow needs at least one stage'),
  reopenTo: z.array(identifierSchema).default([]),
  escalation: z.array(escalationStepSchema).default([]),
});
export type WorkflowDocumentInput = z.input<typeof workflowDocumentSchema>;
export type WorkflowDocument = z.output<typeof workflowDocumentSchema>;
