import type { z } from 'zod';

/** One problem found in a document or in facts, located by a path such as `indicators[2].scoring.target`. */
export interface ValidationIssue {
  path: string;
  message: string;
  /** A stable name of the rule broken, for clients that branch on it (e.g. `nul_character`); absent for most issues. */
  code?: string;
}

export type ValidationResult<T> = { ok: true; value: T; issues: [] } | { ok: false; issues: ValidationIssue[] };

export function formatPath(segments: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

export function joinPath(base: string, ...segments: PropertyKey[]): string {
  const rest = formatPath(segments);
  if (!base) return rest;
  if (!rest) return base;
  return rest.startsWith('[') ? base + rest : `${base}.${rest}`;
}

export function zodIssuesToValidationIssues(error: z.ZodError, prefix = ''): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: joinPath(prefix, ...issue.path),
    message: issue.message,
  }));
}

/** Thrown by compile functions given a document that does not validate. Carries every issue. */
export class DocumentInvalidError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(`document is invalid: ${issues.map((i) => `${i.path || '(document)'}: ${i.message}`).join('; ')}`);
    this.name = 'DocumentInvalidError';
  }
}
