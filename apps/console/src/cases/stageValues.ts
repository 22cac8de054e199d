import type { ApiIssue } from '../providers/httpClient';
import type { InputValue, ScorecardDetail } from '../scorecards/types';
import type { StageDefinition, StageField } from './casesApi';

/** The form holds the stage's values under `fields.<id>`, the path the API names in a 422. */
export type StageFormValues = { fields: Record<string, unknown> };

/** Empty values for a stage's inputs: nothing is pre-filled, a required yes/no included. */
export function emptyStageValues(stage: StageDefinition): StageFormValues {
  const fields: Record<string, unknown> = {};
  for (const field of stage.fields) fields[field.id] = field.type === 'multiselect' ? [] : field.type === 'text' || field.type === 'select' || field.type === 'date' || field.type === 'corrected_facts' ? '' : null;
  return { fields };
}

const isBlank = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0) || (typeof value === 'number' && Number.isNaN(value));

/** A date input's value as the API's `2026-03-15`. */
function toDateText(value: unknown): unknown {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
  }
  return value;
}

/**
 * Corrected facts typed one per line as `input_id = value` (a list as `1;2;3`) → `{input_id: value}`.
 * A line that does not read so is kept as text, for the API to name the problem.
 */
export function parseCorrectedFacts(text: string): Record<string, number | number[]> | string {
  const result: Record<string, number | number[]> = {};
  for (const line of text.split(/\r?\n/).map((item) => item.trim()).filter((item) => item !== '')) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)\s*[=:：]\s*(.+)$/.exec(line);
    if (!match) return text;
    const parts = match[2].split(/[;；]/).map((part) => part.trim());
    const numbers = parts.map(Number);
    if (parts.some((part) => part === '') || numbers.some((n) => !Number.isFinite(n))) return text;
    result[match[1]] = parts.length === 1 && !match[2].includes(';') && !match[2].includes('；') ? numbers[0] : numbers;
  }
  return result;
}

function convert(field: StageField, value: unknown): unknown {
  if (field.type === 'corrected_facts' && typeof value === 'string') return parseCorrectedFacts(value);
  if (field.type === 'number' && typeof value === 'string') return Number(value);
  if (field.type === 'date') return toDateText(value);
  return value;
}

/**
 * The `fields` of `POST /api/cases/:id/advance`: the stage's values by id, blank ones left out so
 * that the API names each missing required field (it is the one judge of what is valid).
 */
export function stagePayload(stage: StageDefinition, values: StageFormValues): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const field of stage.fields) {
    const value = values.fields?.[field.id];
    if (isBlank(value)) continue;
    payload[field.id] = convert(field, value);
  }
  return payload;
}

/**
 * A 422's issues as react-hook-form errors on the named inputs (`fields.<id>`). "is required…" is
 * shown in the console's language (`requiredText`); the other messages are the API's own.
 */
export function stageFieldErrors(issues: readonly ApiIssue[], requiredText: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    if (!issue.path.startsWith('fields.')) continue;
    const message = issue.message.startsWith('is required') ? requiredText : issue.message;
    errors[issue.path] = errors[issue.path] ? `${errors[issue.path]}; ${message}` : message;
  }
  return errors;
}

/** The values entered at a stage in the order the stage declares its fields (the database keeps its own key order). */
export function orderedFields(values: Record<string, unknown>, fields: readonly StageField[]): Array<[string, unknown]> {
  const declared = fields.filter((field) => Object.hasOwn(values, field.id)).map((field): [string, unknown] => [field.id, values[field.id]]);
  const others = Object.entries(values).filter(([id]) => !fields.some((field) => field.id === id));
  return [...declared, ...others];
}

export type Corrected = Record<string, number | number[]>;

export interface AppealInputRow {
  indicator: string | null;
  input: string;
  original: InputValue | undefined;
  corrected: number | number[] | undefined;
}

/**
 * The rows of the side-by-side table: each contested indicator's inputs with the value recorded on the
 * appealed scorecard and the corrected one typed so far; corrected inputs no contested indicator reads come last.
 */
export function appealInputRows(scorecard: Pick<ScorecardDetail, 'result'>, indicators: readonly string[], corrected: Corrected | null): AppealInputRow[] {
  const rows: AppealInputRow[] = [];
  const seen = new Set<string>();
  for (const indicator of indicators) {
    for (const [input, original] of Object.entries(scorecard.result.indicators[indicator]?.inputs ?? {})) {
      seen.add(input);
      rows.push({ indicator, input, original, corrected: corrected?.[input] });
    }
  }
  for (const [input, value] of Object.entries(corrected ?? {})) if (!seen.has(input)) rows.push({ indicator: null, input, original: undefined, corrected: value });
  return rows;
}

