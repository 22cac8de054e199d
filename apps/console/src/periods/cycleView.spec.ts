import { describe, expect, it } from 'vitest';
import { acknowledgementView, mayAppeal } from './cycleView';

const published = { periodState: 'published' as const, acknowledgedAt: null, appealWindowOpen: true, current: true };

describe('acknowledgementView', () => {
  it('asks the staff member inside the window, on their current scorecard only', () => {
    expect(acknowledgementView(published, true)).toBe('ask');
    expect(acknowledgementView({ ...published, current: false }, true)).toBe('not_current');
    expect(acknowledgementView(published, false)).toBe('pending');
  });

  it('says 已确认 once acknowledged, whatever the state since', () => {
    const at = '2026-12-07T13:00:00.000Z';
    expect(acknowledgementView({ ...published, acknowledgedAt: at }, true)).toBe('done');
    expect(acknowledgementView({ ...published, acknowledgedAt: at, appealWindowOpen: false, periodState: 'closed' }, true)).toBe('done');
  });

  it('says nothing while open, and why not after the window or once closed', () => {
    expect(acknowledgementView({ ...published, periodState: 'open', appealWindowOpen: false }, true)).toBe('none');
    expect(acknowledgementView({ ...published, appealWindowOpen: false }, true)).toBe('ended');
    expect(acknowledgementView({ ...published, periodState: 'closed', appealWindowOpen: false }, true)).toBe('closed');
  });
});

describe('mayAppeal', () => {
  const cycle = { ...published, appeal: null };
  const appeal = { id: 'a', caseId: 'c', indicators: ['x'], reason: 'r', filedAt: '2026-12-07T13:00:00.000Z', decidedAt: null, compositeBefore: 78.4, compositeAfter: null };

  it('offers 申诉 to the staff member before acknowledging, and to their manager, inside the window on the current scorecard', () => {
    expect(mayAppeal(cycle, 'staff')).toBe(true);
    expect(mayAppeal(cycle, 'manager')).toBe(true);
    expect(mayAppeal({ ...cycle, acknowledgedAt: '2026-12-07T13:00:00.000Z' }, 'staff')).toBe(false);
    expect(mayAppeal({ ...cycle, acknowledgedAt: '2026-12-07T13:00:00.000Z' }, 'manager')).toBe(true);
    expect(mayAppeal(cycle, 'admin')).toBe(false);
    expect(mayAppeal(cycle, 'quality_officer')).toBe(false);
  });

  it('not while an appeal is under way, after the window, on a replaced scorecard or outside a published period', () => {
    expect(mayAppeal({ ...cycle, appeal: { ...appeal, status: 'open' } }, 'staff')).toBe(false);
    expect(mayAppeal({ ...cycle, appeal: { ...appeal, status: 'upheld' } }, 'staff')).toBe(true);
    expect(mayAppeal({ ...cycle, appealWindowOpen: false }, 'staff')).toBe(false);
    expect(mayAppeal({ ...cycle, current: false }, 'staff')).toBe(false);
    expect(mayAppeal({ ...cycle, periodState: 'closed' }, 'manager')).toBe(false);
  });
});
