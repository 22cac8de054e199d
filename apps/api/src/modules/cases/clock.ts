/** Where case timing reads the time: due times, breaches, escalations, event times. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

/**
 * The system time, which tests (and a support engineer replaying a scenario) may pin or move:
 * `set(at)` stops it at a moment, `advance(ms)` moves it on, `useSystemTime()` lets it run again.
 * Nothing else about the process changes: delayed jobs still wait real time, so tests that move
 * the clock call the sweep (`CaseEscalations.sweep()`), as the periodic sweep would.
 */
export class AdjustableClock implements Clock {
  private fixed: number | null = null;
  private offset = 0;

  now(): Date {
    return new Date(this.fixed ?? Date.now() + this.offset);
  }

  set(at: Date | string): void {
    this.fixed = new Date(at).getTime();
  }

  advance(ms: number): void {
    if (this.fixed === null) this.offset += ms;
    else this.fixed += ms;
  }

  advanceHours(hours: number): void {
    this.advance(hours * 3_600_000);
  }

  useSystemTime(): void {
    this.fixed = null;
    this.offset = 0;
  }
}
