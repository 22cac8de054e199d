import type { ApiIssue } from '../providers/httpClient';

/** The Likert dimensions the console's form asks about; imports may carry any others. */
export const LIKERT_DIMENSIONS = ['attitude', 'expertise', 'timeliness', 'communication'] as const;

export interface FeedbackFormValues {
  responseId?: string;
  staffCode?: string;
  customerRef?: string;
  channel?: string;
  likert?: Partial<Record<string, number | string | null>>;
  nps?: number | string | null;
  comment?: string;
  respondedAt?: string | Date | null;
}

const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** The body of `POST /api/feedback` for one response: trimmed text, numbers as numbers, nothing blank. */
export function feedbackPayload(values: FeedbackFormValues): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const key of ['responseId', 'staffCode', 'customerRef', 'channel', 'comment'] as const) {
    const value = values[key];
    if (!blank(value)) payload[key] = String(value).trim();
  }
  const likert: Record<string, number> = {};
  for (const [dimension, value] of Object.entries(values.likert ?? {})) {
    if (!blank(value)) likert[dimension] = Number(value);
  }
  if (Object.keys(likert).length > 0) payload.likert = likert;
  if (!blank(values.nps)) payload.nps = Number(values.nps);
  if (!blank(values.respondedAt)) {
    const at = values.respondedAt instanceof Date ? values.respondedAt : new Date(String(values.respondedAt));
    if (!Number.isNaN(at.getTime())) payload.respondedAt = at.toISOString();
  }
  return payload;
}

/** A 422 on one response names `[0].<field>`: the form's own field names. */
export function feedbackFieldErrors(issues: readonly ApiIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const name = issue.path.replace(/^\[0\]\.?/, '');
    if (!name) continue;
    errors[name] = errors[name] ? `${errors[name]}; ${issue.message}` : issue.message;
  }
  return errors;
}
