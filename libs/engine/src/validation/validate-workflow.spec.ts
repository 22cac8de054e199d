import { describe, expect, it } from 'vitest';
import type { WorkflowDocumentInput } from '../schema/workflow.schema';
import { validateWorkflow } from './validate-workflow';

function workflow(): WorkflowDocumentInput {
  return {
    kind: 'workflow',
    key: 'negative-feedback',
    name: { zh: '差评闭环', en: 'Negative feedback loop' },
    trigger: { when: { any: [{ fact: 'likert', operator: 'lessThanInclusive', value: 2 }, { fact: 'nps', operator: 'lessThanInclusive', value: 6 }] } },
    stages: [
      {
        id: 'root_cause',
        role: 'quality_officer',
        slaHours: 24,
        fields: [
          { id: 'category', type: 'select', options: ['attitude', 'expertise', 'timeliness', 'other'], required: true },
          { id: 'analysis', type: 'text', required: true, minLength: 20 },
        ],
      },
      { id: 'plan', slaHours: 48, fields: [{ id: 'actions', type: 'text', required: true }] },
    ],
    reopenTo: ['root_cause'],
    escalation: [{ afterHours: 0, notify: 'manager' }, { afterHours: 24, notify: 'director' }],
  };
}

function issuesOf(mutate: (doc: WorkflowDocumentInput) => void) {
  const doc = workflow();
  mutate(doc);
  const result = validateWorkflow(doc);
  return result.ok ? [] : result.issues;
}

describe('validateWorkflow', () => {
  it('accepts a valid workflow and fills defaults', () => {
    const result = validateWorkflow(workflow());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.stages[1].role).toBe('quality_officer');
  });
  it('reports stage, field, reopen, escalation and trigger problems', () => {
    const issues = issuesOf((doc) => {
      doc.stages[1].id = 'root_cause';
      doc.stages[0].fields = [{ id: 'category', type: 'select' }, { id: 'category', type: 'number', minLength: 3 }];
      doc.reopenTo = ['review'];
      doc.escalation = [{ afterHours: 24, notify: 'director' }, { afterHours: 0, notify: 'manager' }];
      doc.trigger = { when: { all: [{ fact: 'stars', operator: 'lessThan', value: 2 }] } };
    });
    expect(issues.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: 'stages[0].fields[0].options', message: 'a select field needs options' },
      { path: 'stages[0].fields[1].id', message: 'duplicate field id category in stage root_cause' },
      { path: 'stages[0].fields[1]', message: 'minLength and maxLength only apply to text fields' },
      { path: 'stages[1].id', message: 'duplicate stage id root_cause' },
      { path: 'reopenTo[0]', message: 'unknown stage review' },
      { path: 'escalation[1].afterHours', message: 'escalation steps must be ordered by afterHours (0 after 24)' },
      { path: 'trigger.when.all[0].fact', message: expect.stringMatching(/^unknown fact stars/) as unknown as string },
    ]);
  });
  it('rejects an unknown role and a non-positive SLA', () => {
    const issues = issuesOf((doc) => {
      Object.assign(doc.stages[0], { role: 'director', slaHours: 0 });
    });
    expect(issues.map((issue) => issue.path).sort()).toEqual(['stages[0].role', 'stages[0].slaHours']);
  });
});
