import { DUMMY_HASH, verifyPassword } from './password';

/**
 * Every sign-in compares the password with at least this many hashes (padding with a dummy), so
 * its time does not tell whether the email is unknown, used by one institution or by two: an
 * admin who creates a user with some email in their own institution cannot learn from signing in
 * as it whether another institution has that email too. (Three or more institutions sharing an
 * email take one comparison each, and that remains measurable.)
 */
export const LOGIN_HASH_COMPARISONS = 2;

/** The accounts whose password hash matches, comparing with every one of them and with dummies up to LOGIN_HASH_COMPARISONS. */
export async function accountsWithPassword<T extends { passwordHash: string }>(accounts: readonly T[], password: string): Promise<T[]> {
  const hashes = accounts.map((account) => account.passwordHash);
  while (hashes.length < LOGIN_HASH_COMPARISONS) hashes.push(DUMMY_HASH);
  const matching: T[] = [];
  for (const [index, hash] of hashes.entries()) {
    const matches = await verifyPassword(password, hash);
    if (matches && index < accounts.length) matching.push(accounts[index]);
  }
  return matching;
}
