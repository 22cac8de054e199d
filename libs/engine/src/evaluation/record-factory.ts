import { IDENTIFIER_PATTERN } from '../schema/common';

/** Builds `{[keys[0]]: values[0], [keys[1]]: values[1], …}`, keys in the given order. */
export type RecordFactory<T> = (values: readonly T[]) => Record<string, T>;

/**
 * A factory for records with a fixed list of keys, such as a scorecard's `indicators` or the `inputs` one indicator
 * read. For keys that are identifiers it is one object literal, generated once: V8 then creates each record in a
 * single allocation with its final shape, instead of adding the keys one by one through its runtime, and since the
 * records of a scorecard outlive the evaluation, it allocates them straight into the old generation. The keys are
 * checked against the identifier pattern and quoted, so the generated code holds nothing but property names.
 * Other keys, or a runtime that forbids code generation, get a plain loop with the same result.
 */
export function recordFactory<T>(keys: readonly string[]): RecordFactory<T> {
  if (keys.every((key) => IDENTIFIER_PATTERN.test(key))) {
    const entries = keys.map((key, index) => `${JSON.stringify(key)}: values[${index}]`);
    try {
      return new Function('values', `return { ${entries.join(', ')} };`) as RecordFactory<T>;
    } catch {
      // Code generation from strings is disabled (node --disallow-code-generation-from-strings).
    }
  }
  return (values) => {
    const record: Record<string, T> = {};
    keys.forEach((key, index) => {
      record[key] = values[index];
    });
    return record;
  };
}
