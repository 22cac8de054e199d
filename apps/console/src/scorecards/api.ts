import { API_URL, httpClient, withLanguage } from '../providers/httpClient';
import { session } from '../providers/session';
import type { TeamSummary, TrendResponse } from './types';

/** `GET /api/staff/:id/trend`: the staff member's current scorecard per period, oldest first. */
export async function fetchTrend(staffId: string): Promise<TrendResponse> {
  return (await httpClient(`${API_URL}/staff/${staffId}/trend`)).json as TrendResponse;
}

/** `GET /api/teams/:id/summary?period=`: means, distributions and ranking. */
export async function fetchTeamSummary(teamId: string, period: string): Promise<TeamSummary> {
  return (await httpClient(`${API_URL}/teams/${teamId}/summary?period=${encodeURIComponent(period)}`)).json as TeamSummary;
}

export interface ExportRequest {
  period: string;
  format: 'csv' | 'xlsx';
  teamId?: string;
  locale: 'zh' | 'en';
}

/**
 * Downloads `GET /api/scorecards/export` as a file. The route needs the bearer token, so a plain
 * link cannot fetch it: the file is fetched and handed to the browser as an object URL.
 */
export async function downloadExport(request: ExportRequest): Promise<void> {
  const query = new URLSearchParams({ period: request.period, format: request.format, locale: request.locale });
  if (request.teamId) query.set('teamId', request.teamId);
  const token = session.token();
  const response = await fetch(`${API_URL}/scorecards/export?${query.toString()}`, { headers: withLanguage(token ? { Authorization: `Bearer ${token}` } : {}) });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? `HTTP ${response.status}`);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? `scorecards-${request.period}.${request.format}`;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
