import type { z } from 'zod';
import type { EngineMessageCode, MessageParams } from '../messages/catalog';
import { renderEngineMessage } from '../messages/render';

/** One problem found in a document or in facts, located by a path such as `indicators[2].scoring.target`. */
export interface ValidationIssue {
  path: string;
  message: string;
  /**
   * A stable name of the rule broken, for clients that branch on it and render it in their language (e.g.
   * `weights.sum`, `nul_character`). Every issue the engine emits has one from its catalog (libs/engine/src/messages).
   */
  code?: string;
  /** The values the message names (`{level: 'dimensions', sum: 107}`), for rendering `code` in another language. */
  params?: MessageParams;
}

/** An issue with a catalog code: its message is the catalog's English text for the params. */
export function issue(path: string, code: EngineMessageCode, params: MessageParams = {}): ValidationIssue {
  return { path, message: renderEngineMessage(code, params, 'en'), code, params };
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

const SCHEMA_CODES: Readonly<Record<string, EngineMessageCode>> = {
  invalid_type: 'schema.invalid_type',
  too_small: 'schema.too_small',
  too_big: 'schema.too_big',
  invalid_format: 'schema.invalid_format',
  not_multiple_of: 'schema.not_multiple_of',
  unrecognized_keys: 'schema.unrecognized_keys',
  invalid_union: 'schema.invalid_union',
  invalid_key: 'schema.invalid_key',
  invalid_value: 'schema.invalid_value',
};

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The parts of a zod issue a translation needs, as plain params; `detail` is zod's (or the schema's) English. */
function schemaParams(zodIssue: z.core.$ZodIssue): Record<string, string | number | boolean> {
  const params: Record<string, string | number | boolean> = { detail: zodIssue.message };
  const raw = zodIssue as unknown as Record<string, unknown>;
  for (const key of ['expected', 'origin', 'format', 'pattern', 'inclusive'] as const) {
    const value = raw[key];
    if (typeof value === 'string' || typeof value === 'boolean') params[key] = value;
  }
  for (const key of ['minimum', 'maximum', 'divisor'] as const) {
    const value = raw[key];
    if (typeof value === 'number' || typeof value === 'bigint') params[key] = Number(value);
  }
  if (Array.isArray(raw.keys)) params.keys = raw.keys.join(', ');
  if (Array.isArray(raw.values)) params.values = raw.values.map((value) => JSON.stringify(value)).join(', ');
  // zod drops `input` from issues unless asked to report it; its English message still names what it received.
  if (zodIssue.code === 'invalid_type') params.received = 'input' in raw ? typeName(raw.input) : (/received (\w+)/.exec(zodIssue.message)?.[1] ?? 'undefined');
  return params;
}

export function zodIssuesToValidationIssues(error: z.ZodError, prefix = ''): ValidationIssue[] {
  return error.issues.map((zodIssue) => ({
    path: joinPath(prefix, ...zodIssue.path),
    message: zodIssue.message,
    code: SCHEMA_CODES[zodIssue.code] ?? 'schema.custom',
    params: schemaParams(zodIssue),
  }));
}

/** Thrown by compile functions given a document that does not validate. Carries every issue. */
export class DocumentInvalidError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(`document is invalid: ${issues.map((i) => `${i.path || '(document)'}: ${i.message}`).join('; ')}`);
    this.name = 'DocumentInvalidError';
  }
}
