import { beforeEach, describe, expect, it, vi } from 'vitest';
import { accountsWithPassword, LOGIN_HASH_COMPARISONS } from './login-accounts';

const compared = vi.hoisted((): string[] => []);
vi.mock('./password', () => ({
  // A dummy that some password opens, to show a dummy never counts as an account.
  DUMMY_HASH: 'hash of dummy password',
  verifyPassword: async (password: string, hash: string) => {
    compared.push(hash);
    return hash === `hash of ${password}`;
  },
}));

const account = (id: string, password: string) => ({ id, passwordHash: `hash of ${password}` });

describe('accountsWithPassword', () => {
  beforeEach(() => {
    compared.length = 0;
  });

  it('compares as many hashes for an unknown email as for one or two institutions', async () => {
    expect(LOGIN_HASH_COMPARISONS).toBe(2);
    expect(await accountsWithPassword([], 'pw')).toEqual([]);
    expect(compared).toEqual(['hash of dummy password', 'hash of dummy password']);
    compared.length = 0;
    expect(await accountsWithPassword([account('a', 'pw')], 'pw')).toEqual([account('a', 'pw')]);
    expect(compared).toEqual(['hash of pw', 'hash of dummy password']);
    compared.length = 0;
    expect(await accountsWithPassword([account('a', 'other'), account('b', 'pw')], 'pw')).toEqual([account('b', 'pw')]);
    expect(compared).toHaveLength(2);
  });

  it('never counts a dummy as a match, and returns every account the password opens', async () => {
    expect(await accountsWithPassword([], 'dummy password')).toEqual([]);
    expect(await accountsWithPassword([account('a', 'pw')], 'dummy password')).toEqual([]);
    const three = [account('a', 'pw'), account('b', 'x'), account('c', 'pw')];
    expect(await accountsWithPassword(three, 'pw')).toEqual([three[0], three[2]]);
  });
});
