import type { Redis } from 'ioredis';

/** One counter of a throttle: its key and how many attempts one window allows. */
export interface ThrottleCounter {
  key: string;
  limit: number;
}

/** Either every counter took the attempt (and the windows it was counted in), or none did and the wait until one may. */
export type Taken = { ok: true; windowStarts: number[] } | { ok: false; retryAfterMs: number };

/**
 * Fixed windows of `windowMs` per key, starting at a key's first attempt. `take` counts one attempt on every counter
 * at once, or on none when any is full (a refused attempt neither counts nor moves a window), so a burst of parallel
 * attempts gets exactly `limit` through. `release` takes one back (an attempt that turned out not to count) from
 * the window it was counted in, never from a later one.
 */
export interface ThrottleStore {
  take(counters: readonly ThrottleCounter[], now: number): Promise<Taken>;
  release(keys: readonly string[], windowStarts: readonly number[]): Promise<void>;
}

interface Window {
  start: number;
  count: number;
}

/** In this process only: for one API process (embedded mode), and while Redis is unreachable. */
export class MemoryThrottleStore implements ThrottleStore {
  private readonly windows = new Map<string, Window>();
  private pruneAt = 10_000;

  constructor(private readonly windowMs: number) {}

  // Synchronous from start to end: the check and the count cannot interleave with another attempt.
  take(counters: readonly ThrottleCounter[], now: number): Promise<Taken> {
    if (this.windows.size >= this.pruneAt) this.prune(now);
    const current = counters.map(({ key }) => {
      const window = this.windows.get(key);
      return window && now < window.start + this.windowMs ? window : { start: now, count: 0 };
    });
    const wait = Math.max(0, ...counters.map((counter, i) => (current[i].count >= counter.limit ? current[i].start + this.windowMs - now : 0)));
    if (wait > 0) return Promise.resolve({ ok: false, retryAfterMs: wait });
    counters.forEach((counter, i) => this.windows.set(counter.key, { start: current[i].start, count: current[i].count + 1 }));
    return Promise.resolve({ ok: true, windowStarts: current.map((window) => window.start) });
  }

  release(keys: readonly string[], windowStarts: readonly number[]): Promise<void> {
    keys.forEach((key, i) => {
      const window = this.windows.get(key);
      if (window && window.start === windowStarts[i] && window.count > 0) window.count -= 1;
    });
    return Promise.resolve();
  }

  /** Ended windows, dropped once the map has grown (many addresses or emails), so it cannot grow without bound. */
  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now >= window.start + this.windowMs) this.windows.delete(key);
    this.pruneAt = Math.max(10_000, this.windows.size * 2);
  }
}

// KEYS: the counters (hashes {s: window start, n: count}); ARGV[1] now, ARGV[2] window length, ARGV[3..] each key's limit.
// Times come from the caller's clock, so every process shares one notion of the window and tests can pin it;
// the key's TTL only cleans up after the window has ended.
const TAKE = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local starts, counts, wait = {}, {}, 0
for i, key in ipairs(KEYS) do
  local stored = redis.call('HMGET', key, 's', 'n')
  local s, n = tonumber(stored[1]), tonumber(stored[2])
  if s == nil or n == nil or now >= s + window then s, n = now, 0 end
  starts[i], counts[i] = s, n
  if n >= tonumber(ARGV[2 + i]) then wait = math.max(wait, s + window - now) end
end
if wait > 0 then return {0, wait} end
for i, key in ipairs(KEYS) do
  redis.call('HSET', key, 's', string.format('%d', starts[i]), 'n', counts[i] + 1)
  redis.call('PEXPIRE', key, math.max(1, starts[i] + window - now))
end
local result = {1}
for i = 1, #KEYS do result[i + 1] = starts[i] end
return result
`;

// KEYS: the counters; ARGV[i]: the window start the attempt was counted in.
const RELEASE = `
for i, key in ipairs(KEYS) do
  local stored = redis.call('HMGET', key, 's', 'n')
  if stored[1] == ARGV[i] and tonumber(stored[2] or '0') > 0 then redis.call('HINCRBY', key, 'n', -1) end
end
return 0
`;

interface ThrottleCommands {
  carescoreThrottleTake(numberOfKeys: number, ...args: string[]): Promise<number[]>;
  carescoreThrottleRelease(numberOfKeys: number, ...args: string[]): Promise<number>;
}

/** Shared by every API process: both steps are Lua scripts, which Redis runs atomically. */
export class RedisThrottleStore implements ThrottleStore {
  private readonly redis: Redis & ThrottleCommands;

  constructor(
    redis: Redis,
    private readonly windowMs: number,
  ) {
    redis.defineCommand('carescoreThrottleTake', { lua: TAKE });
    redis.defineCommand('carescoreThrottleRelease', { lua: RELEASE });
    this.redis = redis as Redis & ThrottleCommands;
  }

  async take(counters: readonly ThrottleCounter[], now: number): Promise<Taken> {
    const keys = counters.map((counter) => counter.key);
    const reply = await this.redis.carescoreThrottleTake(keys.length, ...keys, String(now), String(this.windowMs), ...counters.map((counter) => String(counter.limit)));
    const [ok, ...rest] = reply.map(Number);
    return ok === 1 ? { ok: true, windowStarts: rest } : { ok: false, retryAfterMs: rest[0] };
  }

  async release(keys: readonly string[], windowStarts: readonly number[]): Promise<void> {
    await this.redis.carescoreThrottleRelease(keys.length, ...keys, ...windowStarts.map((start) => String(start)));
  }
}
