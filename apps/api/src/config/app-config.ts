import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  /** The owner role's connection, for `npm run migrate` only; the API and workers never need it. */
  MIGRATION_DATABASE_URL: z.string().url().optional(),
  DATABASE_ROLE_CHECK: z.enum(['refuse', 'warn']).optional(),
  REDIS_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('.data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  JWT_SECRET: z.string().superRefine((secret, ctx) => {
    const weakness = jwtSecretWeakness(secret);
    if (weakness) ctx.addIssue({ code: 'custom', message: `${weakness}; generate one with \`openssl rand -hex 32\`` });
  }).optional(),
  JWT_TTL: z.string().default('12h'),
  BODY_LIMIT: z.string().default('2mb'),
  /** Comma-separated origins allowed to call the API from a browser; unset: none (no CORS headers at all). */
  CORS_ORIGIN: z
    .string()
    .transform((list, ctx) => {
      const origins = list.split(',').map((origin) => origin.trim()).filter((origin) => origin !== '');
      for (const origin of origins) {
        if (!isOrigin(origin)) ctx.addIssue({ code: 'custom', message: `${origin} is not an origin; list origins like https://console.example.org (scheme, host and port only), separated by commas` });
      }
      return origins;
    })
    .optional(),
  EVALUATION_CHUNK_SIZE: z.coerce.number().int().min(1).max(100000).default(1000),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  JOB_LOCK_MS: z.coerce.number().int().min(1000).default(30000),
  EVALUATION_BUDGET_MS: z.coerce.number().int().min(10).max(3_600_000).default(10_000),
  EVALUATION_MEMORY_MB: z.coerce.number().int().min(64).max(16_384).default(512),
  EVALUATION_THREADS: z.coerce.number().int().min(1).max(64).default(2),
  SCORECARD_CACHE_MB: z.coerce.number().min(0).max(4096).default(64),
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only').default('carescore'),
  LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100000).default(20),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(900),
  SURVEY_REQUESTS_PER_ADDRESS: z.coerce.number().int().min(1).max(100000).default(60),
  SURVEY_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(600),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2}|[0-9A-Za-z.:/, ]+)$/, 'true, false, a hop count, or addresses/subnets (loopback, 10.0.0.0/8, …)')
    .optional(),
});

export interface AppConfig {
  /** embedded: PGlite under dataDir, jobs in-process; production: DATABASE_URL (+ REDIS_URL). */
  mode: 'embedded' | 'production';
  databaseUrl?: string;
  /** The role owning the tables (MIGRATION_DATABASE_URL), used by `npm run migrate`; unset: DATABASE_URL's role does both. */
  migrationDatabaseUrl?: string;
  /**
   * What the API and workers do at start when their database role could rewrite the audit log (owns it, is a
   * superuser or may UPDATE/DELETE it): refuse to start, or warn. Default: refuse in production, warn in embedded
   * mode (PGlite has one role).
   */
  databaseRoleCheck: 'refuse' | 'warn';
  redisUrl?: string;
  dataDir: string;
  port: number;
  jwtSecret: string;
  jwtTtl: string;
  bodyLimit: string;
  /** Origins a browser may call the API from (CORS_ORIGIN); empty: CORS stays closed. */
  corsOrigins: string[];
  /** Staff per chunk of an evaluation run: the unit of work, progress and retry. */
  evaluationChunkSize: number;
  /** Jobs one worker process runs at once. */
  workerConcurrency: number;
  /** How long a worker holds a job before others may take it over (a crashed worker's job is retried after this). */
  jobLockMs: number;
  /** Limits of one evaluation (a preview, a run's chunk) in the evaluation threads; see SchemeEvaluator. */
  evaluation: EvaluationLimits;
  /** Redis key prefix of the queues, so several deployments (or test runs) can share one Redis. */
  queuePrefix: string;
  /** Memory for the scorecard detail responses an API process keeps (0: none); see ScorecardDetailCache. */
  scorecardCacheBytes: number;
  /** Failed sign-ins allowed per account (email) and per client address in one window; see LoginThrottle. */
  loginThrottle: LoginThrottleConfig;
  /** Requests to the public survey pages (/s/<token>) allowed per client address in one window; see SurveyThrottle. Unset: the defaults. */
  surveyThrottle?: SurveyThrottleConfig;
  /** Express's `trust proxy`: behind a reverse proxy, which hops' X-Forwarded-For to believe for the client address. */
  trustProxy?: boolean | number | string;
}

export interface EvaluationLimits {
  /** Wall-clock time one evaluation may take in its thread (EVALUATION_BUDGET_MS). */
  budgetMs: number;
  /** Heap of one evaluation thread (EVALUATION_MEMORY_MB). */
  memoryMb: number;
  /** Evaluation threads per process (EVALUATION_THREADS). */
  threads: number;
}

export const EVALUATION_DEFAULTS: EvaluationLimits = { budgetMs: 10_000, memoryMb: 512, threads: 2 };

