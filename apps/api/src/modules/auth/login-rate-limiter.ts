import { Injectable } from '@nestjs/common';

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

/**
 * Counts failed logins per (address, email) in a sliding window. In-process: with several API
 * processes each keeps its own count, so the effective limit is per process.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();

  private key(ip: string | null, email: string): string {
    return `${ip ?? '-'}|${email.toLowerCase()}`;
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  /** Seconds to wait before another attempt, or 0 when allowed. */
  retryAfter(ip: string | null, email: string, now = Date.now()): number {
    const list = this.recent(this.key(ip, email), now);
    if (list.length < MAX_FAILURES) return 0;
    return Math.ceil((list[0] + WINDOW_MS - now) / 1000);
  }

  fail(ip: string | null, email: string, now = Date.now()): void {
    const key = this.key(ip, email);
    this.failures.set(key, [...this.recent(key, now), now]);
  }

  succeed(ip: string | null, email: string): void {
    this.failures.delete(this.key(ip, email));
  }
}
