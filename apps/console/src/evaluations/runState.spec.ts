import { describe, expect, it } from 'vitest';
import { describeStartError, formatDuration, isFinished, listPollInterval, orderedCounts, pollInterval, progressValue } from './runState';

const progress = (done: number, total: number) => ({ done, total, percent: total ? Math.round((done / total) * 1000) / 10 : 0, chunks: 3, chunksDone: 1 });

describe('run state', () => {
  it('polls while queued or running and stops once finished', () => {
    expect(pollInterval(undefined)).toBe(1000);
    expect(pollInterval({ status: 'queued' })).toBe(1000);
    expect(pollInterval({ status: 'running' })).toBe(1000);
    expect(pollInterval({ status: 'succeeded' })).toBe(false);
    expect(pollInterval({ status: 'failed' })).toBe(false);
    expect(isFinished('running')).toBe(false);
  });

  it('refreshes a list of runs while one of them is under way', () => {
    expect(listPollInterval(undefined)).toBe(false);
    expect(listPollInterval([{ status: 'succeeded' }, { status: 'failed' }])).toBe(false);
    expect(listPollInterval([{ status: 'succeeded' }, { status: 'queued' }])).toBe(2000);
  });

  it('shows an indeterminate bar until the run is planned, then done/total', () => {
    expect(progressValue({ status: 'queued', progress: progress(0, 0) })).toBeNull();
    expect(progressValue({ status: 'running', progress: progress(20, 60) })).toBe(33.3);
    expect(progressValue({ status: 'succeeded', progress: progress(0, 0) })).toBe(100);
    expect(progressValue({ status: 'failed', progress: progress(0, 0) })).toBe(0);
  });

  it('formats durations', () => {
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(850.4)).toBe('850 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });

  it('orders counts: the given order first, then the rest by key', () => {
    expect(orderedCounts({ red: 2, blue: 1, yellow: 0, other: 4 }, ['red', 'yellow', 'blue'])).toEqual([
      ['red', 2],
      ['yellow', 0],
      ['blue', 1],
      ['other', 4],
    ]);
    expect(orderedCounts(undefined)).toEqual([]);
  });

  it("reads the API's refusal: status, message and details", () => {
    const error = Object.assign(new Error('a run of 2026-Q1 is already running (r1); wait for it to finish'), {
      status: 409,
      body: { statusCode: 409, error: 'Conflict', message: 'a run of 2026-Q1 is already running (r1); wait for it to finish', details: [{ path: 'period', message: 'run r1 is running' }] },
    });
    expect(describeStartError(error)).toEqual({
      status: 409,
      message: 'a run of 2026-Q1 is already running (r1); wait for it to finish',
      details: [{ path: 'period', message: 'run r1 is running' }],
    });
    expect(describeStartError(new Error('Failed to fetch'))).toEqual({ status: null, message: 'Failed to fetch', details: [] });
  });
});
