import type { PeriodKind } from '../schema/scheme.schema';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

export function periodKindOf(period: string): PeriodKind | null {
  if (MONTH.test(period)) return 'month';
  if (QUARTER.test(period)) return 'quarter';
  return null;
}

/** The period just before `period` (2026-Q1 → 2025-Q4, 2026-01 → 2025-12). */
export function previousPeriod(period: string): string {
  const month = MONTH.exec(period);
  if (month) {
    const year = Number(month[1]);
    const m = Number(month[2]);
    return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
  }
  const quarter = QUARTER.exec(period);
  if (quarter) {
    const year = Number(quarter[1]);
    const q = Number(quarter[2]);
    return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
  }
  throw new Error(`not a period: ${period}`);
}

/** Checks a period id against the scheme's period kind; returns a message or null. */
export function checkPeriod(period: string, kind: PeriodKind): string | null {
  const actual = periodKindOf(period);
  if (actual === null) return `period ${period} is neither a month (2026-03) nor a quarter (2026-Q1)`;
  if (actual !== kind) return `period ${period} is a ${actual}, but the scheme is evaluated per ${kind}`;
  return null;
}
