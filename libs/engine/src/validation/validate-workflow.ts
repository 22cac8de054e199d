import { WORKFLOW_TRIGGER_FACTS, type WorkflowDocument, workflowDocumentSchema } from '../schema/workflow.schema';
import { checkConditionReferences } from './condition-references';
import { issue, type ValidationIssue, type ValidationResult, joinPath, zodIssuesToValidationIssues } from './issues';

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
    if (stageIds.has(stage.id)) issues.push(issue(joinPath(at, 'id'), 'id.duplicate', { kind: 'stage', id: stage.id }));
    stageIds.add(stage.id);
    const fieldIds = new Set<string>();
    stage.fields.forEach((field, fieldIndex) => {
      const fieldAt = joinPath(at, 'fields', fieldIndex);
      if (fieldIds.has(field.id)) issues.push(issue(joinPath(fieldAt, 'id'), 'field.duplicate', { id: field.id, stage: stage.id }));
      fieldIds.add(field.id);
      const choice = field.type === 'select' || field.type === 'multiselect';
      if (choice && (field.options?.length ?? 0) === 0) issues.push(issue(joinPath(fieldAt, 'options'), 'field.options_required', { type: field.type }));
      if (!choice && field.options !== undefined) issues.push(issue(joinPath(fieldAt, 'options'), 'field.options_unused'));
      if (field.minLength !== undefined && field.maxLength !== undefined && field.minLength > field.maxLength) {
        issues.push(issue(joinPath(fieldAt, 'maxLength'), 'range.below_min', { field: 'minLength', min: field.minLength }));
      }
      if ((field.minLength !== undefined || field.maxLength !== undefined) && field.type !== 'text') {
        issues.push(issue(fieldAt, 'field.length_text_only'));
      }
      if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
        issues.push(issue(joinPath(fieldAt, 'max'), 'range.below_min', { field: 'min', min: field.min }));
      }
    });
  });
  doc.reopenTo.forEach((id, index) => {
    if (!stageIds.has(id)) issues.push(issue(joinPath('reopenTo', index), 'reference.unknown', { kind: 'stage', id }));
  });
  doc.escalation.forEach((step, index) => {
    const previous = doc.escalation[index - 1];
    if (previous && step.afterHours < previous.afterHours) {
      issues.push(issue(joinPath('escalation', index, 'afterHours'), 'escalation.order', { current: step.afterHours, previous: previous.afterHours }));
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
