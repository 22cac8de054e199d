import { PERIOD_PATTERN } from '../common/choices';

/** Chronological order: a year's quarter comes just before its first month (2026-Q1, 2026-01, 2026-02, …). */
export function periodSortKey(period: string): string {
  const [year, part] = period.split('-');
  if (part.startsWith('Q')) {
    const firstMonth = (Number(part.slice(1)) - 1) * 3 + 1;
    return `${year}-${String(firstMonth).padStart(2, '0')}-0`;
  }
  return `${year}-${part}-1`;
}

export function sortPeriods(periods: Iterable<string>): string[] {
  return [...new Set(periods)].filter((period) => PERIOD_PATTERN.test(period)).sort((a, b) => periodSortKey(a).localeCompare(periodSortKey(b)));
}