export interface LoginThrottleConfig {
  failuresPerAccount: number;
  failuresPerAddress: number;
  windowMs: number;
}

export interface SurveyThrottleConfig {
  requestsPerAddress: number;
  windowMs: number;
}

export const SURVEY_THROTTLE_DEFAULTS: SurveyThrottleConfig = { requestsPerAddress: 60, windowMs: 10 * 60 * 1000 };

export const LOGIN_THROTTLE_DEFAULTS: LoginThrottleConfig = { failuresPerAccount: 5, failuresPerAddress: 20, windowMs: 15 * 60 * 1000 };

function trustProxy(value: string | undefined): boolean | number | string | undefined {
  if (value === undefined || value === 'false') return undefined;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** The defaults of the settings tests and embedded callers rarely change. */
export const QUEUE_DEFAULTS = { evaluationChunkSize: 1000, workerConcurrency: 2, jobLockMs: 30000, queuePrefix: 'carescore' } as const;

/** Fewer distinct characters than this cannot be a random secret (a 32-character hex string has about 15). */
const SECRET_MIN_DISTINCT = 10;
const SECRET_PLACEHOLDERS = /change.?me|placeholder|example|secret|password|your.?key/i;

/**
 * Why a JWT_SECRET is too weak to sign tokens with, or null: at least 32 characters, no
 * surrounding whitespace, at least ten distinct characters, not one piece repeated, no
 * placeholder words. A value from `openssl rand -hex 32` passes; `35 spaces`, `aaaa…`,
 * `changeme-changeme-…` and `0123456789abcdef0123456789abcdef` do not.
 */
export function jwtSecretWeakness(secret: string): string | null {
  if (secret.length < 32) return 'must be at least 32 characters';
  if (secret.trim() === '') return 'is only whitespace';
  if (secret.trim() !== secret) return 'must not start or end with whitespace';
  const distinct = new Set(secret).size;
  if (distinct < SECRET_MIN_DISTINCT) return `has only ${distinct} distinct characters, so it is guessable`;
  if (/^(.+?)\1+$/s.test(secret)) return 'is one shorter piece repeated, so it is guessable';
  if (SECRET_PLACEHOLDERS.test(secret)) return 'looks like a placeholder (it contains a word such as "secret", "password" or "changeme")';
  return null;
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Embedded mode keeps a generated secret beside the data so tokens survive restarts. */
function embeddedJwtSecret(dataDir: string): string {
  const file = resolve(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable means unset (`DATABASE_URL= npm start`).
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  }
  const vars = parsed.data;
  const mode = vars.DATABASE_URL ? 'production' : 'embedded';
  const dataDir = resolve(vars.DATA_DIR);
  if (vars.MIGRATION_DATABASE_URL && !vars.DATABASE_URL) throw new ConfigError('MIGRATION_DATABASE_URL needs DATABASE_URL (the app role the API signs in as)');
  if (mode === 'production' && !vars.JWT_SECRET) throw new ConfigError('JWT_SECRET is required when DATABASE_URL is set (at least 32 characters)');
  return {
    mode,
    databaseUrl: vars.DATABASE_URL,
    migrationDatabaseUrl: vars.MIGRATION_DATABASE_URL,
    databaseRoleCheck: vars.DATABASE_ROLE_CHECK ?? (mode === 'production' ? 'refuse' : 'warn'),
    redisUrl: vars.REDIS_URL,
    dataDir,
    port: vars.PORT,
    jwtSecret: vars.JWT_SECRET ?? embeddedJwtSecret(dataDir),
    jwtTtl: vars.JWT_TTL,
    bodyLimit: vars.BODY_LIMIT,
    corsOrigins: vars.CORS_ORIGIN ?? [],
    evaluationChunkSize: vars.EVALUATION_CHUNK_SIZE,
    workerConcurrency: vars.WORKER_CONCURRENCY,
    jobLockMs: vars.JOB_LOCK_MS,
    queuePrefix: vars.QUEUE_PREFIX,
    evaluation: { budgetMs: vars.EVALUATION_BUDGET_MS, memoryMb: vars.EVALUATION_MEMORY_MB, threads: vars.EVALUATION_THREADS },
    scorecardCacheBytes: Math.round(vars.SCORECARD_CACHE_MB * 1024 * 1024),
    loginThrottle: { failuresPerAccount: vars.LOGIN_FAILURES_PER_ACCOUNT, failuresPerAddress: vars.LOGIN_FAILURES_PER_ADDRESS, windowMs: vars.LOGIN_WINDOW_SECONDS * 1000 },
    surveyThrottle: { requestsPerAddress: vars.SURVEY_REQUESTS_PER_ADDRESS, windowMs: vars.SURVEY_WINDOW_SECONDS * 1000 },
    trustProxy: trustProxy(vars.TRUST_PROXY),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
