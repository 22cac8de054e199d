/**
 * Periods as time ranges, in UTC: a month 2026-03 is [2026-03-01, 2026-04-01), a quarter 2026-Q1
 * is [2026-01-01, 2026-04-01). Feedback and case facts are counted into the period their time
 * falls in.
 */
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

export function periodRange(period: string): { from: Date; to: Date } {
  const month = MONTH.exec(period);
  if (month) {
    const [year, m] = [Number(month[1]), Number(month[2])];
    return { from: new Date(Date.UTC(year, m - 1, 1)), to: new Date(Date.UTC(year, m, 1)) };
  }
  const quarter = QUARTER.exec(period);
  if (quarter) {
    const [year, q] = [Number(quarter[1]), Number(quarter[2])];
    return { from: new Date(Date.UTC(year, (q - 1) * 3, 1)), to: new Date(Date.UTC(year, q * 3, 1)) };
  }
  throw new Error(`not a period: ${period}`);
}

/** The month a moment falls in (UTC): 2026-03. */
export function monthOf(at: Date): string {
  return `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
}

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
