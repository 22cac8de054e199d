import { DataSource } from 'typeorm';
import { type DatabaseTarget, dataSourceOptions } from './data-source-options';

export class PendingMigrationsError extends Error {
  override name = 'PendingMigrationsError';
  constructor(readonly pending: string[]) {
    super(`the database has ${pending.length} pending migration(s): ${pending.join(', ')}. Run \`npm run migrate\` first.`);
  }
}

async function withDataSource<T>(target: DatabaseTarget, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = new DataSource(dataSourceOptions(target));
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Names of migrations not yet applied. */
export async function pendingMigrations(target: DatabaseTarget): Promise<string[]> {
  return withDataSource(target, async (dataSource) => {
    const runner = dataSource.createQueryRunner();
    try {
      const hasTable = await runner.hasTable(dataSource.options.migrationsTableName ?? 'migrations');
      const applied = hasTable ? ((await runner.query(`SELECT name FROM ${dataSource.options.migrationsTableName ?? 'migrations'}`)) as Array<{ name: string }>) : [];
      const done = new Set(applied.map((row) => row.name));
      return dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name).filter((name) => !done.has(name));
    } finally {
      await runner.release();
    }
  });
}

/** Applies pending migrations; returns the names applied. */
export async function runMigrations(target: DatabaseTarget): Promise<string[]> {
  return withDataSource(target, async (dataSource) => (await dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name));
}

export async function assertNoPendingMigrations(target: DatabaseTarget): Promise<void> {
  const pending = await pendingMigrations(target);
  if (pending.length > 0) throw new PendingMigrationsError(pending);
}

/**
 * Applies pending migrations through an already open DataSource. Embedded mode uses this with the
 * app's own DataSource: PGlite serves one connection at a time, so a second short-lived
 * DataSource would only make the app's first connection wait for the socket to free up.
 */
export async function runMigrationsWith(dataSource: DataSource): Promise<string[]> {
  return (await dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name);
}
