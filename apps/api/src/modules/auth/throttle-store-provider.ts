import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createRedisProducerConnection, readyWithin } from '../evaluations/redis-connection';
import { MemoryThrottleStore, RedisThrottleStore, type ThrottleStore } from './throttle-stores';

/** How long the first attempt after start waits for Redis to connect before counting in memory instead. */
const FIRST_CONNECT_WAIT_MS = 1000;

/**
 * Where a throttle counts: in Redis when a URL is given (shared by every API process), otherwise in this process.
 * With Redis unreachable each process counts in its own memory rather than refuse everything, and goes back to
 * Redis once it answers again. The connection is opened on first use, so processes that never count hold none.
 */
export class ThrottleStoreProvider {
  private readonly logger: Logger;
  readonly memory: MemoryThrottleStore;
  private redis: Redis | undefined;
  private shared: RedisThrottleStore | undefined;
  private firstConnection: Promise<void> | undefined;
  private degraded = false;

  constructor(
    private readonly redisUrl: string | undefined,
    private readonly windowMs: number,
    /** What is counted, for the log lines ("sign-ins", "survey page requests"). */
    private readonly what: string,
    loggerName: string,
  ) {
    this.logger = new Logger(loggerName);
    this.memory = new MemoryThrottleStore(windowMs);
  }

  /** The Redis store when it can answer now; the memory store without REDIS_URL or while Redis is unreachable. */
  async store(): Promise<ThrottleStore> {
    if (!this.redisUrl) return this.memory;
    if (!this.redis) {
      this.redis = createRedisProducerConnection(this.redisUrl, { lazyConnect: true });
      this.redis.on('ready', () => {
        if (this.degraded) this.logger.log(`Redis is back: ${this.what} are counted for every API process again`);
        this.degraded = false;
      });
      this.shared = new RedisThrottleStore(this.redis, this.windowMs);
      this.firstConnection = readyWithin(this.redis, FIRST_CONNECT_WAIT_MS);
      this.redis.connect().catch(() => undefined);
    }
    await this.firstConnection;
    if (this.redis.status !== 'ready') {
      this.degrade(new Error(`Redis is ${this.redis.status}`));
      return this.memory;
    }
    return this.shared as RedisThrottleStore;
  }

  /** Redis failed a command: count in memory until it is back. */
  degrade(error: unknown): void {
    if (!this.degraded) this.logger.warn(`Redis cannot count ${this.what} (${(error as Error).message}): counting in this process until it is back`);
    this.degraded = true;
  }

  close(): void {
    this.redis?.disconnect();
  }
}
