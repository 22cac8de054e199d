import { fetchUtils, HttpError } from 'react-admin';
import { session } from './session';

export const API_URL = '/api';

export interface ApiIssue {
  path: string;
  message: string;
  /** A stable name of the rule broken (`evaluation_budget_exceeded`, …), when the API gives one. */
  code?: string;
}

/** Every API error: `{statusCode, error, message, details: [{path, message}]}`. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: ApiIssue[];
}

export function isApiErrorBody(body: unknown): body is ApiErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as ApiErrorBody).message === 'string' && typeof (body as ApiErrorBody).statusCode === 'number';
}

/** `indicators[2].scoring.target` → `indicators.2.scoring.target`, the form field's name. */
export function fieldName(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}

/**
 * react-admin shows server-side validation errors on the form fields when the rejected
 * HttpError's body has `errors: {field: message}`; `root.serverError` becomes the notification.
 */
export function toSubmissionErrors(body: ApiErrorBody): Record<string, unknown> {
  const errors: Record<string, unknown> = { root: { serverError: body.message } };
  for (const issue of body.details ?? []) {
    const name = fieldName(issue.path);
    if (!name) continue;
    errors[name] = typeof errors[name] === 'string' ? `${errors[name] as string}; ${issue.message}` : issue.message;
  }
  return errors;
}

function withSubmissionErrors(error: unknown): unknown {
  if (!(error instanceof HttpError) || !isApiErrorBody(error.body)) return error;
  const body = error.body;
  if (!body.details || body.details.length === 0) return error;
  return new HttpError(body.message, error.status, { ...body, errors: toSubmissionErrors(body) });
}

/** fetchJson with the bearer token; API errors keep their body and gain form field errors. */
export async function httpClient(url: string, options: fetchUtils.Options = {}): Promise<{ status: number; headers: Headers; body: string; json: unknown }> {
  const token = session.token();
  try {
    return (await fetchUtils.fetchJson(url, { ...options, user: token ? { authenticated: true, token: `Bearer ${token}` } : undefined })) as {
      status: number;
      headers: Headers;
      body: string;
      json: unknown;
    };
  } catch (error) {
    throw withSubmissionErrors(error);
  }
}
