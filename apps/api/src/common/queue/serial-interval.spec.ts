import { afterEach, describe, expect, it, vi } from 'vitest';
import { SerialInterval } from './serial-interval';

describe('SerialInterval', () => {
  afterEach(() => vi.useRealTimers());

  it('skips a tick while the previous one still runs, and stop() waits for the one under way', async () => {
    vi.useFakeTimers();
    let release = () => undefined as void;
    let started = 0;
    let finished = 0;
    const interval = new SerialInterval(
      () => {
        started += 1;
        return new Promise<void>((resolve) => {
          release = () => {
            finished += 1;
            resolve();
          };
        });
      },
      () => undefined,
    );
    interval.start(100, true);
    expect(started).toBe(1);
    await vi.advanceTimersByTimeAsync(350);
    expect(started).toBe(1);
    const stopped = interval.stop();
    let done = false;
    void stopped.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(false);
    release();
    await stopped;
    expect(finished).toBe(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(started).toBe(1);
  });

  it('reports a failed tick and keeps ticking', async () => {
    vi.useFakeTimers();
    const errors: unknown[] = [];
    let ticks = 0;
    const interval = new SerialInterval(async () => {
      ticks += 1;
      throw new Error(`tick ${ticks}`);
    }, (error) => errors.push(error));
    interval.start(100);
    await vi.advanceTimersByTimeAsync(99);
    expect(ticks).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(ticks).toBe(2);
    expect(errors.map((error) => (error as Error).message)).toEqual(['tick 1', 'tick 2']);
    await interval.stop();
  });
});
