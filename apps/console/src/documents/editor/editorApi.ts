import { HttpError } from 'react-admin';
import type { DocumentDetail } from '../../providers/dataProvider';
import { API_URL, type ApiIssue, httpClient, isApiErrorBody } from '../../providers/httpClient';

const jsonRequest = (method: string, body: unknown): RequestInit => ({
  method,
  body: JSON.stringify(body),
  headers: new Headers({ Accept: 'application/json', 'Content-Type': 'application/json' }),
});

/** Stores the draft (or starts draft v(n+1) when the latest version is published): `PUT /api/documents/:id`. */
export async function saveDraft(id: string, content: Record<string, unknown>, revision: number): Promise<DocumentDetail> {
  const { json } = await httpClient(`${API_URL}/documents/${id}`, jsonRequest('PUT', { content, revision }));
  return json as DocumentDetail;
}

export interface PreviewScorecard {
  staffId: string;
  composite: number | null;
  band: string | null;
  zone?: string | null;
  dimensions: Record<string, { score: number | null; weight?: number }>;
  errors: Array<{ path?: string; message: string }>;
}

export interface PreviewResult {
  scheme: { key: string; version: number; status: string };
  scorecards: PreviewScorecard[];
  staff?: Array<{ staffId: string; name: string; teamId: string | null }>;
}

/** Scores a stored version on the stored facts of `period` for up to `sample` real staff; stores nothing. */
export async function previewVersion(id: string, version: number | 'draft', period: string, sample: number): Promise<PreviewResult> {
  const { json } = await httpClient(`${API_URL}/documents/${id}/preview`, jsonRequest('POST', { version, period, sample }));
  return json as PreviewResult;
}

/** The API's message and `{path, message}` details of a failed request, or the error's text. */
export function apiProblem(error: unknown): { message: string; issues: ApiIssue[]; status: number | null } {
  if (error instanceof HttpError && isApiErrorBody(error.body)) return { message: error.body.message, issues: error.body.details ?? [], status: error.status };
  if (error instanceof HttpError) return { message: error.message, issues: [], status: error.status };
  return { message: error instanceof Error ? error.message : String(error), issues: [], status: null };
}
