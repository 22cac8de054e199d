import type { ApiIssue } from '../../providers/httpClient';

const EVALUATION_LIMITS = ['evaluation_budget_exceeded', 'evaluation_memory_exceeded', 'list_numbers_exceeded'] as const;
export type EvaluationLimit = (typeof EVALUATION_LIMITS)[number];

/** The evaluation limit a failed preview ran into (it has a message of its own in the console's language), or null. */
export function evaluationLimit(issues: readonly ApiIssue[]): EvaluationLimit | null {
  for (const issue of issues) if ((EVALUATION_LIMITS as readonly (string | undefined)[]).includes(issue.code)) return issue.code as EvaluationLimit;
  return null;
}
