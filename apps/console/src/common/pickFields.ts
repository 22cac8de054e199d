/**
 * An `<Edit transform>`/`<Create transform>` that sends only the writable fields the API's strict
 * schemas accept. Empty strings become null for nullable fields and are dropped otherwise
 * (react-admin sends '' for a cleared input).
 */
export function pickFields<K extends string>(fields: readonly K[], options: { nullable?: readonly K[] } = {}) {
  const nullable = new Set<string>(options.nullable ?? []);
  return (data: Record<string, unknown>): Partial<Record<K, unknown>> => {
    const picked: Partial<Record<K, unknown>> = {};
    for (const field of fields) {
      if (!(field in data)) continue;
      const value = data[field];
      if (value === '' || value === undefined || (value === null && !nullable.has(field))) {
        if (nullable.has(field) && value !== undefined) picked[field] = null;
        continue;
      }
      picked[field] = value;
    }
    return picked;
  };
}
