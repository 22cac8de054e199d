import 'reflect-metadata';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { bootLogger, createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';
import type { DatabaseTarget } from './database/data-source-options';
import { checkDatabaseRole, DatabaseRoleError } from './database/database-roles';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './database/embedded-postgres';
import { assertNoPendingMigrations, PendingMigrationsError, runMigrationsWith } from './database/migrations';
import { ensureDemoData } from './seed/demo-seed';

async function main(): Promise<void> {
  const config = loadConfig();
  let embedded: EmbeddedPostgres | undefined;
  let target: DatabaseTarget;
  if (config.mode === 'embedded') {
    bootLogger.log(`embedded mode: PostgreSQL (PGlite) under ${resolve(config.dataDir, 'pg')}`);
    embedded = await startEmbeddedPostgres(resolve(config.dataDir, 'pg'));
    target = { url: embedded.url, embedded: true };
  } else {
    target = { url: config.databaseUrl as string, embedded: false };
    await assertNoPendingMigrations(target);
  }

  const app = await createApp(config, target);
  if (config.mode === 'embedded') {
    const applied = await runMigrationsWith(app.get(DataSource));
    if (applied.length > 0) bootLogger.log(`applied migrations: ${applied.join(', ')}`);
    // Initialised before the demo is loaded, so its runs see every module's hooks (zone cases).
    await app.init();
    await ensureDemoData(app, bootLogger);
  }
  const dataSource = app.get(DataSource);
  await checkDatabaseRole({ check: config.databaseRoleCheck, embedded: target.embedded }, (sql) => dataSource.query(sql), (message) => bootLogger.warn(message));
  await app.listen(config.port);
  const url = `http://localhost:${config.port}`;
  bootLogger.log(`CareScore API on ${url}/api — OpenAPI docs on ${url}/api/docs`);

  const stop = async () => {
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof PendingMigrationsError || error instanceof DatabaseRoleError) {
    console.error(`carescore: ${error.message}`);
  } else {
    console.error('carescore: could not start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
