/**
 * Differences between two versions of a rule document, in words:
 * `dimensions.satisfaction.weight: 45 → 40`, `indicator nps added`, `zones.major_complaint.when changed`.
 *
 * Works on plain data (the documents as written or as parsed). Lists of objects with an `id`
 * (indicators, dimensions and their children, a dimension's indicator references, tiers, zones,
 * hints, bands, adjustments, stages, fields…) are matched by id, so paths read with ids instead of
 * positions and a reordering is reported once. Conditions (`when`) are compared as a whole. Other
 * lists are compared as values.
 */
export type DocumentChangeKind = 'added' | 'removed' | 'changed';

export interface DocumentChange {
  /** Where, with ids for matched list items: `dimensions.execution.indicators.followup_rate.weight`. */
  path: string;
  kind: DocumentChangeKind;
  before?: unknown;
  after?: unknown;
  /** One human-readable line. */
  text: string;
}

/** Members compared as a whole and shown before/after, never field by field. */
const WHOLE_KEYS: ReadonlySet<string> = new Set(['when']);
/** What one item of a list (or keyed record) is called, when the list's own name does not say it by dropping an `s`. */
const ITEM_NOUNS: Readonly<Record<string, string>> = { children: 'dimension', inputs: 'input' };
/** Records whose members are named items (added/removed read like list items). */
const KEYED_RECORDS: ReadonlySet<string> = new Set(['inputs']);
const MAX_VALUE_TEXT = 120;

type PlainObject = Record<string, unknown>;
type KeyedItem = PlainObject & { id: string };

export function diffDocuments(before: unknown, after: unknown): DocumentChange[] {
  const changes: DocumentChange[] = [];
  diffValue(before, after, '', undefined, changes);
  return changes;
}

