import { describe, expect, it } from 'vitest';
import { LookupBatcher } from './lookup-batcher';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('LookupBatcher', () => {
  it('answers the lookups of one turn and one group with one fetch of their distinct keys', async () => {
    const batcher = new LookupBatcher<string>();
    const fetched: string[][] = [];
    const fetch = async (keys: string[]) => {
      fetched.push(keys);
      return new Map(keys.filter((key) => key !== 'missing').map((key) => [key, `value of ${key}`]));
    };
    const answers = await Promise.all([batcher.load('g', 'a', fetch), batcher.load('g', 'b', fetch), batcher.load('g', 'a', fetch), batcher.load('g', 'missing', fetch)]);
    expect(answers).toEqual(['value of a', 'value of b', 'value of a', null]);
    expect(fetched).toEqual([['a', 'b', 'missing']]);
  });

  it('keeps groups apart and starts a new batch in the next turn', async () => {
    const batcher = new LookupBatcher<string>();
    const fetched: string[] = [];
    const fetchFor = (group: string) => async (keys: string[]) => {
      fetched.push(`${group}:${keys.join(',')}`);
      return new Map(keys.map((key) => [key, `${group}/${key}`]));
    };
    const first = [batcher.load('admin', 'x', fetchFor('admin')), batcher.load('staff', 'x', fetchFor('staff'))];
    await nextTurn();
    const second = batcher.load('admin', 'y', fetchFor('admin'));
    expect(await Promise.all([...first, second])).toEqual(['admin/x', 'staff/x', 'admin/y']);
    expect(fetched).toEqual(['admin:x', 'staff:x', 'admin:y']);
  });

  it('rejects every lookup of a batch whose fetch failed, and not those of other batches', async () => {
    const batcher = new LookupBatcher<number>();
    const failing = batcher.load('g', 'a', async () => {
      throw new Error('connection lost');
    });
    const sameBatch = batcher.load('g', 'b', async () => new Map([['b', 2]]));
    const otherGroup = batcher.load('h', 'c', async () => new Map([['c', 3]]));
    await expect(failing).rejects.toThrow('connection lost');
    await expect(sameBatch).rejects.toThrow('connection lost');
    await expect(otherGroup).resolves.toBe(3);
  });
});
