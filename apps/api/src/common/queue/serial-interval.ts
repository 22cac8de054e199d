/**
 * An in-process interval for the embedded mode's periodic work (the case sweep, scheduled runs): one tick at a
 * time (a tick still running when the next is due skips it), not keeping the process alive, and `stop()` waits
 * for the tick under way so a shutdown never cuts a transaction short.
 */
export class SerialInterval {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Ticks every `everyMs`, and at once too with `now`. */
  start(everyMs: number, now = false): void {
    if (now) this.tick();
    this.timer = setInterval(() => this.tick(), everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.work()
      .catch(this.onError)
      .finally(() => {
        this.running = null;
      });
  }
}
