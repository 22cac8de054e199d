import { API_URL, httpClient } from '../providers/httpClient';
import type { HonourRoll } from './types';

/** `GET /api/teams/:id/honour-roll?period=`: who of the team earned which award. */
export async function fetchHonourRoll(teamId: string, period: string): Promise<HonourRoll> {
  return (await httpClient(`${API_URL}/teams/${teamId}/honour-roll?period=${encodeURIComponent(period)}`)).json as HonourRoll;
}

/** The honour roll page of a team and period. */
export function honourRollPath(teamId: string, period: string): string {
  return `/honour-roll/${teamId}?period=${encodeURIComponent(period)}`;
}
