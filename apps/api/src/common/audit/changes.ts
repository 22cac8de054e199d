/** The fields whose values differ between two snapshots, as `{before, after}` for an audit entry. */
export function changedFields<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const was: Partial<T> = {};
  const now: Partial<T> = {};
  for (const key of Object.keys(after) as Array<keyof T>) {
    if (!sameValue(before[key], after[key])) {
      was[key] = before[key];
      now[key] = after[key];
    }
  }
  return { before: was, after: now };
}

export function hasChanges(changes: { after: object }): boolean {
  return Object.keys(changes.after).length > 0;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b || (a === null && b === undefined) || (a === undefined && b === null);
}
