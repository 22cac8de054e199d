import { resolve } from 'node:path';
import type { AppConfig } from '../config/app-config';
import type { DatabaseTarget } from '../database/data-source-options';
import { startEmbeddedPostgres } from '../database/embedded-postgres';

/** The database a command-line tool works on: DATABASE_URL, or the embedded one under DATA_DIR (server stopped). */
export async function openDatabaseTarget(config: AppConfig): Promise<{ target: DatabaseTarget; close(): Promise<void> }> {
  if (config.mode === 'production') return { target: { url: config.databaseUrl as string, embedded: false }, close: async () => undefined };
  const embedded = await startEmbeddedPostgres(resolve(config.dataDir, 'pg'));
  return { target: { url: embedded.url, embedded: true }, close: () => embedded.stop() };
}

export function fail(message: string): never {
  console.error(`carescore: ${message}`);
  process.exit(1);
}
