import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * A few worker threads that run tasks of one module (`entry`, a TypeScript file exporting
 * `handle(task)`), each task under a wall-clock budget and each thread under a heap limit.
 *
 * A thread past its budget is terminated (V8 stops even a tight loop) and replaced; so is a thread
 * that runs out of heap. The budget is wall-clock time from the moment a ready thread takes the task:
 * a busy thread's CPU time cannot be read from outside while it runs (Node 20 has no
 * `worker.cpuUsage()`), and wall time is never less than CPU time, so the bound is conservative.
 * Queued tasks wait for a free thread without spending their budget.
 *
 * node:worker_threads directly rather than piscina: what is needed is a budget per task that
 * terminates and replaces the thread, a heap limit, and TypeScript loaded in the thread; piscina's
 * abort signal would give the first, but the loader bootstrap and the error mapping would remain,
 * and a dependency is not worth ~150 lines.
 */
export interface ThreadPoolOptions {
  /** Absolute path of the module whose `handle(task)` runs in the threads. */
  entry: string;
  /** Threads at most; they start on first use. */
  size: number;
  budgetMs: number;
  /** Heap (old generation) per thread. */
  memoryMb: number;
}

/** A task ran past the pool's budget; its thread was terminated. */
export class ThreadBudgetExceeded extends Error {
  override name = 'ThreadBudgetExceeded';
  constructor(readonly budgetMs: number) {
    super(`the task ran longer than its budget of ${budgetMs} ms and was stopped`);
  }
}

/** A task's thread ran out of heap. */
export class ThreadMemoryExceeded extends Error {
  override name = 'ThreadMemoryExceeded';
  constructor(readonly memoryMb: number) {
    super(`the task needed more than its memory limit of ${memoryMb} MB and was stopped`);
  }
}

/** An error the task threw in its thread (its name and message), or a thread that died. */
export class ThreadTaskError extends Error {
  constructor(
    readonly remoteName: string,
    message: string,
  ) {
    super(message);
    this.name = 'ThreadTaskError';
  }
}

interface Pending {
  task: unknown;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Pending;
  timer?: NodeJS.Timeout;
}

type Reply = { ready: true } | { ok: true; value: unknown } | { ok: false; name: string; message: string };

/**
 * Loads tsx in the thread for a TypeScript entry (vitest's and tsx's own loaders do not reach worker threads started
 * from a string), then the entry; the compiled build's entry is JavaScript and needs no tsx.
 */
const BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.tsx) require(workerData.tsx).register();
const { handle } = require(workerData.entry);
parentPort.on('message', async (task) => {
  try {
    parentPort.postMessage({ ok: true, value: await handle(task) });
  } catch (error) {
    parentPort.postMessage({ ok: false, name: (error && error.name) || 'Error', message: (error && error.message) || String(error) });
  }
});
parentPort.postMessage({ ready: true });
`;

export class ThreadPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private readonly tsx: string | null;
  private closed = false;
  /** Threads started and replaced, for tests and logs. */
  started = 0;

  constructor(private readonly options: ThreadPoolOptions) {
    this.tsx = options.entry.endsWith('.ts') ? createRequire(options.entry).resolve('tsx/cjs/api') : null;
  }

  run<T>(task: unknown): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the evaluation threads are shut down'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ task, resolve: resolve as (value: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Threads alive (starting or ready). */
  get threads(): number {
    return this.slots.length;
  }

  async destroy(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the evaluation threads are shut down'));
    const slots = this.slots.splice(0);
    for (const slot of slots) this.settle(slot, new Error('the evaluation threads are shut down'));
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.job) continue;
      const job = this.queue.shift() as Pending;
      slot.job = job;
      slot.timer = setTimeout(() => this.kill(slot, new ThreadBudgetExceeded(this.options.budgetMs)), this.options.budgetMs);
      slot.worker.postMessage(job.task);
    }
    const idle = this.slots.filter((slot) => !slot.job).length;
    if (this.queue.length > idle && this.slots.length < this.options.size) this.spawn();
  }

  private spawn(): void {
    this.started += 1;
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { entry: this.options.entry, tsx: this.tsx },
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb },
    });
    // Idle threads must not keep a process alive that is otherwise done.
    worker.unref();
    const slot: Slot = { worker, ready: false };
    this.slots.push(slot);
    worker.on('message', (reply: Reply) => this.onReply(slot, reply));
    worker.on('error', (error: Error & { code?: string }) => {
      const lost = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ThreadMemoryExceeded(this.options.memoryMb) : new ThreadTaskError(error.name, error.message);
      // A thread that cannot even start would fail every task: give the waiting ones its error.
      if (!slot.ready && !slot.job) for (const job of this.queue.splice(0)) job.reject(lost);
      this.remove(slot, lost);
    });
    worker.on('exit', (code) => this.remove(slot, new ThreadTaskError('Error', `the evaluation thread stopped unexpectedly (exit code ${code})`)));
  }

  private onReply(slot: Slot, reply: Reply): void {
    if ('ready' in reply) {
      slot.ready = true;
    } else {
      const job = slot.job;
      clearTimeout(slot.timer);
      slot.job = undefined;
      if (job) {
        if (reply.ok) job.resolve(reply.value);
        else job.reject(new ThreadTaskError(reply.name, reply.message));
      }
    }
    this.dispatch();
  }

  /** Stops a thread mid-task: its task fails with `error`, a fresh thread takes its place. */
  private kill(slot: Slot, error: Error): void {
    this.remove(slot, error);
    void slot.worker.terminate();
  }

  private remove(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    this.settle(slot, error);
    // Replace a thread that worked; one that died starting would only die again.
    if (this.closed || !slot.ready) return;
    this.spawn();
    this.dispatch();
  }

  private settle(slot: Slot, error: Error): void {
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    job?.reject(error);
  }
}
