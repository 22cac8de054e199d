import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../../apps/api/src/bootstrap';
import { type AppConfig, EVALUATION_DEFAULTS, LOGIN_THROTTLE_DEFAULTS, QUEUE_DEFAULTS } from '../../../apps/api/src/config/app-config';
import type { DatabaseTarget } from '../../../apps/api/src/database/data-source-options';
import { startEmbeddedPostgres } from '../../../apps/api/src/database/embedded-postgres';
import { ensureAppRole, withRole } from '../../../apps/api/src/database/database-roles';
import { runMigrations, runMigrationsWith } from '../../../apps/api/src/database/migrations';

export interface TestApp {
  app: INestApplication;
  /** What the app connects to: on PostgreSQL as the app role, which owns nothing (as in production). */
  database: DatabaseTarget;
  /** The role owning the tables (the one migrations ran as); on PGlite the only role, the app's. */
  ownerUrl: string;
  /** Runs one statement as the owner (DDL, or tampering with what the app role may not touch); returns the rows. */
  ownerQuery<T = Record<string, unknown>>(sql: string, values?: unknown[]): Promise<T[]>;
  mode: 'postgres' | 'pglite';
  http(): TestAgent;
  close(): Promise<void>;
}

/**
 * Boots the real Nest app on a fresh database: a new database on the PostgreSQL server named by
 * TEST_DATABASE_URL (dropped afterwards), or, without it, an in-memory PGlite. On PostgreSQL the
 * migrations run as TEST_DATABASE_URL's role and the app signs in as an app role of its own made by
 * `npm run migrate`'s grants (dropped afterwards too), so every e2e test also proves those grants suffice.
 */
export async function startTestApp(overrides: Partial<AppConfig> = {}, pool: Pick<DatabaseTarget, 'poolIdleMs'> = {}): Promise<TestApp> {
  const serverUrl = process.env.TEST_DATABASE_URL || undefined;
  let database: DatabaseTarget;
  let ownerUrl: string;
  let dispose: () => Promise<void>;
  if (serverUrl) {
    const name = `carescore_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
    const appRole = `${name}_app`;
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    ownerUrl = url.toString();
    dispose = async () => {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.query(`DROP ROLE IF EXISTS ${appRole}`);
      await client.end();
    };
    const appUrl = withRole(ownerUrl, appRole, randomBytes(12).toString('hex'));
    try {
      await runMigrations({ url: ownerUrl, embedded: false });
      const owner = new Client({ connectionString: ownerUrl });
      await owner.connect();
      try {
        await ensureAppRole(owner, appUrl);
      } finally {
        await owner.end();
      }
    } catch (error) {
      await dispose();
      throw error;
    }
    database = { url: appUrl, embedded: false, ...pool };
  } else {
    const embedded = await startEmbeddedPostgres(undefined);
    database = { url: embedded.url, embedded: true, ...pool };
    ownerUrl = embedded.url;
    dispose = () => embedded.stop();
  }
  const config: AppConfig = {
    mode: serverUrl ? 'production' : 'embedded',
    databaseUrl: database.url,
    dataDir: '/nonexistent',
    port: 0,
    jwtSecret: randomBytes(32).toString('hex'),
    jwtTtl: '1h',
    databaseRoleCheck: 'refuse',
    bodyLimit: '256kb',
    corsOrigins: [],
    scorecardCacheBytes: 64 * 1024 * 1024,
    ...QUEUE_DEFAULTS,
    loginThrottle: LOGIN_THROTTLE_DEFAULTS,
    evaluation: EVALUATION_DEFAULTS,
    ...overrides,
  };
  const app = await createApp(config, database, { logger: process.env.TEST_LOG ? ['error', 'warn'] : false });
  if (!serverUrl) await runMigrationsWith(app.get(DataSource));
  await app.init();
  return {
    app,
    database,
    ownerUrl,
    async ownerQuery<T>(sql: string, values: unknown[] = []): Promise<T[]> {
      // PGlite has one role and one session: the app's own connection is the owner's.
      if (!serverUrl) return (await app.get(DataSource).query(sql, values)) as T[];
      const owner = new Client({ connectionString: ownerUrl });
      await owner.connect();
      try {
        return (await owner.query(sql, values)).rows as T[];
      } finally {
        await owner.end();
      }
    },
    mode: serverUrl ? 'postgres' : 'pglite',
    http: () => request(app.getHttpServer()),
    async close() {
      await app.close();
      await dispose();
    },
  };
}
