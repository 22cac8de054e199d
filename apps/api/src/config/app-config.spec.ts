import { describe, expect, it } from 'vitest';
import { ConfigError, LOGIN_THROTTLE_DEFAULTS, loadConfig } from './app-config';

const production = { DATABASE_URL: 'postgres://db/carescore', JWT_SECRET: 'x'.repeat(32) };

describe('sign-in limits and trusted proxies', () => {
  it('defaults to 5 failures per account and 20 per address in 15 minutes, trusting no proxy', () => {
    const config = loadConfig(production);
    expect(config.loginThrottle).toEqual({ failuresPerAccount: 5, failuresPerAddress: 20, windowMs: 900_000 });
    expect(config.loginThrottle).toEqual(LOGIN_THROTTLE_DEFAULTS);
    expect(config.trustProxy).toBeUndefined();
  });

  it('takes the limits from the environment within their bounds', () => {
    const config = loadConfig({ ...production, LOGIN_FAILURES_PER_ACCOUNT: '1', LOGIN_FAILURES_PER_ADDRESS: '100000', LOGIN_WINDOW_SECONDS: '86400' });
    expect(config.loginThrottle).toEqual({ failuresPerAccount: 1, failuresPerAddress: 100_000, windowMs: 86_400_000 });
    for (const [name, value] of [
      ['LOGIN_FAILURES_PER_ACCOUNT', '0'],
      ['LOGIN_FAILURES_PER_ACCOUNT', '1001'],
      ['LOGIN_FAILURES_PER_ADDRESS', '100001'],
      ['LOGIN_FAILURES_PER_ADDRESS', '2.5'],
      ['LOGIN_WINDOW_SECONDS', '0'],
      ['LOGIN_WINDOW_SECONDS', '86401'],
      ['LOGIN_WINDOW_SECONDS', 'soon'],
    ]) {
      expect(() => loadConfig({ ...production, [name]: value }), `${name}=${value}`).toThrow(ConfigError);
      expect(() => loadConfig({ ...production, [name]: value })).toThrow(new RegExp(`^${name}: `));
    }
  });

  it("reads TRUST_PROXY as Express's trust proxy setting", () => {
    expect(loadConfig({ ...production, TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ ...production, TRUST_PROXY: 'false' }).trustProxy).toBeUndefined();
    expect(loadConfig({ ...production, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ ...production, TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(() => loadConfig({ ...production, TRUST_PROXY: 'anything; rm -rf' })).toThrow(/^TRUST_PROXY: /);
  });
});
