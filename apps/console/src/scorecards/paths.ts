/** The team summary page of a team and period (a route of the scorecards resource). */
export function teamSummaryPath(teamId: string, period: string): string {
  return `/scorecards/teams/${teamId}?period=${encodeURIComponent(period)}`;
}

/** The scorecards list with these filters set, as react-admin reads them from the URL. */
export function scorecardListPath(filter: Record<string, unknown>): string {
  return `/scorecards?filter=${encodeURIComponent(JSON.stringify(filter))}`;
}
