import type { Stage, StageField, ValidationIssue } from '@carescore/engine';

export type FieldValues = Record<string, unknown>;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text) ?? ISO_DATE_TIME.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && !Number.isNaN(Date.parse(text));
}

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

/** The problem with one value of a field, or null when it is valid (blank values are checked by the caller). */
function fieldProblem(field: StageField, value: unknown): string | null {
  const options = field.options ?? [];
  switch (field.type) {
    case 'text': {
      if (typeof value !== 'string') return 'must be text';
      const length = value.trim().length;
      if (field.minLength !== undefined && length < field.minLength) return `must be at least ${field.minLength} characters (has ${length})`;
      if (field.maxLength !== undefined && value.length > field.maxLength) return `must be at most ${field.maxLength} characters (has ${value.length})`;
      return null;
    }
    case 'select':
      if (typeof value !== 'string') return `must be one of ${options.join(', ')}`;
      return options.includes(value) ? null : `must be one of ${options.join(', ')} (got ${JSON.stringify(value)})`;
    case 'multiselect': {
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) return `must be a list of ${options.join(', ')}`;
      const unknown = (value as string[]).filter((item) => !options.includes(item));
      if (unknown.length > 0) return `must contain only ${options.join(', ')} (got ${unknown.map((item) => JSON.stringify(item)).join(', ')})`;
      if (new Set(value).size !== value.length) return 'must not repeat an option';
      return null;
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (field.min !== undefined && value < field.min) return `must be at least ${field.min}`;
      if (field.max !== undefined && value > field.max) return `must be at most ${field.max}`;
      return null;
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? null : 'must be a date like 2026-03-15';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'corrected_facts':
      // The shape only: which inputs and values the scheme accepts is checked where the correction is applied.
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must map input ids to corrected values';
      return Object.values(value).every((item) => (typeof item === 'number' && Number.isFinite(item)) || (Array.isArray(item) && item.every((n) => typeof n === 'number' && Number.isFinite(n))))
        ? null
        : 'must map input ids to numbers or lists of numbers';
  }
}

/**
 * Checks the values sent to complete a stage against its field definitions: every required field
 * present, every value valid for its type, no field the stage does not define. Every problem is
 * reported, as `fields.<id>`. Returns the values to store: blank optional values dropped, text trimmed.
 */
export function checkStageFields(stage: Stage, values: FieldValues): { issues: ValidationIssue[]; fields: FieldValues } {
  const issues: ValidationIssue[] = [];
  const fields: FieldValues = {};
  const known = new Set(stage.fields.map((field) => field.id));
  for (const field of stage.fields) {
    const value = Object.hasOwn(values, field.id) ? values[field.id] : undefined;
    const path = `fields.${field.id}`;
    if (isBlank(value)) {
      if (field.required) issues.push({ path, message: `is required to complete stage ${stage.id}` });
      continue;
    }
    const problem = fieldProblem(field, value);
    if (problem) issues.push({ path, message: problem });
    else fields[field.id] = typeof value === 'string' && field.type === 'text' ? value.trim() : value;
  }
  for (const id of Object.keys(values)) {
    if (!known.has(id)) issues.push({ path: `fields.${id}`, message: `is not a field of stage ${stage.id}${known.size > 0 ? ` (its fields: ${[...known].join(', ')})` : ' (it has none)'}` });
  }
  return { issues, fields };
}
