import { describe, expect, it } from 'vitest';
import type { ChangeNoticeHandler, ChangeNotices } from './change-notices';
import { ListCounts } from './list-counts';

/** ChangeNotices as the cache sees it: whether notices arrive, and the handler it registered, to announce changes with. */
function notices(listening: boolean) {
  const handlers: ChangeNoticeHandler[] = [];
  const stand = { listening, subscribe: (_channel: string, handler: ChangeNoticeHandler) => handlers.push(handler) };
  return { notices: stand as unknown as ChangeNotices, announce: () => handlers.forEach((h) => h.notice('staff')), lose: () => handlers.forEach((h) => h.lost()) };
}

function counter(values: number[]) {
  let calls = 0;
  return {
    count: () => Promise.resolve(values[Math.min(calls++, values.length - 1)]),
    get calls() {
      return calls;
    },
  };
}

describe('ListCounts', () => {
  it('keeps a total per query text and values while no change is announced, then counts again', async () => {
    const { notices: n, announce, lose } = notices(true);
    const counts = new ListCounts(n);
    const c = counter([10, 11, 12]);
    expect(await counts.total('SELECT count(*) …', ['a'], c.count)).toBe(10);
    expect(await counts.total('SELECT count(*) …', ['a'], c.count)).toBe(10);
    expect(c.calls).toBe(1);
    expect(await counts.total('SELECT count(*) …', ['b'], counter([99]).count)).toBe(99);
    announce();
    expect(await counts.total('SELECT count(*) …', ['a'], c.count)).toBe(11);
    lose();
    expect(await counts.total('SELECT count(*) …', ['a'], c.count)).toBe(12);
    expect(c.calls).toBe(3);
  });

  it('shares one count among concurrent requests, and does not keep a total a change was announced during', async () => {
    const { notices: n, announce } = notices(true);
    const counts = new ListCounts(n);
    let release: (total: number) => void = () => undefined;
    let calls = 0;
    const slow = () => {
      calls += 1;
      return new Promise<number>((resolve) => (release = resolve));
    };
    const both = Promise.all([counts.total('q', [], slow), counts.total('q', [], slow)]);
    announce();
    release(5);
    expect(await both).toEqual([5, 5]);
    expect(calls).toBe(1);
    expect(await counts.total('q', [], counter([6]).count)).toBe(6);
  });

  it('counts every time without a listener (embedded PGlite)', async () => {
    const counts = new ListCounts(notices(false).notices);
    const c = counter([1, 2]);
    expect([await counts.total('q', [], c.count), await counts.total('q', [], c.count)]).toEqual([1, 2]);
  });
});
