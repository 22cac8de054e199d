import type { Stage, StageField, ValidationIssue } from '@carescore/engine';
import { msg } from '../../common/i18n/messages';

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
      if (typeof value !== 'string') return msg('cases.field.text');
      const length = value.trim().length;
      if (field.minLength !== undefined && length < field.minLength) return msg('cases.field.min_length', { min: field.minLength, length });
      if (field.maxLength !== undefined && value.length > field.maxLength) return msg('cases.field.max_length', { max: field.maxLength, length: value.length });
      return null;
    }
    case 'select':
      if (typeof value !== 'string') return msg('one_of', { values: options.join(', ') });
      return options.includes(value) ? null : msg('cases.field.one_of_got', { values: options.join(', '), got: JSON.stringify(value) });
    case 'multiselect': {
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) return msg('cases.field.list_of', { values: options.join(', ') });
      const unknown = (value as string[]).filter((item) => !options.includes(item));
      if (unknown.length > 0) return msg('cases.field.only', { values: options.join(', '), got: unknown.map((item) => JSON.stringify(item)).join(', ') });
      if (new Set(value).size !== value.length) return msg('cases.field.repeat');
      return null;
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return msg('cases.field.number');
      if (field.min !== undefined && value < field.min) return msg('cases.field.min', { min: field.min });
      if (field.max !== undefined && value > field.max) return msg('cases.field.max', { max: field.max });
      return null;
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? null : msg('cases.field.date');
    case 'boolean':
      return typeof value === 'boolean' ? null : msg('cases.field.boolean');
    case 'corrected_facts':
      // The shape only: which inputs and values the scheme accepts is checked where the correction is applied.
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return msg('cases.field.corrected_shape');
      return Object.values(value).every((item) => (typeof item === 'number' && Number.isFinite(item)) || (Array.isArray(item) && item.every((n) => typeof n === 'number' && Number.isFinite(n))))
        ? null
        : msg('cases.field.corrected_numbers');
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
      if (field.required) issues.push({ path, message: msg('cases.field.required', { stage: stage.id }) });
      continue;
    }
    const problem = fieldProblem(field, value);
    if (problem) issues.push({ path, message: problem });
    else fields[field.id] = typeof value === 'string' && field.type === 'text' ? value.trim() : value;
  }
  for (const id of Object.keys(values)) {
    if (!known.has(id)) issues.push({ path: `fields.${id}`, message: known.size > 0 ? msg('cases.field.unknown', { stage: stage.id, fields: [...known].join(', ') }) : msg('cases.field.unknown_none', { stage: stage.id }) });
  }
  return { issues, fields };
}
