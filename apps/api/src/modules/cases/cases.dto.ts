import { z } from 'zod';
import { identifierSchema, type LocalizedText, type Stage, type StageField, stageFieldSchema, type WorkflowDocument } from '@carescore/engine';
import { idListFilter } from '../../common/http/list-query';
import { periodSchema } from '../bindings/bindings.dto';
import { CASE_SOURCES, type CaseEventEntity, type CaseStageVisitEntity } from './case.entity';
import type { CaseView } from './cases.repository';

const booleanFilter = z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]);

export const caseFilterSchema = z.strictObject({
  id: idListFilter.optional(),
  /** Staff code or name, or workflow key. */
  q: z.string().max(200).optional(),
  status: z.enum(['open', 'closed']).optional(),
  /** The current stage id (one or several). */
  stage: z.union([identifierSchema, z.array(identifierSchema).max(50)]).transform((v) => (Array.isArray(v) ? v : [v])).optional(),
  /** Open and past the current stage's due time (true), or not (false). */
  overdue: booleanFilter.optional(),
  /** Any stage went past its due time. */
  breached: booleanFilter.optional(),
  /** A user's id, or null for unassigned cases. */
  assigneeId: z.uuid().nullable().optional(),
  staffId: z.uuid().optional(),
  teamId: z.uuid().nullable().optional(),
  /** What opened the case: a feedback response or a zone hit. */
  kind: z.enum(CASE_SOURCES).optional(),
  workflowKey: z.string().max(64).optional(),
  zone: z.enum(['red', 'yellow', 'blue']).optional(),
  /** A month, or a quarter (which includes its months). */
  period: periodSchema.optional(),
});
export type CaseFilter = z.infer<typeof caseFilterSchema>;
export const CASE_SORTABLE = ['id', 'openedAt', 'dueAt', 'closedAt', 'updatedAt', 'stage', 'status', 'period', 'workflowKey', 'staffCode', 'staffName'] as const;

const versionField = z.number().int().positive().optional().meta({ description: 'the case version you loaded; if it moved on, 409 and nothing changes' });

export const caseInboxQuerySchema = z.strictObject({ view: z.enum(['mine', 'others']).default('mine') });
export type CaseInboxQuery = z.infer<typeof caseInboxQuerySchema>;
export const caseInboxCountsSchema = z.object({ mine: z.number().int(), others: z.number().int(), overdue: z.number().int() });

export const advanceCaseSchema = z.strictObject({
  /** The stage being completed: the case's current stage (409 otherwise). */
  stage: identifierSchema,
  /** The stage's field values, by field id; checked against the stage's field definitions (422 per field). */
  fields: z.record(z.string(), z.unknown()).default({}),
  version: versionField,
});
export type AdvanceCaseRequest = z.infer<typeof advanceCaseSchema>;

export const reopenCaseSchema = z.strictObject({
  /** An earlier stage listed in the workflow's reopenTo. */
  stage: identifierSchema,
  reason: z.string().trim().min(5, 'say why, in at least 5 characters').max(2000),
  version: versionField,
});
export type ReopenCaseRequest = z.infer<typeof reopenCaseSchema>;

export const assignCaseSchema = z.strictObject({
  /** An active user of the institution (not a staff login), or null to unassign. */
  assigneeId: z.uuid().nullable(),
  reason: z.string().trim().max(2000).optional(),
  version: versionField,
});
export type AssignCaseRequest = z.infer<typeof assignCaseSchema>;

export const commentCaseSchema = z.strictObject({
  text: z.string().trim().min(1, 'must not be empty').max(4000),
});
export type CommentCaseRequest = z.infer<typeof commentCaseSchema>;

