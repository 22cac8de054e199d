import { parseDocument as parseYaml } from 'yaml';
import type { SchemeDocument } from '../schema/scheme.schema';
import type { SurveyDocument } from '../schema/survey.schema';
import type { WorkflowDocument } from '../schema/workflow.schema';
import { issue, type ValidationResult } from './issues';
import { validateScheme } from './validate-scheme';
import { validateSurvey } from './validate-survey';
import { validateWorkflow } from './validate-workflow';

export type RuleDocument = SchemeDocument | WorkflowDocument | SurveyDocument;
export const DOCUMENT_KINDS = ['scheme', 'workflow', 'survey'] as const;

/** Reads YAML or JSON text (JSON is YAML) into plain data, reporting syntax errors with their line. */
export function parseDocumentText(text: string): ValidationResult<unknown> {
  const doc = parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((error) => {
      const line = error.linePos?.[0];
      const detail = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      return issue('', 'document.syntax', line ? { line: line.line, column: line.col, detail } : { detail });
    });
    return { ok: false, issues };
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  return { ok: true, value, issues: [] };
}

/** Validates a scheme, workflow or survey by its `kind`. */
export function validateDocument(raw: unknown): ValidationResult<RuleDocument> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, issues: [issue('', 'document.not_object')] };
  }
  const kind = (raw as Record<string, unknown>).kind;
  if (kind === 'scheme') return validateScheme(raw);
  if (kind === 'workflow') return validateWorkflow(raw);
  if (kind === 'survey') return validateSurvey(raw);
  return { ok: false, issues: [issue('kind', 'document.kind', { kinds: DOCUMENT_KINDS.join(', ') })] };
}

/** Text in, validated document out: the path the CLI and API take for uploaded files. */
export function parseAndValidateDocument(text: string): ValidationResult<RuleDocument> {
  const parsed = parseDocumentText(text);
  return parsed.ok ? validateDocument(parsed.value) : parsed;
}