function diffValue(before: unknown, after: unknown, path: string, key: string | undefined, out: DocumentChange[]): void {
  if (deepEqual(before, after)) return;
  if (key !== undefined && WHOLE_KEYS.has(key)) {
    out.push(wholeChange(path, before, after));
    return;
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    diffObject(before, after, path, key, out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && isKeyedList(before) && isKeyedList(after)) {
    diffKeyedList(before, after, path, key, out);
    return;
  }
  out.push({ path, kind: 'changed', before, after, text: `${label(path)}: ${formatValue(before)} → ${formatValue(after)}` });
}

function diffObject(before: PlainObject, after: PlainObject, path: string, key: string | undefined, out: DocumentChange[]): void {
  const afterKeys = presentKeys(after);
  const beforeKeys = presentKeys(before);
  const keyedRecord = key !== undefined && KEYED_RECORDS.has(key);
  const context = keyedRecord && parentOf(path) ? `${parentOf(path)}: ` : '';
  const noun = itemNoun(key ?? '');
  for (const member of beforeKeys) {
    const childPath = joinSegment(path, member);
    if (afterKeys.includes(member)) diffValue(before[member], after[member], childPath, member, out);
    else if (keyedRecord) out.push({ path: childPath, kind: 'removed', before: before[member], text: `${context}${noun} ${member} removed` });
    else diffMember(before[member], undefined, childPath, member, out);
  }
  for (const member of afterKeys) {
    if (beforeKeys.includes(member)) continue;
    const childPath = joinSegment(path, member);
    if (keyedRecord) out.push({ path: childPath, kind: 'added', after: after[member], text: `${context}${noun} ${member} added` });
    else diffMember(undefined, after[member], childPath, member, out);
  }
}

/** A member present on one side only: a keyed list or record reads as its items; anything else as one value. */
function diffMember(before: unknown, after: unknown, path: string, key: string, out: DocumentChange[]): void {
  const present = before === undefined ? after : before;
  if (WHOLE_KEYS.has(key)) {
    out.push(wholeChange(path, before, after));
    return;
  }
  if (Array.isArray(present) && present.length > 0 && isKeyedList(present)) {
    diffKeyedList(before === undefined ? [] : present, after === undefined ? [] : present, path, key, out);
    return;
  }
  if (KEYED_RECORDS.has(key) && isPlainObject(present) && presentKeys(present).length > 0) {
    diffObject(before === undefined ? {} : present, after === undefined ? {} : present, path, key, out);
    return;
  }
  out.push(
    before === undefined
      ? { path, kind: 'added', after, text: `${label(path)} added: ${formatValue(after)}` }
      : { path, kind: 'removed', before, text: `${label(path)} removed (was ${formatValue(before)})` },
  );
}

function diffKeyedList(before: KeyedItem[], after: KeyedItem[], path: string, key: string | undefined, out: DocumentChange[]): void {
  const noun = itemNoun(key ?? '');
  const parentPath = parentOf(path);
  const context = parentPath ? `${parentPath}: ` : '';
  const beforeById = new Map(before.map((item) => [item.id, item]));
  const afterById = new Map(after.map((item) => [item.id, item]));
  for (const item of before) {
    if (!afterById.has(item.id)) out.push({ path: joinSegment(path, item.id), kind: 'removed', before: item, text: `${context}${noun} ${item.id} removed` });
  }
  for (const item of after) {
    const itemPath = joinSegment(path, item.id);
    const previous = beforeById.get(item.id);
    if (previous === undefined) out.push({ path: itemPath, kind: 'added', after: item, text: `${context}${noun} ${item.id} added` });
    else diffValue(previous, item, itemPath, undefined, out);
  }
  const beforeOrder = before.filter((item) => afterById.has(item.id)).map((item) => item.id);
  const afterOrder = after.filter((item) => beforeById.has(item.id)).map((item) => item.id);
  if (beforeOrder.some((id, index) => afterOrder[index] !== id)) {
    out.push({ path, kind: 'changed', before: beforeOrder, after: afterOrder, text: `${label(path)} reordered` });
  }
}

function wholeChange(path: string, before: unknown, after: unknown): DocumentChange {
  if (before === undefined) return { path, kind: 'added', after, text: `${label(path)} added` };
  if (after === undefined) return { path, kind: 'removed', before, text: `${label(path)} removed` };
  return { path, kind: 'changed', before, after, text: `${label(path)} changed` };
}

function isPlainObject(value: unknown): value is PlainObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** Every item an object with a distinct, non-empty string id. */
function isKeyedList(list: unknown[]): list is KeyedItem[] {
  const ids = new Set<string>();
  for (const item of list) {
    if (!isPlainObject(item) || typeof item.id !== 'string' || item.id === '' || ids.has(item.id)) return false;
    ids.add(item.id);
  }
  return true;
}

/** Keys whose value is not undefined (undefined members are absent, as in JSON). */
function presentKeys(value: PlainObject): string[] {
  return Object.keys(value).filter((key) => value[key] !== undefined);
}

function itemNoun(key: string): string {
  return ITEM_NOUNS[key] ?? (key.length > 1 && key.endsWith('s') ? key.slice(0, -1) : key || 'item');
}

function joinSegment(path: string, segment: string): string {
  const plain = segment !== '' && !/[\s.[\]"]/.test(segment);
  const written = plain ? segment : `[${JSON.stringify(segment)}]`;
  if (!path) return written;
  return plain ? `${path}.${written}` : `${path}${written}`;
}

/** The path without its last segment (`dimensions.execution.indicators` → `dimensions.execution`). */
function parentOf(path: string): string {
  const bracket = path.endsWith(']') ? path.lastIndexOf('[') : -1;
  const dot = path.lastIndexOf('.');
  const cut = Math.max(bracket, dot);
  return cut <= 0 ? '' : path.slice(0, cut);
}

function label(path: string): string {
  return path || '(document)';
}

function formatValue(value: unknown): string {
  if (value === undefined) return '(none)';
  if (typeof value === 'string') return value === '' || value.trim() !== value ? JSON.stringify(value) : value;
  if (value === null || typeof value !== 'object') return String(value);
  const text = JSON.stringify(value);
  return text.length > MAX_VALUE_TEXT ? `${text.slice(0, MAX_VALUE_TEXT - 1)}…` : text;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => deepEqual(item, b[index]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = presentKeys(a);
    const otherKeys = presentKeys(b);
    return keys.length === otherKeys.length && keys.every((key) => b[key] !== undefined && deepEqual(a[key], b[key]));
  }
  return false;
}
