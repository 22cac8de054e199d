/** How long until (or since) a due time, split for display. */
export interface Countdown {
  overdue: boolean;
  days: number;
  hours: number;
  minutes: number;
}

/** The time left until `dueAt` at `now` (ms since the epoch), or how far past it; null without a due time. */
export function countdown(dueAt: string | null, now: number): Countdown | null {
  if (!dueAt) return null;
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return null;
  const left = due - now;
  const minutesTotal = Math.floor(Math.abs(left) / 60_000);
  return { overdue: left < 0, days: Math.floor(minutesTotal / 1440), hours: Math.floor((minutesTotal % 1440) / 60), minutes: minutesTotal % 60 };
}

/** Which message key and arguments show a countdown's length: days and hours, hours and minutes, or minutes. */
export function countdownParts(value: Countdown): { key: 'days' | 'hours' | 'minutes'; args: Record<string, number> } {
  if (value.days > 0) return { key: 'days', args: { days: value.days, hours: value.hours } };
  if (value.hours > 0) return { key: 'hours', args: { hours: value.hours, minutes: value.minutes } };
  return { key: 'minutes', args: { minutes: value.minutes } };
}

/** A share (0…1) as a whole percentage, or a dash when there is nothing to measure. */
export function percent(ratio: number | null): string {
  return ratio === null ? '—' : `${Math.round(ratio * 1000) / 10}%`;
}

/** The month and quarter now and before it, newest first (`2026-11`, `2026-Q4`, `2026-10`, `2026-Q3`), for period pickers. */
export function recentPeriods(now: Date): string[] {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const monthId = (y: number, m: number) => `${y}-${String(m + 1).padStart(2, '0')}`;
  const quarterId = (y: number, m: number) => `${y}-Q${Math.floor(m / 3) + 1}`;
  const previousMonth = month === 0 ? { y: year - 1, m: 11 } : { y: year, m: month - 1 };
  const previousQuarterStart = month < 3 ? { y: year - 1, m: 9 } : { y: year, m: Math.floor(month / 3) * 3 - 3 };
  return [monthId(year, month), quarterId(year, month), monthId(previousMonth.y, previousMonth.m), quarterId(previousQuarterStart.y, previousQuarterStart.m)];
}
