import { describe, expect, it } from 'vitest';
import { recordFactory } from './record-factory';

describe('recordFactory', () => {
  it('builds records with the keys in the given order', () => {
    const make = recordFactory<number | null>(['b_rate', 'a1', 'constructor']);
    const record = make([1.5, null, 3]);
    expect(Object.keys(record)).toEqual(['b_rate', 'a1', 'constructor']);
    expect(record).toEqual({ b_rate: 1.5, a1: null, constructor: 3 });
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(make([2, 3, 4])).not.toBe(record);
  });

  it('handles no keys', () => {
    expect(recordFactory([])([])).toEqual({});
  });

  it('takes keys that are not identifiers as plain keys, never as code', () => {
    const record = recordFactory<string>(['"}; throw 1; //', 'ok'])(['x', 'y']);
    expect(Object.keys(record)).toEqual(['"}; throw 1; //', 'ok']);
    expect(record).toEqual({ '"}; throw 1; //': 'x', ok: 'y' });
  });
});
