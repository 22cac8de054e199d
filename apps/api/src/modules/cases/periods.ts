import { zonedMonthOf, zonedPeriodRange } from '@carescore/engine';

const QUARTER = /^(\d{4})-Q([1-4])$/;

/**
 * Periods as time ranges in the institution's time zone: in Asia/Shanghai a month 2026-03 is
 * [2026-03-01 00:00, 2026-04-01 00:00) Beijing time, a quarter 2026-Q1 [2026-01-01, 2026-04-01).
 * Feedback and case facts are counted into the period their time falls in.
 */
export const periodRange = (period: string, timeZone: string): { from: Date; to: Date } => zonedPeriodRange(period, timeZone);

/** The month a moment falls in, by the institution's calendar: 2026-03. */
export const monthOf = (at: Date, timeZone: string): string => zonedMonthOf(at, timeZone);

/** A period and the periods inside it: 2026-Q1 → 2026-Q1, 2026-01, 2026-02, 2026-03; a month → itself. */
export function periodsWithin(period: string): string[] {
  const quarter = QUARTER.exec(period);
  if (!quarter) return [period];
  const [year, q] = [quarter[1], Number(quarter[2])];
  return [period, ...[1, 2, 3].map((i) => `${year}-${String((q - 1) * 3 + i).padStart(2, '0')}`)];
}

export const HOUR_MS = 3_600_000;
export const addHours = (at: Date, hours: number) => new Date(at.getTime() + hours * HOUR_MS);
export const hoursBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / HOUR_MS;
