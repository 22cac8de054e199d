import { describe, expect, it } from 'vitest';
import { acknowledgementView } from './cycleView';

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
