import { API_URL, httpClient } from '../providers/httpClient';
import type { PeriodDetail, ScorecardCycle } from './types';

const post = async <T>(path: string, body: unknown = {}): Promise<T> =>
  (await httpClient(`${API_URL}${path}`, { method: 'POST', body: JSON.stringify(body), headers: new Headers({ Accept: 'application/json', 'Content-Type': 'application/json' }) })).json as T;

const periodPath = (period: string) => `/periods/${encodeURIComponent(period)}`;

/** The period's state changes (admins), the staff member's acknowledgement and appeal (or their manager's on their behalf). */
export const periodsApi = {
  publish: (period: string) => post<PeriodDetail>(`${periodPath(period)}/publish`),
  close: (period: string) => post<PeriodDetail>(`${periodPath(period)}/close`),
  reopen: (period: string, reason: string) => post<PeriodDetail>(`${periodPath(period)}/reopen`, { reason }),
  acknowledge: (scorecardId: string) => post<{ acknowledgedAt: string }>(`/scorecards/${scorecardId}/acknowledge`),
  appeal: (body: { scorecardId: string; indicators: string[]; reason: string }) => post<{ id: string; caseId: string }>('/appeals', body),
  cycle: async (scorecardId: string) => (await httpClient(`${API_URL}/scorecards/${scorecardId}/cycle`)).json as ScorecardCycle,
};
