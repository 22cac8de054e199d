/** A path into the document: `['indicators', 2, 'formula']`. */
export type DocPath = ReadonlyArray<string | number>;

export interface Issue {
  path: string;
  message: string;
}

/**
 * The form field an issue names: the validator's `indicators[2].formula` (or a server's
 * `indicators.2.formula`) becomes `indicators.2.formula`, the name the editor gives that field.
 */
export function issueField(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}

/** `['indicators', 2, 'formula']` → `indicators.2.formula`. */
export function fieldOf(path: DocPath): string {
  return path.join('.');
}

/** Issues grouped by the field they name; several on one field are kept in order. */
export function issuesByField(issues: readonly Issue[]): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  for (const issue of issues) {
    const field = issueField(issue.path);
    byField.set(field, [...(byField.get(field) ?? []), issue.message]);
  }
  return byField;
}

/** Whether `field` is `prefix` itself or lies inside it (`indicators.2.formula` inside `indicators.2`). */
export function isWithin(field: string, prefix: string): boolean {
  return prefix === '' || field === prefix || field.startsWith(`${prefix}.`);
}

/** How many issues lie inside a section of the document (for a tab's badge). */
export function countWithin(byField: ReadonlyMap<string, string[]>, prefixes: readonly string[]): number {
  let count = 0;
  for (const [field, messages] of byField) if (prefixes.some((prefix) => isWithin(field, prefix))) count += messages.length;
  return count;
}

type Container = Record<string, unknown> | unknown[];

function copyOf(value: unknown, nextKey: string | number): Container {
  if (Array.isArray(value)) return [...value];
  if (value !== null && typeof value === 'object') return { ...(value as Record<string, unknown>) };
  return typeof nextKey === 'number' ? [] : {};
}

/**
 * A copy of `root` with `value` at `path` (containers on the way are copied, missing ones made).
 * `undefined` removes an object member, so optional fields left empty disappear from the document.
 */
export function setIn<T>(root: T, path: DocPath, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const copy = copyOf(root, head);
  const child = (copy as Record<string | number, unknown>)[head];
  const next = setIn(child, rest, value);
  if (next === undefined && !Array.isArray(copy)) delete (copy as Record<string, unknown>)[head as string];
  else (copy as Record<string | number, unknown>)[head] = next;
  return copy as T;
}

/** The value at `path`, or undefined. */
export function getIn(root: unknown, path: DocPath): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** A copy of the list at `path` without item `index`. */
export function removeAt<T>(root: T, path: DocPath, index: number): T {
  const list = getIn(root, path);
  return setIn(root, path, Array.isArray(list) ? list.filter((_, i) => i !== index) : list);
}

/** A copy of the list at `path` with `item` appended (the list is made when missing). */
export function append<T>(root: T, path: DocPath, item: unknown): T {
  const list = getIn(root, path);
  return setIn(root, path, [...(Array.isArray(list) ? list : []), item]);
}
