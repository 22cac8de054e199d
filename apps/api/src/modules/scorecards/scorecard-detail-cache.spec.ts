import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/app-config';
import type { ChangeNoticeHandler, ChangeNotices } from '../../database/change-notices';
import { type CachedScorecardDetail, SCORECARD_VIEWS_CHANGED_CHANNEL, ScorecardDetailCache } from './scorecard-detail-cache';

/** ChangeNotices as the cache sees it: whether notices are heard, and the handler to call with one. */
function fakeNotices(listening = true) {
  const handlers = new Map<string, ChangeNoticeHandler>();
  const notices = {
    listening,
    subscribe: (channel: string, handler: ChangeNoticeHandler) => handlers.set(channel, handler),
  };
  return { notices, handler: () => handlers.get(SCORECARD_VIEWS_CHANGED_CHANNEL) as ChangeNoticeHandler };
}

function cacheWith(notices: ReturnType<typeof fakeNotices>['notices'], megabytes = '1') {
  const config = loadConfig({ DATABASE_URL: 'postgres://x@localhost/x', JWT_SECRET: randomBytes(32).toString('hex'), SCORECARD_CACHE_MB: megabytes });
  return new ScorecardDetailCache(notices as unknown as ChangeNotices, config);
}

const detail = (bytes: number, staffId = 's1'): CachedScorecardDetail => ({ body: Buffer.alloc(bytes, 'x'), etag: `W/"${bytes}"`, institutionId: 'i1', staffId, teamIds: ['t1'] });

describe('ScorecardDetailCache', () => {
  it('keeps what was read under a token until a change is announced', () => {
    const { notices, handler } = fakeNotices();
    const cache = cacheWith(notices);
    cache.keepDetail(cache.token(), 'a', detail(10));
    cache.keepTeamsManagedBy(cache.token(), 'm1', new Set(['t1']));
    expect(cache.detail('a')?.body.length).toBe(10);
    expect(cache.teamsManagedBy('m1')).toEqual(new Set(['t1']));
    handler().notice('staff');
    expect(cache.detail('a')).toBeUndefined();
    expect(cache.teamsManagedBy('m1')).toBeUndefined();
  });

  it('does not keep a read that began before a change was announced', () => {
    const { notices, handler } = fakeNotices();
    const cache = cacheWith(notices);
    const token = cache.token();
    handler().notice('teams'); // arrives while the read is under way
    cache.keepDetail(token, 'a', detail(10));
    cache.keepTeamsManagedBy(token, 'm1', new Set(['t1']));
    expect(cache.detail('a')).toBeUndefined();
    expect(cache.teamsManagedBy('m1')).toBeUndefined();
  });

  it('forgets everything when the notices are lost, and keeps nothing while they are not heard', () => {
    const { notices, handler } = fakeNotices();
    const cache = cacheWith(notices);
    cache.keepDetail(cache.token(), 'a', detail(10));
    handler().lost();
    notices.listening = false;
    expect(cache.token()).toBeNull();
    cache.keepDetail(cache.token(), 'a', detail(10));
    notices.listening = true;
    expect(cache.detail('a')).toBeUndefined();
  });

  it('holds at most SCORECARD_CACHE_MB, the least recently read going first', () => {
    const { notices } = fakeNotices();
    const cache = cacheWith(notices, '0.001'); // 1 048 bytes
    cache.keepDetail(cache.token(), 'a', detail(400));
    cache.keepDetail(cache.token(), 'b', detail(400));
    expect(cache.detail('a')).toBeDefined(); // now b is the least recently read
    cache.keepDetail(cache.token(), 'c', detail(400));
    expect(cache.detail('b')).toBeUndefined();
    expect(cache.detail('a')).toBeDefined();
    expect(cache.detail('c')).toBeDefined();
    cache.keepDetail(cache.token(), 'huge', detail(2000));
    expect(cache.detail('huge')).toBeUndefined();
  });

  it('keeps nothing and does not listen with SCORECARD_CACHE_MB=0', () => {
    const { notices, handler } = fakeNotices();
    const cache = cacheWith(notices, '0');
    expect(handler()).toBeUndefined();
    cache.keepDetail(cache.token(), 'a', detail(10));
    expect(cache.detail('a')).toBeUndefined();
  });
});
