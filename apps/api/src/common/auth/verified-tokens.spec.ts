import { describe, expect, it } from 'vitest';
import { VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens', () => {
  it('gives back a remembered payload until the expiry second, then forgets it', () => {
    const tokens = new VerifiedTokens<{ sub: string }>();
    tokens.remember('a.b.c', { sub: 'u1' }, 1_000);
    expect(tokens.get('a.b.c', 999_999)).toEqual({ sub: 'u1' });
    expect(tokens.get('a.b.c', 1_000_000)).toBeUndefined();
    // Forgotten, not just hidden: a later clock reading cannot bring it back.
    expect(tokens.get('a.b.c', 0)).toBeUndefined();
  });

  it('knows only the exact token text', () => {
    const tokens = new VerifiedTokens<string>();
    tokens.remember('header.payload.signature', 'ok', 2_000_000_000);
    expect(tokens.get('header.payload.signaturf', 0)).toBeUndefined();
    expect(tokens.get('header.payload.signature', 0)).toBe('ok');
  });

  it('keeps at most `limit` tokens, dropping the oldest', () => {
    const tokens = new VerifiedTokens<number>(2);
    tokens.remember('t1', 1, 2_000_000_000);
    tokens.remember('t2', 2, 2_000_000_000);
    tokens.remember('t3', 3, 2_000_000_000);
    expect([tokens.get('t1', 0), tokens.get('t2', 0), tokens.get('t3', 0)]).toEqual([undefined, 2, 3]);
  });
});
