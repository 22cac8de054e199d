import { describe, expect, it } from 'vitest';
import { countdown, countdownParts, percent, recentPeriods } from './sla';

const NOW = Date.parse('2026-03-10T08:00:00Z');

describe('countdown', () => {
  it('splits the time left into days, hours and minutes', () => {
    expect(countdown('2026-03-11T10:30:00Z', NOW)).toEqual({ overdue: false, days: 1, hours: 2, minutes: 30 });
  });

  it('counts how far past the due time an overdue stage is', () => {
    expect(countdown('2026-03-10T05:59:00Z', NOW)).toEqual({ overdue: true, days: 0, hours: 2, minutes: 1 });
  });

  it('has nothing to show without a due time', () => {
    expect(countdown(null, NOW)).toBeNull();
    expect(countdown('not a date', NOW)).toBeNull();
  });

  it('shows the two largest units', () => {
    expect(countdownParts({ overdue: false, days: 2, hours: 3, minutes: 4 })).toEqual({ key: 'days', args: { days: 2, hours: 3 } });
    expect(countdownParts({ overdue: false, days: 0, hours: 3, minutes: 4 })).toEqual({ key: 'hours', args: { hours: 3, minutes: 4 } });
    expect(countdownParts({ overdue: true, days: 0, hours: 0, minutes: 0 })).toEqual({ key: 'minutes', args: { minutes: 0 } });
  });
});

describe('percent', () => {
  it('rounds to a tenth of a percent and shows a dash for nothing measured', () => {
    expect(percent(2 / 3)).toBe('66.7%');
    expect(percent(1)).toBe('100%');
    expect(percent(null)).toBe('—');
  });
});

describe('recentPeriods', () => {
  it('lists this month and quarter, then the previous ones', () => {
    expect(recentPeriods(new Date('2026-11-25T00:00:00Z'))).toEqual(['2026-11', '2026-Q4', '2026-10', '2026-Q3']);
  });

  it('crosses the year boundary', () => {
    expect(recentPeriods(new Date('2027-01-05T00:00:00Z'))).toEqual(['2027-01', '2027-Q1', '2026-12', '2026-Q4']);
  });
});
