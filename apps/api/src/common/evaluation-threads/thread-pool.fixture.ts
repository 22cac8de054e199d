import { threadId } from 'node:worker_threads';

/** Tasks for thread-pool.spec.ts, run in the pool's threads. */
export type FixtureTask = { kind: 'echo'; value: unknown } | { kind: 'spin'; ms?: number } | { kind: 'allocate' } | { kind: 'throw'; message: string } | { kind: 'pid' };

const retained: number[][] = [];

export function handle(task: FixtureTask): unknown {
  switch (task.kind) {
    case 'echo':
      return task.value;
    case 'spin': {
      // Busy, not waiting: only terminating the thread can stop it early.
      const until = task.ms === undefined ? Infinity : Date.now() + task.ms;
      let n = 0;
      while (Date.now() < until) n += 1;
      return n;
    }
    case 'allocate':
      for (;;) retained.push(Array.from({ length: 100_000 }, (_, i) => i * 1.5));
    case 'throw':
      throw new RangeError(task.message);
    case 'pid':
      return threadId;
  }
}
