import { HttpError } from 'react-admin';
import { API_URL, httpClient, isApiErrorBody } from '../providers/httpClient';
import type { Assignment, ExperimentRecord, Outcomes, ShadowReport } from './types';

async function call<T>(path: string, method: 'GET' | 'POST' = 'GET'): Promise<T> {
  const { json } = await httpClient(`${API_URL}/experiments${path}`, { method, ...(method === 'POST' ? { body: '{}', headers: new Headers({ Accept: 'application/json', 'Content-Type': 'application/json' }) } : {}) });
  return json as T;
}

/** The experiment actions and reports that are not react-admin CRUD. */
export const experimentsApi = {
  report: (id: string, period: string) => call<ShadowReport>(`/${id}/report?${new URLSearchParams({ period }).toString()}`),
  assignment: (id: string) => call<Assignment>(`/${id}/assignment`),
  outcomes: (id: string, period: string, indicator: string) => call<Outcomes>(`/${id}/outcomes?${new URLSearchParams({ period, indicator }).toString()}`),
  start: (id: string) => call<ExperimentRecord>(`/${id}/start`, 'POST'),
  stop: (id: string) => call<ExperimentRecord>(`/${id}/stop`, 'POST'),
  promote: (id: string) => call<ExperimentRecord>(`/${id}/promote`, 'POST'),
};

/** The API's message with the detail of each issue, e.g. "2026-Q2 is already bound…: period: already bound (binding …)". */
export function apiErrorText(error: unknown): string {
  if (error instanceof HttpError && isApiErrorBody(error.body)) {
    const details = (error.body.details ?? []).map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
    return details.length ? `${error.body.message} (${details.join('; ')})` : error.body.message;
  }
  return error instanceof Error ? error.message : String(error);
}
