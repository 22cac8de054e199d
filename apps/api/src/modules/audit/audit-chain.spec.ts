import { describe, expect, it } from 'vitest';
import { type ChainLink, ChainWalk, describeBreak } from './audit-chain';

/** An intact chain of `n` links: hash h<k>, each naming the previous one. */
const chain = (n: number): ChainLink[] =>
  Array.from({ length: n }, (_, k) => ({ id: String(100 + k), seq: k + 1, prevHash: k === 0 ? null : `h${k}`, hash: `h${k + 1}`, recomputed: `h${k + 1}` }));

const walk = (links: ChainLink[]) => {
  const w = new ChainWalk('inst');
  for (const link of links) if (!w.push(link)) break;
  return w.report();
};

describe('ChainWalk', () => {
  it('reports an intact chain with its head, and an empty one without', () => {
    expect(walk(chain(3))).toEqual({ institutionId: 'inst', entries: 3, head: { sequence: 3, hash: 'h3' }, broken: null });
    expect(walk([])).toEqual({ institutionId: 'inst', entries: 0, head: null, broken: null });
  });

  it('reports changed content at the entry itself', () => {
    const links = chain(4);
    links[1] = { ...(links[1] as ChainLink), recomputed: 'other' };
    expect(walk(links).broken).toEqual({ entryId: '101', sequence: 2, problem: 'content_changed', expected: 'other', found: 'h2' });
  });

  it('reports a deleted entry as missing at the next one, the first entry too', () => {
    const links = chain(4);
    expect(walk([links[0], links[2], links[3]] as ChainLink[]).broken).toEqual({ entryId: '102', sequence: 3, problem: 'entries_missing', expected: '2', found: '3' });
    expect(walk(links.slice(1)).broken).toMatchObject({ entryId: '101', problem: 'entries_missing', expected: '1', found: '2' });
  });

  it('reports a repeated sequence and a link to the wrong predecessor', () => {
    const links = chain(3);
    expect(walk([links[0], links[1], { ...(links[1] as ChainLink), id: '999' }] as ChainLink[]).broken).toMatchObject({ entryId: '999', problem: 'sequence_out_of_order', expected: '3', found: '2' });
    links[2] = { ...(links[2] as ChainLink), prevHash: 'h1' };
    expect(walk(links).broken).toEqual({ entryId: '102', sequence: 3, problem: 'link_broken', expected: 'h2', found: 'h1' });
    expect(walk([{ ...(links[0] as ChainLink), prevHash: 'x' }]).broken).toMatchObject({ problem: 'link_broken', expected: 'none', found: 'x' });
  });

  it('stops at the first break and counts up to it', () => {
    const links = chain(5);
    links[1] = { ...(links[1] as ChainLink), recomputed: 'a' };
    links[3] = { ...(links[3] as ChainLink), recomputed: 'b' };
    const report = walk(links);
    expect(report.entries).toBe(2);
    expect(report.broken?.entryId).toBe('101');
    expect(describeBreak({ entryId: '7', sequence: 3, problem: 'entries_missing', expected: '2', found: '3' })).toBe('entry id 7 (sequence 3): entries before it are missing (deleted); expected sequence 2, found sequence 3');
    expect(describeBreak(report.broken as NonNullable<typeof report.broken>)).toBe('entry id 101 (sequence 2): its content was changed after it was written; expected a, found h2');
  });
});
