import { WORKFLOW_TRIGGER_FACTS, type WorkflowDocument, workflowDocumentSchema } from '../schema/workflow.schema';
import { checkConditionReferences } from './condition-references';
import { type ValidationIssue, type ValidationResult, joinPath, zodIssuesToValidationIssues } from './issues';

export function validateWorkflow(raw: unknown): ValidationResult<WorkflowDocument> {
  const parsed = workflowDocumentSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: zodIssuesToValidationIssues(parsed.error) };
  const issues = checkWorkflowSemantics(parsed.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: parsed.data, issues: [] };
}

export function checkWorkflowSemantics(doc: WorkflowDocument): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const stageIds = new Set<string>();
  doc.stages.forEach((stage, index) => {
    const at = joinPath('stages', index);
    if (stageIds.has(stage.id)) issues.push({ path: joinPath(at, 'id'), message: `duplicate stage id ${stage.id}` });
    stageIds.add(stage.id);
    const fieldIds = new Set<string>();
    stage.fields.forEach((field, fieldIndex) => {
      const fieldAt = joinPath(at, 'fields', fieldIndex);
      if (fieldIds.has(field.id)) issues.push({ path: joinPath(fieldAt, 'id'), message: `duplicate field id ${field.id} in stage ${stage.id}` });
      fieldIds.add(field.id);
      const choice = field.type === 'select' || field.type === 'multiselect';
      if (choice && (field.options?.length ?? 0) === 0) issues.push({ path: joinPath(fieldAt, 'options'), message: `a ${field.type} field needs options` });
      if (!choice && field.options !== undefined) issues.push({ path: joinPath(fieldAt, 'options'), message: `options only apply to select fields` });
      if (field.minLength !== undefined && field.maxLength !== undefined && field.minLength > field.maxLength) {
        issues.push({ path: joinPath(fieldAt, 'maxLength'), message: `must be at least minLength (${field.minLength})` });
      }
      if ((field.minLength !== undefined || field.maxLength !== undefined) && field.type !== 'text') {
        issues.push({ path: fieldAt, message: 'minLength and maxLength only apply to text fields' });
      }
      if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
        issues.push({ path: joinPath(fieldAt, 'max'), message: `must be at least min (${field.min})` });
      }
    });
  });
  doc.reopenTo.forEach((id, index) => {
    if (!stageIds.has(id)) issues.push({ path: joinPath('reopenTo', index), message: `unknown stage ${id}` });
  });
  doc.escalation.forEach((step, index) => {
    const previous = doc.escalation[index - 1];
    if (previous && step.afterHours < previous.afterHours) {
      issues.push({ path: joinPath('escalation', index, 'afterHours'), message: `escalation steps must be ordered by afterHours (${step.afterHours} after ${previous.afterHours})` });
    }
  });
  if (doc.trigger && 'when' in doc.trigger) {
    issues.push(
      ...checkConditionReferences(doc.trigger.when, 'trigger.when', {
        scalarFacts: new Set(WORKFLOW_TRIGGER_FACTS),
        keyedFacts: new Map(),
        freeFacts: new Set(),
      }),
    );
  }
  return issues;
}
