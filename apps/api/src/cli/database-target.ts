import { resolve } from 'node:path';
import type { AppConfig } from '../config/app-config';
import type { DatabaseTarget } from '../database/data-source-options';
import { startEmbeddedPostgres } from '../database/embedded-postgres';

/**
 * The database a command-line tool works on: DATABASE_URL (MIGRATION_DATABASE_URL, when set, for the tool that needs
 * the owner role: `owner`), or the embedded one under DATA_DIR (server stopped).
 */
export async function openDatabaseTarget(config: AppConfig, options: { owner?: boolean } = {}): Promise<{ target: DatabaseTarget; close(): Promise<void> }> {
  if (config.mode === 'production') {
    const url = (options.owner ? config.migrationDatabaseUrl : undefined) ?? (config.databaseUrl as string);
    return { target: { url, embedded: false }, close: async () => undefined };
  }
  const embedded = await startEmbeddedPostgres(resolve(config.dataDir, 'pg'));
  return { target: { url: embedded.url, embedded: true }, close: () => embedded.stop() };
}

export function fail(message: string): never {
  console.error(`carescore: ${message}`);
  process.exit(1);
}
