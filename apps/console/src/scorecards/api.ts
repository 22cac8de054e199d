import { API_URL, httpClient, withLanguage } from '../providers/httpClient';
import { session } from '../providers/session';
import { dispositionFileName } from './disposition';
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
  await downloadFile(`${API_URL}/scorecards/export?${query.toString()}`, `scorecards-${request.period}.${request.format}`);
}

/**
 * Downloads a PDF report: `GET /api/scorecards/:id/report.pdf` or `GET /api/teams/:id/report.pdf?period=`, its
 * labels in the console's language (the request's Accept-Language).
 */
export async function downloadReport(report: { scorecardId: string } | { teamId: string; period: string }): Promise<void> {
  if ('scorecardId' in report) await downloadFile(`${API_URL}/scorecards/${report.scorecardId}/report.pdf`, 'scorecard.pdf');
  else await downloadFile(`${API_URL}/teams/${report.teamId}/report.pdf?period=${encodeURIComponent(report.period)}`, `team-${report.period}.pdf`);
}

/**
 * Fetches a file with the bearer token (a plain link cannot send it) and hands it to the browser as an object URL.
 */
async function downloadFile(url: string, fallbackName: string): Promise<void> {
  const token = session.token();
  const response = await fetch(url, { headers: withLanguage(token ? { Authorization: `Bearer ${token}` } : {}) });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? `HTTP ${response.status}`);
  }
  const fileName = dispositionFileName(response.headers.get('content-disposition') ?? '', fallbackName);
  const objectUrl = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = objectUrl;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
}
