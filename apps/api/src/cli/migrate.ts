import { loadConfig } from '../config/app-config';
import { runMigrations } from '../database/migrations';
import { fail, openDatabaseTarget } from './database-target';

async function main(): Promise<void> {
  const config = loadConfig();
  const { target, close } = await openDatabaseTarget(config);
  try {
    const applied = await runMigrations(target);
    console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'the database is up to date');
  } finally {
    await close();
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
