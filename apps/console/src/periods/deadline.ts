// The API's own rule for the appeal window (one rule in one place), imported by path like the editor's engine.
import { workingDaysDeadline } from '../../../../libs/engine/src/evaluation/zoned-periods';
import type { PeriodCounts } from './types';

/** An instant as the institution's clock shows it: "2026年12月16日 00:00" in Asia/Shanghai, whatever the browser's zone. */
export function formatInZone(iso: string | Date, timeZone: string, locale: string): string {
  const at = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(at.getTime())) return '—';
  try {
    return new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  } catch {
    // An unknown zone (the API refuses them, but an old browser may not know a new zone): the browser's own clock.
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(at);
  }
}

/** When the appeal window would end if the period were published at `now` (the API decides the real one on publishing). */
export function deadlineIfPublishedAt(now: Date, appealDays: number, timeZone: string): Date {
  return workingDaysDeadline(now, appealDays, timeZone);
}

/** The share of staff who acknowledged, 0…100 (0 without staff). */
export function acknowledgedPercent(counts: Pick<PeriodCounts, 'staff' | 'acknowledged'>): number {
  if (counts.staff <= 0) return 0;
  return Math.min(100, Math.max(0, (counts.acknowledged / counts.staff) * 100));
}
