/**
 * Tokens this process has verified, by their text, until they expire. An HMAC signature checks out the same way
 * every time for the same text and key, so a token seen before needs only its expiry checked again; the account
 * behind it is still read on every request (SignedInAccounts).
 */
export class VerifiedTokens<T> {
  private readonly entries = new Map<string, { payload: T; expiresAtMs: number }>();

  constructor(private readonly limit = 10_000) {}

  /** The payload of a verified token that has not expired at `nowMs`; undefined otherwise. */
  get(token: string, nowMs: number): T | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    if (nowMs >= entry.expiresAtMs) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.payload;
  }

  /** `exp`: the token's expiry in seconds since the epoch (the JWT claim). */
  remember(token: string, payload: T, exp: number): void {
    this.entries.set(token, { payload, expiresAtMs: exp * 1000 });
    // Oldest first out: a Map iterates in insertion order.
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
  }
}
