import { describe, expect, it } from 'vitest';
import type { Tx } from '../../database/transaction';
import { RunPinOverrides } from './run-pin-overrides';

const tx = {} as Tx;
const staff = [
  { id: 's1', teamId: 't1', documentVersionId: 'v1' },
  { id: 's2', teamId: 't1', documentVersionId: 'v1' },
];

describe('RunPinOverrides', () => {
  it('merges providers; the first registered wins a staff member; staff outside the request are ignored', async () => {
    const registry = new RunPinOverrides();
    registry.register(async () => new Map([['s1', { documentVersionId: 'v2', experiment: { id: 'x1', arm: 'challenger' as const } }]]));
    registry.register(
      async () =>
        new Map([
          ['s1', { documentVersionId: 'v3', experiment: { id: 'x2', arm: 'challenger' as const } }],
          ['s2', { documentVersionId: 'v1', experiment: { id: 'x2', arm: 'champion' as const } }],
          ['stranger', { documentVersionId: 'v3', experiment: { id: 'x2', arm: 'challenger' as const } }],
        ]),
    );
    const merged = await registry.collect({ institutionId: 'i', period: '2026-Q1', staff }, tx);
    expect([...merged]).toEqual([
      ['s1', { documentVersionId: 'v2', experiment: { id: 'x1', arm: 'challenger' } }],
      ['s2', { documentVersionId: 'v1', experiment: { id: 'x2', arm: 'champion' } }],
    ]);
  });

  it('does not ask providers about an empty run', async () => {
    const registry = new RunPinOverrides();
    registry.register(() => Promise.reject(new Error('asked')));
    expect((await registry.collect({ institutionId: 'i', period: '2026-Q1', staff: [] }, tx)).size).toBe(0);
  });
});