export const dashboardQuerySchema = z.strictObject({
  /** Count opened/closed cases and stage visits of this period only (month or quarter); open and overdue are always as of now. */
  period: periodSchema.optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

// ------------------------------------------------------------------------------------ responses

const localized = z.object({ zh: z.string().optional(), en: z.string().optional() });
const roleEnum = z.enum(['admin', 'quality_officer', 'manager', 'staff']);

export const caseResponseSchema = z.object({
  id: z.uuid(),
  kind: z.enum(CASE_SOURCES),
  workflowKey: z.string(),
  workflowVersion: z.number().int(),
  workflowName: localized,
  staffId: z.uuid(),
  staffCode: z.string(),
  staffName: z.string(),
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  period: z.string(),
  feedbackId: z.uuid().nullable(),
  runId: z.uuid().nullable(),
  zoneId: z.string().nullable(),
  zone: z.enum(['red', 'yellow', 'blue']).nullable(),
  action: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  stage: z.string().nullable(),
  stageName: localized.nullable(),
  /** Who completes the current stage. */
  stageRole: roleEnum.nullable(),
  stageIndex: z.number().int().nullable(),
  stageCount: z.number().int(),
  assigneeId: z.uuid().nullable(),
  assigneeEmail: z.string().nullable(),
  assigneeName: z.string().nullable(),
  /** The concurrency token: send it back with an action to be sure nobody acted in between. */
  version: z.number().int(),
  openedAt: z.string(),
  stageStartedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  /** Hours until the current stage is due (negative: overdue); null when closed. */
  hoursLeft: z.number().nullable(),
  overdue: z.boolean(),
  breached: z.boolean(),
  breachCount: z.number().int(),
  closedAt: z.string().nullable(),
  hoursToClose: z.number().nullable(),
  closedInSla: z.boolean().nullable(),
  updatedAt: z.string(),
});
export type CaseResponse = z.infer<typeof caseResponseSchema>;

export const stageFieldResponseSchema = z.object({
  id: z.string(),
  name: localized.nullable(),
  type: stageFieldSchema.shape.type,
  required: z.boolean(),
  options: z.array(z.string()).nullable(),
  minLength: z.number().nullable(),
  maxLength: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
});

export const stageResponseSchema = z.object({
  id: z.string(),
  name: localized.nullable(),
  role: roleEnum,
  slaHours: z.number(),
  fields: z.array(stageFieldResponseSchema),
});

export const caseEventResponseSchema = z.object({
  id: z.string(),
  type: z.enum(['opened', 'advanced', 'closed', 'reopened', 'assigned', 'commented', 'breached', 'escalated']),
  at: z.string(),
  /** null: the system (opened from feedback or a zone, breaches, escalations). */
  actor: z.object({ id: z.string(), email: z.string().nullable(), role: z.string().nullable() }).nullable(),
  stage: z.string().nullable(),
  toStage: z.string().nullable(),
  fields: z.record(z.string(), z.unknown()).nullable(),
  reason: z.string().nullable(),
  /** A comment's text. */
  text: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

export const stageVisitResponseSchema = z.object({
  seq: z.number().int(),
  stage: z.string(),
  stageName: localized.nullable(),
  startedAt: z.string(),
  dueAt: z.string(),
  endedAt: z.string().nullable(),
  /** Time in the stage: until it ended, or so far. */
  hours: z.number(),
  outcome: z.enum(['advanced', 'reopened', 'closed']).nullable(),
  breached: z.boolean(),
  escalations: z.number().int(),
});

export const caseDetailResponseSchema = caseResponseSchema.extend({
  /** The current stage with its field definitions (the form to complete it); null when closed. */
  currentStage: stageResponseSchema.nullable(),
  stages: z.array(stageResponseSchema),
  reopenTo: z.array(z.object({ id: z.string(), name: localized.nullable() })),
  escalation: z.array(z.object({ afterHours: z.number(), notify: z.string() })),
  visits: z.array(stageVisitResponseSchema),
  events: z.array(caseEventResponseSchema),
  feedback: z
    .object({
      id: z.uuid(),
      responseId: z.string(),
      customerRef: z.string().nullable(),
      channel: z.string().nullable(),
      likert: z.record(z.string(), z.number()),
      nps: z.number().nullable(),
      comment: z.string().nullable(),
      respondedAt: z.string(),
    })
    .nullable(),
  /** What the caller may do now. */
  can: z.object({ advance: z.boolean(), reopen: z.boolean(), assign: z.boolean(), comment: z.boolean() }),
});
export type CaseDetailResponse = z.infer<typeof caseDetailResponseSchema>;

/** Case counts over a scope (the institution or one team), in the period when one is given. */
const caseCountsSchema = z.object({
  open: z.number().int(),
  overdue: z.number().int(),
  opened: z.number().int(),
  closed: z.number().int(),
  closedInSla: z.number().int(),
  /** Cases closed with no stage past its due time, over cases closed; null when none closed. */
  slaCompliance: z.number().nullable(),
});

export const dashboardResponseSchema = caseCountsSchema.extend({
  asOf: z.string(),
  period: z.string().nullable(),
  byStage: z.array(z.object({ workflowKey: z.string(), stage: z.string(), stageName: localized.nullable(), open: z.number().int(), overdue: z.number().int() })),
  teams: z.array(
    caseCountsSchema.extend({
      teamId: z.uuid().nullable(),
      teamName: z.string().nullable(),
      /** Stage visits finished (or due) on time, over those finished or due; null when none. */
      stageCompliance: z.number().nullable(),
    }),
  ),
});
export type DashboardResponse = z.infer<typeof dashboardResponseSchema>;

// -------------------------------------------------------------------------------------- mappers

const nameOf = (name: LocalizedText | undefined) => name ?? null;

export function toStageResponse(stage: Stage): z.infer<typeof stageResponseSchema> {
  return { id: stage.id, name: nameOf(stage.name), role: stage.role, slaHours: stage.slaHours, fields: stage.fields.map(toFieldResponse) };
}

function toFieldResponse(field: StageField): z.infer<typeof stageFieldResponseSchema> {
  return {
    id: field.id,
    name: nameOf(field.name),
    type: field.type,
    required: field.required,
    options: field.options ?? null,
    minLength: field.minLength ?? null,
    maxLength: field.maxLength ?? null,
    min: field.min ?? null,
    max: field.max ?? null,
  };
}

export function toCaseResponse(view: CaseView, workflow: WorkflowDocument | null, now: Date): CaseResponse {
  const stage = workflow && view.stageIndex !== null ? (workflow.stages[view.stageIndex] ?? null) : null;
  const hoursLeft = view.status === 'open' && view.dueAt ? (view.dueAt.getTime() - now.getTime()) / 3_600_000 : null;
  return {
    id: view.id,
    kind: view.source,
    workflowKey: view.workflowKey,
    workflowVersion: view.workflowVersion,
    workflowName: view.workflowName,
    staffId: view.staffId,
    staffCode: view.staffCode,
    staffName: view.staffName,
    teamId: view.teamId,
    teamName: view.teamName,
    period: view.period,
    feedbackId: view.feedbackId,
    runId: view.runId,
    zoneId: view.zoneId,
    zone: view.zone,
    action: view.action,
    status: view.status,
    stage: view.stage,
    stageName: stage ? nameOf(stage.name) : null,
    stageRole: stage?.role ?? null,
    stageIndex: view.stageIndex,
    stageCount: workflow?.stages.length ?? 0,
    assigneeId: view.assigneeId,
    assigneeEmail: view.assigneeEmail,
    assigneeName: view.assigneeName,
    version: view.version,
    openedAt: view.openedAt.toISOString(),
    stageStartedAt: view.stageStartedAt?.toISOString() ?? null,
    dueAt: view.dueAt?.toISOString() ?? null,
    hoursLeft,
    overdue: hoursLeft !== null && hoursLeft < 0,
    breached: view.breached,
    breachCount: view.breachCount,
    closedAt: view.closedAt?.toISOString() ?? null,
    hoursToClose: view.hoursToClose,
    closedInSla: view.closedInSla,
    updatedAt: view.updatedAt.toISOString(),
  };
}

export function toEventResponse(event: CaseEventEntity): z.infer<typeof caseEventResponseSchema> {
  const text = typeof event.data.text === 'string' ? event.data.text : null;
  const { text: _text, ...data } = event.data;
  return {
    id: String(event.id),
    type: event.type,
    at: event.at.toISOString(),
    actor: event.actorId ? { id: event.actorId, email: event.actorEmail, role: event.actorRole } : null,
    stage: event.stage,
    toStage: event.toStage,
    fields: event.fields,
    reason: event.reason,
    text,
    data,
  };
}

export function toVisitResponse(visit: CaseStageVisitEntity, workflow: WorkflowDocument, now: Date): z.infer<typeof stageVisitResponseSchema> {
  const stage = workflow.stages[visit.stageIndex];
  return {
    seq: visit.seq,
    stage: visit.stage,
    stageName: stage ? nameOf(stage.name) : null,
    startedAt: visit.startedAt.toISOString(),
    dueAt: visit.dueAt.toISOString(),
    endedAt: visit.endedAt?.toISOString() ?? null,
    hours: visit.hours ?? (now.getTime() - visit.startedAt.getTime()) / 3_600_000,
    outcome: visit.outcome,
    breached: visit.breached || (visit.endedAt === null && now.getTime() >= visit.dueAt.getTime()),
    escalations: visit.escalations,
  };
}
