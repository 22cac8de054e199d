import { describe, expect, it } from 'vitest';
import { acknowledgedPercent, deadlineIfPublishedAt, formatInZone } from './deadline';

describe('formatInZone', () => {
  it("shows an instant on the institution's clock, not the browser's", () => {
    // 16:00 UTC is midnight of the next day in Beijing, 17:00 in Berlin (winter), 08:00 in Los Angeles.
    expect(formatInZone('2026-12-15T16:00:00.000Z', 'Asia/Shanghai', 'zh-CN')).toBe('2026年12月16日 00:00');
    expect(formatInZone('2026-12-15T16:00:00.000Z', 'Europe/Berlin', 'zh-CN')).toBe('2026年12月15日 17:00');
    expect(formatInZone('2026-12-15T16:00:00.000Z', 'Asia/Shanghai', 'en')).toBe('December 16, 2026 at 00:00');
    expect(formatInZone(new Date('2026-12-15T15:59:00.000Z'), 'America/Los_Angeles', 'en')).toBe('December 15, 2026 at 07:59');
  });

  it('falls back to the browser clock for a zone it does not know, and a dash for a bad instant', () => {
    expect(formatInZone('2026-12-15T16:00:00.000Z', 'Mars/Olympus', 'en')).toMatch(/2026/);
    expect(formatInZone('not a date', 'Asia/Shanghai', 'en')).toBe('—');
  });
});

describe('deadlineIfPublishedAt', () => {
  it("counts working days in the institution's zone, like the API: Friday evening + 5 → the Saturday after next begins", () => {
    // Friday 2026-12-11 20:00 in Beijing; five working days are Mon 14 … Fri 18; the window ends as Saturday 19 begins.
    const deadline = deadlineIfPublishedAt(new Date('2026-12-11T12:00:00.000Z'), 5, 'Asia/Shanghai');
    expect(deadline.toISOString()).toBe('2026-12-18T16:00:00.000Z');
    expect(formatInZone(deadline, 'Asia/Shanghai', 'zh-CN')).toBe('2026年12月19日 00:00');
  });
});

describe('acknowledgedPercent', () => {
  it('is the share acknowledged, 0 without staff, never above 100', () => {
    expect(acknowledgedPercent({ staff: 40, acknowledged: 12 })).toBe(30);
    expect(acknowledgedPercent({ staff: 0, acknowledged: 0 })).toBe(0);
    expect(acknowledgedPercent({ staff: 1, acknowledged: 1 })).toBe(100);
    expect(acknowledgedPercent({ staff: 2, acknowledged: 3 })).toBe(100);
  });
});
