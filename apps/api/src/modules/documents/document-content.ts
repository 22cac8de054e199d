import { createHash } from 'node:crypto';
import { canonicalJson, parseDocumentText, type RuleDocument, type ValidationIssue, type ValidationResult, validateDocument } from '@carescore/engine';
import type { VersionStatus } from './document.entity';

/** A document as stored in `document_versions.content`: as written, without `version`/`status` (those are columns). */
export type StoredContent = Record<string, unknown>;

export interface ParsedContent {
  /** What is stored: the input as posted (defaults not filled in), minus version and status. */
  content: StoredContent;
  /** The validated document (defaults filled in). */
  document: RuleDocument;
}

/** Fields that live in columns, never in stored content. */
const COLUMN_FIELDS = ['version', 'status'] as const;

/** YAML/JSON text or already-parsed data → the stored form, without validating it. */
export function readContent(input: unknown): ValidationResult<unknown> {
  if (typeof input !== 'string') return { ok: true, value: stripColumnFields(input), issues: [] };
  const parsed = parseDocumentText(input);
  return parsed.ok ? { ok: true, value: stripColumnFields(parsed.value), issues: [] } : parsed;
}

/** YAML/JSON text or parsed data → stored content plus the validated document; every problem otherwise. */
export function parseContent(input: unknown): ValidationResult<ParsedContent> {
  const read = readContent(input);
  if (!read.ok) return read;
  const validation = validateDocument(read.value);
  if (!validation.ok) return validation;
  return { ok: true, value: { content: read.value as StoredContent, document: validation.value }, issues: [] };
}

export function validateStored(content: StoredContent): { valid: boolean; issues: ValidationIssue[] } {
  const result = validateDocument(content);
  return { valid: result.ok, issues: result.issues };
}

function stripColumnFields(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const field of COLUMN_FIELDS) delete copy[field];
  return copy;
}

/** sha256 of the canonical JSON (sorted keys): equal content, equal hash, whatever the key order. */
export function contentHash(content: StoredContent): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

// PostgreSQL's jsonb does not keep key order (it sorts keys by length), so content read back
// comes out as `key, kind, name, …`. Responses put members back in the order documents are written
// in (SPEC §1), so the console shows a document the way its author wrote it. Members of records
// keyed by name (inputs, tier weights) keep the order the database returns.
const TOP_LEVEL_ORDER = [
  'kind', 'key', 'name', 'description', 'version', 'status', 'period', 'trigger', 'inputs', 'indicators', 'dimensions',
  'adjustments', 'composite', 'bands', 'tiers', 'zones', 'hints', 'stages', 'reopenTo', 'escalation',
  'title', 'intro', 'channel', 'scale', 'nps', 'comment', 'thanks',
];
const NESTED_ORDER = [
  'id', 'fact', 'path', 'operator', 'value', 'params', 'type', 'name', 'description', 'zone', 'action', 'role', 'slaHours', 'formula',
  'unit', 'direction', 'floor', 'baseline', 'target', 'excellent', 'points', 'bands', 'min', 'max', 'score', 'scoring', 'missing',
  'weight', 'indicators', 'children', 'weights', 'promotion', 'to', 'consecutivePeriods', 'when', 'text', 'fields', 'options',
  'required', 'minLength', 'maxLength', 'afterHours', 'notify', 'all', 'any', 'not', 'condition', 'priority', 'question', 'low', 'high', 'zh', 'en',
];
const NAMED_RECORDS: ReadonlySet<string> = new Set(['inputs', 'weights']);

function ordered(value: unknown, order: readonly string[] | null): unknown {
  if (Array.isArray(value)) return value.map((item) => ordered(item, NESTED_ORDER));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (order) {
    const rank = (key: string) => {
      const index = order.indexOf(key);
      return index === -1 ? order.length : index;
    };
    keys.sort((a, b) => rank(a) - rank(b));
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = ordered(record[key], NAMED_RECORDS.has(key) ? null : NESTED_ORDER);
  return out;
}

/** Stored content for a response: authoring key order, and `version`/`status` filled in when given. */
export function presentContent(content: StoredContent, stored?: { version: number; status: VersionStatus }): StoredContent {
  const withColumns = stored ? { ...content, version: stored.version, status: stored.status } : content;
  return ordered(withColumns, TOP_LEVEL_ORDER) as StoredContent;
}
