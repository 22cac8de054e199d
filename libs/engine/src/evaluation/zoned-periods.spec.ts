import { describe, expect, it } from 'vitest';
import { isTimeZone, scheduledRunDueAt, workingDaysDeadline, zonedMonthOf, zonedPeriodRange, zonedQuarterOf } from './zoned-periods';

const SHANGHAI = 'Asia/Shanghai';

describe('periods in the institution time zone', () => {
  it('puts 07:00 Beijing time on 1 April into Q2 and April, and one millisecond before midnight into Q1 and March', () => {
    const morning = new Date('2026-03-31T23:00:00Z'); // 07:00 on 1 April in Beijing
    expect(zonedQuarterOf(morning, SHANGHAI)).toBe('2026-Q2');
    expect(zonedMonthOf(morning, SHANGHAI)).toBe('2026-04');
    expect(zonedQuarterOf(morning, 'UTC')).toBe('2026-Q1');
    const lastMoment = new Date('2026-03-31T15:59:59.999Z'); // 23:59:59.999 on 31 March in Beijing
    expect(zonedQuarterOf(lastMoment, SHANGHAI)).toBe('2026-Q1');
    expect(zonedMonthOf(new Date('2026-03-31T16:00:00Z'), SHANGHAI)).toBe('2026-04');
  });

  it('gives a period as [from, to) of local midnights', () => {
    expect(zonedPeriodRange('2026-Q2', SHANGHAI)).toEqual({ from: new Date('2026-03-31T16:00:00Z'), to: new Date('2026-06-30T16:00:00Z') });
    expect(zonedPeriodRange('2026-12', SHANGHAI)).toEqual({ from: new Date('2026-11-30T16:00:00Z'), to: new Date('2026-12-31T16:00:00Z') });
    expect(zonedPeriodRange('2026-Q4', 'UTC')).toEqual({ from: new Date('2026-10-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') });
    // Berlin moves to summer time on 29 March 2026: April starts at UTC+2, March at UTC+1.
    expect(zonedPeriodRange('2026-03', 'Europe/Berlin')).toEqual({ from: new Date('2026-02-28T23:00:00Z'), to: new Date('2026-03-31T22:00:00Z') });
    expect(() => zonedPeriodRange('2026-13', SHANGHAI)).toThrow('not a period');
  });

  it('counts an appeal window in working days of the zone, ending at the start of the next day', () => {
    // Published Friday 4 December 2026, 10:00 Beijing: Mon 7 … Fri 11, Mon 14, Tue 15 are the 7 days.
    const friday = new Date('2026-12-04T02:00:00Z');
    expect(workingDaysDeadline(friday, 7, SHANGHAI)).toEqual(new Date('2026-12-15T16:00:00Z'));
    // 23:30 Beijing on Sunday 6 December is still Sunday there (15:30Z): Mon 7 is day 1.
    expect(workingDaysDeadline(new Date('2026-12-06T15:30:00Z'), 1, SHANGHAI)).toEqual(new Date('2026-12-07T16:00:00Z'));
    // 00:30 Beijing on Monday 7 December (Sunday in UTC): Tue 8 is day 1.
    expect(workingDaysDeadline(new Date('2026-12-06T16:30:00Z'), 1, SHANGHAI)).toEqual(new Date('2026-12-08T16:00:00Z'));
  });

  it('knows IANA zone names', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});

describe('scheduledRunDueAt', () => {
  it('is N days after the last day of the period at HH:MM on the institution clock', () => {
    // 2026-Q1 ends on 31 March: 3 days later at 02:00 Beijing time is 2026-04-03 02:00 +08:00.
    expect(scheduledRunDueAt('2026-Q1', { daysAfterEnd: 3, time: '02:00' }, 'Asia/Shanghai').toISOString()).toBe('2026-04-02T18:00:00.000Z');
    expect(scheduledRunDueAt('2026-Q4', { daysAfterEnd: 1, time: '23:59' }, 'Asia/Shanghai').toISOString()).toBe('2027-01-01T15:59:00.000Z');
    expect(scheduledRunDueAt('2026-02', { daysAfterEnd: 1, time: '00:00' }, 'UTC').toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('follows daylight saving in zones that have it', () => {
    // Berlin: 2026-03-29 is the switch to summer time (+02:00); 2026-03 + 1 day = 1 April 02:00 CEST.
    expect(scheduledRunDueAt('2026-03', { daysAfterEnd: 1, time: '02:00' }, 'Europe/Berlin').toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(scheduledRunDueAt('2026-01', { daysAfterEnd: 1, time: '02:00' }, 'Europe/Berlin').toISOString()).toBe('2026-02-01T01:00:00.000Z');
  });

  it('refuses a time that is not HH:MM', () => {
    expect(() => scheduledRunDueAt('2026-Q1', { daysAfterEnd: 3, time: '24:00' }, 'UTC')).toThrow(/HH:MM/);
  });
});
