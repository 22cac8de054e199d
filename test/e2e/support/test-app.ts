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
import { runMigrationsWith } from '../../../apps/api/src/database/migrations';

export interface TestApp {
  app: INestApplication;
  database: DatabaseTarget;
  mode: 'postgres' | 'pglite';
  http(): TestAgent;
  close(): Promise<void>;
}

/**
 * Boots the real Nest app on a fresh database: a new database on the PostgreSQL server named by
 * TEST_DATABASE_URL (dropped afterwards), or, without it, an in-memory PGlite.
 */
export async function startTestApp(overrides: Partial<AppConfig> = {}, pool: Pick<DatabaseTarget, 'poolIdleMs'> = {}): Promise<TestApp> {
  const serverUrl = process.env.TEST_DATABASE_URL || undefined;
  let database: DatabaseTarget;
  let dispose: () => Promise<void>;
  if (serverUrl) {
    const name = `carescore_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    database = { url: url.toString(), embedded: false, ...pool };
    dispose = async () => {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
  } else {
    const embedded = await startEmbeddedPostgres(undefined);
    database = { url: embedded.url, embedded: true, ...pool };
    dispose = () => embedded.stop();
  }
  const config: AppConfig = {
    mode: serverUrl ? 'production' : 'embedded',
    databaseUrl: database.url,
    dataDir: '/nonexistent',
    port: 0,
    jwtSecret: randomBytes(32).toString('hex'),
    jwtTtl: '1h',
    bodyLimit: '256kb',
    corsOrigins: [],
    scorecardCacheBytes: 64 * 1024 * 1024,
    ...QUEUE_DEFAULTS,
    loginThrottle: LOGIN_THROTTLE_DEFAULTS,
    evaluation: EVALUATION_DEFAULTS,
    ...overrides,
  };
  const app = await createApp(config, database, { logger: process.env.TEST_LOG ? ['error', 'warn'] : false });
  await runMigrationsWith(app.get(DataSource));
  await app.init();
  return {
    app,
    database,
    mode: serverUrl ? 'postgres' : 'pglite',
    http: () => request(app.getHttpServer()),
    async close() {
      await app.close();
      await dispose();
    },
  };
}
