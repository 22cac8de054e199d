import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FixtureTask } from './thread-pool.fixture';
import { ThreadBudgetExceeded, ThreadMemoryExceeded, ThreadPool, type ThreadPoolOptions, ThreadTaskError } from './thread-pool';

const entry = resolve(__dirname, 'thread-pool.fixture.ts');
let pool: ThreadPool | undefined;

function start(options: Partial<ThreadPoolOptions> = {}): ThreadPool {
  pool = new ThreadPool({ entry, size: 1, budgetMs: 5000, memoryMb: 64, ...options });
  return pool;
}
const run = <T>(p: ThreadPool, task: FixtureTask) => p.run<T>(task);

afterEach(async () => {
  await pool?.destroy();
  pool = undefined;
});

describe('ThreadPool', () => {
  it('runs tasks in a thread and returns their results', async () => {
    const p = start();
    expect(await run(p, { kind: 'echo', value: { a: [1, 2.5, null], b: 'x' } })).toEqual({ a: [1, 2.5, null], b: 'x' });
    expect(await run<number>(p, { kind: 'pid' })).toBeGreaterThan(0);
  }, 30_000);

  it("propagates a task's error with its name and message, and the thread goes on", async () => {
    const p = start();
    const threadBefore = await run<number>(p, { kind: 'pid' });
    const error = await run(p, { kind: 'throw', message: 'median of nothing' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThreadTaskError);
    expect(error).toMatchObject({ remoteName: 'RangeError', message: 'median of nothing' });
    expect(await run<number>(p, { kind: 'pid' })).toBe(threadBefore);
    expect(p.started).toBe(1);
  }, 30_000);

  it('terminates a task past its budget, replaces the thread, and the next task runs', async () => {
    const p = start({ budgetMs: 300 });
    const threadBefore = await run<number>(p, { kind: 'pid' });
    const began = performance.now();
    const error = await run(p, { kind: 'spin' }).catch((e: unknown) => e);
    const took = performance.now() - began;
    expect(error).toBeInstanceOf(ThreadBudgetExceeded);
    expect((error as Error).message).toBe('the task ran longer than its budget of 300 ms and was stopped');
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(5000);
    const threadAfter = await run<number>(p, { kind: 'pid' });
    expect(threadAfter).not.toBe(threadBefore);
    expect(p.started).toBe(2);
    expect(p.threads).toBe(1);
  }, 30_000);

  it('does not count the wait for a free thread against the budget', async () => {
    const p = start({ budgetMs: 1500 });
    await run(p, { kind: 'pid' });
    // Two tasks of 900 ms on one thread: the second waits 900 ms, then runs 900 ms, within its budget.
    const results = await Promise.all([run<number>(p, { kind: 'spin', ms: 900 }), run<number>(p, { kind: 'spin', ms: 900 })]);
    expect(results.every((n) => n > 0)).toBe(true);
    expect(p.started).toBe(1);
  }, 30_000);

  it('stops a thread that exceeds its memory limit, replaces it, and the next task runs', async () => {
    const p = start({ memoryMb: 32, budgetMs: 20_000 });
    const threadBefore = await run<number>(p, { kind: 'pid' });
    const error = await run(p, { kind: 'allocate' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThreadMemoryExceeded);
    expect((error as Error).message).toBe('the task needed more than its memory limit of 32 MB and was stopped');
    expect(await run<number>(p, { kind: 'pid' })).not.toBe(threadBefore);
    expect(p.started).toBe(2);
  }, 60_000);

  it('keeps serving other tasks on its other threads while one is stuck', async () => {
    const p = start({ size: 2, budgetMs: 4000 });
    const stuck = run(p, { kind: 'spin' }).catch((e: unknown) => e);
    const began = performance.now();
    expect(await run(p, { kind: 'echo', value: 7 })).toBe(7);
    expect(performance.now() - began).toBeLessThan(4000);
    expect(await stuck).toBeInstanceOf(ThreadBudgetExceeded);
  }, 60_000);

  it('refuses work once destroyed, and fails the tasks it held', async () => {
    const p = start();
    const held = run(p, { kind: 'spin' }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await p.destroy();
    expect(((await held) as Error).message).toBe('the evaluation threads are shut down');
    await expect(run(p, { kind: 'pid' })).rejects.toThrow('the evaluation threads are shut down');
  }, 30_000);
});
