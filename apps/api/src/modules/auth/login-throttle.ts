import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { Clock } from '../cases/clock';
import { ThrottleStoreProvider } from './throttle-store-provider';
import type { ThrottleCounter, ThrottleStore } from './throttle-stores';

/** The clock the sign-in windows read (an AdjustableClock, which tests pin and move). */
export const LOGIN_CLOCK = Symbol('LOGIN_CLOCK');

/** Allowed: call `release()` if the attempt succeeds (a success is not a failure). Refused: the seconds to wait. */
export type LoginPermit = { allowed: true; release(): Promise<void> } | { allowed: false; retryAfterSeconds: number };

/**
 * Failed sign-ins per account (the email, whether or not it exists, so limits reveal nothing) and per client address,
 * in fixed windows (LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ADDRESS, LOGIN_WINDOW_SECONDS). An attempt is
 * counted on both before its password is checked, or refused when either is full; a success gives its count back.
 * So a burst of parallel guesses gets at most the limit to the password check. Counted in Redis when REDIS_URL is
 * set (shared by every API process), otherwise in this process, which is then the only one. With Redis unreachable
 * each process counts in its own memory rather than refuse every sign-in.
 *
 * Hand-written rather than `@nestjs/throttler` or `rate-limiter-flexible`: the throttler's guard counts every request
 * before the handler runs and cannot give a successful sign-in back, so it would limit sign-ins rather than failures;
 * rate-limiter-flexible consumes each key separately, so an attempt refused by one key still uses up the other, and it
 * reads the system clock, so a window's end cannot be pinned by a test. Two short Lua scripts do both keys at once.
 */
@Injectable()
export class LoginThrottle implements OnApplicationShutdown {
  private readonly stores: ThrottleStoreProvider;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGIN_CLOCK) private readonly clock: Clock,
  ) {
    this.stores = new ThrottleStoreProvider(config.redisUrl, config.loginThrottle.windowMs, 'sign-ins', 'LoginThrottle');
  }

  async attempt(address: string | null, email: string): Promise<LoginPermit> {
    const { failuresPerAccount, failuresPerAddress } = this.config.loginThrottle;
    const counters: ThrottleCounter[] = [
      { key: `${this.config.queuePrefix}:login:account:${createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 32)}`, limit: failuresPerAccount },
      { key: `${this.config.queuePrefix}:login:address:${address ?? 'unknown'}`, limit: failuresPerAddress },
    ];
    const now = this.clock.now().getTime();
    let store: ThrottleStore = await this.stores.store();
    let taken;
    try {
      taken = await store.take(counters, now);
    } catch (error) {
      this.stores.degrade(error);
      store = this.stores.memory;
      taken = await store.take(counters, now);
    }
    if (!taken.ok) return { allowed: false, retryAfterSeconds: Math.ceil(taken.retryAfterMs / 1000) };
    const keys = counters.map((counter) => counter.key);
    const { windowStarts } = taken;
    return {
      allowed: true,
      release: () => store.release(keys, windowStarts).catch((error: unknown) => this.stores.degrade(error)),
    };
  }

  onApplicationShutdown(): void {
    this.stores.close();
  }
}
