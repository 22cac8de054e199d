import { fetchUtils, HttpError } from 'react-admin';
import { i18nProvider } from '../i18n/i18nProvider';
import { session } from './session';

export const API_URL = '/api';

export interface ApiIssue {
  path: string;
  /** In the language the request asked for (Accept-Language, see `withLanguage`). */
  message: string;
  /** A stable name of the rule broken (`evaluation_budget_exceeded`, `weights.sum`, …), when the API gives one. */
  code?: string;
  /** For engine codes: the values the message names, to render it again in another language (libs/engine/src/messages). */
  params?: Record<string, string | number | boolean>;
}

/** The console's current language as an Accept-Language header value: the API answers its messages in it. */
export function acceptLanguage(): string {
  return i18nProvider.getLocale() === 'zh-CN' ? 'zh-CN,zh;q=0.9' : 'en';
}

/** Request headers with Accept-Language set to the console's language (and JSON accepted, unless said otherwise). */
export function withLanguage(headers?: HeadersInit): Headers {
  const out = new Headers(headers ?? { Accept: 'application/json' });
  out.set('Accept-Language', acceptLanguage());
  return out;
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
    const headers = withLanguage(options.headers);
    return (await fetchUtils.fetchJson(url, { ...options, headers, user: token ? { authenticated: true, token: `Bearer ${token}` } : undefined })) as {
      status: number;
      headers: Headers;
      body: string;
      json: unknown;
    };
  } catch (error) {
    throw withSubmissionErrors(error);
  }
}
