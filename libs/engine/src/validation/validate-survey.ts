import { type SurveyDocument, surveyDocumentSchema } from '../schema/survey.schema';
import { issue, joinPath, type ValidationIssue, type ValidationResult, zodIssuesToValidationIssues } from './issues';

export function validateSurvey(raw: unknown): ValidationResult<SurveyDocument> {
  const parsed = surveyDocumentSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: zodIssuesToValidationIssues(parsed.error) };
  const issues = checkSurveySemantics(parsed.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: parsed.data, issues: [] };
}

/** Distinct dimension ids (each is a Likert key of the answer), and at least one rated question (a feedback response needs Likert or NPS). */
export function checkSurveySemantics(doc: SurveyDocument): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const ids = new Set<string>();
  doc.dimensions.forEach((dimension, index) => {
    if (ids.has(dimension.id)) issues.push(issue(joinPath('dimensions', index, 'id'), 'id.duplicate', { kind: 'dimension', id: dimension.id }));
    ids.add(dimension.id);
  });
  if (doc.dimensions.length === 0 && !doc.nps) issues.push(issue('dimensions', 'survey.no_questions'));
  return issues;
}
