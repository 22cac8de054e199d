import IORedis from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryThrottleStore, RedisThrottleStore, type ThrottleStore } from '../../apps/api/src/modules/auth/throttle-stores';
import { deleteKeys, REDIS_URL, testPrefix } from '../e2e/support/redis-stand-ins';

/** The sign-in counters, in memory and in the real Redis: the same windows, to the millisecond. */
const WINDOW = 900_000;
const T0 = 1_765_000_000_000;
const prefix = testPrefix('throttle');
const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });

afterAll(async () => {
  await deleteKeys(prefix);
  redis.disconnect();
});

let n = 0;
const keys = () => {
  n += 1;
  return { account: `${prefix}:account:${n}`, address: `${prefix}:address:${n}` };
};

describe.each([
  ['memory', () => new MemoryThrottleStore(WINDOW)],
  ['Redis', () => new RedisThrottleStore(redis, WINDOW)],
] as Array<[string, () => ThrottleStore]>)('%s throttle store', (_name, make) => {
  it('takes an attempt on every counter, until one is full; a refused attempt counts on none', async () => {
    const store = make();
    const { account, address } = keys();
    const counters = [
      { key: account, limit: 2 },
      { key: address, limit: 3 },
    ];
    expect(await store.take(counters, T0)).toEqual({ ok: true, windowStarts: [T0, T0] });
    expect(await store.take(counters, T0 + 10)).toEqual({ ok: true, windowStarts: [T0, T0] });
    expect(await store.take(counters, T0 + 20)).toEqual({ ok: false, retryAfterMs: WINDOW - 20 });
    // The address took two attempts, not three: one more from another account still passes it.
    const other = { key: `${account}-other`, limit: 2 };
    expect(await store.take([other, { key: address, limit: 3 }], T0 + 30)).toEqual({ ok: true, windowStarts: [T0 + 30, T0] });
    expect(await store.take([{ key: `${account}-third`, limit: 2 }, { key: address, limit: 3 }], T0 + 40)).toEqual({ ok: false, retryAfterMs: WINDOW - 40 });
  });

  it('ends a window exactly windowMs after its first attempt', async () => {
    const store = make();
    const { account } = keys();
    const counters = [{ key: account, limit: 1 }];
    expect((await store.take(counters, T0)).ok).toBe(true);
    expect(await store.take(counters, T0 + WINDOW - 1)).toEqual({ ok: false, retryAfterMs: 1 });
    expect(await store.take(counters, T0 + WINDOW)).toEqual({ ok: true, windowStarts: [T0 + WINDOW] });
  });

  it('gives an attempt back to the window it was taken in, never to a later one', async () => {
    const store = make();
    const { account } = keys();
    const counters = [{ key: account, limit: 1 }];
    const first = await store.take(counters, T0);
    expect(first.ok).toBe(true);
    await store.release([account], [T0]);
    expect((await store.take(counters, T0 + 1)).ok).toBe(true); // the given-back attempt freed the slot
    const late = await store.take(counters, T0 + WINDOW); // a new window, full after this attempt
    expect(late).toEqual({ ok: true, windowStarts: [T0 + WINDOW] });
    await store.release([account], [T0]); // a release from the old window changes nothing now
    expect(await store.take(counters, T0 + WINDOW + 1)).toEqual({ ok: false, retryAfterMs: WINDOW - 1 });
  });

  it('lets exactly the limit through a burst of parallel attempts', async () => {
    const store = make();
    const { account, address } = keys();
    const counters = [
      { key: account, limit: 5 },
      { key: address, limit: 20 },
    ];
    const results = await Promise.all(Array.from({ length: 40 }, () => store.take(counters, T0)));
    expect(results.filter((result) => result.ok)).toHaveLength(5);
  });
});

describe('memory throttle store', () => {
  it('forgets ended windows once it holds many, so spraying addresses cannot grow it without bound', async () => {
    const store = new MemoryThrottleStore(WINDOW);
    for (let i = 0; i < 10_000; i += 1) await store.take([{ key: `sprayed-${i}`, limit: 1 }], T0);
    const size = () => (store as unknown as { windows: Map<string, unknown> }).windows.size;
    expect(size()).toBe(10_000);
    await store.take([{ key: 'later', limit: 1 }], T0 + WINDOW);
    expect(size()).toBe(1);
  });
});
