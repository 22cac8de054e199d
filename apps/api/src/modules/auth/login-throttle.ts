import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { Clock } from '../cases/clock';
import { createRedisProducerConnection, readyWithin } from '../evaluations/redis-connection';
import { MemoryThrottleStore, RedisThrottleStore, type ThrottleCounter, type ThrottleStore } from './throttle-stores';

/** The clock the sign-in windows read (an AdjustableClock, which tests pin and move). */
export const LOGIN_CLOCK = Symbol('LOGIN_CLOCK');

/** How long the first sign-in after start waits for Redis to connect before counting in memory instead. */
const FIRST_CONNECT_WAIT_MS = 1000;

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
  private readonly logger = new Logger('LoginThrottle');
  private readonly memory: MemoryThrottleStore;
  private redis: Redis | undefined;
  private shared: RedisThrottleStore | undefined;
  private firstConnection: Promise<void> | undefined;
  private degraded = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGIN_CLOCK) private readonly clock: Clock,
  ) {
    this.memory = new MemoryThrottleStore(config.loginThrottle.windowMs);
  }

  async attempt(address: string | null, email: string): Promise<LoginPermit> {
    const { failuresPerAccount, failuresPerAddress } = this.config.loginThrottle;
    const counters: ThrottleCounter[] = [
      { key: `${this.config.queuePrefix}:login:account:${createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 32)}`, limit: failuresPerAccount },
      { key: `${this.config.queuePrefix}:login:address:${address ?? 'unknown'}`, limit: failuresPerAddress },
    ];
    const now = this.clock.now().getTime();
    let store: ThrottleStore = (await this.sharedStore()) ?? this.memory;
    let taken;
    try {
      taken = await store.take(counters, now);
    } catch (error) {
      this.degrade(error);
      store = this.memory;
      taken = await store.take(counters, now);
    }
    if (!taken.ok) return { allowed: false, retryAfterSeconds: Math.ceil(taken.retryAfterMs / 1000) };
    const keys = counters.map((counter) => counter.key);
    const { windowStarts } = taken;
    return {
      allowed: true,
      release: () => store.release(keys, windowStarts).catch((error: unknown) => this.degrade(error)),
    };
  }

  /** The Redis store when it can answer now; undefined without REDIS_URL or while Redis is unreachable. */
  private async sharedStore(): Promise<ThrottleStore | undefined> {
    if (!this.config.redisUrl) return undefined;
    if (!this.redis) {
      // Connected on first use, so processes that never sign anyone in (workers) hold no connection for it.
      this.redis = createRedisProducerConnection(this.config.redisUrl, { lazyConnect: true });
      this.redis.on('ready', () => {
        if (this.degraded) this.logger.log('Redis is back: sign-in limits are shared by every API process again');
        this.degraded = false;
      });
      this.shared = new RedisThrottleStore(this.redis, this.config.loginThrottle.windowMs);
      this.firstConnection = readyWithin(this.redis, FIRST_CONNECT_WAIT_MS);
      this.redis.connect().catch(() => undefined);
    }
    await this.firstConnection;
    if (this.redis.status !== 'ready') {
      this.degrade(new Error(`Redis is ${this.redis.status}`));
      return undefined;
    }
    return this.shared;
  }

  private degrade(error: unknown): void {
    if (!this.degraded) this.logger.warn(`Redis cannot count sign-ins (${(error as Error).message}): counting in this process until it is back`);
    this.degraded = true;
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}
