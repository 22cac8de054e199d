import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, EVALUATION_DEFAULTS, jwtSecretWeakness, LOGIN_THROTTLE_DEFAULTS, loadConfig } from './app-config';

const productionEnv = { DATABASE_URL: 'postgres://db/carescore', JWT_SECRET: randomBytes(32).toString('hex') };
const production = (env: NodeJS.ProcessEnv) => loadConfig({ DATABASE_URL: 'postgres://x@localhost/x', JWT_SECRET: randomBytes(32).toString('hex'), ...env });
const refusal = (env: NodeJS.ProcessEnv): string => {
  try {
    production(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('sign-in limits and trusted proxies', () => {
  it('defaults to 5 failures per account and 20 per address in 15 minutes, trusting no proxy', () => {
    const config = loadConfig(productionEnv);
    expect(config.loginThrottle).toEqual({ failuresPerAccount: 5, failuresPerAddress: 20, windowMs: 900_000 });
    expect(config.loginThrottle).toEqual(LOGIN_THROTTLE_DEFAULTS);
    expect(config.trustProxy).toBeUndefined();
  });

  it('takes the limits from the environment within their bounds', () => {
    const config = loadConfig({ ...productionEnv, LOGIN_FAILURES_PER_ACCOUNT: '1', LOGIN_FAILURES_PER_ADDRESS: '100000', LOGIN_WINDOW_SECONDS: '86400' });
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
      expect(() => loadConfig({ ...productionEnv, [name]: value }), `${name}=${value}`).toThrow(ConfigError);
      expect(() => loadConfig({ ...productionEnv, [name]: value })).toThrow(new RegExp(`^${name}: `));
    }
  });

  it("reads TRUST_PROXY as Express's trust proxy setting", () => {
    expect(loadConfig({ ...productionEnv, TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ ...productionEnv, TRUST_PROXY: 'false' }).trustProxy).toBeUndefined();
    expect(loadConfig({ ...productionEnv, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ ...productionEnv, TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(() => loadConfig({ ...productionEnv, TRUST_PROXY: 'anything; rm -rf' })).toThrow(/^TRUST_PROXY: /);
  });
});

describe('JWT_SECRET', () => {
  it('takes random secrets of 32 characters and more', () => {
    for (const secret of [randomBytes(16).toString('hex'), randomBytes(32).toString('hex'), randomBytes(24).toString('base64'), 'correct horse battery staple 7 lamp ferry']) {
      expect(jwtSecretWeakness(secret)).toBeNull();
      expect(production({ JWT_SECRET: secret }).jwtSecret).toBe(secret);
    }
  });

  it('refuses 35 spaces and other guessable values, with a clear ConfigError', () => {
    expect(refusal({ JWT_SECRET: ' '.repeat(35) })).toBe('JWT_SECRET: is only whitespace; generate one with `openssl rand -hex 32`');
    expect(refusal({ JWT_SECRET: '\t'.repeat(40) })).toMatch(/^JWT_SECRET: is only whitespace/);
    expect(refusal({ JWT_SECRET: ` ${randomBytes(32).toString('hex')}` })).toMatch(/must not start or end with whitespace/);
    expect(refusal({ JWT_SECRET: 'a'.repeat(64) })).toMatch(/has only 1 distinct characters/);
    expect(refusal({ JWT_SECRET: 'abcdefgh'.repeat(5) })).toMatch(/has only 8 distinct characters/);
    expect(refusal({ JWT_SECRET: '0123456789abcdef0123456789abcdef' })).toMatch(/one shorter piece repeated/);
    expect(refusal({ JWT_SECRET: 'my-jwt-secret-for-production-2026' })).toMatch(/placeholder/);
    expect(refusal({ JWT_SECRET: 'ChangeMe-please-4729-xyz-qwertyuiop' })).toMatch(/placeholder/);
  });

  it('pins the boundaries: 31 characters refused, 32 taken; 9 distinct characters refused, 10 taken', () => {
    const random32 = 'q7Zp2LkX9vRt4WmN8bYc3HsD6fJg1Ae5';
    expect(jwtSecretWeakness(random32)).toBeNull();
    expect(jwtSecretWeakness(random32.slice(0, 31))).toBe('must be at least 32 characters');
    expect(jwtSecretWeakness('123456789' + '987654321' + '123456789' + '98765')).toBe('has only 9 distinct characters, so it is guessable');
    expect(jwtSecretWeakness('1234567890' + '0987654321' + '1234567890' + '09')).toBeNull();
  });

  it('is still required in production mode', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x@localhost/x' })).toThrow(/JWT_SECRET is required/);
  });
});

describe('CORS_ORIGIN', () => {
  it('is closed by default, in both modes', () => {
    expect(production({}).corsOrigins).toEqual([]);
    const dataDir = mkdtempSync(join(tmpdir(), 'carescore-config-'));
    try {
      expect(loadConfig({ DATA_DIR: dataDir }).corsOrigins).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('opens to the comma-separated origins listed', () => {
    expect(production({ CORS_ORIGIN: 'https://console.example.org, http://localhost:5173' }).corsOrigins).toEqual(['https://console.example.org', 'http://localhost:5173']);
  });

  it('refuses what is not an origin', () => {
    expect(refusal({ CORS_ORIGIN: 'https://console.example.org/app' })).toMatch(/CORS_ORIGIN: https:\/\/console.example.org\/app is not an origin/);
    expect(refusal({ CORS_ORIGIN: '*' })).toMatch(/\* is not an origin/);
  });
});

describe('database roles', () => {
  it('refuses a role that could rewrite the audit log by default in production, and only warns in embedded mode', () => {
    expect(production({}).databaseRoleCheck).toBe('refuse');
    expect(production({ DATABASE_ROLE_CHECK: 'warn' }).databaseRoleCheck).toBe('warn');
    const dataDir = mkdtempSync(join(tmpdir(), 'carescore-config-'));
    try {
      expect(loadConfig({ DATA_DIR: dataDir }).databaseRoleCheck).toBe('warn');
      expect(loadConfig({ DATA_DIR: dataDir, DATABASE_ROLE_CHECK: 'refuse' }).databaseRoleCheck).toBe('refuse');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect(refusal({ DATABASE_ROLE_CHECK: 'off' })).toMatch(/DATABASE_ROLE_CHECK/);
  });

  it('takes the owner role for migrations from MIGRATION_DATABASE_URL, which needs DATABASE_URL beside it', () => {
    expect(production({ MIGRATION_DATABASE_URL: 'postgres://owner@localhost/x' }).migrationDatabaseUrl).toBe('postgres://owner@localhost/x');
    expect(production({}).migrationDatabaseUrl).toBeUndefined();
    expect(() => loadConfig({ MIGRATION_DATABASE_URL: 'postgres://owner@localhost/x', DATA_DIR: tmpdir() })).toThrow(/MIGRATION_DATABASE_URL needs DATABASE_URL/);
  });
});

describe('evaluation limits', () => {
  it('default to 10 s and 512 MB per evaluation on 2 threads', () => {
    expect(loadConfig(productionEnv).evaluation).toEqual({ budgetMs: 10_000, memoryMb: 512, threads: 2 });
    expect(loadConfig(productionEnv).evaluation).toEqual(EVALUATION_DEFAULTS);
  });

  it('come from EVALUATION_BUDGET_MS, EVALUATION_MEMORY_MB and EVALUATION_THREADS within their bounds', () => {
    expect(loadConfig({ ...productionEnv, EVALUATION_BUDGET_MS: '10', EVALUATION_MEMORY_MB: '64', EVALUATION_THREADS: '1' }).evaluation).toEqual({ budgetMs: 10, memoryMb: 64, threads: 1 });
    for (const [name, value] of [
      ['EVALUATION_BUDGET_MS', '9'],
      ['EVALUATION_BUDGET_MS', 'forever'],
      ['EVALUATION_MEMORY_MB', '63'],
      ['EVALUATION_THREADS', '0'],
      ['EVALUATION_THREADS', '65'],
    ]) {
      expect(() => loadConfig({ ...productionEnv, [name]: value }), `${name}=${value}`).toThrow(new RegExp(`^${name}: `));
    }
  });
});
